"""The calendar plugin's bench scenario (hooked into bench.py as "calendar").

Starts its own server with the calendar plugin on a fresh SQLite database, fills a city of
neighbourhoods with events through the API (full run: 100 neighbourhoods, 50,000 events of which
10 % weekly series of ten dates; smoke: 5 and 400), then measures the month view of one
neighbourhood with wrk (`GET /api/p/calendar/occurrences?...&neighbourhood=`) and the time to
serve a public iCal feed of 1,000 events (smoke: 100), median and worst of 20 requests.
"""
import concurrent.futures
import http.cookiejar
import json
import os
import random
import subprocess
import time
import urllib.request

PASSWORD = "Kalender im Rathaus 2026!"
JUNE = 1780272000000  # 2026-06-01T00:00Z
JULY = 1782864000000


class Client:
    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.csrf = ""

    def call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base + path, data=data, method=method)
        req.add_header("Content-Type", "application/json")
        if self.csrf:
            req.add_header("X-CSRF-Token", self.csrf)
        with self.opener.open(req, timeout=30) as r:
            text = r.read()
            return json.loads(text) if text else {}

    def cookie(self):
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)


def start(args, run_dir, port, readers):
    db = os.path.join(run_dir, "calendar.db")
    cfg = os.path.join(run_dir, "calendar.toml")
    with open(cfg, "w") as f:
        f.write(f"""[server]
listen = "127.0.0.1:{port}"
development = true
[database]
url = "sqlite:{db}"
[auth]
writes_per_user_10min = 1000000
api_requests_per_user_5min = 100000000
login_attempts_per_ip_5min = 100000
[plugins]
enabled = ["groups", "calendar"]
[mail]
outbox_dir = "{os.path.join(run_dir, 'calendar-mail')}"
[log]
level = "warn"
""")
    quartier = os.path.join(args.bin_dir, "quartier")
    add = lambda email, name, role: subprocess.run(
        [quartier, "user", "add", "--config", cfg, "--email", email, "--name", name, "--role", role, "--password-stdin"],
        input=PASSWORD + "\n", text=True, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    add("bench-admin@example.org", "Rathaus", "admin")
    # Readers for the month view: staff read every neighbourhood; several, so that the view is
    # measured for different people (the per-person API budget is lifted above for the load).
    # One at a time: the CLI writes the database.
    for i in range(readers):
        add(f"reader{i}@example.org", f"Leserin {i}", "staff")
    return serve(quartier, cfg, run_dir, port, "calendar-server.log")


def serve(quartier, cfg, run_dir, port, log_name):
    """`quartier serve` with the configuration, its output in run_dir/log_name; (process, log file)
    once /readyz answers (also used by calendar_import_bench.py)."""
    log_file = open(os.path.join(run_dir, log_name), "w")
    proc = subprocess.Popen([quartier, "serve", "--config", cfg], stdout=log_file, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 120
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=2) as r:
                if r.status == 200:
                    return proc, log_file
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"the bench server did not start; see {log_name}")
        time.sleep(0.2)


def stop(proc, log_file):
    """Ends a server that serve() started (killed if it does not stop within 30 s)."""
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
    log_file.close()


def event_body(rng, container, i):
    day = rng.randrange(0, 365)
    hour = rng.randrange(8, 21)
    start = time.gmtime(1767225600 + day * 86400)  # 2026-01-01
    date = f"{start.tm_year}-{start.tm_mon:02d}-{start.tm_mday:02d}"
    body = {"container_id": container, "title": f"Termin {i}", "description": "Ein Termin im **Quartier**.",
            "starts": f"{date}T{hour:02d}:00", "ends": f"{date}T{hour + 1:02d}:30", "address": f"Marktplatz {i % 50}",
            "category": rng.choice(["culture", "sport", "family", "neighbourhood", "council", "other"])}
    if i % 10 == 0:
        body["rrule"] = "FREQ=WEEKLY;COUNT=10"
    return body


def fill(client, base, containers, count, seed=7):
    """Creates `count` events spread over the containers, four requests at a time."""
    rng = random.Random(seed)
    bodies = [event_body(rng, containers[i % len(containers)], i) for i in range(count)]

    def one(b):
        c = Client(base)
        c.jar, c.opener, c.csrf = client.jar, client.opener, client.csrf
        c.call("POST", "/api/p/calendar/events", b)

    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        list(pool.map(one, bodies))


def readers(base, count):
    """Session cookies of the reader accounts, signed in four at a time."""
    def one(i):
        c = Client(base)
        c.call("POST", "/api/auth/login", {"email": f"reader{i}@example.org", "password": PASSWORD})
        return c.cookie()

    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        return list(pool.map(one, range(count)))


