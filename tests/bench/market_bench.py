"""The market plugin's part of scripts/bench (issue: 5,000 businesses and 100,000 listings in the
bench city; the directory with "open now" and a faceted listing search).

bench.py enables the plugin in the server's config (CONFIG), adds the two scenarios (SCENARIOS)
and calls seed() once the server has started, i.e. after the plugin's migrations ran. The rows
go straight into the plugin's own tables with SQLite, like benchgen writes the city: generating
100,000 listings through the API would take longer than the whole bench. Listings seeded this way
have no stream item (content_id NULL): the search reads only the plugin's tables. The wrk script
reads the request paths of each scenario from <scenario>.paths in the data folder.
"""
import json
import os
import random
import sqlite3
import time

CONFIG = '[plugins]\nenabled = ["market"]\n'

# name, label, wrk connections (full run), wrk connections (smoke)
SCENARIOS = [
    ("market_directory", "market: business directory, open now (`GET /api/p/market/businesses?open_now=1`)", 64, 8),
    ("market_search", "market: faceted listing search (`GET /api/p/market/listings?type=&category=&max_price_cents=`)", 64, 8),
]

BUSINESS_CATEGORIES = ["shop", "craft", "restaurant", "market_stall", "social_enterprise", "service", "other"]
LISTING_CATEGORIES = ["household", "furniture", "clothing", "children", "books", "media", "electronics", "garden",
                      "tools", "sports", "bikes", "food", "services", "other"]
TYPES = ["search", "offer", "give_away", "lend", "swap", "sell"]
DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def _hours(rng):
    """Typical plans: shop hours, a lunch break, a market morning, around the clock."""
    kind = rng.randrange(4)
    if kind == 0:
        week = {d: [{"from": "09:00", "to": "18:00"}] for d in DAYS[:5]}
        week["sat"] = [{"from": "09:00", "to": "14:00"}]
    elif kind == 1:
        week = {d: [{"from": "08:00", "to": "12:30"}, {"from": "14:00", "to": "18:30"}] for d in DAYS[:6]}
    elif kind == 2:
        week = {d: [{"from": "07:00", "to": "13:00"}] for d in ("wed", "sat")}
    else:
        week = {d: [{"from": "00:00", "to": "24:00"}] for d in DAYS}
    return json.dumps({"weekly": week, "holidays": ["2026-12-25", "2026-12-26"], "exceptions": []})


def seed(db, data_dir, scale):
    """Fills market_businesses and market_listings and writes the scenarios' request paths."""
    rng = random.Random(21)
    # QT_MARKET_SCALE measures the full size (1.0) in a smaller, quicker city.
    scale = float(os.environ.get("QT_MARKET_SCALE", scale))
    businesses, listings = max(20, int(5000 * scale)), max(200, int(100000 * scale))
    now = int(time.time() * 1000)
    with sqlite3.connect(db, timeout=30) as c:
        if c.execute("SELECT COUNT(*) FROM market_businesses").fetchone()[0] == 0:
            hoods = [r[0] for r in c.execute("SELECT id FROM neighbourhoods ORDER BY id")]
            people = [(r[0], r[1]) for r in c.execute(
                "SELECT id, neighbourhood_id FROM users WHERE role = 'resident' AND neighbourhood_id IS NOT NULL")]
            c.executemany(
                "INSERT INTO market_businesses (name, category, neighbourhood_id, address, lat, lon, hours, payment,"
                " created_by, created_at, updated_at, verified_at) VALUES (?,?,?,?,?,?,?,'[\"cash\"]',?,?,?,?)",
                [(f"Betrieb {i}", rng.choice(BUSINESS_CATEGORIES), rng.choice(hoods), f"Hauptstraße {i}",
                  52.0 + rng.random() / 10, 13.0 + rng.random() / 10, _hours(rng), rng.choice(people)[0], now, now,
                  now if i % 3 else None) for i in range(1, businesses + 1)])
            c.execute("INSERT INTO market_managers (business_id, user_id, created_at) SELECT id, created_by, created_at"
                      " FROM market_businesses")
            rows = []
            for i in range(1, listings + 1):
                author, hood = rng.choice(people)
                kind = rng.choice(TYPES)
                price = rng.randrange(0, 20000) if kind in ("sell", "offer") else None
                rows.append((author, hood, kind, rng.choice(LISTING_CATEGORIES), "good", price, f"Anzeige {i}",
                             "Gut erhalten, abzuholen in der Nachbarschaft.", "Nähe Marktplatz", now + 30 * 86400000,
                             now, now))
            c.executemany(
                "INSERT INTO market_listings (author_id, neighbourhood_id, type, category, item_condition, price_cents,"
                " title, description, area, state, expires_at, created_at, updated_at)"
                " VALUES (?,?,?,?,?,?,?,?,?,'active',?,?,?)", rows)
        hoods = [r[0] for r in c.execute("SELECT id FROM neighbourhoods ORDER BY id")]
    with open(os.path.join(data_dir, "market_directory.paths"), "w") as f:
        for _ in range(500):
            q = f"/api/p/market/businesses?open_now=1&category={rng.choice(BUSINESS_CATEGORIES)}"
            f.write(q + (f"&neighbourhood_id={rng.choice(hoods)}\n" if rng.random() < 0.8 else "\n"))
    with open(os.path.join(data_dir, "market_search.paths"), "w") as f:
        for _ in range(500):
            q = f"/api/p/market/listings?type={rng.choice(TYPES)}&category={rng.choice(LISTING_CATEGORIES)}"
            f.write(q + (f"&max_price_cents={rng.randrange(500, 20000)}\n" if rng.random() < 0.5 else "\n"))
    return businesses, listings
