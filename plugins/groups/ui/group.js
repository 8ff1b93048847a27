// /groups/:slug: the group page. What the person may do follows from their role: join, ask to
// join or leave; read and write posts; manage members, requests, reports, invitations and
// settings. After an action only the part concerned loads again, so keyboard focus stays.
import { API, parts } from './common.js';
import { manageSections } from './manage.js';
import { groupForms } from './form.js';

export function groupPage(shell) {
  const { h, Fragment, k, t, Section, Loaded } = parts(shell);
  const { useEffect, useState } = shell.preact.hooks;
  const { Members, Requests, Reports, Invitations } = manageSections(shell);
  const { Settings } = groupForms(shell);

  function Membership({ g, base, reload }) {
    const [message, setMessage] = useState('');
    const act = (call, said) => async () => {
      await call();
      shell.announce(t(said));
      reload();
    };
    const ask = k.useAction(act(() => shell.api.post(`${base}/join`, { message }), 'groups.requested'));
    const leave = k.useAction(act(() => shell.api.post(`${base}/leave`), 'groups.left'));
    if (g.my_role)
      return h('div', { class: 'actions' },
        h('p', null, t(`groups.role.${g.my_role}`)),
        h(k.ErrorAlert, { error: leave.error }),
        h(k.ConfirmDialog, { trigger: t('groups.leave'), title: t('groups.leave_title'), confirmLabel: t('groups.leave'), onConfirm: () => leave.run() },
          h('p', null, t('groups.leave_text'))));
    if (g.my_request)
      return h('div', { class: 'actions' }, h('p', null, t('groups.requested')),
        h(k.BusyButton, { onPress: act(() => shell.api.del(`${base}/request`), 'groups.withdraw') }, t('groups.withdraw')));
    if (g.visibility === 'public')
      return h('div', { class: 'actions' }, h(k.BusyButton, { kind: 'primary', onPress: act(() => shell.api.post(`${base}/join`), 'groups.joined') }, t('groups.join')));
    if (g.visibility !== 'private') return null;
    return h('form', { class: 'form', noValidate: true, onSubmit: k.onSubmit(ask.run) },
      h(k.ErrorAlert, { error: ask.error }),
      h(k.TextArea, { label: t('groups.request_message'), value: message, onValue: setMessage, rows: 2, maxLength: 1000 }),
      h(k.Submit, { busy: ask.busy }, t('groups.request')));
  }

  function Announce({ base, onPosted }) {
    const [title, setTitle] = useState('');
    const [body, setBody] = useState('');
    const send = k.useAction(async () => {
      const item = await shell.api.post(`${base}/announcements`, { title, body });
      setTitle('');
      setBody('');
      shell.announce(t('groups.announced'));
      onPosted(item);
    });
    return h('details', null, h('summary', null, t('groups.announce')),
      h('form', { class: 'form', noValidate: true, onSubmit: k.onSubmit(send.run) },
        h(k.ErrorAlert, { error: send.error }),
        h(k.Field, { label: t('groups.announce_title'), value: title, onValue: setTitle, required: true, maxLength: 200, error: k.fieldError(send.error, 'title') }),
        h(k.TextArea, { label: t('groups.announce_body'), value: body, onValue: setBody, rows: 3, error: k.fieldError(send.error, 'body') }),
        h(k.Submit, { busy: send.busy }, t('groups.announce_submit'))));
  }

  function Stream({ g, base }) {
    const here = (item) => (item.container && item.container.id) === g.container_id;
    const list = k.useItemList((before) => shell.api.get(`/api/stream?scope=container&id=${g.container_id}${before ? `&before=${before}` : ''}`)
      .then((d) => ({ items: d.items || [], next: d.next_before || null })), [g.container_id], here);
    const added = (item) => (item && item.id ? list.prepend(item) : list.reload());
    return h(Fragment, null,
      g.my_role ? h(k.Composer, { containerId: g.container_id, heading: t('groups.write'), label: t('groups.post_body'), submitLabel: t('groups.post_submit'), onPosted: added }) : null,
      g.can_manage && g.my_role ? h(Announce, { base, onPosted: added }) : null,
      h(Section, { title: t('groups.stream') }, h(k.ItemList, { list, class: 'group-stream', emptyText: t('groups.stream_empty') })));
  }

  return function GroupPage({ params }) {
    const base = `${API}/groups/${encodeURIComponent(params.slug)}`;
    const group = k.useLoad(() => shell.api.get(base), [base]);
    const name = group.data && group.data.name;
    useEffect(() => {
      if (name) document.title = `${name} – ${document.title.split(' – ').pop()}`;
    }, [name]);
    return h(Loaded, { state: group }, (g) => {
      const readable = g.my_role || g.visibility === 'public' || g.can_manage;
      const meta = [t(`groups.cat.${g.category}`), t(`groups.vis_short.${g.visibility}`), t('groups.members_count', { count: g.member_count })];
      return h(Fragment, null,
        h('h2', null, g.name),
        h('p', { class: 'item-meta' }, meta.join(' · ')),
        g.image ? h('img', { src: g.image, alt: '', class: 'group-image' }) : null,
        g.description ? h('p', null, g.description) : null,
        h(Membership, { g, base, reload: group.reload }),
        readable ? h(Stream, { g, base }) : h(Section, { title: t('groups.stream') }, h('p', null, t('groups.members_only'))),
        readable ? h(Members, { g, base, reload: group.reload }) : null,
        g.can_manage ? h(Fragment, null,
          h(Requests, { base, reload: group.reload }),
          h(Reports, { base }),
          h(Invitations, { base }),
          h(Settings, { g, base, reload: group.reload })) : null);
    });
  };
}
