"""The help exchange's bench scenario (hooked into bench.py; `--only help` runs it alone).

On a copy of the generated city: the help plugin's tables are filled with 50,000 open requests and
20,000 helpers (two offers each; at most one per resident; the smoke run a hundredth), then the real server with
the plugin enabled is measured twice:
  - asking: new requests posted one after another (POST /api/p/help/requests), each matched to the
    helpers of its neighbourhood and category and their notifications stored before it answers;
    target p50 <= 20 ms; the stored notifications are counted afterwards to check the work was done;
  - the neighbourhood's open list (GET /api/p/help/requests) under wrk; target >= 2,000 req/s.
"""
import json
import os
import random
import shutil
import socket
import sqlite3
import statistics
import subprocess
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
CATEGORIES = ["shopping", "errands", "mobility", "care", "childcare", "tutoring", "repairs", "garden", "translation",
              "digital", "other"]


def _port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Server:
    def __init__(self, bin_dir, run_dir, db, log_level):
        self.port = _port()
        cfg = os.path.join(run_dir, "help.toml")
        with open(cfg, "w") as f:
            f.write(f'[server]\nlisten = "127.0.0.1:{self.port}"\ndevelopment = true\n[database]\nurl = "sqlite:{db}"\n'
                    f'[auth]\nwrites_per_user_10min = 1000000\napi_requests_per_user_5min = 100000000\n[mail]\noutbox_dir = "{os.path.join(run_dir, "mail")}"\n'
                    f'[log]\nlevel = "{log_level}"\n[plugins]\nenabled = ["help"]\n')
        self.log = open(os.path.join(run_dir, "help-server.log"), "a")
        self.proc = subprocess.Popen([os.path.join(bin_dir, "quartier"), "serve", "--config", cfg],
                                     stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 120
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the server with the help plugin exited during start; see {self.log.name}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/readyz", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("the server with the help plugin did not become ready within 120 s")
            time.sleep(0.2)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


def _seed(db, scale):
    """Offers and open requests straight into the plugin's tables (the server created them)."""
    rnd = random.Random(19)
    # The figures whatever the scale (helpers at most as many as residents); smoke: a hundredth.
    helpers_n, requests_n = (200, 500) if scale <= 0.01 else (20000, 50000)
    now = int(time.time() * 1000)
    with sqlite3.connect(db) as c:
        people = c.execute("SELECT id, neighbourhood_id FROM users WHERE role = 'resident' AND status = 'active'"
                           " AND neighbourhood_id IS NOT NULL").fetchall()
        helpers = rnd.sample(people, min(helpers_n, len(people)))
        offers = []
        for uid, nb in helpers:
            for cat in rnd.sample(CATEGORIES, 2):
                offers.append((uid, cat, "Gern", nb, "any", now, now))
        c.executemany("INSERT INTO help_offers (helper_id, category, text, neighbourhood_id, when_kind, created_at,"
                      " updated_at) VALUES (?,?,?,?,?,?,?)", offers)
        reqs = []
        for _ in range(requests_n):
            uid, nb = rnd.choice(people)
            t = now - rnd.randint(0, 30 * 86400 * 1000)
            reqs.append((uid, rnd.choice(CATEGORIES), "Wer kann mir beim Einkaufen helfen?", "regularly", nb, "normal",
                         0, "open", t, t))
        c.executemany("INSERT INTO help_requests (asker_id, category, text, when_kind, neighbourhood_id, urgency,"
                      " risk_group, status, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)", reqs)
    return len(helpers), len(offers), requests_n


def _sessions(data_dir, n):
    with open(os.path.join(data_dir, "sessions.tsv")) as f:
        rows = [l.split("\t") for l in f.read().splitlines()[1:] if l]
    return rows[:n]


def _ask(server, sessions, count):
    """Posts `count` requests one by one; returns the latencies (ms) and helpers notified."""
    rnd = random.Random(7)
    times, notified, failures = [], 0, []
    for i in range(count):
        _, token, csrf, *_ = rnd.choice(sessions)
        body = json.dumps({"category": rnd.choice(CATEGORIES), "text": f"Einkauf für die Woche, Nummer {i}",
                           "when": "regularly", "urgency": "normal"}).encode()
        req = urllib.request.Request(f"http://127.0.0.1:{server.port}/api/p/help/requests", data=body, method="POST",
                                     headers={"Cookie": f"quartier_session={token}", "X-CSRF-Token": csrf,
                                              "Content-Type": "application/json"})
        t = time.perf_counter()
        try:
            with urllib.request.urlopen(req, timeout=10) as r:
                answer = json.loads(r.read())
            times.append((time.perf_counter() - t) * 1000)
            notified += answer["helpers_notified"]
        except OSError as e:
            failures.append(str(e)[:200])
    return times, notified, failures


def _cpu_seconds(pid):
    """The process's user + system CPU time so far (Linux /proc)."""
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _list(args, server, data_dir):
    env = dict(os.environ, QT_DATA=data_dir, QT_SESSIONS=str(min(args.spread, 5000)))
    if args.smoke:
        env["QT_SHOW_ERRORS"] = "1"
    cmd = ["wrk", "-t", str(args.wrk_threads), "-c", "8" if args.smoke else "64", "-d", f"{args.duration}s",
           "--timeout", "10s", "-s", os.path.join(HERE, "wrk", "help.lua"), f"http://127.0.0.1:{server.port}"]
    cpu0 = _cpu_seconds(server.proc.pid)
    p = subprocess.run(cmd, env=env, capture_output=True, text=True)
    cpu = _cpu_seconds(server.proc.pid) - cpu0
    lines = [l for l in p.stdout.splitlines() if l.startswith("{")]
    if p.returncode != 0 or not lines:
        return {"failed": f"wrk exited {p.returncode}: {p.stderr[-300:]}"}
    w = json.loads(lines[-1])
    errors = w["connect_errors"] + w["read_errors"] + w["write_errors"] + w["timeouts"] + w["status_errors"]
    secs = w["duration_us"] / 1e6
    return {"rps": w["requests"] / secs if secs else 0.0, "p50_ms": w["p50_us"] / 1000, "p99_ms": w["p99_us"] / 1000,
            "errors": errors, "requests": w["requests"],
            # The steadier figure on a shared machine: the server's CPU time per request.
            "cpu_us": 1e6 * cpu / w["requests"] if w["requests"] else 0.0}


# The targets (issue 19).
ASK_TARGET_MS = 20.0
LIST_TARGET_RPS = 2000.0


def _check(ok):
    return "pass ✓" if ok else "FAIL ✗"


def run(args, pristine, data_dir, run_dir, log):
    """Returns (markdown lines, failure text or None)."""
    if not os.path.exists(os.path.join(args.bin_dir, "..", "lib", "quartier", "plugins", "help.so")):
        return [], "help.so is not built next to the server (build the target help_plugin)"
    db = os.path.join(run_dir, "help.db")
    shutil.copyfile(pristine, db)
    now = int(time.time() * 1000)
    with sqlite3.connect(db) as c:
        c.execute("UPDATE sessions SET last_seen_at = ?, expires_at = ?", (now, now + 30 * 86400 * 1000))
    _Server(args.bin_dir, run_dir, db, "warn").stop()  # applies the plugin's migrations
    helpers, offers, open_requests = _seed(db, args.scale)
    log(f"help: {open_requests:,} open requests, {helpers:,} helpers with {offers:,} offers")
    server = _Server(args.bin_dir, run_dir, db, "warn")
    try:
        sessions = _sessions(data_dir, min(args.spread, 5000))
        times, notified, failures = _ask(server, sessions, 30 if args.smoke else 500)
        listed = _list(args, server, data_dir)
    finally:
        server.stop()
    with sqlite3.connect(db) as c:
        stored = c.execute("SELECT COUNT(*) FROM notifications WHERE kind = 'help.match'").fetchone()[0]
    if failures or not times:
        return [], f"asking failed {len(failures)} times: {failures[:1]}"
    if stored != notified:
        return [], f"{notified} helpers reported notified, but {stored} notifications stored"
    if "failed" in listed or listed["errors"]:
        return [], f"the open list: {listed.get('failed', str(listed.get('errors')) + ' errors')}"
    q = statistics.quantiles(times, n=100) if len(times) > 1 else times * 99
    ask_ok, list_ok = q[49] <= ASK_TARGET_MS, listed["rps"] >= LIST_TARGET_RPS
    scale_note = " (smoke scale: the targets are for the full bench city)" if args.smoke else ""
    lines = [
        f"Help exchange (plugin `help`): {open_requests:,} open requests, {helpers:,} helpers with {offers:,} offers"
        f"{scale_note}.",
        "",
        "| Help scenario | Figure | Target | Check |",
        "|---|---:|---:|:---:|",
        f"| ask: a new request matched and its notifications stored (one after another, {len(times)} requests, "
        f"{notified / len(times):.1f} helpers notified on average) | p50 {q[49]:.1f} ms, p95 {q[94]:.1f} ms, "
        f"max {max(times):.1f} ms | p50 <= {ASK_TARGET_MS:.0f} ms | {_check(ask_ok)} |",
        f"| the neighbourhood's open list (`GET /api/p/help/requests`, wrk) | {listed['rps']:,.0f} req/s, "
        f"p50 {listed['p50_ms']:.2f} ms, p99 {listed['p99_ms']:.2f} ms, server CPU {listed['cpu_us']:,.0f} µs/req "
        f"| >= {LIST_TARGET_RPS:,.0f} req/s | {_check(list_ok)} |",
        "",
    ]
    log(f"help: ask p50 {q[49]:.1f} ms against <= {ASK_TARGET_MS:.0f} ms: {_check(ask_ok)} "
        f"(max {max(times):.1f} ms, {notified} notifications stored)")
    log(f"help: open list {listed['rps']:,.0f} req/s ({listed['cpu_us']:,.0f} µs server CPU per request) against "
        f">= {LIST_TARGET_RPS:,.0f} req/s: {_check(list_ok)}")
    return lines, None
