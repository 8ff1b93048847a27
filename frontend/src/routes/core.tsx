// The core's pages and navigation entries, written into the one table (routes/registry.ts).
// Only the home path (welcome, sign-in, the stream) is in the first page's JavaScript; every
// other page is a chunk of its own, loaded on first visit.
import { t, tn } from '../i18n';
import { signals } from '../store';
import { lazy } from '../components/lazy';
import { StreamPage } from '../pages/stream';
import { WelcomePage } from '../pages/auth/welcome';
import { LoginPage } from '../pages/auth/login';
import { addNavigation, addRoute, type PageContext } from './registry';
import type { ComponentChildren } from 'preact';

const RegisterPage = lazy(() => import('../pages/auth/register').then((m) => m.RegisterPage));
const ConfirmPage = lazy(() => import('../pages/auth/confirm').then((m) => m.ConfirmPage));
const PasswordResetPage = lazy(() => import('../pages/auth/passwordReset').then((m) => m.PasswordResetPage));
const UnlockPage = lazy(() => import('../pages/auth/unlock').then((m) => m.UnlockPage));
const EmailChangePage = lazy(() => import('../pages/emailChange').then((m) => m.EmailChangePage));
const AnnouncementsPage = lazy(() => import('../pages/announcements').then((m) => m.AnnouncementsPage));
const ItemPage = lazy(() => import('../pages/item').then((m) => m.ItemPage));
const HistoryPage = lazy(() => import('../pages/history').then((m) => m.HistoryPage));
const MessagesPage = lazy(() => import('../pages/messages/list').then((m) => m.MessagesPage));
const NewConversationPage = lazy(() => import('../pages/messages/new').then((m) => m.NewConversationPage));
const ConversationPage = lazy(() => import('../pages/messages/conversation').then((m) => m.ConversationPage));
const NotificationsPage = lazy(() => import('../pages/notifications').then((m) => m.NotificationsPage));
const SettingsPage = lazy(() => import('../pages/settings').then((m) => m.SettingsPage));
const SearchPage = lazy(() => import('../pages/search').then((m) => m.SearchPage));
const ModerationPage = lazy(() => import('../pages/moderation').then((m) => m.ModerationPage));
const RegistrationsPage = lazy(() => import('../pages/registrations').then((m) => m.RegistrationsPage));
const AdminPage = lazy(() => import('../pages/admin/plugins').then((m) => m.AdminPage));
const AdminPeoplePage = lazy(() => import('../pages/admin/people').then((m) => m.AdminPeoplePage));
const AdminInvitationsPage = lazy(() => import('../pages/admin/invitations').then((m) => m.AdminInvitationsPage));
const AdminRegistrationPage = lazy(() => import('../pages/admin/registrationMode').then((m) => m.AdminRegistrationPage));
const AdminNeighbourhoodsPage = lazy(() => import('../pages/admin/neighbourhoods').then((m) => m.AdminNeighbourhoodsPage));
const AdminLegalPage = lazy(() => import('../pages/admin/legal').then((m) => m.AdminLegalPage));
const AdminAuditPage = lazy(() => import('../pages/admin/audit').then((m) => m.AdminAuditPage));
const AdminJobsPage = lazy(() => import('../pages/admin/jobs').then((m) => m.AdminJobsPage));
const ProfilePage = lazy(() => import('../pages/profile').then((m) => m.ProfilePage));
const AccessibilityPage = lazy(() => import('../pages/static').then((m) => m.AccessibilityPage));
const FeedbackPage = lazy(() => import('../pages/static').then((m) => m.FeedbackPage));
const ImprintPage = lazy(() => import('../pages/static').then((m) => m.ImprintPage));
const PrivacyPage = lazy(() => import('../pages/static').then((m) => m.PrivacyPage));
const TermsPage = lazy(() => import('../pages/static').then((m) => m.TermsPage));

type Render = (c: PageContext) => ComponentChildren;
const STAFF = ['staff', 'admin'];
const MODERATORS = ['moderator', 'admin'];
const ADMINS = ['admin'];

