"""The disk fills up under a server on SQLite, and space comes back.

The data folder is a small tmpfs of its own (root only: mount; skipped with exit 77 otherwise).
Residents post until the disk is full; a filler file then takes the rest. While it is full:
every write is refused with a clear answer (503 `storage_full` with Retry-After, and a log line
that tells the operator to free space), reading keeps working, and the server stays up. The filler goes;
writes succeed again without a restart. Afterwards every acknowledged post is in the database
and `PRAGMA integrity_check` passes.

    disk_full.py BIN_DIR
"""
import asyncio
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kill_drill  # noqa: E402  (its Server and helpers)
import qclient  # noqa: E402

PASSWORD = kill_drill.PASSWORD


def fill(path):
    """Writes zeros into path until the filesystem is full; returns the bytes written."""
    n = 0
    with open(path, "wb", buffering=0) as f:
        chunk = b"\0" * 65536
        while True:
            try:
                n += f.write(chunk)
            except OSError:
                try:
                    while True:  # the last partial chunk's worth, byte-sized steps
                        n += f.write(b"\0" * 512)
                except OSError:
                    return n


async def post(session, text):
    status, headers, body = await session.request("POST", "/api/posts", {"body": text}, timeout=60)
    if status == 503 and not any(k == "retry-after" for k, _ in headers):
        return -503, body  # a 503 without Retry-After does not tell the client when to come back
    return status, body


async def drill(bin_dir, work, mnt):
    srv = kill_drill.Server(os.path.join(bin_dir, "quartier"), work, f"sqlite:{mnt}/quartier.db", "FULL")
    srv.cli("migrate")
    srv.cli("user", "add", "--email", "admin@drill.test", "--name", "Admin", "--role", "admin",
            "--password-stdin", stdin=PASSWORD + "\n")
    srv.start()
    failures = []
    try:
        ep = qclient.Endpoint("127.0.0.1", srv.port, origin="http://127.0.0.1")
        await kill_drill.wait_ready(ep)
        admin = qclient.Session(ep)
        await admin.login("admin@drill.test", PASSWORD)
        status, _, body = await admin.request("POST", "/api/neighbourhoods", {"slug": "mitte", "name": "Mitte"})
        if status != 201:
            return [f"creating the neighbourhood: HTTP {status}: {body}"]
        srv.cli("user", "add", "--email", "anna@drill.test", "--name", "Anna", "--role", "resident",
                "--neighbourhood", "mitte", "--password-stdin", stdin=PASSWORD + "\n")
        anna = qclient.Session(ep)
        await anna.login("anna@drill.test", PASSWORD)
        acked = {}
        for i in range(20):
            status, body = await post(anna, f"Vor dem vollen Datenträger {i}")
            if status != 201:
                failures.append(f"a post before the disk was full: HTTP {status} {body}")
                return failures
            acked[body["id"]] = f"Vor dem vollen Datenträger {i}"

        filler = os.path.join(mnt, "filler")
        print(f"disk-full: filler of {fill(filler) / 2**20:.1f} MiB; the disk is full", flush=True)
        refused = 0
        for i in range(10):
            text = f"Bei vollem Datenträger {i} " + "x" * 4000
            status, body = await post(anna, text)
            if status == 201:  # a page that still had room: fine, it must be kept
                acked[body["id"]] = text
                continue
            refused += 1
            code = body.get("error", {}).get("code") if isinstance(body, dict) else None
            if status != 503 or code != "storage_full":
                failures.append(f"a write on a full disk: HTTP {status} {body} (want 503 storage_full, Retry-After)")
        if refused == 0:
            failures.append("no write was refused although the disk was full")
        status, _, body = await anna.request("GET", f"/api/content/{next(iter(acked))}")
        if status == 200:
            status, _, body = await anna.request("GET", "/api/stream")
        if status != 200:
            failures.append(f"reading while the disk is full: HTTP {status} {body}")
        if srv.proc.poll() is not None:
            failures.append("the server exited when the disk was full")
            return failures
        health = await qclient.Session(ep).request("GET", "/healthz")
        if health[0] != 200:
            failures.append(f"/healthz while the disk is full: HTTP {health[0]}")

        with open(srv.log_path) as f:
            if "is full: free space there" not in f.read():
                failures.append("the log does not tell the operator to free disk space")
        os.remove(filler)
        print("disk-full: space is back", flush=True)
        resumed = False
        for i in range(50):  # the first write after the space came back may still meet the old state
            status, body = await post(anna, f"Nach dem vollen Datenträger {i}")
            if status == 201:
                acked[body["id"]] = f"Nach dem vollen Datenträger {i}"
                resumed = True
                break
            await asyncio.sleep(0.1)
        if not resumed:
            failures.append(f"writes did not resume when space came back: HTTP {status} {body}")
        for i in range(10):
            status, body = await post(anna, f"Wieder normal {i}")
            if status != 201:
                failures.append(f"a write after the space came back: HTTP {status} {body}")
                break
            acked[body["id"]] = f"Wieder normal {i}"
    finally:
        srv.stop()
    with sqlite3.connect(f"{mnt}/quartier.db") as c:
        ok = c.execute("PRAGMA integrity_check").fetchone()[0]
        stored = {r[0]: r[1] for r in c.execute("SELECT id, body FROM content")}
    if ok != "ok":
        failures.append(f"integrity_check: {ok}")
    lost = [i for i, t in acked.items() if stored.get(i) != t]
    if lost:
        failures.append(f"{len(lost)} acknowledged posts lost or altered: {lost[:5]}")
    print(f"disk-full: {len(acked)} acknowledged posts kept, {refused} writes refused while full, "
          f"integrity_check {ok}", flush=True)
    return failures


def main():
    bin_dir = sys.argv[1]
    if os.geteuid() != 0:
        print("skipped: mounting a small tmpfs needs root")
        sys.exit(77)
    work = tempfile.mkdtemp(prefix="quartier-disk-full-")
    mnt = os.path.join(work, "data")
    os.makedirs(mnt)
    os.makedirs(os.path.join(work, "outbox"))
    os.makedirs(os.path.join(work, "media"))
    m = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=6m,mode=0755", "tmpfs", mnt], capture_output=True, text=True)
    if m.returncode != 0:
        print(f"skipped: cannot mount a tmpfs here ({m.stderr.strip()})")
        shutil.rmtree(work, ignore_errors=True)
        sys.exit(77)
    try:
        failures = asyncio.run(drill(bin_dir, work, mnt))
    finally:
        subprocess.run(["umount", "-l", mnt])
        shutil.rmtree(work, ignore_errors=True)
    for f in failures:
        print(f"FAILED: {f}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
