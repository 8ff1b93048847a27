// /video/room/:slug: a name (guests) and a preview with camera and microphone choice, then the
// call: a grid of videos, mute, camera off, screen sharing, raised hand, chat beside the video,
// and for the room's host: ask to mute, remove, lock, end. Media goes browser to browser
// (mesh.js); Quartier carries only the signalling and stores nothing of the call.
import { Mesh } from './mesh.js';
import { callParts } from './call.js';

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

export function roomPage(shell) {
  const { t, kit: k } = shell;
  const { h, Fragment } = shell.preact;
  const { useState, useEffect, useRef } = shell.preact.hooks;
  const { Call } = callParts(shell);

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
      if (guest) token = (await shell.api.post(`${API}/rooms/${room.slug}/guest`, { name })).token;
      onJoin({ stream, token });
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
      left ? h(k.Notice, null, h('p', null, left))
        : joined ? h(Call, { room: r, mesh: () => new Mesh({ url: url + (joined.token ? `&guest=${encodeURIComponent(joined.token)}` : ''), stream: joined.stream }), stream: joined.stream, onLeft: setLeft })
          : (!shell.user() && !r.guests_allowed) ? h(k.Notice, null, h('p', null, t('video.sign_in_needed')))
            : h(Lobby, { room: r, onJoin: setJoined }));
  };
}
