#!/usr/bin/python3
"""A Web Push service for tests, written independently of Quartier's C++ (Debian's
python3-cryptography): it hands out subscriptions (a P-256 key pair and an auth secret of its
own, as a browser would make them), receives the pushes Quartier sends, checks the VAPID
authorization (RFC 8292: ES256 JWT signature with the key in k=, aud, exp, sub) and decrypts
each message (RFC 8291 aes128gcm) with the subscription's private key.

Control API (loopback, JSON):
  GET  /new/<name>        -> {"endpoint", "p256dh", "auth"} (base64url): a new subscription
  POST /script/<name>     {"responses": [{"status": 410} | {"delay": 3.0}, ...]} answers for the
                          next pushes to <name>, in order (afterwards: normal handling)
  GET  /messages/<name>   -> {"requests": n, "messages": [{"ok", "error", "payload", "aud",
                             "sub", "exp", "k", "ttl", "urgency", "body_bytes"}]}
  POST /push/<name>       the endpoint: 201 when the message decrypts and the VAPID token
                          verifies, 400 with the reason otherwise; 404 for an unknown name.
Writes the bound port to --port-file once it accepts connections; runs until SIGTERM.
"""
import argparse
import base64
import json
import os
import signal
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat


def b64u(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64u(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def hkdf(salt, ikm, info, length):
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=salt, info=info).derive(ikm)


def decrypt(body, private_key, auth):
    """RFC 8291 section 3.4 and RFC 8188 section 2, one record."""
    salt, rs, idlen = body[:16], int.from_bytes(body[16:20], "big"), body[20]
    as_public_bytes = body[21:21 + idlen]
    ciphertext = body[21 + idlen:]
    if idlen != 65 or len(ciphertext) > rs:
        raise ValueError("bad header: idlen %d, rs %d, record %d" % (idlen, rs, len(ciphertext)))
    as_public = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), as_public_bytes)
    ua_public_bytes = private_key.public_key().public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)
    shared = private_key.exchange(ec.ECDH(), as_public)
    ikm = hkdf(auth, shared, b"WebPush: info\x00" + ua_public_bytes + as_public_bytes, 32)
    cek = hkdf(salt, ikm, b"Content-Encoding: aes128gcm\x00", 16)
    nonce = hkdf(salt, ikm, b"Content-Encoding: nonce\x00", 12)
    padded = AESGCM(cek).decrypt(nonce, ciphertext, None)
    unpadded = padded.rstrip(b"\x00")
    if not unpadded.endswith(b"\x02"):
        raise ValueError("the last record's delimiter 0x02 is missing")
    return unpadded[:-1]


