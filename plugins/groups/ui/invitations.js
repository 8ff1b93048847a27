// /groups/invitations (my invitations: accept or decline) and /groups/join/:token (an invitation link).
import { API, parts } from './common.js';

export function invitationPages(shell) {
  const { h, Fragment, k, t, Loaded } = parts(shell);

  function Invitation({ inv, reload }) {
    const accept = async () => {
      await shell.api.post(`${API}/invitations/${inv.id}/accept`);
      shell.announce(t('groups.joined'));
      shell.navigate(`/groups/${inv.group.slug}`);
    };
    const decline = async () => {
      await shell.api.post(`${API}/invitations/${inv.id}/decline`);
      reload();
    };
    return h('li', { class: 'item-card' },
      h('h2', { class: 'item-title' }, inv.group.name),
      inv.group.description ? h('p', null, inv.group.description) : null,
      h('p', { class: 'item-meta' }, t('groups.invited_by', { name: (inv.inviter && inv.inviter.display_name) || '?' })),
      h('div', { class: 'actions' },
        h(k.BusyButton, { kind: 'primary', onPress: accept }, t('groups.accept')), ' ',
        h(k.BusyButton, { onPress: decline }, t('groups.reject'))));
  }

  function MyInvitations() {
    const list = k.useLoad(() => shell.api.get(`${API}/invitations`), []);
    return h(Loaded, { state: list }, (d) => d.invitations.length
      ? h('ul', { class: 'group-list plain-list' }, d.invitations.map((inv) => h(Invitation, { key: inv.id, inv, reload: list.reload })))
      : h('p', null, t('groups.no_invitations')));
  }

  function JoinByLink({ params }) {
    const path = `${API}/join/${encodeURIComponent(params.token)}`;
    const link = k.useLoad(() => shell.api.get(path), [path]);
    const join = async (g) => {
      await shell.api.post(path);
      shell.announce(t('groups.joined'));
      shell.navigate(`/groups/${g.slug}`);
    };
    return h(Loaded, { state: link }, ({ group: g }) => h(Fragment, null,
      h('h2', null, g.name),
      g.description ? h('p', null, g.description) : null,
      g.my_role
        ? h(Fragment, null, h('p', null, t('groups.already_member')), h('a', { href: `/groups/${g.slug}` }, t('groups.open_group')))
        : h(k.BusyButton, { kind: 'primary', onPress: () => join(g) }, t('groups.join_link_button'))));
  }

  return { MyInvitations, JoinByLink };
}