const routes: [string, Render, { login?: boolean; roles?: string[] }?][] = [
  ['/', (c) => (c.user ? <StreamPage key="home" scope="home" /> : <WelcomePage />)],
  ['/login', (c) => <LoginPage query={c.query} />],
  ['/register', (c) => <RegisterPage query={c.query} />],
  ['/confirm', (c) => <ConfirmPage query={c.query} />],
  ['/confirm/:token', (c) => <ConfirmPage query={new URLSearchParams({ token: c.params.token })} />],
  ['/password-reset', (c) => <PasswordResetPage query={c.query} />],
  ['/password-reset/:token', (c) => <PasswordResetPage query={new URLSearchParams({ token: c.params.token })} />],
  ['/unlock', (c) => <UnlockPage query={c.query} />],
  ['/email-change', (c) => <EmailChangePage query={c.query} />],
  ['/neighbourhood', () => <StreamPage key="neighbourhood" scope="neighbourhood" />, { login: true }],
  ['/city', () => <StreamPage key="city" scope="city" />, { login: true }],
  ['/announcements', () => <AnnouncementsPage />, { login: true }],
  ['/content/:id', (c) => <ItemPage id={c.params.id} />, { login: true }],
  ['/content/:id/history', (c) => <HistoryPage id={c.params.id} />, { login: true }],
  ['/messages', () => <MessagesPage />, { login: true }],
  ['/messages/new', (c) => <NewConversationPage query={c.query} />, { login: true }],
  ['/messages/:id', (c) => <ConversationPage id={c.params.id} />, { login: true }],
  ['/notifications', () => <NotificationsPage />, { login: true }],
  ['/settings', () => <SettingsPage />, { login: true }],
  ['/search', (c) => <SearchPage query={c.query} />, { login: true }],
  ['/moderation', () => <ModerationPage />, { login: true, roles: MODERATORS }],
  // Deciding who may join is the administration's: moderators are refused (as by the server).
  ['/registrations', () => <RegistrationsPage />, { login: true, roles: STAFF }],
  ['/admin', () => <AdminPage />, { login: true, roles: ADMINS }],
  ['/admin/people', (c) => <AdminPeoplePage query={c.query} />, { login: true, roles: ADMINS }],
  ['/admin/invitations', () => <AdminInvitationsPage />, { login: true, roles: ADMINS }],
  ['/admin/registration', () => <AdminRegistrationPage />, { login: true, roles: ADMINS }],
  ['/admin/neighbourhoods', () => <AdminNeighbourhoodsPage />, { login: true, roles: ADMINS }],
  ['/admin/legal', () => <AdminLegalPage />, { login: true, roles: ADMINS }],
  ['/admin/audit', () => <AdminAuditPage />, { login: true, roles: ADMINS }],
  ['/admin/jobs', () => <AdminJobsPage />, { login: true, roles: ADMINS }],
  ['/accessibility', () => <AccessibilityPage />],
  ['/feedback', () => <FeedbackPage />],
  ['/imprint', () => <ImprintPage />],
  ['/privacy', () => <PrivacyPage />],
  ['/terms', () => <TermsPage />],
  ['/people/:id', (c) => <ProfilePage id={c.params.id} />],
];

/** Writes the core's routes and navigation into the table; called once at boot, before plugins. */
export function registerCore(): void {
  for (const [path, render, rules] of routes) addRoute({ path, render, owner: 'core', login: !!rules?.login, roles: rules?.roles });
  const nav = (path: string, label: () => string, order: number, more: Partial<Parameters<typeof addNavigation>[0]> = {}) =>
    addNavigation({ path, label, order, owner: 'core', ...more });
  nav('/', () => t('nav.home'), 10, { bar: true, icon: '⌂' });
  nav('/', () => t('nav.welcome'), 10, { audience: 'guest' });
  nav('/neighbourhood', () => t('nav.neighbourhood'), 20);
  nav('/city', () => t('nav.city'), 30);
  nav('/announcements', () => t('nav.announcements'), 40);
  nav('/search', () => t('nav.search'), 200, { bar: true, icon: '⌕' });
  // Badges read their signal, so a count change renders the navigation entry alone.
  nav('/notifications', () => t('nav.notifications'), 210, {
    bar: true,
    barLabel: () => t('nav.bar.notifications'),
    icon: '◔',
    badge: { count: () => signals.unread.value, label: (count) => t('notifications.unreadCount', { count }) },
  });
  nav('/messages', () => t('nav.messages'), 220, {
    bar: true,
    icon: '✉',
    badge: { count: () => signals.messagesUnread.value, label: (count) => tn('messages.unread', count) },
  });
  nav('/settings', () => t('nav.settings'), 230);
  nav('/registrations', () => t('nav.registrations'), 240);
  nav('/moderation', () => t('nav.moderation'), 250);
  nav('/admin', () => t('nav.admin'), 260);
  nav('/login', () => t('nav.login'), 300, { audience: 'guest' });
  nav('/register', () => t('nav.register'), 310, { audience: 'guest' });
}
