"""Part of tests/ops/nginx_test.sh: a resident's /api/live WebSocket through nginx (TLS) receives
the urgent announcement that staff publish through nginx. Exit code 0 = it arrived."""
import argparse
import asyncio
import sys

sys.path.insert(0, __import__("os").path.dirname(__file__))
import qclient  # noqa: E402


async def main(a):
    # The origin of [server] public_url (the site on 443 in production; here nginx has another port).
    ep = qclient.Endpoint("127.0.0.1", a.port, qclient.tls_context(a.cafile), server_name=a.host,
                          origin=f"https://{a.host}")
    resident = qclient.Session(ep)
    await resident.login(a.resident_email, a.password)
    live = await resident.live()
    staff = qclient.Session(ep)
    await staff.login(a.email, a.password)
    status, _, body = await staff.request("POST", "/api/announcements",
                                          {"title": "Wasserrohrbruch", "body": "Bitte Wasser abkochen.",
                                           "urgent": True})
    if status != 201:
        print(f"announcement through nginx: HTTP {status}: {body}", file=sys.stderr)
        return 1
    content_id = body["id"]

    async def wait_for_it():
        while True:
            msg = await live.receive()
            if msg is None:
                return False
            if msg.get("type") == "notification" and f"/content/{content_id}" in str(msg):
                return True

    try:
        ok = await asyncio.wait_for(wait_for_it(), 15)
    except asyncio.TimeoutError:
        ok = False
    live.close()
    if not ok:
        print("the resident's WebSocket through nginx did not receive the urgent announcement", file=sys.stderr)
        return 1
    return await video_signal(resident)


async def video_signal(resident):
    """A plugin's WebSocket (the video rooms' signalling under /api/p/) upgrades through nginx too."""
    status, _, room = await resident.request("POST", "/api/p/video/rooms", {"name": "Nachbarschaftscafé"})
    if status != 201:
        print(f"creating a video room through nginx: HTTP {status}: {room}", file=sys.stderr)
        return 1
    sock = await resident.websocket(f"/api/p/video/signal?room={room['slug']}")
    welcome = await asyncio.wait_for(sock.receive(), 10)
    sock.close()
    if welcome is None or welcome.get("type") != "welcome":
        print(f"the video signalling socket through nginx said {welcome}, not welcome", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--host", required=True)
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--cafile", required=True)
    p.add_argument("--email", required=True)
    p.add_argument("--resident-email", required=True)
    p.add_argument("--password", required=True)
    sys.exit(asyncio.run(main(p.parse_args())))
