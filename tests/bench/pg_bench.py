"""scripts/bench --database postgresql: the core scenarios on PostgreSQL and on two nodes.

In the same run as the SQLite figures (bench.py measures those first): the city is copied into
a PostgreSQL database (pg_load.py), one server is started on it and loaded scenario by scenario,
then a second node joins the same database and the home stream is loaded on both at once, half
the connections each. Targets (issue "Operations"): the home stream on PostgreSQL at >= 50 % of
SQLite's, and two nodes on one machine losing no more than 10 % against one.
"""
import concurrent.futures
import os
import shutil
import sqlite3
import time

import pg_load

# Handlers wait for PostgreSQL's round trips (SQLite answers inside the process), so a node on
# PostgreSQL runs more worker threads than cores, as docs/operations.md recommends.
THREADS_PER_CORE = 4

SCENARIOS = ["hello", "stream", "stream_deep", "item", "item_comments", "search", "react", "comment", "post"]


def _super_url(admin_url):
    """The same server as the superuser (the bench's throwaway cluster trusts loopback)."""
    scheme, rest = admin_url.split("://", 1)
    host_part = rest.split("@", 1)[1] if "@" in rest else rest
    return lambda db: f"{scheme}://postgres@{host_part.rsplit('/', 1)[0]}/{db}"


