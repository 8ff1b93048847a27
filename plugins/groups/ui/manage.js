// The parts of the group page for those who manage it: members and their roles, requests to
// join, reports about the group's content, invitations (a person, or a link). Each loads on its
// own and reloads only itself after an action.
import { parts } from './common.js';

export function manageSections(shell) {
  const { h, Fragment, k, t, options, Section, Loaded } = parts(shell);
  const { useState } = shell.preact.hooks;
  const said = (key, params) => shell.announce(t(key, params));

  function Member({ g, m, base, reload }) {
    const [role, setRole] = useState(m.role);
    const save = k.useAction(async () => {
      await shell.api.put(`${base}/members/${m.user_id}`, { role });
      said('groups.saved');
      reload();
    });
    const remove = k.useAction(async () => {
      await shell.api.del(`${base}/members/${m.user_id}`);
      said('groups.removed', { name: m.display_name });
      reload();
    });
    const mayRole = g.my_role === 'owner' || (g.can_manage && g.my_role !== 'moderator');
    const mayRemove = g.can_manage && m.user_id !== (shell.user() || {}).id && (g.my_role === 'owner' || m.role === 'member');
    return h('li', { class: 'person' },
      h('a', { href: `/people/${m.user_id}`, class: 'person-name' }, m.display_name), ' – ', t(`groups.role.${m.role}`),
      h(k.ErrorAlert, { error: save.error || remove.error }),
      mayRole ? h('form', { class: 'form inline-form', noValidate: true, onSubmit: k.onSubmit(save.run) },
        h(k.Select, { label: t('groups.make_role', { name: m.display_name }), value: role, onValue: setRole, options: options(['owner', 'moderator', 'member'], 'groups.role') }),
        h(k.Submit, { busy: save.busy }, t('groups.save_role'))) : null,
      mayRemove ? h(k.ConfirmDialog, { trigger: t('groups.remove', { name: m.display_name }), title: t('groups.remove_title', { name: m.display_name }),
        confirmLabel: t('groups.remove', { name: m.display_name }), onConfirm: () => remove.run() }, h('p', null, t('groups.remove_text'))) : null);
  }

  function Members({ g, base, reload }) {
    const list = k.useLoad(() => shell.api.get(`${base}/members`), [base]);
    const changed = () => { list.reload(); reload(); };
    return h(Section, { title: t('groups.members') }, h(Loaded, { state: list }, (d) =>
      h('ul', { class: 'people-list plain-list' }, d.members.map((m) => h(Member, { key: m.user_id, g, m, base, reload: changed })))));
  }

  function Requests({ base, reload }) {
    const list = k.useLoad(() => shell.api.get(`${base}/requests`), [base]);
    const decide = (r, what) => async () => {
      await shell.api.post(`${base}/requests/${r.user_id}/${what}`);
      list.reload();
      reload();
    };
    return h(Section, { title: t('groups.requests') }, h(Loaded, { state: list }, (d) => d.requests.length
      ? h('ul', { class: 'plain-list' }, d.requests.map((r) => h('li', { key: r.user_id },
        h('strong', null, r.display_name), r.message ? h('p', null, r.message) : null,
        h(k.BusyButton, { kind: 'primary', onPress: decide(r, 'approve') }, t('groups.approve', { name: r.display_name })), ' ',
        h(k.BusyButton, { onPress: decide(r, 'decline') }, t('groups.decline', { name: r.display_name })))))
      : h('p', null, t('groups.no_requests'))));
  }

  function Report({ r, base, reload }) {
    const [reason, setReason] = useState('');
    const act = (action) => async () => {
      await shell.api.post(`${base}/moderation`, { action, target_type: r.target_type, target_id: r.target_id, reason: reason.trim() });
      said('groups.handled');
      reload();
    };
    const label = t(r.target_type === 'comment' ? 'groups.report_comment_of' : 'groups.report_of', { reason: r.reason, name: (r.author && r.author.display_name) || '?' });
    return h('li', { class: 'report-entry' },
      h('p', null, h('strong', null, label)),
      r.details ? h('p', { class: 'quote' }, r.details) : null,
      h('p', null, h('a', { href: `/content/${r.content_id}` }, t('groups.open_item'))),
      h(k.Field, { label: t('groups.report_reason'), value: reason, onValue: setReason, maxLength: 2000 }),
      h('div', { class: 'actions' },
        h(k.BusyButton, { onPress: act('hide') }, t('groups.hide')), ' ',
        h(k.BusyButton, { kind: 'danger', onPress: act('delete') }, t('groups.delete_item')), ' ',
        h(k.BusyButton, { onPress: act('dismiss') }, t('groups.dismiss'))));
  }

  function Reports({ base }) {
    const list = k.useLoad(() => shell.api.get(`${base}/reports`), [base]);
    return h(Section, { title: t('groups.reports') }, h(Loaded, { state: list }, (d) => d.reports.length
      ? h('ul', { class: 'plain-list' }, d.reports.map((r) => h(Report, { key: r.id || `${r.target_type}-${r.target_id}`, r, base, reload: list.reload })))
      : h('p', null, t('groups.no_reports'))));
  }

  function InviteLink({ base, onCreated }) {
    const [single, setSingle] = useState(true);
    const [hours, setHours] = useState('168');
    const [url, setUrl] = useState('');
    const create = k.useAction(async () => {
      const r = await shell.api.post(`${base}/invitations`, { link: true, single_use: single, expires_in_hours: Number(hours) });
      setUrl(`${location.origin}${r.path}`);
      onCreated();
    });
    return h(Fragment, null,
      h('form', { class: 'form', noValidate: true, onSubmit: k.onSubmit(create.run) },
        h(k.ErrorAlert, { error: create.error }),
        h(k.Checkbox, { label: t('groups.single_use'), checked: single, onChecked: setSingle }),
        h(k.Field, { label: t('groups.expires_hours'), type: 'number', min: 1, max: 2160, value: hours, onValue: setHours, error: k.fieldError(create.error, 'expires_in_hours') }),
        h(k.Submit, { busy: create.busy, kind: 'primary' }, t('groups.invite_link'))),
      url ? h(k.Field, { label: t('groups.link_created'), value: url, onValue: () => {}, readOnly: true }) : null);
  }

  function Invitations({ base }) {
    const list = k.useLoad(() => shell.api.get(`${base}/invitations`), [base]);
    const revoke = (id) => async () => {
      await shell.api.del(`${base}/invitations/${id}`);
      list.reload();
    };
    const invite = async (p) => {
      await shell.api.post(`${base}/invitations`, { user_id: p.id });
      said('groups.invited');
      list.reload();
    };
    return h(Section, { title: t('groups.invitations') },
      h('h3', null, t('groups.invite_person')),
      h(k.PersonPicker, { label: t('groups.invite_search'), searchLabel: t('groups.invite_find'), actionLabel: (name) => t('groups.invite_button', { name }), onPick: invite }),
      h('h3', null, t('groups.invite_link')),
      h(InviteLink, { base, onCreated: list.reload }),
      h(Loaded, { state: list }, (d) => h(Fragment, null,
        d.people.length ? h(Fragment, null, h('h3', null, t('groups.pending_people')), h('ul', { class: 'plain-list' },
          d.people.map((p) => h('li', { key: p.id }, p.display_name, ' ', h(k.BusyButton, { onPress: revoke(p.id) }, t('groups.revoke'), h('span', { class: 'visually-hidden' }, ` ${p.display_name}`)))))) : null,
        d.links.length ? h(Fragment, null, h('h3', null, t('groups.links')), h('ul', { class: 'plain-list' },
          d.links.map((l) => h('li', { key: l.id }, l.single_use ? t('groups.single_use') : '', l.expires_at ? ` · ${shell.formatDate(l.expires_at)}` : '', ' ',
            h(k.BusyButton, { onPress: revoke(l.id) }, t('groups.revoke'), h('span', { class: 'visually-hidden' }, ` (${t('groups.links')})`)))))) : null)));
  }

  return { Members, Requests, Reports, Invitations };
}
