"""scripts/kill-drill: writers post while the server is killed with SIGKILL again and again.

With --fault postgres-restart the server stays up and its PostgreSQL is restarted instead
(--pg-restart-cmd): requests in the gap must get 503 with Retry-After (never a 500 or a cut
connection), the server must take writes again by itself, and nothing acknowledged may be lost.

One Quartier server (SQLite by default, or PostgreSQL with --database-url), W residents writing
posts as fast as the server takes them. After a random number of acknowledged posts the server
is killed with SIGKILL, the database is checked (SQLite: `PRAGMA integrity_check` on the file as
the kill left it), and the server is started again on the same port; the writers wait for it to
be ready and go on. At the end every acknowledged post (201 with an id) must be in the database
with its own text, and the database must pass its integrity check.

Kills follow acknowledged writes, not the clock, so a slow machine runs the same drill.
Exit code 0 when nothing acknowledged was lost and every integrity check passed.
"""
import argparse
import asyncio
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import qclient  # noqa: E402

PASSWORD = "Lindenblatt-Quartier-4711"
T0 = time.monotonic()


def log(msg):
    print(f"[kill-drill {time.monotonic() - T0:6.1f}s] {msg}", flush=True)


class Server:
    def __init__(self, bin_path, work, db_url, synchronous):
        self.bin = bin_path
        self.config = os.path.join(work, "quartier.toml")
        self.port_file = os.path.join(work, "port")
        self.log_path = os.path.join(work, "server.log")
        self.proc, self.port, self.starts = None, None, 0
        sync = f'synchronous = "{synchronous}"\n' if db_url.startswith("sqlite:") else ""
        with open(self.config, "w") as f:
            f.write(f"""[server]
listen = "127.0.0.1:0"
threads = 2
public_url = "http://127.0.0.1"
shutdown_grace_seconds = 5
[database]
url = "{db_url}"
{sync}[auth]
writes_per_user_10min = 1000000
api_requests_per_user_5min = 100000000
login_attempts_per_ip_5min = 100000
[mail]
outbox_dir = "{os.path.join(work, 'outbox')}"
[media]
dir = "{os.path.join(work, 'media')}"
[log]
level = "warn"
""")

    def cli(self, *args, stdin=None):
        r = subprocess.run([self.bin, *args, "--config", self.config], input=stdin, capture_output=True, text=True)
        if r.returncode != 0:
            raise SystemExit(f"quartier {' '.join(args)} failed ({r.returncode}): {r.stdout}{r.stderr}")
        return r.stdout

    def start(self):
        if os.path.exists(self.port_file):
            os.remove(self.port_file)
        env = dict(os.environ)
        if self.port:  # the same port after a kill, as a restarted service would have
            env["QUARTIER_SERVER_LISTEN"] = f"127.0.0.1:{self.port}"
        self.proc = subprocess.Popen([self.bin, "serve", "--config", self.config, "--port-file", self.port_file],
                                     stdout=open(self.log_path, "a"), stderr=subprocess.STDOUT, env=env)
        self.starts += 1
        deadline = time.monotonic() + 120
        while not os.path.exists(self.port_file) or not open(self.port_file).read().strip():
            if self.proc.poll() is not None:
                raise SystemExit(f"the server exited during start {self.starts}; its log: {self.log_path}")
            if time.monotonic() > deadline:
                raise SystemExit(f"the server did not listen within 120 s; its log: {self.log_path}")
            time.sleep(0.02)
        self.port = int(open(self.port_file).read())

    def kill(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


class State:
    def __init__(self):
        self.acked = {}  # post id -> its text
        self.failed = []  # texts of posts whose request failed (they may or may not be stored)
        self.acked_since_start = 0
        self.up = asyncio.Event()
        self.stop = False
        self.unexpected = []  # answers that are neither success nor the server being away
        self.gap_503 = 0  # 503 with Retry-After while the database was away
        self.transport_errors = 0


async def writer(wid, session, st):
    seq = 0
    while not st.stop:
        await st.up.wait()
        seq += 1
        text = f"Kill-Drill Beitrag {wid}-{seq}"
        try:
            status, headers, body = await session.request("POST", "/api/posts", {"body": text}, timeout=30)
        except Exception:  # noqa: BLE001 - any transport failure: the server died under this request
            st.failed.append(text)
            st.transport_errors += 1
            await st.up.wait()
            continue
        if status == 201 and isinstance(body, dict) and "id" in body:
            st.acked[int(body["id"])] = text
            st.acked_since_start += 1
            continue
        st.failed.append(text)
        if status == 503 and any(k == "retry-after" for k, _ in headers):
            st.gap_503 += 1
            await asyncio.sleep(0.05)  # a client backs off; the drill keeps asking
        else:
            st.unexpected.append((status, str(body)[:200]))


def psql(url, sql):
    r = subprocess.run(["psql", "-X", "-A", "-t", "-q", "-F", "\t", url, "-c", sql], capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"psql: {r.stderr.strip()}")
    return r.stdout


def sqlite_integrity(path):
    with sqlite3.connect(path, timeout=30) as c:
        return c.execute("PRAGMA integrity_check").fetchone()[0]


def stored_posts(a, db_path, ids):
    """id -> body for the given ids, read straight from the database."""
    out = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        q = f"SELECT id, body FROM content WHERE id IN ({','.join(map(str, chunk))})"
        if db_path:
            with sqlite3.connect(db_path) as c:
                out.update({int(r[0]): r[1] for r in c.execute(q)})
        else:
            for line in psql(a.database_url, q).splitlines():
                k, _, v = line.partition("\t")
                if k:
                    out[int(k)] = v
    return out


def count_stored(a, db_path, texts):
    if not texts:
        return 0
    n = 0
    for i in range(0, len(texts), 200):
        chunk = texts[i:i + 200]
        q = "SELECT count(*) FROM content WHERE body IN (" + ",".join("'" + t.replace("'", "''") + "'" for t in chunk) + ")"
        if db_path:
            with sqlite3.connect(db_path) as c:
                n += c.execute(q).fetchone()[0]
        else:
            n += int(psql(a.database_url, q).strip() or 0)
    return n


async def restart_postgres(a, st, srv, k):
    """Restarts PostgreSQL under the writers; returns when the server took a write again."""
    gap0 = st.gap_503
    log(f"restart {k + 1}/{a.kills}: PostgreSQL after {st.acked_since_start} acknowledged posts ({len(st.acked)} in all)")
    loop = asyncio.get_running_loop()
    r = await loop.run_in_executor(None, lambda: subprocess.run(a.pg_restart_cmd, shell=True, capture_output=True,
                                                                text=True))
    if r.returncode != 0:
        raise SystemExit(f"--pg-restart-cmd failed ({r.returncode}): {r.stdout}{r.stderr}")
    st.acked_since_start = 0
    deadline = time.monotonic() + 120
    while st.acked_since_start == 0:  # the server reconnects by itself
        if srv.proc.poll() is not None:
            raise SystemExit(f"the server exited while PostgreSQL restarted; its log: {srv.log_path}")
        if time.monotonic() > deadline:
            raise SystemExit("the server took no write within 120 s of PostgreSQL being back")
        await asyncio.sleep(0.01)
    log(f"  writes again; {st.gap_503 - gap0} answers were 503 with Retry-After in the gap")


async def wait_ready(ep):
    while True:
        try:
            if (await qclient.Session(ep).request("GET", "/readyz", timeout=5))[0] == 200:
                return
        except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError):
            pass
        await asyncio.sleep(0.05)


