// The groups UI module: directory, my groups, suggestions, creating a group, the group page
// (stream, announcements, members, requests, reports, invitations, settings), my invitations
// and joining by link. Built from the shell's component kit (shell API 3, see plugins/README.md
// section 6): no hand-built DOM, German first, English second.
import { de, en } from './i18n.js';
import { directoryPage } from './directory.js';
import { groupForms } from './form.js';
import { invitationPages } from './invitations.js';
import { groupPage } from './group.js';

export function register(shell) {
  const t = shell.t;
  shell.addTranslations('de', de);
  shell.addTranslations('en', en);
  if (!shell.kit || !shell.kit.Section) throw new Error('the groups UI needs shell API 3 (shell.kit with Section and Loaded); this Quartier is older');
  shell.addNavigation({ path: '/groups', label: () => t('groups.nav'), order: 20 });

  const { NewGroup } = groupForms(shell);
  const { MyInvitations, JoinByLink } = invitationPages(shell);
  shell.addRoute('/groups', { title: () => t('groups.title'), component: directoryPage(shell) });
  shell.addRoute('/groups/new', { title: () => t('groups.create_title'), component: NewGroup });
  shell.addRoute('/groups/invitations', { title: () => t('groups.my_invitations'), component: MyInvitations });
  shell.addRoute('/groups/join/:token', { title: () => t('groups.join_link_title'), component: JoinByLink });
  shell.addRoute('/groups/:slug', { title: () => t('groups.title'), component: groupPage(shell) });
}
