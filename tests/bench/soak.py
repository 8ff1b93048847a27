"""The soak of scripts/bench (--soak): mixed load for minutes, printed slice by slice.

First the home stream is measured as in the benchmark (its requests/s, R). Then wrk drives the
"mixed" scenario of wrk/quartier.lua (stream, items, comments, search, reactions, comments and
posts) with twice the benchmark's connections, each paced so that together they offer 2 R: more
than the server can serve, for the whole soak. Every slice (30 s by default) prints requests/s,
p50/p99, errors, the server's RSS and CPU; the verdict fails on any error or when RSS keeps
growing (the heap, RssAnon, of the last slice more than --soak-rss-growth MB above the first's),
which would be a leak.
"""
import os
import time


def _slice(bench, args, server, meta, data_dir, conns, delay_ms, seconds):
    old = args.duration
    args.duration = seconds
    os.environ["QT_DELAY_MS"] = str(delay_ms)
    try:
        return bench.measure(server, lambda: bench.run_wrk(args, server, meta, data_dir, "mixed", conns))
    finally:
        os.environ.pop("QT_DELAY_MS", None)
        args.duration = old


def run(bench, args, server, meta, data_dir, log):
    """Returns (Markdown lines, failure text or None)."""
    log("soak: measuring the home stream first (its rate sets the soak's offered load)")
    stream = bench.measure(server, lambda: bench.run_wrk(args, server, meta, data_dir, "stream", 64))
    if "failed" in stream or not stream.get("rps"):
        return [], f"home stream failed: {stream.get('failed', 'no requests')}"
    conns = 128
    offered = 2 * stream["rps"]
    delay_ms = max(1, int(conns * 1000 / offered))
    total_s, slice_s = int(args.soak_minutes * 60), args.soak_slice
    log(f"soak: home stream {stream['rps']:,.0f} req/s; {total_s} s of mixed load offering {offered:,.0f} req/s "
        f"({conns} connections, {delay_ms} ms between a connection's requests), slices of {slice_s} s")
    rows, t0 = [], time.monotonic()
    for _ in range(max(1, round(total_s / slice_s))):
        r = _slice(bench, args, server, meta, data_dir, conns, delay_ms, slice_s)
        r["at_s"] = time.monotonic() - t0
        r["rss_mb"] = bench.rss_mb(server.proc.pid)
        # The heap alone: RSS also counts database pages read through SQLite's memory map.
        r["anon_mb"] = bench.rss_mb(server.proc.pid, "RssAnon")
        rows.append(r)
        if "failed" in r:
            log(f"  {r['at_s']:5.0f} s: FAILED: {r['failed']}")
            break
        log(f"  {r['at_s']:5.0f} s: {r['rps']:,.0f} req/s, p50 {r['p50_ms']:.1f} ms, p99 {r['p99_ms']:.1f} ms, "
            f"{r['errors']} errors, RSS {r['rss_mb']:.0f} MB (heap {r['anon_mb']:.0f}), CPU {r['cpu_percent']:.0f} %")
    ok_rows = [r for r in rows if "failed" not in r]
    errors = sum(r.get("errors", 0) for r in rows)
    growth = ok_rows[-1]["anon_mb"] - ok_rows[0]["anon_mb"] if len(ok_rows) > 1 else 0.0
    problems = []
    if len(ok_rows) < len(rows):
        problems.append("a slice failed")
    if errors:
        problems.append(f"{errors} errors")
    if growth > args.soak_rss_growth:
        problems.append(f"the heap grew {growth:.0f} MB (limit {args.soak_rss_growth} MB)")
    lines = [f"Soak: {total_s / 60:g} minutes of mixed load (stream 55 %, items and comments 25 %, search 5 %, "
             f"reactions, comments and posts 15 %) offering {offered:,.0f} req/s, twice this run's home stream "
             f"({stream['rps']:,.0f} req/s), over {conns} connections.", "",
             "| Minute | Requests/s | p50 ms | p99 ms | Errors | RSS MB | heap MB | Server CPU |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in ok_rows:
        lines.append(f"| {r['at_s'] / 60:.1f} | {r['rps']:,.0f} | {r['p50_ms']:.1f} | {r['p99_ms']:.1f} | "
                     f"{r['errors']} | {r['rss_mb']:.0f} | {r['anon_mb']:.0f} | {r['cpu_percent']:.0f} % |")
    lines += ["", f"Verdict: {'passed' if not problems else 'FAILED: ' + ', '.join(problems)} "
              f"({errors} errors, heap {growth:+.0f} MB from the first slice to the last; RSS also counts "
              "the database pages SQLite maps, the operating system's file cache)."]
    return lines, (", ".join(problems) or None)
