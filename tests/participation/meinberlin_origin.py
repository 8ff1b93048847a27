#!/usr/bin/env python3
"""A stand-in for meinBerlin on loopback: /api/projects/ and /api/plans/ answered from the JSON
files in data/ (shaped exactly like the public API), and its failure modes.

  GET /control/<mode>  good | changed | error500 | badjson | slow (answers after 5 s)
  GET /count           how many list requests came so far
  GET /agent           the User-Agent of the last list request
Writes its port to the file given as the first argument.
"""
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
state = {"mode": "good", "count": 0, "agent": ""}
lock = threading.Lock()


def read(name):
    with open(os.path.join(DATA, name), "rb") as f:
        return f.read()


class Origin(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, body, content_type="application/json"):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        path = self.path.split("?")[0]
        if path.startswith("/control/"):
            with lock:
                state["mode"] = path[len("/control/"):]
            return self.answer(200, b"{}")
        if path == "/count":
            return self.answer(200, str(state["count"]).encode(), "text/plain")
        if path == "/agent":
            return self.answer(200, state["agent"].encode(), "text/plain")
        if path not in ("/api/projects/", "/api/plans/"):
            return self.answer(404, b'{"detail":"Nicht gefunden."}')
        with lock:
            state["count"] += 1
            state["agent"] = self.headers.get("User-Agent", "")
            mode = state["mode"]
        if mode == "error500":
            return self.answer(500, b"<h1>Server Error (500)</h1>", "text/html")
        if mode == "badjson":
            return self.answer(200, b"<!DOCTYPE html><html>Wartungsarbeiten</html>", "text/html")
        if mode == "slow":
            time.sleep(5)
        if path == "/api/plans/":
            return self.answer(200, read("plans.json"))
        return self.answer(200, read("projects_changed.json" if mode == "changed" else "projects.json"))


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Origin)
    server.daemon_threads = True
    tmp = sys.argv[1] + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(tmp, sys.argv[1])
    server.serve_forever()


if __name__ == "__main__":
    main()
