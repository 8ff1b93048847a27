"""A small asyncio client for Quartier's HTTP API and its /api/live WebSocket, standard library
only, for the operations tests (tests/ops/nginx_test.sh) and scripts/cluster-drill.

HTTP/1.1 with one request per connection (what a load balancer in between makes no difference
to), optional TLS; the WebSocket is RFC 6455 text frames, masked from the client.
"""
import asyncio
import base64
import hashlib
import json
import os
import ssl as ssl_module
import struct

WS_GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


class HttpError(Exception):
    pass


class Endpoint:
    """Where to connect (host, port, optional TLS) and what to call the site (Host, Origin)."""

    def __init__(self, host="127.0.0.1", port=8080, tls=None, server_name=None, origin=None):
        self.host, self.port, self.tls = host, port, tls
        self.server_name = server_name or host
        scheme = "https" if tls else "http"
        default_port = 443 if tls else 80
        self.authority = self.server_name if port == default_port else f"{self.server_name}:{port}"
        self.origin = origin or f"{scheme}://{self.authority}"

    async def open(self, local_addr=None):
        return await asyncio.open_connection(
            self.host, self.port, ssl=self.tls, server_hostname=self.server_name if self.tls else None,
            local_addr=(local_addr, 0) if local_addr else None)


def tls_context(cafile):
    ctx = ssl_module.create_default_context(cafile=cafile)
    ctx.set_alpn_protocols(["http/1.1"])
    return ctx


async def _read_head(reader):
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    parts = lines[0].split(" ", 2)
    status = int(parts[1])
    headers = []
    for line in lines[1:]:
        if ":" in line:
            k, v = line.split(":", 1)
            headers.append((k.strip().lower(), v.strip()))
    return status, headers


class Session:
    """A signed-in (or anonymous) person: cookies and the CSRF token, like a browser keeps them."""

    def __init__(self, endpoint, local_addr=None):
        self.ep = endpoint
        self.local_addr = local_addr
        self.cookies = {}
        self.csrf = None

    def _cookie_header(self):
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    async def request(self, method, path, body=None, timeout=30.0):
        """Returns (status, headers, parsed JSON or text). Raises OSError/asyncio errors on transport failures."""
        return await asyncio.wait_for(self._request(method, path, body), timeout)

    async def _request(self, method, path, body):
        reader, writer = await self.ep.open(self.local_addr)
        try:
            data = b"" if body is None else json.dumps(body).encode()
            lines = [f"{method} {path} HTTP/1.1", f"Host: {self.ep.authority}", "Connection: close",
                     "Accept: application/json"]
            if body is not None:
                lines += ["Content-Type: application/json", f"Content-Length: {len(data)}"]
            if method not in ("GET", "HEAD"):
                lines.append(f"Origin: {self.ep.origin}")
                if self.csrf:
                    lines.append(f"X-CSRF-Token: {self.csrf}")
            if self.cookies:
                lines.append(f"Cookie: {self._cookie_header()}")
            writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + data)
            await writer.drain()
            status, headers = await _read_head(reader)
            length = next((int(v) for k, v in headers if k == "content-length"), None)
            if any(k == "transfer-encoding" and "chunked" in v for k, v in headers):
                raw = b""
                while True:
                    size = int((await reader.readline()).split(b";")[0], 16)
                    if size == 0:
                        await reader.readline()
                        break
                    raw += await reader.readexactly(size)
                    await reader.readline()
            elif length is not None:
                raw = await reader.readexactly(length)
            else:
                raw = await reader.read()
            for k, v in headers:
                if k == "set-cookie":
                    name, _, rest = v.partition("=")
                    value = rest.split(";", 1)[0]
                    if value:
                        self.cookies[name] = value
                    else:
                        self.cookies.pop(name, None)
            text = raw.decode("utf-8", "replace")
            try:
                parsed = json.loads(text) if text else None
            except ValueError:
                parsed = text
            return status, headers, parsed
        finally:
            writer.close()
            try:
                await writer.wait_closed()
            except Exception:
                pass

    async def login(self, email, password):
        status, _, body = await self.request("POST", "/api/auth/login", {"email": email, "password": password})
        if status != 200:
            raise HttpError(f"login as {email}: HTTP {status}: {body}")
        self.csrf = body.get("csrf_token") if isinstance(body, dict) else None
        return body

    async def live(self):
        """Opens /api/live with this session's cookies; returns a LiveSocket after the server's hello."""
        sock = await self.websocket("/api/live")
        hello = await asyncio.wait_for(sock.receive(), 10)
        if hello is None or hello.get("type") != "hello":
            raise HttpError(f"/api/live did not say hello first: {hello}")
        return sock

    async def websocket(self, path):
        """Opens a WebSocket on path (e.g. a plugin's, /api/p/video/signal?room=...) with this session's cookies."""
        reader, writer = await self.ep.open(self.local_addr)
        key = base64.b64encode(os.urandom(16)).decode()
        lines = [f"GET {path} HTTP/1.1", f"Host: {self.ep.authority}", "Upgrade: websocket",
                 "Connection: Upgrade", f"Sec-WebSocket-Key: {key}", "Sec-WebSocket-Version: 13",
                 f"Origin: {self.ep.origin}", f"Cookie: {self._cookie_header()}"]
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode())
        await writer.drain()
        status, headers = await _read_head(reader)
        if status != 101:
            writer.close()
            raise HttpError(f"WebSocket upgrade of {path}: HTTP {status}")
        accept = base64.b64encode(hashlib.sha1(key.encode() + WS_GUID).digest()).decode()
        if dict(headers).get("sec-websocket-accept") != accept:
            writer.close()
            raise HttpError("WebSocket upgrade: wrong Sec-WebSocket-Accept")
        return LiveSocket(reader, writer)


class LiveSocket:
    def __init__(self, reader, writer):
        self.reader, self.writer = reader, writer

    async def receive(self):
        """The next text message as parsed JSON, or None when the connection closed."""
        message = b""
        while True:
            try:
                b1, b2 = await self.reader.readexactly(2)
            except (asyncio.IncompleteReadError, ConnectionError):
                return None
            fin, opcode = b1 & 0x80, b1 & 0x0F
            length = b2 & 0x7F
            if length == 126:
                length = struct.unpack("!H", await self.reader.readexactly(2))[0]
            elif length == 127:
                length = struct.unpack("!Q", await self.reader.readexactly(8))[0]
            mask = await self.reader.readexactly(4) if b2 & 0x80 else None
            payload = await self.reader.readexactly(length)
            if mask:
                payload = bytes(c ^ mask[i % 4] for i, c in enumerate(payload))
            if opcode == 0x8:
                return None
            if opcode == 0x9:  # ping: answer pong
                self._send_frame(0xA, payload)
                continue
            if opcode in (0x1, 0x0):
                message += payload
                if fin:
                    return json.loads(message.decode())

    def _send_frame(self, opcode, payload):
        mask = os.urandom(4)
        n = len(payload)
        head = bytes([0x80 | opcode])
        if n < 126:
            head += bytes([0x80 | n])
        elif n < 65536:
            head += bytes([0x80 | 126]) + struct.pack("!H", n)
        else:
            head += bytes([0x80 | 127]) + struct.pack("!Q", n)
        self.writer.write(head + mask + bytes(c ^ mask[i % 4] for i, c in enumerate(payload)))

    async def send(self, obj):
        self._send_frame(0x1, json.dumps(obj).encode())
        await self.writer.drain()

    def close(self):
        try:
            self._send_frame(0x8, b"")
        except Exception:
            pass
        self.writer.close()
