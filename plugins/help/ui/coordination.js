// /help/coordination: for the admins of a coordinating organisation (a group the municipality
// designated), the open requests of the group's neighbourhoods, and assigning a helper to one:
// someone who offers help there or a member of the group; and the requests someone helps with,
// to hand one to another helper (reassign). The risk-group mark is not shown here.
import { API, parts } from './common.js';

export function coordinationPage(shell) {
  const { h, Fragment, k, t, Section, Loaded, meta } = parts(shell);
  const { useState } = shell.preact.hooks;

  function helperLabel(x) {
    const tags = [];
    if (x.offers_category) tags.push(t('help.coord_offers_category'));
    else if (x.offers_here) tags.push(t('help.coord_offers_here'));
    if (x.group_member) tags.push(t('help.coord_member'));
    if (x.responded) tags.push(t('help.coord_responded'));
    if (x.current) tags.push(t('help.coord_current'));
    return tags.length ? `${x.display_name} (${tags.join(', ')})` : x.display_name;
  }

  // Assigns a helper to an open request, or (reassign) hands one someone helps with to another.
  function AssignForm({ r, reassign, onAssigned }) {
    const candidates = k.useLoad(() => shell.api.get(`${API}/coordination/requests/${r.id}/helpers`), [r.id]);
    const [helper, setHelper] = useState('');
    const [message, setMessage] = useState('');
    const assign = k.useAction(async () => {
      const body = { message };
      if (helper) body.helper_id = Number(helper);
      const d = await shell.api.post(`${API}/coordination/requests/${r.id}/${reassign ? 'reassign' : 'assign'}`, body);
      shell.announce(t(reassign ? 'help.coord_reassigned' : 'help.coord_assigned', { name: d.helper.display_name }));
      onAssigned(d);
    });
    return h(Loaded, { state: candidates }, (d) => (d.helpers.length
      ? h('form', { class: 'form', noValidate: true, onSubmit: k.onSubmit(assign.run) },
        h(k.ErrorAlert, { error: assign.error }),
        h(k.Select, { label: t('help.coord_who'), value: helper, onValue: setHelper,
          options: [{ value: '', label: '–' }, ...d.helpers.filter((x) => !x.current).map((x) => ({ value: String(x.id), label: helperLabel(x) }))] }),
        h(k.TextArea, { label: t('help.coord_message'), hint: t('help.coord_message_hint'), value: message, onValue: setMessage, rows: 2, maxLength: 2000 }),
        h(k.Submit, { busy: assign.busy }, t(reassign ? 'help.coord_reassign' : 'help.coord_assign')))
      : h('p', null, t('help.coord_no_helpers'))));
  }

  function CoordinatedRequest({ r }) {
    const [open, setOpen] = useState(false);
    const [done, setDone] = useState(null);
    const reassign = r.status === 'in_progress';
    const title = `${t(`help.cat.${r.category}`)} · ${r.neighbourhood_name}`;
    const facts = [meta(r), t('help.asked_by', { name: r.asker.display_name })];
    facts.push(r.helper ? t('help.coord_helper_now', { name: r.helper.display_name }) : t('help.coord_responses', { count: r.response_count }));
    return h('li', { class: 'item-card help-card' },
      h('h3', { class: 'item-title' }, h('a', { href: `/help/requests/${r.id}` }, title)),
      h('p', null, r.text),
      h('p', { class: 'item-meta' }, facts.join(' · ')),
      done
        ? h(k.Notice, { kind: 'success' }, t(reassign ? 'help.coord_reassigned' : 'help.coord_assigned', { name: done.helper.display_name }), ' ',
          h('a', { href: `/help/requests/${r.id}` }, t('help.open_request')))
        : open
          ? h(AssignForm, { r, reassign, onAssigned: setDone })
          : h('button', { type: 'button', class: 'button button-secondary', onClick: () => setOpen(true) },
            t(reassign ? 'help.coord_reassign_for' : 'help.coord_assign_for', { what: title })));
  }

  // Newest first, a page at a time (keyset on the id); open ones, or those someone helps with.
  function Requests({ area, status }) {
    const paged = k.usePaged(async (cursor) => {
      const q = new URLSearchParams();
      q.set('status', status);
      if (area) q.set('neighbourhood_id', area);
      if (cursor) q.set('before', cursor);
      const d = await shell.api.get(`${API}/coordination/requests?${q}`);
      return { items: d.requests, next: d.next_before === null ? null : String(d.next_before) };
    }, [area, status]);
    if (paged.error && !paged.items.length) return h(k.RetryAlert, { error: paged.error, what: t('help.load_failed'), onRetry: paged.reload });
    if (!paged.loaded) return h(k.Loading);
    if (!paged.items.length) return h('p', null, t(status === 'open' ? 'help.coord_empty' : 'help.coord_helping_empty'));
    return h(Fragment, null,
      h('ul', { class: 'plain-list' }, paged.items.map((r) => h(CoordinatedRequest, { key: r.id, r }))),
      h(k.PagedFooter, { paged, label: t('help.coord_more') }));
  }

  return function HelpCoordination() {
    const mine = k.useLoad(() => shell.api.get(`${API}/coordination`), []);
    const [area, setArea] = useState('');
    return h(Loaded, { state: mine }, (d) => {
      if (!d.groups.length) return h('p', null, t('help.coord_none'));
      const areas = [];
      for (const g of d.groups) for (const n of g.neighbourhoods) if (!areas.some((a) => a.id === n.id)) areas.push(n);
      return h(Fragment, null,
        h('ul', null, d.groups.map((g) => h('li', { key: g.container_id },
          t('help.coord_group', { name: g.name, areas: g.neighbourhoods.map((n) => n.name).join(', ') })))),
        areas.length > 1 ? h(k.Select, { label: t('help.coord_area'), value: area, onValue: setArea,
          options: [{ value: '', label: t('help.coord_all_areas') }, ...areas.map((n) => ({ value: String(n.id), label: n.name }))] }) : null,
        h(Section, { title: t('help.coord_open') }, h(Requests, { area, status: 'open' })),
        h(Section, { title: t('help.coord_helping') }, h(Requests, { area, status: 'in_progress' })));
    });
  };
}
