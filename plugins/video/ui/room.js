// /video/room/:slug: a name (guests) and a preview with camera and microphone choice, then the
// call: a grid of videos, mute, camera off, screen sharing, raised hand, chat beside the video,
// and for the room's host: ask to mute, remove, lock, end. Media goes browser to browser
// (mesh.js), or in rooms over the mesh limit through Janus (sfu.js); Quartier carries only the
// signalling and stores nothing of the call.
import { Mesh } from './mesh.js';
import { Sfu } from './sfu.js';
import { callParts } from './call.js';
import { hoursParts } from './hours.js';

const API = '/api/p/video';

// The Permissions-Policy comes with the document: a room reached inside the app is loaded anew.
function loadedHere() {
  const nav = performance.getEntriesByType('navigation')[0];
  return !nav || new URL(nav.name).pathname.startsWith('/video/room/');
}

function mediaProblem(e) {
  const name = e && e.name;
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'video.blocked';
  return 'video.missing';
}

// A guest's socket carries the core's token and the room pass that binds it to this room.
function guestQuery({ token, pass }) {
  return token ? `&guest=${encodeURIComponent(token)}&pass=${encodeURIComponent(pass)}` : '';
}

export function roomPage(shell) {
  const { t, kit: k } = shell;
  const { h, Fragment } = shell.preact;
  const { useState, useEffect, useRef } = shell.preact.hooks;
  const { Call } = callParts(shell);
  const { Hours, ClosedNotice, HoursForm } = hoursParts(shell);

  function Preview({ stream }) {
    const ref = useRef(null);
    useEffect(() => { if (ref.current) ref.current.srcObject = stream; }, [stream]);
    return stream ? h('video', { ref, class: 'video-preview', autoplay: true, playsinline: true, muted: true, 'aria-label': t('video.preview') }) : null;
  }

  function Lobby({ room, onJoin }) {
    const [name, setName] = useState('');
    const [stream, setStream] = useState(null);
    const [problem, setProblem] = useState('');
    const [devices, setDevices] = useState({ video: [], audio: [] });
    const [camera, setCamera] = useState('');
    const [mic, setMic] = useState('');
    useEffect(() => {
      let current = null;
      let gone = false;
      const constraints = { video: camera ? { deviceId: { exact: camera } } : true, audio: mic ? { deviceId: { exact: mic } } : true };
      navigator.mediaDevices.getUserMedia(constraints).then(async (s) => {
        if (gone) return s.getTracks().forEach((tr) => tr.stop());
        current = s;
        setStream(s);
        setProblem('');
        const all = await navigator.mediaDevices.enumerateDevices();
        setDevices({ video: all.filter((d) => d.kind === 'videoinput'), audio: all.filter((d) => d.kind === 'audioinput') });
      }, (e) => { setStream(null); setProblem(mediaProblem(e)); });
      return () => { gone = true; };
      // The stream outlives the lobby: the call takes it over (stopped when the call ends).
    }, [camera, mic]);
    const guest = !shell.user();
    const action = k.useAction(async () => {
      let token = '';
      let pass = '';
      if (guest) ({ token, pass } = await shell.api.post(`${API}/rooms/${room.slug}/guest`, { name }));
      onJoin({ stream, token, pass });
    });
    const choices = (list, label) => list.map((d, i) => ({ value: d.deviceId, label: d.label || `${label} ${i + 1}` }));
    return h('form', { class: 'form', onSubmit: k.onSubmit(() => action.run()) },
      guest ? h(k.Field, { label: t('video.your_name'), hint: t('video.name_hint'), value: name, onValue: setName, required: true, maxLength: 60, autocomplete: 'name', error: k.fieldError(action.error, 'name') }) : null,
      problem ? h('div', { class: 'alert alert-error', role: 'alert' }, h('p', null, t(problem))) : null,
      h(Preview, { stream }),
      devices.video.length > 1 ? h(k.Select, { label: t('video.camera'), value: camera, onValue: setCamera, options: choices(devices.video, t('video.camera')) }) : null,
      devices.audio.length > 1 ? h(k.Select, { label: t('video.microphone'), value: mic, onValue: setMic, options: choices(devices.audio, t('video.microphone')) }) : null,
      h(k.ErrorAlert, { error: action.error }),
      h(k.Submit, { busy: action.busy, busyText: t('video.joining') }, t('video.join')));
  }

  // The chat a host saved, readable after the call until they delete it.
  function SavedChat({ room }) {
    const chat = k.useLoad(() => shell.api.get(`${API}/rooms/${encodeURIComponent(room.slug)}/chat`), [room.slug]);
    const remove = k.useAction(async () => { await shell.api.del(`${API}/rooms/${encodeURIComponent(room.slug)}/chat`); chat.reload(); });
    if (!chat.data || !chat.data.messages.length) return null;
    return h('section', { 'aria-labelledby': 'video-saved-chat' },
      h('h3', { id: 'video-saved-chat' }, t('video.saved_chat')),
      h('ol', { class: 'plain-list' }, chat.data.messages.map((m, i) => h('li', { key: i },
        h('time', { dateTime: new Date(m.at).toISOString() }, new Date(m.at).toLocaleString()), ' ', h('strong', null, m.name), ': ', m.text))),
      h(k.ErrorAlert, { error: remove.error }),
      h('button', { type: 'button', class: 'button button-danger', onClick: () => remove.run() }, t('video.saved_chat_delete')));
  }

  return function VideoRoom({ params }) {
    const [reloading] = useState(() => !loadedHere());
    useEffect(() => { if (reloading) window.location.assign(window.location.href); }, []);
    const room = k.useLoad(() => shell.api.get(`${API}/rooms/${encodeURIComponent(params.slug)}`), [params.slug]);
    const [joined, setJoined] = useState(null);
    const [left, setLeft] = useState('');
    if (reloading) return h(k.Loading);
    if (room.error) return h(k.ErrorAlert, { error: room.error });
    if (!room.data) return h(k.Loading);
    const r = room.data;
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${API}/signal?room=${encodeURIComponent(r.slug)}`;
    return h(Fragment, null,
      h('h2', null, r.name),
      h('p', null, t('video.link'), ': ', h('a', { href: r.link, target: '_self' }, `${location.origin}${r.link}`)),
      h(Hours, { room: r }),
      r.schedule ? h('p', null, r.schedule) : null,
      left ? h(k.Notice, null, h('p', null, left))
        : joined ? h(Call, { room: r, mesh: () => new (r.media === 'sfu' ? Sfu : Mesh)({ url: url + guestQuery(joined), stream: joined.stream }), stream: joined.stream, onLeft: setLeft })
          : (!shell.user() && !r.guests_allowed) ? h(k.Notice, null, h('p', null, t('video.sign_in_needed')))
            : (r.hours && !r.open_now && !r.is_host) ? h(ClosedNotice, { room: r })
            : h(Lobby, { room: r, onJoin: setJoined }),
      r.is_host && (!joined || left) ? h(SavedChat, { room: r }) : null,
      r.is_host && r.kind === 'department' && !joined ? h(HoursForm, { room: r, onSaved: room.setData }) : null);
  };
}
