// A small client of Janus's WebSocket API (subprotocol "janus-protocol"): one session, handles of
// the VideoRoom plugin, requests matched to their answers by transaction, events routed by handle,
// keepalives. Plain WebSocket and JSON, nothing loaded from elsewhere. Protocol:
// https://janus.conf.meetecho.com/docs/rest.html (the same messages over a WebSocket).
export class JanusSession {
  constructor({ url, token, onHandleEvent, onGone }) {
    this.url = url;
    this.token = token;
    this.onHandleEvent = onHandleEvent; // (handleId, message) => void
    this.onGone = onGone; // (reason) => void: the socket or the session ended
    this.pending = new Map(); // transaction -> { resolve, reject, ack }
    this.id = null;
    this.ws = null;
    this.timer = null;
    this.next = 0;
  }

  async open() {
    this.ws = new WebSocket(this.url, 'janus-protocol');
    await new Promise((resolve, reject) => {
      this.ws.onopen = resolve;
      this.ws.onerror = () => reject(new Error('janus: the WebSocket could not be opened'));
    });
    this.ws.onmessage = (e) => this.receive(e.data);
    this.ws.onclose = () => { this.stop(); this.onGone('closed'); };
    const created = await this.request({ janus: 'create' });
    this.id = created.data.id;
    // Janus drops a session after 60 s without a message.
    this.timer = setInterval(() => this.send({ janus: 'keepalive', session_id: this.id }), 25_000);
  }

  send(msg) {
    const body = { ...msg, transaction: `t${++this.next}` };
    if (this.token) body.token = this.token;
    if (this.ws && this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(body));
    return body.transaction;
  }

  // A request answered by "success" (or, for plugin messages, by the event after the "ack").
  request(msg) {
    return new Promise((resolve, reject) => {
      const tx = this.send(msg);
      this.pending.set(tx, { resolve, reject });
    });
  }

  receive(text) {
    let m;
    try { m = JSON.parse(text); } catch { return; }
    const waiting = m.transaction && this.pending.get(m.transaction);
    if (m.janus === 'ack' && waiting) return; // the plugin's answer follows as an event
    if (waiting && (m.janus === 'success' || m.janus === 'error' || m.janus === 'event')) {
      this.pending.delete(m.transaction);
      const failed = m.janus === 'error' || (m.plugindata && m.plugindata.data && m.plugindata.data.error_code);
      if (failed) return waiting.reject(new Error(`janus: ${m.error ? m.error.reason : m.plugindata.data.error}`));
      return waiting.resolve(m);
    }
    if (m.janus === 'timeout') return this.onGone('timeout');
    if (m.sender) this.onHandleEvent(m.sender, m);
  }

  async attach() {
    const m = await this.request({ janus: 'attach', plugin: 'janus.plugin.videoroom', session_id: this.id });
    return m.data.id;
  }

  // A VideoRoom request on a handle; resolves with { data, jsep }.
  async message(handle, body, jsep) {
    const msg = { janus: 'message', session_id: this.id, handle_id: handle, body };
    if (jsep) msg.jsep = jsep;
    const m = await this.request(msg);
    return { data: m.plugindata ? m.plugindata.data : {}, jsep: m.jsep };
  }

  trickle(handle, candidate) {
    this.send({ janus: 'trickle', session_id: this.id, handle_id: handle, candidate: candidate || { completed: true } });
  }

  detach(handle) {
    this.send({ janus: 'detach', session_id: this.id, handle_id: handle });
  }

  stop() {
    clearInterval(this.timer);
    this.timer = null;
    for (const { reject } of this.pending.values()) reject(new Error('janus: the session ended'));
    this.pending.clear();
  }

  close() {
    if (this.id && this.ws && this.ws.readyState === WebSocket.OPEN) this.send({ janus: 'destroy', session_id: this.id });
    this.stop();
    if (this.ws) { this.ws.onclose = null; this.ws.close(); }
  }
}
