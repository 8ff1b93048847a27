#!/usr/bin/env python3
"""A stand-in for an external calendar on loopback: /feed.ics answers with a recorded .ics file
from import_data/ chosen by the mode, or one of the failure modes.

  GET /control/<mode>  a file's name without .ics (city_v1, city_v2, truncated, not_calendar)
                       | html | big (50 MB) | error500
  GET /agent           the User-Agent of the last /feed.ics request
Writes its port to the file given as the first argument.
"""
import os
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "import_data")
state = {"mode": "city_v1", "agent": ""}
lock = threading.Lock()
BIG = 50 * 1024 * 1024


class Origin(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, body, content_type="text/calendar; charset=utf-8"):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def big(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/calendar")
        self.send_header("Content-Length", str(BIG))
        self.end_headers()
        chunk = b"BEGIN:VCALENDAR\r\n" + b"X-FILL:" + b"x" * (1024 * 1024 - 26) + b"\r\n"
        try:
            for _ in range(BIG // len(chunk)):
                self.wfile.write(chunk)
            self.wfile.write(b"\r\n" * ((BIG % len(chunk)) // 2))
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client stopped reading at its limit

    def do_GET(self):
        path = self.path.split("?")[0]
        if path.startswith("/control/"):
            with lock:
                state["mode"] = path[len("/control/"):]
            return self.answer(200, b"ok", "text/plain")
        if path == "/agent":
            return self.answer(200, state["agent"].encode(), "text/plain")
        if path != "/feed.ics":
            return self.answer(404, b"not found", "text/plain")
        with lock:
            mode = state["mode"]
            state["agent"] = self.headers.get("User-Agent", "")
        if mode == "html":
            return self.answer(200, b"<!DOCTYPE html><html><body>Veranstaltungen</body></html>", "text/html; charset=utf-8")
        if mode == "big":
            return self.big()
        if mode == "error500":
            return self.answer(500, b"Internal Server Error", "text/plain")
        with open(os.path.join(DATA, mode + ".ics"), "rb") as f:
            return self.answer(200, f.read())


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Origin)
    tmp = sys.argv[1] + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(tmp, sys.argv[1])
    server.serve_forever()


if __name__ == "__main__":
    main()
