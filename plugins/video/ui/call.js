// The call itself: the video grid, the controls, the chat beside it and the host's tools. State
// comes from the Mesh's events; nothing is kept after the page is left.
export function callParts(shell) {
  const { t, kit: k } = shell;
  const { h } = shell.preact;
  const { useState, useEffect, useRef } = shell.preact.hooks;

  function Tile({ id, stream, name, self, hand }) {
    const ref = useRef(null);
    useEffect(() => {
      const v = ref.current;
      if (!v || v.srcObject === (stream || null)) return;
      v.srcObject = stream || null;
      // Joining was a click, so the browser lets the call play with sound.
      if (stream) v.play().catch(() => {});
    }, [stream]);
    return h('figure', { class: 'video-tile', 'data-peer': self ? 'self' : String(id) },
      h('video', { ref, autoplay: true, playsinline: true, muted: !!self, 'aria-label': name }),
      h('figcaption', { class: 'video-name' }, hand ? `✋ ${name}` : name));
  }

  function Toggle({ pressed, onClick, children }) {
    return h('button', { type: 'button', class: 'button button-secondary', 'aria-pressed': pressed ? 'true' : 'false', onClick }, children);
  }

  function Chat({ lines, saved, onSend }) {
    const [text, setText] = useState('');
    return h('section', { class: 'video-chat', 'aria-labelledby': 'video-chat-title' },
      h('h3', { id: 'video-chat-title' }, t('video.chat')),
      h('p', { class: saved ? 'alert alert-info' : 'hint', role: saved ? 'status' : null }, t(saved ? 'video.chat_saved_note' : 'video.chat_note')),
      h('ol', { 'aria-live': 'polite' }, lines.map((l, i) => h('li', { key: i }, h('strong', null, l.name), ': ', l.text))),
      h('form', { class: 'form', onSubmit: k.onSubmit(() => { if (text.trim()) { onSend(text.trim()); setText(''); } }) },
        h(k.Field, { label: t('video.chat_text'), value: text, onValue: setText, maxLength: 2000 }),
        h('button', { type: 'submit', class: 'button button-secondary' }, t('video.send'))));
  }

  // Who waits in the lobby, live; admit or reject each.
  function Waiting({ waiting, send }) {
    if (!waiting.length) return null;
    return h('section', { class: 'video-lobby', 'aria-labelledby': 'video-lobby-title' },
      h('h4', { id: 'video-lobby-title' }, t('video.lobby_waiting', { n: waiting.length })),
      h('ul', { class: 'plain-list', 'aria-live': 'polite' }, waiting.map((w) => h('li', { key: w.id }, w.name, w.guest ? ` (${t('video.guest')})` : '', ' ',
        h('button', { type: 'button', class: 'button', onClick: () => send({ type: 'admit', peer: w.id }) }, `${t('video.admit')}: ${w.name}`), ' ',
        h('button', { type: 'button', class: 'button button-danger', onClick: () => send({ type: 'reject', peer: w.id }) }, `${t('video.reject')}: ${w.name}`)))));
  }

  // The room's settings a host changes during the call (PATCH; everyone hears the new state).
  // A switch shows the new value at once; the room's state frame confirms it (or the error undoes it).
  function Settings({ room, state }) {
    const [asked, setAsked] = useState({});
    useEffect(() => setAsked({}), [state.lobby, state.lobbyResidents, state.chatSaved]);
    const [error, setError] = useState(null);
    // Not useAction: a second switch while the first is on its way must not be dropped.
    const change = (body) => {
      setError(null);
      shell.api.patch(`/api/p/video/rooms/${room.slug}`, body).catch((e) => { setAsked({}); setError(e); });
    };
    const toggle = (label, key, field) => h(k.Checkbox, {
      label: t(label), checked: key in asked ? asked[key] : state[key],
      onChecked: (v) => { setAsked((a) => ({ ...a, [key]: v })); change({ [field]: v }); },
    });
    const lobby = 'lobby' in asked ? asked.lobby : state.lobby;
    return h('div', null,
      toggle('video.lobby_on', 'lobby', 'lobby'),
      lobby ? toggle('video.lobby_residents', 'lobbyResidents', 'lobby_residents') : null,
      toggle('video.save_chat', 'chatSaved', 'save_chat'),
      h(k.ErrorAlert, { error }));
  }

  function HostTools({ room, state, peers, locked, send }) {
    return h('section', { 'aria-labelledby': 'video-host-title' },
      h('h3', { id: 'video-host-title' }, t('video.host')),
      h(Waiting, { waiting: state.waiting, send }),
      h(Settings, { room, state }),
      h('ul', { class: 'plain-list' }, [...peers.entries()].map(([id, p]) => h('li', { key: id }, p.name, ' ',
        h('button', { type: 'button', class: 'button button-secondary', onClick: () => send({ type: 'mute', peer: id }) }, `${t('video.ask_mute')}: ${p.name}`), ' ',
        h('button', { type: 'button', class: 'button button-danger', onClick: () => send({ type: 'remove', peer: id }) }, `${t('video.remove')}: ${p.name}`)))),
      h('p', { class: 'video-controls' },
        h('button', { type: 'button', class: 'button button-secondary', onClick: () => send({ type: 'lock', locked: !locked }) }, locked ? t('video.unlock') : t('video.lock')),
        h('button', { type: 'button', class: 'button button-danger', onClick: () => send({ type: 'end' }) }, t('video.end'))));
  }

  function useMesh(make, stream, onLeft) {
    const [state, setState] = useState({ self: null, peers: new Map(), chat: [], locked: false, hands: new Set(), waiting: [], inLobby: false, lobby: false, lobbyResidents: false, chatSaved: false });
    const roomState = (s, r) => ({ ...s, locked: r.locked, lobby: r.lobby, lobbyResidents: r.lobby_residents, chatSaved: r.chat_saved });
    const mesh = useRef(null);
    useEffect(() => {
      const m = make();
      mesh.current = m;
      const update = (f) => setState((s) => f({ ...s, peers: new Map(s.peers), hands: new Set(s.hands) }));
      m.onEvent = (type, d) => {
        if (type === 'welcome') update((s) => ({ ...roomState(s, d.room), self: d.self, inLobby: false, waiting: d.waiting || [] }));
        else if (type === 'waiting') update((s) => ({ ...s, inLobby: true }));
        else if (type === 'lobby') update((s) => ({ ...s, waiting: d.waiting }));
        else if (type === 'peer-joined') update((s) => { s.peers.set(d.id, { ...(s.peers.get(d.id) || {}), name: d.name }); return s; });
        else if (type === 'peer-left') update((s) => { s.peers.delete(d); s.hands.delete(d); return s; });
        else if (type === 'stream') update((s) => { s.peers.set(d.id, { ...(s.peers.get(d.id) || { name: '' }), stream: d.stream }); return s; });
        else if (type === 'chat') update((s) => ({ ...s, chat: [...s.chat, { name: d.name, text: d.text }] }));
        else if (type === 'hand') update((s) => { if (d.up) s.hands.add(d.from); else s.hands.delete(d.from); return s; });
        else if (type === 'room') update((s) => roomState(s, d));
        else if (type === 'error' && d.code === 'sfu_unavailable') update((s) => ({ ...s, problem: 'video.sfu_unavailable' }));
        else if (type === 'sfu-gone') update((s) => ({ ...s, problem: 'video.sfu_gone' }));
        else if (type === 'mute-request') {
          if (stream) stream.getAudioTracks().forEach((tr) => { tr.enabled = false; });
          update((s) => ({ ...s, mutedBy: d.by }));
          shell.announce(t('video.muted_by', { name: d.by }));
        } else if (type === 'closed') {
          const known = ['removed_by_host', 'room_ended', 'rate_limited', 'rejected_by_host', 'guest_pass_wrong_room', 'room_full', 'outside_hours'].includes(d.reason);
          onLeft(t(known ? `video.closed.${d.reason}` : d.code === 1000 ? 'video.ended' : 'video.closed.other'));
        }
      };
      m.connect();
      return () => { m.close(); if (stream) stream.getTracks().forEach((tr) => tr.stop()); };
    }, []);
    return [state, mesh];
  }

  function Call({ room, mesh: make, stream, onLeft }) {
    const [state, mesh] = useMesh(make, stream, onLeft);
    const [audioOff, setAudioOff] = useState(false);
    const [videoOff, setVideoOff] = useState(false);
    const [hand, setHand] = useState(false);
    const [screen, setScreen] = useState(null);
    const send = (f) => mesh.current && mesh.current.send(f);
    const flip = (kind, off, set) => {
      if (stream) stream.getTracks().filter((tr) => tr.kind === kind).forEach((tr) => { tr.enabled = off; });
      set(!off);
      send({ type: 'media', audio: kind === 'audio' ? off : !audioOff, video: kind === 'video' ? off : !videoOff });
    };
    const share = async () => {
      if (screen) {
        screen.getTracks().forEach((tr) => tr.stop());
        setScreen(null);
        return mesh.current.replaceVideo(stream ? stream.getVideoTracks()[0] || null : null);
      }
      try {
        const s = await navigator.mediaDevices.getDisplayMedia({ video: true });
        setScreen(s);
        await mesh.current.replaceVideo(s.getVideoTracks()[0]);
      } catch { /* the person cancelled the choice */ }
    };
    const me = state.self;
    if (state.inLobby) {
      return h('div', { class: 'video-waiting', role: 'status' },
        h('p', null, t('video.lobby_wait')),
        h('button', { type: 'button', class: 'button button-secondary', onClick: () => { mesh.current.close(); } }, t('video.leave')));
    }
    return h('div', { class: 'video-layout' },
      h('div', null,
        h('div', { class: 'video-grid' },
          h(Tile, { self: true, stream: screen || stream, name: `${t('video.you')}${me ? ` (${me.name})` : ''}`, hand }),
          [...state.peers.entries()].map(([id, p]) => h(Tile, { key: id, id, stream: p.stream, name: p.name, hand: state.hands.has(id) }))),
        h('div', { class: 'video-controls' },
          h(Toggle, { pressed: audioOff, onClick: () => flip('audio', audioOff, setAudioOff) }, t('video.mute')),
          h(Toggle, { pressed: videoOff, onClick: () => flip('video', videoOff, setVideoOff) }, t('video.camera_off')),
          navigator.mediaDevices && navigator.mediaDevices.getDisplayMedia ? h(Toggle, { pressed: !!screen, onClick: share }, t('video.share')) : null,
          h(Toggle, { pressed: hand, onClick: () => { send({ type: 'hand', up: !hand }); setHand(!hand); } }, t('video.hand')),
          h('button', { type: 'button', class: 'button button-danger', onClick: () => { mesh.current.close(); } }, t('video.leave'))),
        state.mutedBy ? h('p', { role: 'status' }, t('video.muted_by', { name: state.mutedBy })) : null,
        state.problem ? h('p', { class: 'alert alert-error', role: 'alert' }, t(state.problem)) : null),
      h('div', null,
        h(Chat, { lines: state.chat, saved: state.chatSaved, onSend: (text) => send({ type: 'chat', text }) }),
        me && me.host ? h(HostTools, { room, state, peers: state.peers, locked: state.locked, send }) : null));
  }

  return { Call };
}
