"""scripts/cluster-drill: three Quartier nodes on one PostgreSQL behind nginx, on loopback.

Mixed load through nginx (home stream, posts, reactions, urgent announcements) with residents'
WebSockets open directly on every node; in the middle one node is killed with SIGKILL and
restarted. Reports: failed requests (and whether each was in flight on the killed node), live
events delivered to the sockets of every node, acknowledged writes missing afterwards, and
urgent-announcement mails per resident (exactly one each: the background job ran once).
Exit code 0 when nothing acknowledged was lost, every failure was on the killed node, every
socket got every announcement published while it was connected, and no mail was missing or sent
twice.
"""
import argparse
import asyncio
import collections
import email
import email.policy
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import qclient  # noqa: E402

PASSWORD = "Lindenblatt-Quartier-4711"


def log(msg):
    print(f"[drill {time.monotonic() - T0:6.1f}s] {msg}", flush=True)


T0 = time.monotonic()


class Node:
    def __init__(self, n, bin_path, work, db_url, shared_media, outbox, public_url):
        self.n, self.bin = n, bin_path
        self.dir = os.path.join(work, f"node{n}")
        os.makedirs(self.dir, exist_ok=True)
        self.config = os.path.join(self.dir, "quartier.toml")
        self.port_file = os.path.join(self.dir, "port")
        self.log_path = os.path.join(self.dir, "server.log")
        self.proc = None
        self.port = None
        with open(self.config, "w") as f:
            f.write(f"""[server]
listen = "127.0.0.1:0"
threads = 2
public_url = "{public_url}"
trusted_proxies = ["127.0.0.1"]
shutdown_grace_seconds = 5
[database]
url = "{db_url}"
auto_migrate = {"true" if n == 1 else "false"}
pool_size = 8
[auth]
writes_per_user_10min = 100000
login_attempts_per_ip_5min = 1000
[mail]
outbox_dir = "{outbox}"
[media]
dir = "{shared_media}"
[log]
level = "info"
""")

    def start(self, port=None):
        if os.path.exists(self.port_file):
            os.remove(self.port_file)
        env = dict(os.environ)
        if port:
            env["QUARTIER_SERVER_LISTEN"] = f"127.0.0.1:{port}"
        self.proc = subprocess.Popen([self.bin, "serve", "--config", self.config, "--port-file", self.port_file],
                                     stdout=open(self.log_path, "a"), stderr=subprocess.STDOUT, env=env)
        deadline = time.monotonic() + 60
        while not os.path.exists(self.port_file):
            if self.proc.poll() is not None:
                raise SystemExit(f"node {self.n} exited during startup; its log: {self.log_path}")
            if time.monotonic() > deadline:
                raise SystemExit(f"node {self.n} did not listen within 60 s; its log: {self.log_path}")
            time.sleep(0.05)
        self.port = int(open(self.port_file).read())

    def kill(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                return self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                return -1
        return self.proc.returncode if self.proc else None


def write_nginx(work, nodes, port):
    upstream = "\n".join(f"    server 127.0.0.1:{n.port} max_fails=1 fail_timeout=10s;" for n in nodes)
    conf = os.path.join(work, "nginx.conf")
    user = "user root;" if os.getuid() == 0 else ""
    with open(conf, "w") as f:
        f.write(f"""{user}
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log warn;
events {{ worker_connections 2048; }}
http {{
    access_log off;
    client_body_temp_path {work}/nginx-body;
    proxy_temp_path {work}/nginx-proxy;
    fastcgi_temp_path {work}/nginx-fastcgi;
    uwsgi_temp_path {work}/nginx-uwsgi;
    scgi_temp_path {work}/nginx-scgi;
    # The upstream and proxy settings of docs/nginx/quartier.conf, without TLS.
    upstream quartier {{
{upstream}
        keepalive 32;
    }}
    server {{
        listen 127.0.0.1:{port};
        server_name quartier.test;
        proxy_http_version 1.1;
        proxy_set_header Host $host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
        proxy_set_header Connection "";
        proxy_next_upstream error timeout http_503;
        proxy_next_upstream_tries 3;
        # For the drill only: which node answered (or failed).
        add_header X-Upstream $upstream_addr always;
        location / {{ proxy_pass http://quartier; }}
    }}
}}
""")
    return conf


def free_port():
    import socket
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


def run_cli(node, *args, stdin=None):
    r = subprocess.run([node.bin, *args, "--config", node.config], input=stdin, capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"quartier {' '.join(args)} failed ({r.returncode}): {r.stdout}{r.stderr}")
    return r.stdout


class Stats:
    def __init__(self):
        self.requests = collections.Counter()
        self.failures = []  # (t, kind, status or error, upstream)
        self.acked_posts = {}  # id -> token
        self.unacked_tokens = []  # posts that failed: their fate is checked afterwards
        self.announcements = []  # (id, number in its title, sent at, acknowledged at)


async def worker(wid, ep, sessions, stats, stop_at, item_ids):
    rnd = random.Random(wid)
    while time.monotonic() < stop_at:
        s = rnd.choice(sessions)
        r = rnd.random()
        if r < 0.6:
            kind, method, path, body = "stream", "GET", "/api/stream", None
        elif r < 0.85:
            token = f"drill-{wid}-{time.monotonic_ns()}"
            kind, method, path, body = "post", "POST", "/api/posts", {"body": f"Drill post {token}"}
        else:
            if not item_ids:
                continue
            kind, method = "react", "PUT"
            path, body = f"/api/content/{rnd.choice(item_ids)}/reaction", {"reaction": "like"}
        t = time.monotonic()
        stats.requests[kind] += 1
        try:
            status, headers, data = await s.request(method, path, body, timeout=20)
            upstream = dict(headers).get("x-upstream", "")
            ok = status < 400
            if not ok:
                stats.failures.append((t, kind, status, upstream))
                if kind == "post":
                    stats.unacked_tokens.append(token)
            elif kind == "post" and status == 201:
                stats.acked_posts[data["id"]] = token
                item_ids.append(data["id"])
        except Exception as e:  # transport failure: nginx itself is never killed, so unexpected
            stats.failures.append((t, kind, type(e).__name__, ""))
            if kind == "post":
                stats.unacked_tokens.append(token)


async def announcer(ep, staff, stats, stop_at, interval):
    n = 0
    while time.monotonic() < stop_at:
        n += 1
        t = time.monotonic()
        stats.requests["announcement"] += 1
        try:
            status, headers, data = await staff.request(
                "POST", "/api/announcements", {"title": f"Drill {n}", "body": f"Durchsage {n}", "urgent": True})
            if status == 201:
                stats.announcements.append((data["id"], str(n), t, time.monotonic()))
            else:
                stats.failures.append((t, "announcement", status, dict(headers).get("x-upstream", "")))
        except Exception as e:
            stats.failures.append((t, "announcement", type(e).__name__, ""))
        await asyncio.sleep(interval)


class Listener:
    """A resident's socket on one node; reconnects to the same node while it is down."""

    def __init__(self, session, node_ep, node_n):
        self.session, self.ep, self.node = session, node_ep, node_n
        self.received = set()
        self.connected = []  # [start, end) intervals (monotonic)
        self.task = None
        self.last_error = None
        self.open = False

    async def run(self, stop_at):
        s = qclient.Session(self.ep)
        s.cookies = self.session.cookies
        while time.monotonic() < stop_at:
            try:
                sock = await s.live()
            except Exception as e:
                self.last_error = repr(e)
                await asyncio.sleep(0.2)
                continue
            start = time.monotonic()
            self.open = True
            try:
                while True:
                    left = stop_at - time.monotonic()
                    if left <= 0:
                        break
                    try:
                        msg = await asyncio.wait_for(sock.receive(), left)
                    except asyncio.TimeoutError:
                        break
                    if msg is None:
                        break
                    if msg.get("type") == "notification":
                        m = re.search(r"/content/(\d+)", json.dumps(msg))
                        if m:
                            self.received.add(int(m.group(1)))
            finally:
                self.open = False
                self.connected.append((start, time.monotonic()))
                sock.close()


def read_mails(outbox):
    """(recipient address, announcement number) -> mails."""
    import email.utils
    per = collections.Counter()
    for name in os.listdir(outbox):
        if not name.endswith(".eml"):
            continue
        with open(os.path.join(outbox, name), "rb") as f:
            m = email.message_from_binary_file(f, policy=email.policy.default)
        to = email.utils.parseaddr(str(m["To"]))[1]
        body = m.get_body(preferencelist=("plain",))
        text = body.get_content() if body else ""
        found = re.search(r"Durchsage (\d+)|Drill (\d+)", str(m["Subject"]) + text)
        if found:
            per[(to, found.group(1) or found.group(2))] += 1
    return per


def psql(db_url, sql):
    r = subprocess.run(["psql", "-X", "-A", "-t", "-q", db_url, "-c", sql], capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"psql failed: {r.stderr}")
    return r.stdout


async def drill(a):
    work = tempfile.mkdtemp(prefix="quartier-drill-")
    os.chmod(work, 0o755)
    media, outbox = os.path.join(work, "media"), os.path.join(work, "outbox")
    os.makedirs(media)
    os.makedirs(outbox)
    bin_path = os.path.join(a.bin_dir, "quartier")
    nginx_port = free_port()
    public_url = f"http://quartier.test:{nginx_port}"
    nodes = [Node(i + 1, bin_path, work, a.database_url, media, outbox, public_url) for i in range(a.nodes)]
    nginx = None
    try:
        log(f"migrating the database once (node 1), starting {a.nodes} nodes")
        run_cli(nodes[0], "migrate")
        for n in nodes:
            n.start()
        conf = write_nginx(work, nodes, nginx_port)
        t = subprocess.run(["nginx", "-t", "-q", "-p", work, "-c", conf], capture_output=True, text=True)
        if t.returncode != 0:
            raise SystemExit(f"nginx -t: {t.stderr}")
        nginx = subprocess.Popen(["nginx", "-p", work, "-c", conf, "-g", "daemon off;"])
        ep = qclient.Endpoint("127.0.0.1", nginx_port, server_name="quartier.test")
        deadline = time.monotonic() + 30
        while True:
            try:
                if (await qclient.Session(ep).request("GET", "/readyz", timeout=2))[0] == 200:
                    break
            except Exception:
                pass
            if time.monotonic() > deadline:
                raise SystemExit("nginx did not answer /readyz within 30 s")
            await asyncio.sleep(0.1)

        log(f"creating a neighbourhood, a staff member and {a.residents} residents")
        run_cli(nodes[0], "user", "add", "--email", "admin@drill.test", "--name", "Admin", "--role", "admin",
                "--password-stdin", stdin=PASSWORD + "\n")
        admin = qclient.Session(ep)
        await admin.login("admin@drill.test", PASSWORD)
        st, _, body = await admin.request("POST", "/api/neighbourhoods", {"slug": "mitte", "name": "Mitte"})
        if st != 201:
            raise SystemExit(f"creating the neighbourhood: HTTP {st}: {body}")
        emails = [f"r{i}@drill.test" for i in range(a.residents)]

        def add(addr, role, name):
            run_cli(nodes[0], "user", "add", "--email", addr, "--name", name, "--role", role,
                    "--neighbourhood", "mitte", "--password-stdin", stdin=PASSWORD + "\n")

        loop = asyncio.get_running_loop()
        jobs = [loop.run_in_executor(None, add, "amt@drill.test", "staff", "Amt")]
        jobs += [loop.run_in_executor(None, add, e, "resident", f"Person {i}") for i, e in enumerate(emails)]
        await asyncio.gather(*jobs)
        staff = qclient.Session(ep)
        await staff.login("amt@drill.test", PASSWORD)
        # Each resident logs in through nginx from an address of their own (127.0.1.x).
        sessions = []
        for i, e in enumerate(emails):
            s = qclient.Session(ep, local_addr=f"127.0.1.{i + 1}")
            await s.login(e, PASSWORD)
            sessions.append(s)

        # Sockets spread over the nodes, directly on each (so the report can say where each one is).
        listeners = []
        for i, s in enumerate(sessions):
            node = nodes[i % len(nodes)]
            listeners.append(Listener(s, qclient.Endpoint("127.0.0.1", node.port, origin=public_url), node.n))
        stop_at = time.monotonic() + a.duration
        for lst in listeners:
            lst.task = asyncio.ensure_future(lst.run(stop_at + a.settle))
        # Every socket says hello before the load starts.
        deadline = time.monotonic() + 15
        while not all(lst.connected or lst.received or lst.open for lst in listeners):
            if time.monotonic() > deadline:
                bad = [lst for lst in listeners if not lst.open]
                raise SystemExit(f"{len(bad)} sockets could not open /api/live: {bad[0].last_error}")
            await asyncio.sleep(0.1)

        stats = Stats()
        item_ids = []
        log(f"load: {a.workers} workers through nginx for {a.duration} s, an urgent announcement every "
            f"{a.announce_every} s; node {a.kill_node} is killed at {a.kill_at} s")
        tasks = [asyncio.ensure_future(worker(w, ep, sessions, stats, stop_at, item_ids)) for w in range(a.workers)]
        tasks.append(asyncio.ensure_future(announcer(ep, staff, stats, stop_at, a.announce_every)))
        victim = nodes[a.kill_node - 1]
        await asyncio.sleep(a.kill_at)
        kill_t = time.monotonic()
        victim.kill()
        log(f"SIGKILL node {victim.n} (127.0.0.1:{victim.port})")
        await asyncio.sleep(a.down_for)
        await loop.run_in_executor(None, victim.start, victim.port)
        restart_t = time.monotonic()
        log(f"node {victim.n} restarted on the same port after {restart_t - kill_t:.1f} s")
        await asyncio.gather(*tasks)
        log("load over; letting live events and mails settle")
        await asyncio.gather(*(lst.task for lst in listeners))

        # 1. Acknowledged writes: each one must be in the database, read through any node.
        acked = stats.acked_posts
        missing = []
        ids = list(acked)
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            found = psql(a.database_url, f"SELECT id FROM content WHERE id IN ({','.join(map(str, chunk))})")
            have = {int(x) for x in found.split()}
            missing += [x for x in chunk if x not in have]
        unacked_applied = 0
        if stats.unacked_tokens:
            cond = " OR ".join(f"body LIKE '%{tok}%'" for tok in stats.unacked_tokens[:200])
            unacked_applied = int(psql(a.database_url, f"SELECT count(*) FROM content WHERE {cond}").strip() or 0)

        # 2. Failures: in flight on the killed node when it died, or elsewhere.
        victim_addr = f"127.0.0.1:{victim.port}"
        on_victim = [f for f in stats.failures if victim_addr in str(f[3]) and kill_t - 1 <= f[0] <= kill_t + 1]
        other = [f for f in stats.failures if f not in on_victim]

        # 3. Live events per node: every announcement acknowledged while the socket was connected.
        per_node = {}
        for lst in listeners:
            # Connected before the announcement was sent, and still a second after it was
            # acknowledged (the relay between nodes polls every 100 ms).
            exp = {aid for aid, _, sent, acked in stats.announcements
                   if any(s <= sent and acked + 1.0 <= e for s, e in lst.connected)}
            got = lst.received & exp
            d = per_node.setdefault(lst.node, {"sockets": 0, "expected": 0, "delivered": 0, "reconnects": 0})
            d["sockets"] += 1
            d["expected"] += len(exp)
            d["delivered"] += len(got)
            d["reconnects"] += max(0, len(lst.connected) - 1)

        # 4. Mails of the urgent announcements: exactly one per resident and announcement.
        # Every resident is in the area of a city-wide announcement.
        n_ann = len(stats.announcements)
        expected_keys = {(e, num) for e in emails for _, num, _, _ in stats.announcements}
        deadline = time.monotonic() + a.mail_wait
        while True:
            per = read_mails(outbox)
            resident_keys = {k for k in per if k in expected_keys}
            if len(resident_keys) >= len(expected_keys) or time.monotonic() > deadline:
                break
            await asyncio.sleep(1)
        total = sum(per.values())
        expected_mails = len(emails) * n_ann
        duplicates = sum(c - 1 for c in per.values() if c > 1)

        total_requests = sum(stats.requests.values())
        report = {
            "nodes": a.nodes, "duration_s": a.duration, "workers": a.workers, "residents": a.residents,
            "requests": dict(stats.requests), "requests_total": total_requests,
            "failed_total": len(stats.failures), "failed_in_flight_on_killed_node": len(on_victim),
            "failed_elsewhere": len(other), "failed_elsewhere_samples": [list(map(str, f)) for f in other[:5]],
            "down_s": round(restart_t - kill_t, 1),
            "acknowledged_posts": len(acked), "acknowledged_posts_missing": len(missing),
            "unacknowledged_posts": len(stats.unacked_tokens), "unacknowledged_but_stored": unacked_applied,
            "announcements": n_ann, "live": per_node,
            "mails_expected": expected_mails, "mails_found": total, "mail_duplicates": duplicates,
            "mails_distinct": len(resident_keys),
        }
        ok = (not missing and not other and duplicates == 0 and len(resident_keys) >= expected_mails
              and all(d["delivered"] == d["expected"] for d in per_node.values()))
        report["passed"] = ok
        return report
    finally:
        if nginx:
            nginx.terminate()
            nginx.wait()
        codes = [n.stop() for n in nodes]
        if a.keep:
            print(f"work folder kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def markdown(r, commit):
    live = "; ".join(f"node {n}: {d['delivered']}/{d['expected']} to {d['sockets']} sockets"
                     + (f" ({d['reconnects']} reconnects)" if d["reconnects"] else "")
                     for n, d in sorted(r["live"].items()))
    return f"""Drill run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, commit `{commit}`: {r['nodes']} nodes on one PostgreSQL behind nginx, {r['residents']} residents, {r['workers']} clients through nginx for {r['duration_s']} s (home stream 60 %, posts 25 %, reactions 15 %, an urgent announcement every 2 s), one node killed with SIGKILL and restarted {r['down_s']} s later.

| Check | Result |
|---|---|
| requests | {r['requests_total']:,} ({', '.join(f'{k} {v:,}' for k, v in sorted(r['requests'].items()))}) |
| failed requests | {r['failed_total']}: {r['failed_in_flight_on_killed_node']} in flight on the killed node, {r['failed_elsewhere']} elsewhere |
| acknowledged posts missing afterwards | {r['acknowledged_posts_missing']} of {r['acknowledged_posts']:,} |
| failed posts that were stored anyway | {r['unacknowledged_but_stored']} of {r['unacknowledged_posts']} (committed just before the kill; the client saw an error) |
| live events (urgent announcements, to sockets connected at the time) | {live} |
| urgent-announcement mails (background job, once per cluster) | {r['mails_distinct']:,} of {r['mails_expected']:,} expected, {r['mail_duplicates']} duplicates |
| verdict | {'passed' if r['passed'] else 'FAILED'} |
"""


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--bin-dir", required=True)
    p.add_argument("--database-url", required=True)
    p.add_argument("--nodes", type=int, default=3)
    p.add_argument("--residents", type=int, default=30)
    p.add_argument("--workers", type=int, default=12)
    p.add_argument("--duration", type=float, default=30)
    p.add_argument("--kill-node", type=int, default=2)
    p.add_argument("--kill-at", type=float, default=10)
    p.add_argument("--down-for", type=float, default=3)
    p.add_argument("--announce-every", type=float, default=2)
    p.add_argument("--settle", type=float, default=5)
    p.add_argument("--mail-wait", type=float, default=60)
    p.add_argument("--results", help="write the Markdown table here")
    p.add_argument("--json", help="write the raw figures here")
    p.add_argument("--commit", default="unknown")
    p.add_argument("--keep", action="store_true", help="keep the work folder (logs of every node)")
    a = p.parse_args()
    if shutil.which("nginx") is None:
        raise SystemExit("nginx is missing: install the Debian package nginx")
    report = asyncio.run(drill(a))
    print(json.dumps(report, indent=2))
    md = markdown(report, a.commit)
    print(md)
    if a.results:
        open(a.results, "w").write(md)
    if a.json:
        open(a.json, "w").write(json.dumps(report, indent=2))
    sys.exit(0 if report["passed"] else 1)


if __name__ == "__main__":
    main()
