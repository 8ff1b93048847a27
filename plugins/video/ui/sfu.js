// A room whose media goes through Janus's VideoRoom (rooms over the mesh limit). Admission, chat,
// hands, moderation stay on Quartier's signalling socket (the Mesh's); once Quartier seated us it
// sends {type: "sfu", url, room, id, token}: we publish our camera to Janus as that id (the token
// is on the room's allowed list) and subscribe to each other participant's feed, one
// RTCPeerConnection per feed. Quartier tells who is who (peers carry their sfu_id); Janus only
// moves the media. When Quartier closes our socket (left, removed, ended) Janus kicks us too.
import { Mesh } from './mesh.js';
import { JanusSession } from './janus.js';

export class Sfu extends Mesh {
  constructor(options) {
    super(options);
    this.byFeed = new Map(); // Janus feed id -> Quartier participant id
    this.feeds = new Map(); // Janus feed id -> { handle, pc, stream }
    this.janus = null;
    this.publisher = null; // { handle, pc }
    this.ticket = null;
  }

  async handle(f) {
    if (f.type === 'welcome') {
      this.self = f.self;
      this.iceServers = f.ice_servers || [];
      this.onEvent('welcome', f);
      for (const p of f.peers) this.know(p);
    } else if (f.type === 'peer-joined') {
      this.know(f.peer);
    } else if (f.type === 'peer-left') {
      for (const [feed, id] of this.byFeed) if (id === f.peer) this.unsubscribe(feed);
      this.onEvent('peer-left', f.peer);
    } else if (f.type === 'sfu') {
      this.ticket = f;
      await this.start(f);
    } else if (f.type !== 'signal') {
      await super.handle(f);
    }
  }

  know(p) {
    if (p.sfu_id) this.byFeed.set(p.sfu_id, p.id);
    this.onEvent('peer-joined', p);
    // Its feed may have been announced by Janus before Quartier told us who it is.
    const feed = this.feeds.get(p.sfu_id);
    if (feed && feed.stream) this.onEvent('stream', { id: p.id, stream: feed.stream });
  }

  async start({ url, room, id, token }) {
    const base = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}`;
    this.janus = new JanusSession({
      url: url.startsWith('/') ? base + url : url,
      token,
      onHandleEvent: (handle, m) => this.janusEvent(handle, m).catch((e) => this.onEvent('failure', String(e.message || e))),
      onGone: (why) => this.onEvent('sfu-gone', { reason: why }),
    });
    await this.janus.open();
    const handle = await this.janus.attach();
    const pc = this.connection(handle);
    this.publisher = { handle, pc };
    const joined = await this.janus.message(handle, { request: 'join', ptype: 'publisher', room, id, display: String(this.self ? this.self.id : id), token });
    this.subscribeAll(joined.data.publishers);
    if (!this.stream || !this.stream.getTracks().length) return; // receive only
    for (const track of this.stream.getTracks()) pc.addTransceiver(track, { direction: 'sendonly', streams: [this.stream] });
    await pc.setLocalDescription(await pc.createOffer());
    const configured = await this.janus.message(handle, { request: 'configure', audio: true, video: true }, pc.localDescription.toJSON());
    if (configured.jsep) await pc.setRemoteDescription(configured.jsep);
  }

  connection(handle) {
    const pc = new RTCPeerConnection({ iceServers: this.iceServers });
    pc.onicecandidate = (e) => this.janus && this.janus.trickle(handle, e.candidate ? e.candidate.toJSON() : null);
    return pc;
  }

  // Events Janus sends on its own: new publishers, who left, the room destroyed, a kick.
  async janusEvent(handle, m) {
    const data = m.plugindata ? m.plugindata.data : null;
    if (!data || !this.publisher || handle !== this.publisher.handle) return;
    if (data.publishers) this.subscribeAll(data.publishers);
    const gone = data.unpublished || data.leaving;
    if (gone && gone !== 'ok') this.unsubscribe(gone);
  }

  subscribeAll(list) {
    for (const p of list || []) if (p.id !== this.ticket.id && !this.feeds.has(p.id)) this.subscribe(p.id).catch((e) => this.onEvent('failure', String(e.message || e)));
  }

  async subscribe(feed) {
    const entry = { handle: null, pc: null, stream: new MediaStream() };
    this.feeds.set(feed, entry);
    entry.handle = await this.janus.attach();
    entry.pc = this.connection(entry.handle);
    entry.pc.ontrack = (e) => {
      entry.stream.addTrack(e.track);
      const id = this.byFeed.get(feed);
      if (id !== undefined) this.onEvent('stream', { id, stream: entry.stream });
    };
    const { room, token } = this.ticket;
    const attached = await this.janus.message(entry.handle, { request: 'join', ptype: 'subscriber', room, streams: [{ feed }], token });
    if (!this.feeds.has(feed)) return; // gone while we asked
    await entry.pc.setRemoteDescription(attached.jsep);
    await entry.pc.setLocalDescription(await entry.pc.createAnswer());
    await this.janus.message(entry.handle, { request: 'start' }, entry.pc.localDescription.toJSON());
  }

  unsubscribe(feed) {
    const entry = this.feeds.get(feed);
    if (!entry) return;
    this.feeds.delete(feed);
    if (entry.pc) entry.pc.close();
    if (entry.handle && this.janus) this.janus.detach(entry.handle);
  }

  async replaceVideo(track) {
    if (!this.publisher) return;
    for (const s of this.publisher.pc.getSenders()) if (s.track && s.track.kind === 'video') await s.replaceTrack(track);
  }

  close() {
    for (const feed of [...this.feeds.keys()]) this.unsubscribe(feed);
    if (this.publisher) this.publisher.pc.close();
    if (this.janus) this.janus.close();
    this.janus = null;
    super.close();
  }
}
