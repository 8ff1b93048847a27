#!/usr/bin/env python3
"""Idle connections must not take the server down (issue "Hardening", first finding).

Starts the real server under `prlimit --nofile=1024:1024` (Debian's systemd default) and holds
2,000 half-open connections against it (each sent the start of a request and then nothing):
  1. with the default per-address cap, from one address: /healthz from another address answers;
  2. with no per-address cap (the crowd of many addresses): the total cap closes the connection
     idle longest to make room, so /healthz from the flooding address itself answers, again and
     again;
  3. with a total cap above what the descriptors allow: accept runs out of descriptors, pauses
     instead of spinning, and the log holds a few lines, not millions; once the crowd leaves,
     /healthz answers.
Every wait is on a state (an answer, a file), bounded so that a broken server fails the test.

  tests/ops/connection_flood.py build/bin/quartier
"""
import os
import resource
import socket
import subprocess
import sys
import tempfile
import time

FLOOD = 2000
LIMIT = 1024


def fail(msg, log=None):
    print(f"FAIL: {msg}", file=sys.stderr)
    if log and os.path.exists(log):
        lines = open(log, errors="replace").read().splitlines()
        print("--- server log (last 20 of %d lines):" % len(lines), file=sys.stderr)
        print("\n".join(lines[-20:]), file=sys.stderr)
    sys.exit(1)


def wait_for(what, check, seconds=60):
    deadline = time.monotonic() + seconds
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            fail(f"{what} did not happen within {seconds} s")
        time.sleep(0.05)


def healthz(port, source, timeout=30):
    """One GET /healthz on a new connection from `source`; the status code, or None."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout, source_address=(source, 0)) as s:
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            data = b""
            while b"\r\n" not in data:
                chunk = s.recv(4096)
                if not chunk:
                    break
                data += chunk
            return int(data.split(b" ")[1]) if data.startswith(b"HTTP/1.1 ") else None
    except OSError:
        return None


def flood(port, source="127.0.0.1"):
    """FLOOD connections, each with a started request; refused ones are simply kept closed."""
    socks = []
    for _ in range(FLOOD):
        s = socket.socket()
        s.setblocking(True)
        s.settimeout(10)
        try:
            s.bind((source, 0))
            s.connect(("127.0.0.1", port))
            s.send(b"GET /api/meta HTTP/1.1\r\nHost: localhost\r\n")
        except OSError:
            pass  # closed by the server at its cap: that is its right
        socks.append(s)
    return socks


def run_server(binary, tmp, extra):
    config = os.path.join(tmp, "quartier.toml")
    with open(config, "w") as f:
        f.write(f'[server]\nlisten = "127.0.0.1:0"\nthreads = 2\ndevelopment = true\n{extra}\n'
                f'[database]\nurl = "sqlite:{tmp}/q.db"\n[mail]\noutbox_dir = "{tmp}/outbox"\n'
                f'[media]\ndir = "{tmp}/media"\n[log]\nformat = "text"\n')
    port_file, log = os.path.join(tmp, "port"), os.path.join(tmp, "server.log")
    for p in (port_file,):
        if os.path.exists(p):
            os.unlink(p)
    out = open(log, "w")
    proc = subprocess.Popen(["prlimit", f"--nofile={LIMIT}:{LIMIT}", binary, "serve", "--config", config,
                             "--port-file", port_file], stdout=out, stderr=subprocess.STDOUT)
    wait_for("the server listening", lambda: os.path.exists(port_file) and open(port_file).read().strip())
    return proc, int(open(port_file).read()), log


def stop(proc, socks):
    for s in socks:
        s.close()
    proc.terminate()
    proc.wait(timeout=60)


def scenario(binary, name, extra, flood_from, probe_from, probes):
    with tempfile.TemporaryDirectory(prefix="quartier-flood-") as tmp:
        proc, port, log = run_server(binary, tmp, extra)
        socks = flood(port, flood_from)
        for i in range(probes):
            status = healthz(port, probe_from)
            if status != 200:
                stop(proc, socks)
                fail(f"{name}: /healthz #{i + 1} from {probe_from} under {FLOOD} idle connections: {status}", log)
        if proc.poll() is not None:
            fail(f"{name}: the server exited ({proc.returncode})", log)
        lines = len(open(log, errors="replace").read().splitlines())
        stop(proc, socks)
        if lines > 200:
            fail(f"{name}: the server wrote {lines} log lines under the flood (a line per refused connection?)", log)
        print(f"{name}: passed ({lines} log lines)")


def descriptors_exhausted(binary):
    with tempfile.TemporaryDirectory(prefix="quartier-flood-") as tmp:
        proc, port, log = run_server(binary, tmp, "max_connections = 5000\nmax_connections_per_address = 0")
        socks = flood(port)
        wait_for("the warning about descriptors", lambda: "out of file descriptors" in open(log, errors="replace").read())
        for s in socks:
            s.close()
        wait_for("/healthz after the crowd left", lambda: healthz(port, "127.0.0.1", timeout=5) == 200)
        text = open(log, errors="replace").read()
        stop(proc, [])
        lines = len(text.splitlines())
        if lines > 200:
            fail(f"descriptors exhausted: {lines} log lines (accept retried in a busy loop?)", log)
        print(f"descriptors exhausted: passed ({lines} log lines)")


def main():
    binary = os.path.abspath(sys.argv[1])
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = FLOOD * 2 + 100
    if soft < want:
        if hard != resource.RLIM_INFINITY and hard < want:
            fail(f"this test needs {want} open files for its own sockets; the hard limit is {hard}")
        resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))
    scenario(binary, "one address, per-address cap", "", "127.0.0.1", "127.0.0.2", 5)
    scenario(binary, "many addresses, total cap", "max_connections_per_address = 0", "127.0.0.1", "127.0.0.1", 5)
    descriptors_exhausted(binary)
    print("connection flood: passed")


if __name__ == "__main__":
    main()