async def drill(a, work):
    rnd = random.Random(a.seed)
    db_path = None
    if a.pg_admin_url:  # a fresh database of its own on that server
        name = f"quartier_kill_drill_{os.getpid()}"
        psql(a.pg_admin_url, f"CREATE DATABASE {name}")
        a.database_url = a.pg_admin_url.rsplit("/", 1)[0] + "/" + name
        a.drop_database = name
    if a.database_url:
        db_url = a.database_url
    else:
        db_path = os.path.join(work, "quartier.db")
        db_url = f"sqlite:{db_path}"
    os.makedirs(os.path.join(work, "outbox"))
    os.makedirs(os.path.join(work, "media"))
    srv = Server(os.path.join(a.bin_dir, "quartier"), work, db_url, a.synchronous)
    srv.cli("migrate")
    srv.cli("user", "add", "--email", "admin@drill.test", "--name", "Admin", "--role", "admin",
            "--password-stdin", stdin=PASSWORD + "\n")
    srv.start()
    ep = qclient.Endpoint("127.0.0.1", srv.port, origin="http://127.0.0.1")
    await wait_ready(ep)
    admin = qclient.Session(ep)
    await admin.login("admin@drill.test", PASSWORD)
    status, _, body = await admin.request("POST", "/api/neighbourhoods", {"slug": "mitte", "name": "Mitte"})
    if status != 201:
        raise SystemExit(f"creating the neighbourhood: HTTP {status}: {body}")
    log(f"creating {a.writers} writers")
    for i in range(a.writers):
        srv.cli("user", "add", "--email", f"w{i}@drill.test", "--name", f"Schreiberin {i}", "--role", "resident",
                "--neighbourhood", "mitte", "--password-stdin", stdin=PASSWORD + "\n")
    sessions = []
    for i in range(a.writers):
        s = qclient.Session(ep)
        await s.login(f"w{i}@drill.test", PASSWORD)
        sessions.append(s)

    st = State()
    st.up.set()
    tasks = [asyncio.ensure_future(writer(i, s, st)) for i, s in enumerate(sessions)]
    integrity = []
    try:
        for k in range(a.kills):
            target = rnd.randint(a.min_writes, a.max_writes)
            while st.acked_since_start < target:
                if srv.proc.poll() is not None:
                    raise SystemExit(f"the server exited by itself; its log: {srv.log_path}")
                await asyncio.sleep(0.01)
            if a.fault == "postgres-restart":
                await restart_postgres(a, st, srv, k)
                continue
            st.up.clear()
            srv.kill()
            log(f"kill {k + 1}/{a.kills}: SIGKILL after {st.acked_since_start} acknowledged posts "
                f"({len(st.acked)} in all)")
            if db_path:
                result = sqlite_integrity(db_path)
                integrity.append(result)
                if result != "ok":
                    log(f"  integrity_check after the kill: {result}")
            srv.start()
            await wait_ready(ep)
            st.acked_since_start = 0
            st.up.set()
        target = rnd.randint(a.min_writes, a.max_writes)  # some writes after the last restart
        while st.acked_since_start < target:
            await asyncio.sleep(0.01)
    finally:
        st.stop = True
        st.up.set()
        await asyncio.gather(*tasks, return_exceptions=True)
        srv.stop()

    ids = sorted(st.acked)
    stored = stored_posts(a, db_path, ids)
    missing = [i for i in ids if i not in stored]
    wrong = [i for i in ids if i in stored and stored[i] != st.acked[i]]
    if db_path:
        integrity.append(sqlite_integrity(db_path))
    report = {
        "database": "PostgreSQL" if a.database_url else f"SQLite (synchronous={a.synchronous})",
        "writers": a.writers, "kills": a.kills, "starts": srv.starts,
        "acknowledged_posts": len(ids), "acknowledged_missing": len(missing), "acknowledged_altered": len(wrong),
        "failed_requests": len(st.failed), "failed_but_stored": count_stored(a, db_path, st.failed),
        "unexpected_answers": st.unexpected[:5], "unexpected_count": len(st.unexpected),
        "fault": a.fault, "gap_503_with_retry_after": st.gap_503, "transport_errors": st.transport_errors,
        "integrity_checks": len(integrity), "integrity_failures": sum(1 for r in integrity if r != "ok"),
    }
    report["passed"] = not missing and not wrong and not st.unexpected and report["integrity_failures"] == 0
    if a.fault == "postgres-restart":  # the server never went away: no request may have been cut
        report["passed"] = report["passed"] and st.transport_errors == 0
    return report


