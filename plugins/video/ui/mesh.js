// The WebRTC mesh of one room: a WebSocket to Quartier's signalling (/api/p/video/signal) and one
// RTCPeerConnection per other participant (browser-native, no media server). Whoever joins
// later makes the offers, so two browsers never offer to each other at once.
export class Mesh {
  constructor({ url, stream, onEvent }) {
    this.url = url;
    this.stream = stream; // the local MediaStream, or null (receive only)
    this.onEvent = onEvent; // (type, data) => void
    this.peers = new Map(); // id -> { pc, pending: [], name }
    this.iceServers = [];
    this.self = null;
    this.ws = null;
  }

  connect() {
    this.ws = new WebSocket(this.url);
    this.ws.onmessage = (e) => {
      let f;
      try { f = JSON.parse(e.data); } catch { return; }
      this.handle(f).catch((err) => this.onEvent('failure', String(err && err.message ? err.message : err)));
    };
    this.ws.onclose = (e) => this.onEvent('closed', { code: e.code, reason: e.reason });
  }

  send(frame) {
    if (this.ws && this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(frame));
  }

  async handle(f) {
    if (f.type === 'welcome') {
      this.self = f.self;
      this.iceServers = f.ice_servers || [];
      this.onEvent('welcome', f);
      for (const p of f.peers) await this.offerTo(p);
    } else if (f.type === 'peer-joined') {
      this.peer(f.peer.id, f.peer.name);
      this.onEvent('peer-joined', f.peer);
    } else if (f.type === 'peer-left') {
      this.drop(f.peer);
      this.onEvent('peer-left', f.peer);
    } else if (f.type === 'signal') {
      await this.signal(f.from, f.data);
    } else if (f.type === 'admitted') {
      // The host let us in from the lobby: our own node seats us and sends the welcome.
      this.send({ type: 'enter' });
      this.onEvent('admitted', f);
    } else {
      this.onEvent(f.type, f);
    }
  }

  peer(id, name) {
    let p = this.peers.get(id);
    if (p) return p;
    const pc = new RTCPeerConnection({ iceServers: this.iceServers });
    p = { pc, pending: [], name: name || '' };
    this.peers.set(id, p);
    if (this.stream && this.stream.getTracks().length) {
      for (const track of this.stream.getTracks()) pc.addTrack(track, this.stream);
    } else {
      pc.addTransceiver('audio', { direction: 'recvonly' });
      pc.addTransceiver('video', { direction: 'recvonly' });
    }
    pc.onicecandidate = (e) => { if (e.candidate) this.send({ type: 'signal', to: id, data: { candidate: e.candidate.toJSON() } }); };
    pc.ontrack = (e) => this.onEvent('stream', { id, stream: e.streams[0] || new MediaStream([e.track]) });
    pc.onconnectionstatechange = () => this.onEvent('connection', { id, state: pc.connectionState });
    return p;
  }

  async offerTo(other) {
    const p = this.peer(other.id, other.name);
    this.onEvent('peer-joined', other);
    await p.pc.setLocalDescription(await p.pc.createOffer());
    this.send({ type: 'signal', to: other.id, data: { sdp: p.pc.localDescription.toJSON() } });
  }

  async signal(from, data) {
    const p = this.peer(from);
    if (data.sdp) {
      await p.pc.setRemoteDescription(data.sdp);
      for (const c of p.pending.splice(0)) await p.pc.addIceCandidate(c);
      if (data.sdp.type === 'offer') {
        await p.pc.setLocalDescription(await p.pc.createAnswer());
        this.send({ type: 'signal', to: from, data: { sdp: p.pc.localDescription.toJSON() } });
      }
    } else if (data.candidate) {
      if (p.pc.remoteDescription) await p.pc.addIceCandidate(data.candidate);
      else p.pending.push(data.candidate);
    }
  }

  // Screen sharing and back: the same senders get another video track.
  async replaceVideo(track) {
    for (const { pc } of this.peers.values())
      for (const s of pc.getSenders()) if (s.track && s.track.kind === 'video') await s.replaceTrack(track);
  }

  drop(id) {
    const p = this.peers.get(id);
    if (!p) return;
    p.pc.close();
    this.peers.delete(id);
  }

  close() {
    for (const id of [...this.peers.keys()]) this.drop(id);
    if (this.ws) this.ws.close(1000);
  }
}
