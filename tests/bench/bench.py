#!/usr/bin/env python3
"""Quartier benchmark driver (called by scripts/bench; see its --help).

Generates (or reuses) a synthetic city with quartier_benchgen, starts the real server on a
loopback port, loads it scenario by scenario with wrk from a second process, measures the
WebSocket fan-out with quartier_benchws, and writes a Markdown table of the figures.
"""
import argparse
import datetime
import json
import os
import platform
import resource
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CLK_TCK = os.sysconf("SC_CLK_TCK")

# name, label, wrk connections (full run), wrk connections (smoke)
SCENARIOS = [
    ("hello", "hello world (`GET /healthz`, ceiling)", 64, 8),
    ("stream", "home stream, first page (`GET /api/stream`)", 64, 8),
    ("stream_deep", "home stream, deep page (`?before=` a quarter to half way back)", 64, 8),
    ("item", "item (`GET /api/content/{id}`)", 64, 8),
    ("item_comments", "item's comments (`GET /api/content/{id}/comments`)", 64, 8),
    ("search", "search (`GET /api/search?q=`)", 32, 8),
    ("react", "react (`PUT /api/content/{id}/reaction`)", 32, 8),
    ("comment", "comment (`POST /api/content/{id}/comments`)", 32, 8),
    ("post", "create post (`POST /api/posts`)", 32, 8),
    ("login", "login (`POST /api/auth/login`, Argon2id)", 4, 2),
]