def _two_nodes(bench, args, servers, meta, data_dir, conns):
    """The home stream on every server at once (conns split between them); summed."""
    def one(server):
        return bench.run_wrk(args, server, meta, data_dir, "stream", conns // len(servers))
    ticks0 = [bench.cpu_ticks(s.proc.pid) for s in servers]
    t0 = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(len(servers)) as pool:
        parts = list(pool.map(one, servers))
    secs = time.monotonic() - t0
    ticks = sum(bench.cpu_ticks(s.proc.pid) - t for s, t in zip(servers, ticks0))
    if any("failed" in p for p in parts):
        return {"failed": "; ".join(p.get("failed", "") for p in parts), "errors": 1, "requests": 0}
    requests = sum(p["requests"] for p in parts)
    return {"requests": requests, "rps": sum(p["rps"] for p in parts),
            "p50_ms": max(p["p50_ms"] for p in parts), "p99_ms": max(p["p99_ms"] for p in parts),
            "errors": sum(p["errors"] for p in parts),
            "cpu_percent": 100.0 * ticks / bench.CLK_TCK / max(secs, 1e-9),
            "cpu_us_per_req": 1e6 * ticks / bench.CLK_TCK / max(requests, 1)}


def run(bench, args, pristine, data_dir, run_dir, meta, sqlite_results, log):
    """Returns (Markdown lines, failure text or None)."""
    admin_url = os.environ.get("QUARTIER_TEST_PG_URL", "")
    if not admin_url:
        return [], "no PostgreSQL: scripts/bench --database postgresql starts one (QUARTIER_TEST_PG_URL)"
    source = os.path.join(run_dir, "pg-source.db")
    shutil.copyfile(pristine, source)
    now_ms = int(time.time() * 1000)
    with sqlite3.connect(source) as c:  # as bench.py does for the SQLite run
        c.execute("UPDATE sessions SET last_seen_at = ?, expires_at = ?", (now_ms, now_ms + 30 * 86400 * 1000))
    log("PostgreSQL: loading the city")
    t0 = time.monotonic()
    url = pg_load.load(args.bin_dir, source, admin_url, _super_url(admin_url), "quartier_bench", log)
    load_s = time.monotonic() - t0
    os.remove(source)

    results, servers = {}, []
    # --only: those scenarios on PostgreSQL too (the home stream, which both targets need, always).
    wanted = set(args.only.split(",")) | {"stream"}
    names = [n for n in SCENARIOS if n in wanted or (n == "hello" and wanted >= set(SCENARIOS) - {"hello"})]
    try:
        threads = THREADS_PER_CORE * (os.cpu_count() or 1)
        servers.append(bench.Server(args, run_dir, None, db_url=url, tag="pg1", threads=threads))
        for name in names:
            conns = next(c for n, _, c, s in bench.SCENARIOS if n == name)
            conns = 8 if args.smoke else conns
            log(f"PostgreSQL: scenario {name} ...")
            r = bench.measure(servers[0], lambda: bench.run_wrk(args, servers[0], meta, data_dir, name, conns))
            results[name] = r
            if "failed" not in r:
                log(f"  {r['rps']:,.0f} req/s, p50 {r['p50_ms']:.2f} ms, p99 {r['p99_ms']:.2f} ms, {r['errors']} errors, "
                    f"{r.get('cpu_us_per_req', 0):.0f} us CPU/req")
        servers.append(bench.Server(args, run_dir, None, db_url=url, tag="pg2", threads=threads))
        log("PostgreSQL: home stream on two nodes at once ...")
        two = _two_nodes(bench, args, servers, meta, data_dir, 8 if args.smoke else 64)
        if "failed" not in two:
            log(f"  {two['rps']:,.0f} req/s together, p99 {two['p99_ms']:.2f} ms, {two['errors']} errors")
    finally:
        for s in servers:
            s.stop()
    return report(results, two, sqlite_results, load_s, meta, threads, names)


def report(results, two, sqlite_results, load_s, meta, threads, names=tuple(SCENARIOS)):
    lines = [f"PostgreSQL (the same run, the same city copied in: {load_s:.0f} s for "
             f"{meta['items']:,} items with their comments and reactions, then VACUUM ANALYZE; "
             "PostgreSQL 15 on the same machine with fsync on, shared_buffers 1 GB; each node with "
             f"{threads} worker threads and {threads + 4} connections):", "",
             "| Scenario | SQLite req/s | PostgreSQL req/s | PG / SQLite | PG p99 ms | PG errors | PG CPU µs/req |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    problems = []
    for name in names:
        r, s = results.get(name, {}), sqlite_results.get(name, {})
        if "failed" in r or not r:
            lines.append(f"| {name} | | failed: {r.get('failed', 'not run')[:60]} | | | 1 | |")
            problems.append(f"{name} failed")
            continue
        if r.get("errors"):
            problems.append(f"{name}: {r['errors']} errors")
        ratio = f"{100 * r['rps'] / s['rps']:.0f} %" if s.get("rps") else "-"
        lines.append(f"| {name} | {s.get('rps', 0):,.0f} | {r['rps']:,.0f} | {ratio} | {r['p99_ms']:.2f} | "
                     f"{r['errors']} | {r.get('cpu_us_per_req', 0):,.0f} |")
    one = results.get("stream", {})
    if "failed" in two:
        problems.append("two nodes failed")
        lines += ["", f"Two nodes: failed ({two['failed'][:100]})."]
    else:
        if two.get("errors"):
            problems.append(f"two nodes: {two['errors']} errors")
        lines += ["", f"Two nodes on the same PostgreSQL and the same machine, the home stream on both at once "
                      f"(half the connections each): {two['rps']:,.0f} req/s together, p99 {two['p99_ms']:.2f} ms, "
                      f"{two['cpu_us_per_req']:,.0f} µs CPU/req over both servers."]
    lite = sqlite_results.get("stream", {}).get("rps", 0)
    pg_ratio = one.get("rps", 0) / lite if lite else 0
    two_ratio = two.get("rps", 0) / one["rps"] if one.get("rps") and "failed" not in two else 0
    lines += ["", "| Target | Figure | |", "|---|---:|---|",
              f"| home stream on PostgreSQL >= 50 % of SQLite | {100 * pg_ratio:.0f} % | "
              f"{'PASS' if pg_ratio >= 0.5 else 'FAIL'} |",
              f"| two nodes lose <= 10 % against one | {100 * (two_ratio - 1):+.0f} % | "
              f"{'PASS' if two_ratio >= 0.9 else 'FAIL'} |"]
    return lines, ("; ".join(problems) or None)
