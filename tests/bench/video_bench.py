"""The video plugin's signalling scenario for scripts/bench (hooked into bench.py).

Starts a server of its own with the video plugin (a fresh SQLite database), creates the rooms as
a resident and a guest pass per participant, then quartier_benchvideo fills the rooms with
simulated participants (signalling only, no media) and measures, per join, the time from opening
the socket to the first offer relayed to an earlier participant; while every socket is held the
server's RSS is read. The issue's target: 200 rooms of 6, p99 <= 50 ms, RSS <= 100 MB.
"""
import http.cookiejar
import json
import os
import shutil
import subprocess
import time
import urllib.request


def _request(opener, url, method="GET", body=None, csrf=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    if csrf:
        req.add_header("X-CSRF-Token", csrf)
    with opener.open(req, timeout=30) as r:
        return json.loads(r.read() or b"{}")


def _start(args, run_dir, port):
    plugin_dir = os.path.normpath(os.path.join(args.bin_dir, "..", "lib", "quartier", "plugins"))
    if not os.path.exists(os.path.join(plugin_dir, "video.so")):
        return None, f"the video plugin is not built ({plugin_dir}/video.so)"
    cfg = os.path.join(run_dir, "quartier.toml")
    with open(cfg, "w") as f:
        f.write(f"""[server]
listen = "127.0.0.1:{port}"
development = true
max_connections_per_address = 0
[database]
url = "sqlite:{os.path.join(run_dir, 'video.db')}"
[mail]
outbox_dir = "{os.path.join(run_dir, 'mail')}"
[log]
level = "warn"
[plugins]
dir = "{plugin_dir}"
enabled = ["video"]
[plugins.video]
joins_per_minute = 1000000
guest_passes_per_10min = 1000000
""")
    log = open(os.path.join(run_dir, "server.log"), "w")
    proc = subprocess.Popen([os.path.join(args.bin_dir, "quartier"), "serve", "--config", cfg], stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=2) as r:
                if r.status == 200:
                    return (proc, cfg), None
        except OSError:
            time.sleep(0.2)
    proc.kill()
    return None, "the server with the video plugin did not become ready"


def _prepare(args, cfg, base, rooms, per_room, run_dir):
    out = subprocess.run([os.path.join(args.bin_dir, "quartier"), "-c", cfg, "user", "add", "--email", "host@bench.test",
                          "--name", "Gastgeberin", "--password-stdin"], input="Bench-Passwort 2026!\n", capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"user add failed: {out.stderr[-300:]}")
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    csrf = _request(opener, base + "/api/auth/login", "POST", {"email": "host@bench.test", "password": "Bench-Passwort 2026!"})["csrf_token"]
    guests = urllib.request.build_opener()
    lines = []
    for r in range(rooms):
        slug = _request(opener, base + "/api/p/video/rooms", "POST", {"name": f"Raum {r}"}, csrf)["slug"]
        for p in range(per_room):
            g = _request(guests, f"{base}/api/p/video/rooms/{slug}/guest", "POST", {"name": f"Gast {p}"})
            # The socket's guest query: the token and the pass that binds it to this room.
            lines.append(f"{slug} {g['token']}&pass={g['pass']}")
    path = os.path.join(run_dir, "participants.txt")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    return path


def run(args, log, rss_mb, free_port):
    """Returns the figures, or {"failed": why}."""
    rooms, per_room = (20, 6) if args.smoke else (200, 6)
    run_dir = os.path.join(args.work_dir, "video")
    shutil.rmtree(run_dir, ignore_errors=True)
    os.makedirs(run_dir)
    port = free_port()
    started, why = _start(args, run_dir, port)
    if not started:
        return {"failed": why}
    proc, cfg = started
    try:
        participants = _prepare(args, cfg, f"http://127.0.0.1:{port}", rooms, per_room, run_dir)
        idle = rss_mb(proc.pid)
        tool = subprocess.Popen([os.path.join(args.bin_dir, "quartier_benchvideo"), "--port", str(port), "--rooms", participants,
                                 "--per-room", str(per_room)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        held = tool.stdout.readline()
        rss = rss_mb(proc.pid)
        tool.stdin.write("\n")
        tool.stdin.flush()
        lines = [l for l in tool.stdout.read().splitlines() if l.startswith("{")]
        tool.wait(timeout=60)
        if not lines:
            return {"failed": f"quartier_benchvideo printed no result ({held.strip()})"}
        r = json.loads(lines[-1])
        r.update({"rss_mb": rss, "idle_rss_mb": idle})
        log(f"  video: {r['open']} sockets in {rooms} rooms of {per_room}, join to first offer relayed p50 {r['p50_ms']:.1f} ms, "
            f"p99 {r['p99_ms']:.1f} ms, server RSS {rss:.0f} MB holding them (idle {idle:.0f} MB), {r['errors']} errors")
        if r.get("first_error"):
            log(f"  video: first error: {r['first_error']}")
        return r
    except (OSError, RuntimeError, ValueError, subprocess.TimeoutExpired) as e:
        return {"failed": str(e)}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


def markdown(r):
    if r is None:
        return ""
    if "failed" in r:
        return f"\nVideo signalling: failed: {r['failed']}\n"
    return (f"\nVideo signalling (plugin video, tests/bench/video_bench.py): {r['rooms']} rooms of {r['per_room']} simulated "
            f"participants, {r['open']} sockets held; join to first offer relayed p50 {r['p50_ms']:.1f} ms, p99 "
            f"{r['p99_ms']:.1f} ms (target <= 50 ms); server RSS {r['rss_mb']:.0f} MB while holding them (target <= 100 MB); "
            f"{r['errors']} errors.\n")


def failed(r):
    return r is not None and ("failed" in r or r.get("errors") or not r.get("open"))
