"""The files plugin's bench scenarios (scripts/bench, scenario "files"): a server of its own with
the files plugin on a fresh SQLite database; one person uploads a big file (1 GiB; 64 MiB in the
smoke run) into their space and downloads it again, reads 100 MB in Range requests, and lists a
folder of 10,000 files (200 in the smoke run), then downloads that folder and a folder with the big
file as ZIPs (written to disk by the server, then sent from there). Prints throughput, the
server's RSS while idle and its peak during the upload and each ZIP (bodies and archives go to
disk, never into memory), and fails on any error.
"""
import http.client
import json
import os
import subprocess
import time
import urllib.request

# 1 MiB, not all alike; a PDF's head, since the plugin sniffs the type and takes only allowed ones.
CHUNK = b"%PDF-1.7\n" + bytes((i * 7 + i // 4096) % 251 for i in range((1 << 20) - 9))


def _status(pid, key):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024.0
    return 0.0


def _reset_peak(pid):
    try:
        with open(f"/proc/{pid}/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass


class FilesServer:
    def __init__(self, bin_dir, run_dir, port):
        self.port, self.bin = port, os.path.join(bin_dir, "quartier")
        plugin_dir = os.path.join(os.path.dirname(bin_dir), "lib", "quartier", "plugins")
        self.cfg = os.path.join(run_dir, "files-bench.toml")
        with open(self.cfg, "w") as f:
            f.write(f'[server]\nlisten = "127.0.0.1:{port}"\ndevelopment = true\n[database]\nurl = "sqlite:{run_dir}/files-bench.db"\n'
                    f'[mail]\noutbox_dir = "{run_dir}/files-mail"\n[media]\ndir = "{run_dir}/files-media"\n'
                    f'[auth]\nlogin_attempts_per_ip_5min = 100000\nwrites_per_user_10min = 1000000\napi_requests_per_user_5min = 100000000\n'
                    f'[log]\nlevel = "warn"\n'
                    f'[plugins]\ndir = "{plugin_dir}"\nenabled = ["files"]\n[plugins.files]\ndir = "{run_dir}/files-blobs"\n')
        self.log = open(os.path.join(run_dir, "files-server.log"), "w")
        self.proc = subprocess.Popen([self.bin, "serve", "--config", self.cfg], stdout=self.log, stderr=subprocess.STDOUT)
        for _ in range(600):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("the files bench server did not become ready")

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=30)
        self.log.close()


class Client:
    def __init__(self, server):
        password = "Bench-Dateien-2026-lang!"
        subprocess.run([server.bin, "-c", server.cfg, "user", "add", "--email", "bench@files.test", "--name", "Bench",
                        "--password-stdin"], input=password + "\n", text=True, check=True, capture_output=True)
        self.conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=300)
        r = self.call("POST", "/api/auth/login", json.dumps({"email": "bench@files.test", "password": password}),
                      {"Content-Type": "application/json"})
        self.headers = {"Cookie": self.cookie, "X-CSRF-Token": json.loads(r)["csrf_token"]}
        self.me = json.loads(self.call("GET", "/api/me"))["user"]["id"]

    def call(self, method, path, body=None, headers=None, expect=(200, 201, 204, 206)):
        h = dict(getattr(self, "headers", {}), **(headers or {}))
        self.conn.request(method, path, body=body, headers=h)
        r = self.conn.getresponse()
        data = r.read()
        if r.status not in expect:
            raise RuntimeError(f"{method} {path} -> {r.status}: {data[:200]!r}")
        cookie = r.getheader("Set-Cookie")
        if cookie:
            self.cookie = cookie.split(";", 1)[0]
        return data

    def fetch_len(self, path):
        """GETs path and counts the body's bytes without keeping them."""
        self.conn.request("GET", path, headers=self.headers)
        r, n = self.conn.getresponse(), 0
        while True:
            block = r.read(1 << 20)
            if not block:
                break
            n += len(block)
        if r.status != 200:
            raise RuntimeError(f"GET {path} -> {r.status}")
        return n

    def upload(self, name, mib):
        def body():
            for _ in range(mib):
                yield CHUNK
        path = f"/api/p/files/spaces/person/{self.me}/files?name={name}"
        headers = {"Content-Length": str(mib << 20), "Content-Type": "application/octet-stream"}
        return json.loads(self.call("POST", path, body(), headers))


def run(args, run_dir, log, free_port):
    """Returns True when every files scenario ran without an error."""
    big_mib, listing = (64, 200) if args.smoke else (1024, 10000)
    server = FilesServer(args.bin_dir, run_dir, free_port())
    try:
        c = Client(server)
        time.sleep(0.5)
        idle = _status(server.proc.pid, "VmRSS")
        _reset_peak(server.proc.pid)
        t0 = time.monotonic()
        item = c.upload("gross.pdf", big_mib)
        up_s = time.monotonic() - t0
        peak = _status(server.proc.pid, "VmHWM")
        log(f"  files upload: {big_mib} MiB in {up_s:.2f} s = {big_mib / up_s:,.0f} MiB/s, "
            f"server RSS idle {idle:.0f} MB, peak during the upload {peak:.0f} MB (+{peak - idle:.0f} MB)")
        url = f"/api/p/files/items/{item['id']}/content"
        t0 = time.monotonic()
        got = len(c.call("GET", url))
        down_s = time.monotonic() - t0
        if got != big_mib << 20:
            raise RuntimeError(f"download gave {got} bytes")
        log(f"  files download: {big_mib} MiB in {down_s:.2f} s = {big_mib / down_s:,.0f} MiB/s")
        t0, read = time.monotonic(), 0
        for i in range(100):
            start = (i * 7919 % max(1, big_mib - 1)) << 20
            read += len(c.call("GET", url, headers={"Range": f"bytes={start}-{start + (1 << 20) - 1}"}))
        log(f"  files range: 100 Range reads of 1 MiB in {time.monotonic() - t0:.2f} s ({read >> 20} MiB)")
        folder = json.loads(c.call("POST", f"/api/p/files/spaces/person/{c.me}/folders",
                                   json.dumps({"name": "Viele"}), {"Content-Type": "application/json"}))["id"]
        for i in range(listing):
            c.call("POST", f"/api/p/files/spaces/person/{c.me}/files?name=f{i:05d}.txt&folder={folder}",
                   f"Datei {i}".encode(), {"Content-Type": "application/octet-stream"})
        t0 = time.monotonic()
        items = json.loads(c.call("GET", f"/api/p/files/spaces/person/{c.me}?folder={folder}"))["items"]
        log(f"  files listing: {len(items)} files in {1000 * (time.monotonic() - t0):.0f} ms")
        pid = server.proc.pid
        before = _status(pid, "VmRSS")  # the ZIP's own cost: its peak over the RSS just before it
        _reset_peak(pid)
        t0 = time.monotonic()
        small_zip = c.fetch_len(f"/api/p/files/folders/{folder}/zip")
        log(f"  files zip: a folder of {listing} small files as a {small_zip >> 10} KiB ZIP in "
            f"{1000 * (time.monotonic() - t0):.0f} ms, server peak +{max(0.0, _status(pid, 'VmHWM') - before):.0f} MB over its RSS before")
        box = json.loads(c.call("POST", f"/api/p/files/spaces/person/{c.me}/folders",
                                json.dumps({"name": "Gross"}), {"Content-Type": "application/json"}))["id"]
        c.call("PATCH", f"/api/p/files/items/{item['id']}", json.dumps({"parent_id": box}), {"Content-Type": "application/json"})
        before = _status(pid, "VmRSS")
        _reset_peak(pid)
        t0 = time.monotonic()
        big_zip = c.fetch_len(f"/api/p/files/folders/{box}/zip")
        zip_s = time.monotonic() - t0
        log(f"  files zip: {big_mib} MiB of PDF (stored) as a ZIP of {big_zip >> 20} MiB in {zip_s:.2f} s = "
            f"{big_mib / zip_s:,.0f} MiB/s, server peak +{max(0.0, _status(pid, 'VmHWM') - before):.0f} MB over its RSS before")
        return len(items) == listing
    except Exception as e:  # noqa: BLE001 - the bench reports any failure and goes on
        log(f"  files FAILED: {e}")
        return False
    finally:
        server.stop()