def month_view(port, cookies, neighbourhood, duration, connections):
    url = (f"http://127.0.0.1:{port}/api/p/calendar/occurrences?from={JUNE}&to={JULY}&neighbourhood={neighbourhood}")
    script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "wrk", "calendar.lua")
    p = subprocess.run(["wrk", "-t", "1", "-c", str(connections), "-d", f"{duration}s", "--latency", "-s", script, url],
                       capture_output=True, text=True, env=dict(os.environ, QT_CAL_COOKIES="|".join(cookies)))
    out = {"rps": 0.0, "errors": 0}
    for line in p.stdout.splitlines():
        parts = line.split()
        if line.startswith("Requests/sec:"):
            out["rps"] = float(parts[1])
        elif "Non-2xx" in line or line.strip().startswith("Socket errors"):
            out["errors"] += sum(int(x.strip(",")) for x in parts if x.strip(",").isdigit())
        elif len(parts) == 2 and parts[0] in ("50%", "99%"):
            v = parts[1]
            ms = float(v[:-2]) if v.endswith("ms") else float(v[:-2]) / 1000 if v.endswith("us") else float(v[:-1]) * 1000
            out["p50_ms" if parts[0] == "50%" else "p99_ms"] = ms
    if p.returncode != 0:
        out["failed"] = p.stderr[-300:]
    return out


def feed_time(port, container):
    times, size = [], 0
    for _ in range(20):
        t = time.monotonic()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/p/calendar/calendars/{container}/calendar.ics", timeout=30) as r:
            size = len(r.read())
        times.append((time.monotonic() - t) * 1000)
    times.sort()
    return {"median_ms": times[len(times) // 2], "worst_ms": times[-1], "bytes": size}


def run(args, run_dir, free_port, log):
    """Runs the scenario; returns its figures (or {"failed": ...})."""
    full = not args.smoke
    hoods, events, feed_events = (100, 50000, 1000) if full else (5, 400, 100)
    reader_count = 40 if full else 8
    port = free_port()
    proc, log_file = None, None
    base = f"http://127.0.0.1:{port}"
    try:
        proc, log_file = start(args, run_dir, port, reader_count)
        admin = Client(base)
        admin.csrf = admin.call("POST", "/api/auth/login", {"email": "bench-admin@example.org", "password": PASSWORD})["csrf_token"]
        for n in range(hoods):
            admin.call("POST", "/api/neighbourhoods", {"slug": f"q{n}", "name": f"Quartier {n}"})
        cals = admin.call("GET", "/api/p/calendar/calendars")["calendars"]
        hood_cals = [c["id"] for c in cals if c["kind"] == "neighbourhood"]
        group = admin.call("POST", "/api/p/groups/groups", {"name": "Stadtverwaltung Termine", "visibility": "public", "category": "verwaltung"})
        t = time.monotonic()
        fill(admin, base, hood_cals, events - feed_events)
        fill(admin, base, [group["container_id"]], feed_events, seed=11)
        fill_s = time.monotonic() - t
        log(f"  calendar: {events:,} events ({events // 10:,} weekly series) in {hoods} neighbourhoods made in {fill_s:.0f} s")
        hood = admin.call("GET", "/api/neighbourhoods")
        hood_id = (hood.get("neighbourhoods") or hood.get("items"))[0]["id"]
        listed = admin.call("GET", f"/api/p/calendar/occurrences?from={JUNE}&to={JULY}&neighbourhood={hood_id}")
        month = month_view(port, readers(base, reader_count), hood_id, args.duration, 8 if args.smoke else 32)
        month["dates"] = len(listed["occurrences"])
        feed = feed_time(port, group["container_id"])
        log(f"  calendar month view of one neighbourhood ({month['dates']} dates): {month['rps']:,.0f} req/s, "
            f"p50 {month.get('p50_ms', 0):.2f} ms, p99 {month.get('p99_ms', 0):.2f} ms, {month['errors']} errors")
        log(f"  calendar public feed of {feed_events:,} events ({feed['bytes'] / 1024:,.0f} KiB): median {feed['median_ms']:.1f} ms, "
            f"worst {feed['worst_ms']:.1f} ms")
        return {"month": month, "feed": feed, "events": events, "fill_s": fill_s,
                "requests": 1, "errors": month["errors"], **({"failed": month["failed"]} if "failed" in month else {})}
    except Exception as e:  # noqa: BLE001 - reported as the scenario's failure
        return {"failed": f"{type(e).__name__}: {e}", "errors": 1, "requests": 0}
    finally:
        if proc:
            stop(proc, log_file)


def report_lines(r):
    """The scenario's paragraph for the results table (nothing when it did not run)."""
    if r is None:
        return []
    if "failed" in r:
        return [f"Calendar: failed: {r['failed'][:200]}", ""]
    m, f = r["month"], r["feed"]
    return [f"Calendar (own server, {r['events']:,} events, 10 % weekly series, made through the API in {r['fill_s']:.0f} s): "
            f"month view of one neighbourhood ({m['dates']} dates) {m['rps']:,.0f} req/s, p50 {m.get('p50_ms', 0):.2f} ms, "
            f"p99 {m.get('p99_ms', 0):.2f} ms, {m['errors']} errors; public iCal feed ({f['bytes'] / 1024:,.0f} KiB) "
            f"median {f['median_ms']:.1f} ms, worst {f['worst_ms']:.1f} ms.", ""]