def log(msg):
    print(f"bench: {msg}", file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def proc_status(pid):
    out = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            k, _, v = line.partition(":")
            out[k] = v.strip()
    return out


def rss_mb(pid, key="VmRSS"):
    v = proc_status(pid).get(key, "0 kB").split()[0]
    return int(v) / 1024.0


def cpu_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def reset_peak(pid):
    try:
        with open(f"/proc/{pid}/clear_refs", "w") as f:
            f.write("5")  # resets VmHWM to the current RSS
        return True
    except OSError:
        return False


def machine():
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores ({model}), {mem:.0f} GiB RAM, Linux {platform.release()}"


def git_commit():
    try:
        return subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def generate(args, data_dir):
    """Generates the pristine city database once per scale and seed; later runs reuse it."""
    db = os.path.join(data_dir, "city.db")
    meta_path = os.path.join(data_dir, "meta.json")
    if os.path.exists(meta_path) and os.path.exists(db) and not args.regenerate:
        log(f"reusing the generated city in {data_dir} (--regenerate to make it anew)")
        with open(meta_path) as f:
            return db, json.load(f)
    shutil.rmtree(data_dir, ignore_errors=True)
    os.makedirs(data_dir)
    cfg = os.path.join(data_dir, "migrate.toml")
    with open(cfg, "w") as f:
        f.write(f'[database]\nurl = "sqlite:{db}"\n[log]\nlevel = "warn"\n')
    subprocess.run([os.path.join(args.bin_dir, "quartier"), "migrate", "--config", cfg], check=True,
                   stdout=subprocess.DEVNULL)
    log(f"generating the city at scale {args.scale} into {data_dir}")
    t = time.monotonic()
    subprocess.run([os.path.join(args.bin_dir, "quartier_benchgen"), "--db", db, "--out", data_dir,
                    "--scale", str(args.scale), "--sessions", str(args.sessions)], check=True)
    with open(meta_path) as f:
        meta = json.load(f)
    meta["generation_seconds"] = round(time.monotonic() - t, 1)
    with sqlite3.connect(db) as c:
        c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    meta["db_bytes"] = os.path.getsize(db)
    with open(meta_path, "w") as f:
        json.dump(meta, f)
    return db, meta


class Server:
    def __init__(self, args, run_dir, db):
        self.port = free_port()
        self.cfg = os.path.join(run_dir, "quartier.toml")
        with open(self.cfg, "w") as f:
            f.write(f"""# Written by scripts/bench: the documented defaults except the loopback port, the data
# file and a login rate limit that lets one benchmarking address log in often.
[server]
listen = "127.0.0.1:{self.port}"
[database]
url = "sqlite:{db}"
synchronous = "{args.synchronous}"
[auth]
login_attempts_per_ip_5min = 100000
[mail]
outbox_dir = "{os.path.join(run_dir, 'mail')}"
[log]
level = "warn"
""")
        self.log = open(os.path.join(run_dir, "server.log"), "w")
        self.proc = subprocess.Popen([os.path.join(args.bin_dir, "quartier"), "serve", "--config", self.cfg],
                                     stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 120
        while True:
            if self.proc.poll() is not None:
                raise SystemExit(f"bench: the server exited during start; see {self.log.name}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/readyz", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit("bench: the server did not become ready within 120 s")
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


def measure(server, fn):
    """Runs fn() while taking the server's CPU time and peak RSS."""
    pid = server.proc.pid
    exact_peak = reset_peak(pid)
    ticks0, t0 = cpu_ticks(pid), time.monotonic()
    peak = rss_mb(pid)
    result = fn()
    ticks1, t1 = cpu_ticks(pid), time.monotonic()
    peak = max(peak, rss_mb(pid, "VmHWM") if exact_peak else rss_mb(pid))
    result["cpu_percent"] = 100.0 * (ticks1 - ticks0) / CLK_TCK / max(t1 - t0, 1e-9)
    result["peak_rss_mb"] = peak
    return result


def run_wrk(args, server, meta, data_dir, name, connections):
    env = dict(os.environ, QT_SCENARIO=name, QT_DATA=data_dir, QT_MAX_ID=str(meta["max_item_id"]),
               QT_SESSIONS=str(min(args.spread, meta["sessions"])), QT_PASSWORD=meta["password"])
    if args.smoke:
        env["QT_SHOW_ERRORS"] = "1"
    cmd = ["wrk", "-t", str(args.wrk_threads), "-c", str(connections), "-d", f"{args.duration}s", "--timeout", "10s",
           "-s", os.path.join(HERE, "wrk", "quartier.lua"), f"http://127.0.0.1:{server.port}"]
    p = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if p.stderr.strip():
        for line in p.stderr.strip().splitlines()[:5]:
            log(f"  wrk: {line}")
    lines = [l for l in p.stdout.splitlines() if l.startswith("{")]
    if p.returncode != 0 or not lines:
        return {"failed": f"wrk exited {p.returncode}: {p.stdout[-300:]} {p.stderr[-300:]}", "errors": 1, "requests": 0}
    w = json.loads(lines[-1])
    secs = w["duration_us"] / 1e6
    errors = w["connect_errors"] + w["read_errors"] + w["write_errors"] + w["timeouts"] + w["status_errors"]
    return {"requests": w["requests"], "rps": w["requests"] / secs if secs else 0.0, "p50_ms": w["p50_us"] / 1000,
            "p99_ms": w["p99_us"] / 1000, "errors": errors}


def run_fanout(args, server, data_dir, count):
    cmd = [os.path.join(args.bin_dir, "quartier_benchws"), "--port", str(server.port), "--sessions",
           os.path.join(data_dir, "sessions.tsv"), "--count", str(count), "--timeout", "120"]
    p = subprocess.run(cmd, capture_output=True, text=True)
    lines = [l for l in p.stdout.splitlines() if l.startswith("{")]
    if not lines:
        return {"failed": f"quartier_benchws exited {p.returncode}: {p.stderr[-300:]}", "errors": 1}
    r = json.loads(lines[-1])
    if r.get("first_error"):
        log(f"  fan-out: first error: {r['first_error']}")
    return r


def fmt_row(label, r, hello_rps):
    if "failed" in r:
        return f"| {label} | failed: {r['failed'][:80]} | | | {r.get('errors', 1)} | | | |"
    ratio = f"{100.0 * r['rps'] / hello_rps:.1f} %" if hello_rps else "-"
    return (f"| {label} | {r['rps']:,.0f} | {r['p50_ms']:.2f} | {r['p99_ms']:.2f} | {r['errors']} | "
            f"{r['peak_rss_mb']:.0f} | {r['cpu_percent']:.0f} % | {ratio} |")


def report(args, meta, results, fan, idle_rss, started):
    n = lambda k: f"{meta.get(k, 0):,}"
    out = []
    out.append(f"Measured {started:%Y-%m-%d %H:%M} UTC on {machine()}, commit `{git_commit()}`, "
               f"scale {args.scale}{' (smoke)' if args.smoke else ''}.")
    out.append("")
    out.append(f"Data set: {n('users')} residents in {meta.get('neighbourhoods', 20)} neighbourhoods, "
               f"{n('groups')} groups ({n('memberships')} memberships), {n('items')} items, {n('comments')} comments, "
               f"{n('reactions')} reactions. SQLite database {meta['db_bytes'] / 2**20:,.0f} MiB, "
               f"generated in {meta['generation_seconds']} s by `quartier_benchgen`.")
    out.append("")
    out.append(f"Server: `quartier serve`, Release build, documented defaults (2 worker threads on this machine, "
               f"SQLite WAL, synchronous={args.synchronous}, 4 reader connections, access log on); idle RSS after start "
               f"{idle_rss:.0f} MB. Load: wrk with {args.wrk_threads} thread(s), {args.duration} s per scenario, on the "
               f"same machine over loopback, each request as a random one of {min(args.spread, meta['sessions']):,} "
               f"signed-in residents. CPU is the server's share of one core (200 % = both cores); "
               f"peak RSS is the server's during that scenario.")
    out.append("")
    out.append("| Scenario | Requests/s | p50 ms | p99 ms | Errors | Peak RSS MB | Server CPU | vs hello |")
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|")
    hello_rps = results.get("hello", {}).get("rps", 0.0)
    for name, label, _, _ in SCENARIOS:
        if name in results:
            out.append(fmt_row(label, results[name], hello_rps))
    if fan is not None:
        if "failed" in fan:
            out.append(f"| fan-out of an urgent announcement | failed: {fan['failed'][:80]} | | | 1 | | | |")
        else:
            out.append(f"| fan-out: urgent city-wide announcement to {fan['open']:,} open WebSockets | "
                       f"last socket after {fan['last_ms']:,.0f} ms | {fan['p50_ms']:.0f} | {fan['p99_ms']:.0f} | "
                       f"{fan['errors']} | {fan['peak_rss_mb']:.0f} | {fan['cpu_percent']:.0f} % | - |")
    out.append("")
    if fan is not None and "failed" not in fan:
        out.append(f"Fan-out: {fan['open']:,} sockets opened in {fan['connect_ms'] / 1000:.1f} s; the announcement "
                   f"request itself (which stores a notification for every resident of the city) answered "
                   f"{fan['post_status']} after {fan['post_ms']:,.0f} ms; p50/p99 columns are the arrival times "
                   f"over all sockets, counted from sending the request.")
        out.append("")
    out.append("The home stream API returns each item with author, container and reaction counts and "
               "comment_count, but not the item's newest comments; the figures above are for what it returns.")
    return "\n".join(out) + "\n"


def update_readme(table):
    path = os.path.join(ROOT, "README.md")
    with open(path) as f:
        text = f.read()
    start, end = "<!-- bench:start -->", "<!-- bench:end -->"
    block = f"{start}\n{table}{end}"
    if start in text and end in text:
        text = text[: text.index(start)] + block + text[text.index(end) + len(end):]
    else:
        text = text.rstrip("\n") + ("\n\n## Performance\n\nFigures from `scripts/bench` (the table below is "
                                    "rewritten by each full run; the history lives in `tests/bench/results/`).\n\n"
                                    f"{block}\n")
    with open(path, "w") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser(prog="scripts/bench", description=__doc__)
    ap.add_argument("--bin-dir", required=True, help="folder with quartier, quartier_benchgen, quartier_benchws")
    ap.add_argument("--work-dir", default=os.path.join(ROOT, "build-release", "bench"),
                    help="generated data and run files (default build-release/bench)")
    ap.add_argument("--scale", type=float, default=1.0, help="1.0 = 100,000 residents, 1,000,000 items, ...")
    ap.add_argument("--smoke", action="store_true", help="small scale, 2 s per scenario; fails on any error")
    ap.add_argument("--duration", type=int, default=10, help="seconds per scenario")
    ap.add_argument("--sessions", type=int, default=12000, help="sessions with known tokens to generate")
    ap.add_argument("--spread", type=int, default=5000, help="residents whose sessions the HTTP load uses")
    ap.add_argument("--ws", type=int, default=10000, help="WebSockets for the fan-out")
    ap.add_argument("--wrk-threads", type=int, default=1)
    ap.add_argument("--synchronous", default="FULL", help="SQLite synchronous setting of the server")
    ap.add_argument("--only", default="", help="comma-separated scenario names (hello is always run)")
    ap.add_argument("--regenerate", action="store_true", help="generate the city anew even if one exists")
    ap.add_argument("--results", default="", help="also write the table to this file")
    ap.add_argument("--no-readme", action="store_true", help="do not rewrite README's Performance section")
    args = ap.parse_args()
    if args.smoke:
        args.scale, args.duration, args.ws, args.sessions, args.spread = 0.01, 2, 200, 400, 300
    if shutil.which("wrk") is None:
        raise SystemExit("bench: wrk is not installed (Debian package wrk; scripts/bench installs it)")

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = min(hard, 65536) if hard != resource.RLIM_INFINITY else 65536
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, want), hard))
    if args.ws * 2 + 200 > want:
        args.ws = max(100, (want - 200) // 2)
        log(f"open-file limit {want}: fan-out reduced to {args.ws} sockets")

    started = datetime.datetime.now(datetime.timezone.utc)
    data_dir = os.path.join(args.work_dir, f"city-{args.scale:g}")
    run_dir = os.path.join(args.work_dir, "run")
    os.makedirs(args.work_dir, exist_ok=True)
    pristine, meta = generate(args, data_dir)
    log(f"city: {meta['items']:,} items, database {meta['db_bytes'] / 2**20:,.0f} MiB, "
        f"generated in {meta['generation_seconds']} s")

    # Each run works on a copy, so every run starts from the same data.
    shutil.rmtree(run_dir, ignore_errors=True)
    os.makedirs(run_dir)
    db = os.path.join(run_dir, "city.db")
    shutil.copyfile(pristine, db)
    now_ms = int(time.time() * 1000)
    with sqlite3.connect(db) as c:  # sessions generated long ago would have timed out
        c.execute("UPDATE sessions SET last_seen_at = ?, expires_at = ?", (now_ms, now_ms + 30 * 86400 * 1000))

    server = Server(args, run_dir, db)
    results, fan = {}, None
    only = {s for s in args.only.split(",") if s}
    try:
        time.sleep(1.0)
        idle_rss = rss_mb(server.proc.pid)
        log(f"server up on port {server.port}, idle RSS {idle_rss:.0f} MB")
        for name, label, conns, smoke_conns in SCENARIOS:
            if only and name not in only and name != "hello":
                continue
            log(f"scenario {name} ...")
            results[name] = measure(server, lambda: run_wrk(args, server, meta, data_dir, name,
                                                            smoke_conns if args.smoke else conns))
            r = results[name]
            if "failed" in r:
                log(f"  FAILED: {r['failed']}")
            else:
                log(f"  {r['rps']:,.0f} req/s, p50 {r['p50_ms']:.2f} ms, p99 {r['p99_ms']:.2f} ms, "
                    f"{r['errors']} errors, CPU {r['cpu_percent']:.0f} %, peak RSS {r['peak_rss_mb']:.0f} MB")
        if not only or "fanout" in only:
            log(f"scenario fanout: {args.ws} WebSockets ...")
            fan = measure(server, lambda: run_fanout(args, server, data_dir, args.ws))
            if "failed" in fan:
                log(f"  FAILED: {fan['failed']}")
            else:
                log(f"  {fan['open']} open, {fan['received']} received, last after {fan['last_ms']:.0f} ms "
                    f"(announcement request {fan['post_ms']:.0f} ms), {fan['errors']} errors")
    finally:
        server.stop()

    table = report(args, meta, results, fan, idle_rss, started)
    print(table)
    with open(os.path.join(run_dir, "results.md"), "w") as f:
        f.write(table)
    if args.results:
        os.makedirs(os.path.dirname(os.path.abspath(args.results)), exist_ok=True)
        with open(args.results, "w") as f:
            f.write("# Quartier benchmark results\n\n" + table)
    if not args.smoke and not args.no_readme and not only:
        update_readme(table)

    bad = [n for n, r in results.items() if "failed" in r or r.get("errors") or not r.get("requests")]
    if fan is not None and ("failed" in fan or fan.get("errors") or fan.get("received", 0) == 0):
        bad.append("fanout")
    if bad:
        log(f"scenarios with errors: {', '.join(bad)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