def verify_vapid(header, audience):
    """RFC 8292: 'vapid t=<JWT>, k=<key>'; returns the claims and k, raises ValueError."""
    if not header.startswith("vapid "):
        raise ValueError("Authorization is not the vapid scheme: %r" % header[:20])
    params = dict(p.strip().split("=", 1) for p in header[6:].split(","))
    token, key = params["t"], params["k"]
    head_b64, claims_b64, sig_b64 = token.split(".")
    head = json.loads(unb64u(head_b64))
    if head.get("alg") != "ES256":
        raise ValueError("JWT alg is %r, not ES256" % head.get("alg"))
    public = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), unb64u(key))
    sig = unb64u(sig_b64)
    if len(sig) != 64:
        raise ValueError("ES256 signature is %d bytes, not 64" % len(sig))
    der = encode_dss_signature(int.from_bytes(sig[:32], "big"), int.from_bytes(sig[32:], "big"))
    try:
        public.verify(der, (head_b64 + "." + claims_b64).encode(), ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        raise ValueError("the VAPID JWT signature does not verify with k")
    claims = json.loads(unb64u(claims_b64))
    now = time.time()
    if claims.get("aud") != audience:
        raise ValueError("aud is %r, expected %r" % (claims.get("aud"), audience))
    if not now < claims.get("exp", 0) <= now + 24 * 3600:
        raise ValueError("exp %r is not within the next 24 hours" % claims.get("exp"))
    if not str(claims.get("sub", "")).startswith(("mailto:", "https:")):
        raise ValueError("sub %r is neither mailto: nor https:" % claims.get("sub"))
    return claims, key


class State:
    def __init__(self):
        self.lock = threading.Lock()
        self.subs = {}      # name -> (private key, auth)
        self.scripts = {}   # name -> [response, ...]
        self.messages = {}  # name -> [record, ...]
        self.requests = {}  # name -> count
        self.port = 0


STATE = State()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        print(fmt % args, flush=True)

    def reply(self, status, obj=None):
        data = json.dumps(obj).encode() if obj is not None else b""
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def body(self):
        return self.rfile.read(int(self.headers.get("Content-Length", "0")))

    def do_GET(self):
        parts = self.path.strip("/").split("/")
        if len(parts) == 2 and parts[0] == "new":
            key = ec.generate_private_key(ec.SECP256R1())
            auth = os.urandom(16)
            with STATE.lock:
                STATE.subs[parts[1]] = (key, auth)
            point = key.public_key().public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)
            return self.reply(200, {"endpoint": "http://127.0.0.1:%d/push/%s" % (STATE.port, parts[1]),
                                    "p256dh": b64u(point), "auth": b64u(auth)})
        if len(parts) == 2 and parts[0] == "messages":
            with STATE.lock:
                return self.reply(200, {"requests": STATE.requests.get(parts[1], 0),
                                        "messages": list(STATE.messages.get(parts[1], []))})
        self.reply(404, {"error": "unknown path"})

    def do_POST(self):
        parts = self.path.strip("/").split("/")
        body = self.body()
        if len(parts) == 2 and parts[0] == "script":
            with STATE.lock:
                STATE.scripts[parts[1]] = list(json.loads(body)["responses"])
            return self.reply(200, {})
        if len(parts) == 2 and parts[0] == "push":
            return self.push(parts[1], body)
        self.reply(404, {"error": "unknown path"})

    def push(self, name, body):
        with STATE.lock:
            STATE.requests[name] = STATE.requests.get(name, 0) + 1
            script = STATE.scripts.get(name) or []
            step = script.pop(0) if script else None
            sub = STATE.subs.get(name)
        if step and "delay" in step:
            time.sleep(step["delay"])  # longer than the sender waits: it gives up, the answer is lost
            return self.reply(201)
        if step and "status" in step:
            return self.reply(step["status"], {"error": "scripted"})
        if sub is None:
            return self.reply(404, {"error": "no such subscription"})
        record = {"ok": False, "error": "", "body_bytes": len(body), "ttl": self.headers.get("TTL"),
                  "urgency": self.headers.get("Urgency"), "encoding": self.headers.get("Content-Encoding")}
        try:
            if record["encoding"] != "aes128gcm":
                raise ValueError("Content-Encoding is %r" % record["encoding"])
            claims, key = verify_vapid(self.headers.get("Authorization", ""), "http://127.0.0.1:%d" % STATE.port)
            record.update(aud=claims["aud"], sub=claims["sub"], exp=claims["exp"], k=key)
            record["payload"] = json.loads(decrypt(body, sub[0], sub[1]))
            record["ok"] = True
        except (ValueError, KeyError, InvalidTag) as e:
            record["error"] = "%s: %s" % (type(e).__name__, e)
        with STATE.lock:
            STATE.messages.setdefault(name, []).append(record)
        self.reply(201 if record["ok"] else 400, None if record["ok"] else {"error": record["error"]})


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port-file", required=True)
    args = p.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    STATE.port = server.server_address[1]
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    with open(args.port_file + ".tmp", "w") as f:
        f.write(str(STATE.port))
    os.rename(args.port_file + ".tmp", args.port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
