// /help/staff: the city's view of open, unanswered requests per neighbourhood, the CSV, and the
// coordinating organisations: groups designated for neighbourhoods, changed and revoked here.
import { API, parts } from './common.js';

export function staffPage(shell) {
  const { h, Fragment, k, t, Section, Loaded, useNeighbourhoods } = parts(shell);
  const { useState } = shell.preact.hooks;

  function Designate({ onSaved }) {
    const [q, setQ] = useState('');
    const [group, setGroup] = useState('');
    const [chosen, setChosen] = useState([]);
    const groups = k.useLoad(() => shell.api.get(`${API}/coordinators/groups?q=${encodeURIComponent(q)}`), [q]);
    const hoods = useNeighbourhoods();
    const save = k.useAction(async () => {
      if (!group) throw new Error(t('help.coord_pick_group'));
      await shell.api.put(`${API}/coordinators/${group}`, { neighbourhood_ids: chosen });
      shell.announce(t('help.coord_saved'));
      setChosen([]);
      onSaved();
    });
    const toggle = (id) => (on) => setChosen((old) => (on ? [...old, id] : old.filter((x) => x !== id)));
    return h('form', { class: 'form', noValidate: true, onSubmit: k.onSubmit(save.run) },
      h(k.ErrorAlert, { error: save.error }),
      h(k.Field, { label: t('help.coord_search'), value: q, onValue: setQ, maxLength: 100 }),
      h(k.Select, { label: t('help.coord_group_field'), value: group, onValue: setGroup,
        options: [{ value: '', label: '–' }, ...((groups.data && groups.data.groups) || []).map((g) => ({ value: String(g.container_id), label: g.name }))] }),
      h('fieldset', null, h('legend', null, t('help.coord_areas')),
        (hoods.data || []).map((n) => h(k.Checkbox, { key: n.id, label: n.name, checked: chosen.includes(n.id), onChecked: toggle(n.id) }))),
      h(k.Submit, { busy: save.busy }, t('help.coord_designate')));
  }

  function Coordinators() {
    const list = k.useLoad(() => shell.api.get(`${API}/coordinators`), []);
    const revoke = (g) => async () => {
      await shell.api.del(`${API}/coordinators/${g.container_id}`);
      shell.announce(t('help.coord_revoked'));
      list.reload();
    };
    return h(Fragment, null,
      h('p', null, t('help.coord_staff_intro')),
      h(Loaded, { state: list }, (d) => (d.coordinators.length
        ? h('ul', { class: 'plain-list' }, d.coordinators.map((g) => h('li', { key: g.container_id, class: 'item-card' },
          h('p', null, t('help.coord_group', { name: g.name, areas: g.neighbourhoods.map((n) => n.name).join(', ') })),
          h(k.BusyButton, { kind: 'danger', onPress: revoke(g) }, t('help.coord_revoke', { name: g.name })))))
        : h('p', null, t('help.coord_staff_empty')))),
      h('h3', null, t('help.coord_designate_title')),
      h(Designate, { onSaved: list.reload }));
  }

  return function HelpStaff() {
    const state = k.useLoad(() => shell.api.get(`${API}/staff/open`), []);
    return h(Fragment, null,
      h('p', null, t('help.staff_intro')),
      h(Loaded, { state }, (d) => (d.neighbourhoods.length
        ? h('ul', null, d.neighbourhoods.map((n) => h('li', { key: n.neighbourhood_id },
          t('help.staff_row', { name: n.name, count: n.unanswered, hours: n.oldest_hours }))))
        : h('p', null, t('help.staff_empty')))),
      h('p', null, h('a', { href: `${API}/staff/open.csv`, download: 'help-open-requests.csv', class: 'button button-secondary' }, t('help.csv'))),
      h(Section, { title: t('help.coord_title') }, h(Coordinators)));
  };
}
