// /participation: ask a question or propose an idea, my questions and ideas, and a search of
// answered questions (so the next person finds the answer first).
import { API, parts } from './common.js';
import { mapPicker } from './map_picker.js';

export function askPage(shell) {
  const { h, Fragment, k, t, Section, Loaded, QuestionList, topicName } = parts(shell);
  const { useState } = shell.preact.hooks;
  const MapPicker = mapPicker(shell);

  // The typed place as numbers, or null while either is empty or not a number.
  const pointOf = (lat, lon) => {
    const a = Number(lat.replace(',', '.'));
    const b = Number(lon.replace(',', '.'));
    return lat.trim() && lon.trim() && Number.isFinite(a) && Number.isFinite(b) ? { lat: a, lon: b } : null;
  };

  function AskForm({ topics, neighbourhoods, onSent }) {
    const [kind, setKind] = useState('question');
    const [topic, setTopic] = useState('');
    const [title, setTitle] = useState('');
    const [text, setText] = useState('');
    const [lat, setLat] = useState('');
    const [lon, setLon] = useState('');
    const send = k.useAction(async () => {
      const body = { kind, text, topic_id: topic ? Number(topic) : null };
      if (title.trim()) body.title = title.trim();
      if (lat.trim() || lon.trim()) {
        body.lat = Number(lat.replace(',', '.'));
        body.lon = Number(lon.replace(',', '.'));
      }
      const q = await shell.api.post(`${API}/questions`, body);
      shell.announce(t('participation.sent'));
      onSent(q);
    });
    const locate = () => navigator.geolocation?.getCurrentPosition((p) => {
      setLat(p.coords.latitude.toFixed(5));
      setLon(p.coords.longitude.toFixed(5));
    });
    const err = (f) => k.fieldError(send.error, f);
    if (!topics.length) return h('p', null, t('participation.no_topics'));
    return h('form', { class: 'form', noValidate: true, onSubmit: k.onSubmit(send.run) },
      h(k.ErrorAlert, { error: send.error }),
      h(k.RadioGroup, { legend: t('participation.kind'), value: kind, onValue: setKind,
        options: ['question', 'idea'].map((v) => ({ value: v, label: t(`participation.kind.${v}`) })) }),
      h(k.Select, { label: t('participation.topic'), value: topic, onValue: setTopic,
        options: [{ value: '', label: t('participation.pick_topic') }, ...topics.map((tp) => ({ value: String(tp.id), label: topicName(tp) }))] }),
      h(k.Field, { label: t('participation.title_field'), value: title, onValue: setTitle, maxLength: 140, autoComplete: 'off', error: err('title') }),
      h(k.TextArea, { label: t('participation.text'), value: text, onValue: setText, rows: 5, maxLength: 4000, error: err('text') }),
      h('fieldset', { class: 'participation-place' },
        h('legend', null, t('participation.place')),
        h(MapPicker, { neighbourhoods, value: pointOf(lat, lon), onValue: (v) => {
          setLat(v ? String(v.lat) : '');
          setLon(v ? String(v.lon) : '');
        } }),
        h(k.Field, { label: t('participation.lat'), value: lat, onValue: setLat, inputMode: 'decimal', autoComplete: 'off', error: err('place') }),
        h(k.Field, { label: t('participation.lon'), value: lon, onValue: setLon, inputMode: 'decimal', autoComplete: 'off' }),
        navigator.geolocation ? h('button', { type: 'button', class: 'button button-secondary', onClick: locate }, t('participation.use_location')) : null),
      h(k.Submit, { busy: send.busy }, t('participation.send')));
  }

  function Answered() {
    const [q, setQ] = useState('');
    const [params, setParams] = useState('');
    const results = k.useLoad(() => shell.api.get(`${API}/questions?status=answered&limit=20${params}`), [params]);
    return h(Section, { title: t('participation.answered_heading') },
      h('form', { class: 'form', role: 'search', onSubmit: k.onSubmit(() => setParams(q.trim() ? `&q=${encodeURIComponent(q.trim())}` : '')) },
        h(k.Field, { label: t('participation.search'), type: 'search', value: q, onValue: setQ }),
        h(k.Submit, { busy: results.loading }, t('participation.search_button'))),
      h(Loaded, { state: results }, (d) => h(QuestionList, { questions: d.questions, empty: 'participation.none_found' })));
  }

  return function ParticipationHome() {
    const topics = k.useLoad(() => shell.api.get(`${API}/topics`), []);
    // Outlines for the place picker; without them the form still takes typed coordinates.
    const areas = k.useLoad(() => shell.api.get('/api/neighbourhoods').catch(() => ({ neighbourhoods: [] })), []);
    const mine = k.useLoad(() => shell.api.get(`${API}/my-questions`), []);
    return h(Fragment, null,
      h(Section, { title: t('participation.ask_heading') },
        h(Loaded, { state: topics }, (d) => h(AskForm, { topics: d.topics, neighbourhoods: areas.data?.neighbourhoods || [],
          onSent: (q) => shell.navigate(`/participation/questions/${q.id}`) }))),
      h(Section, { title: t('participation.mine') },
        h(Loaded, { state: mine }, (d) => h(QuestionList, { questions: d.questions, empty: 'participation.mine_empty' }))),
      h(Answered));
  };
}