def markdown(r, commit):
    integ = (f"{r['integrity_checks'] - r['integrity_failures']} of {r['integrity_checks']} `integrity_check` ok"
             if r["integrity_checks"] else "(PostgreSQL: no file check)")
    if r["fault"] == "postgres-restart":
        what = f"{r['kills']} restarts of PostgreSQL under the running server"
        gap = (f"| answers in the gap: 503 with Retry-After | {r['gap_503_with_retry_after']:,} |\n"
               f"| connections cut (must be 0: the server stayed up) | {r['transport_errors']} |\n")
    else:
        what, gap = f"{r['kills']} SIGKILLs at random numbers of acknowledged posts", ""
    return f"""Drill {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, commit `{commit}`, {r['database']}: {r['writers']} writers posting, {what}.

| Check | Result |
|---|---|
| acknowledged posts missing afterwards | {r['acknowledged_missing']} of {r['acknowledged_posts']:,} |
| acknowledged posts with other text | {r['acknowledged_altered']} |
| failed requests stored anyway | {r['failed_but_stored']} of {r['failed_requests']} (committed just before the fault; the client saw an error) |
{gap}| answers other than success, 503 with Retry-After, or the server being away | {r['unexpected_count']} |
| database checks | {integ} |
| verdict | {'passed' if r['passed'] else 'FAILED'} |
"""


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--bin-dir", required=True)
    p.add_argument("--database-url", default="", help="PostgreSQL URL (default: SQLite in the work folder)")
    p.add_argument("--pg-admin-url", default="", help="PostgreSQL admin URL: the drill creates a database of its own")
    p.add_argument("--synchronous", default="FULL", help="SQLite synchronous setting (FULL, the default, or NORMAL)")
    p.add_argument("--writers", type=int, default=8)
    p.add_argument("--kills", type=int, default=20)
    p.add_argument("--min-writes", type=int, default=50, help="fewest acknowledged posts between kills")
    p.add_argument("--max-writes", type=int, default=2000, help="most acknowledged posts between kills")
    p.add_argument("--seed", type=int, default=int(time.time()))
    p.add_argument("--results", help="write the Markdown table here")
    p.add_argument("--commit", default="unknown")
    p.add_argument("--keep", action="store_true", help="keep the work folder (database and server log)")
    p.add_argument("--fault", choices=["kill", "postgres-restart"], default="kill",
                   help="what happens --kills times: SIGKILL of the server, or a restart of PostgreSQL")
    p.add_argument("--pg-restart-cmd", default="", help="shell command that restarts PostgreSQL (--fault postgres-restart)")
    p.add_argument("--test-pg", action="store_true",
                   help="PostgreSQL from QUARTIER_TEST_PG_URL (CTest); exit 77 (skipped) without it unless required")
    a = p.parse_args()
    if a.test_pg:
        a.pg_admin_url = os.environ.get("QUARTIER_TEST_PG_URL", "")
        if not a.pg_admin_url:
            if os.environ.get("QUARTIER_TEST_REQUIRE_PG") == "1":
                sys.exit("QUARTIER_TEST_REQUIRE_PG=1 but QUARTIER_TEST_PG_URL is not set")
            print("skipped: QUARTIER_TEST_PG_URL is not set")
            sys.exit(77)
    if a.fault == "postgres-restart" and not (a.pg_restart_cmd and (a.pg_admin_url or a.database_url)):
        sys.exit("--fault postgres-restart needs PostgreSQL (--pg-admin-url) and --pg-restart-cmd")
    work = tempfile.mkdtemp(prefix="quartier-kill-drill-")
    log(f"seed {a.seed}, work folder {work}")
    try:
        report = asyncio.run(drill(a, work))
    finally:
        if getattr(a, "drop_database", None):
            subprocess.run(["psql", "-X", "-q", a.pg_admin_url, "-c", f"DROP DATABASE IF EXISTS {a.drop_database}"],
                           capture_output=True)
        if a.keep:
            print(f"work folder kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(report, indent=2))
    md = markdown(report, a.commit)
    print(md)
    if a.results:
        open(a.results, "w").write(md)
    sys.exit(0 if report["passed"] else 1)


if __name__ == "__main__":
    main()
