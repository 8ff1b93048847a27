// Route table: core pages first, then the pages that plugin UI modules registered.
import { useEffect, useRef } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { useLocation, matchPath, type Location } from './router';
import { useStore } from './store';
import { registry, makeShell, type PluginRoute } from './plugins';
import { Layout } from './components/Layout';
import { Page } from './components/ui';
import { WelcomePage, LoginPage, RegisterPage, ConfirmPage, PasswordResetPage } from './pages/auth';
import { StreamPage } from './pages/stream';
import { ItemPage } from './pages/item';
import { NotificationsPage } from './pages/notifications';
import { SettingsPage } from './pages/settings';
import { EmailChangePage } from './pages/emailChange';
import { SearchPage } from './pages/search';
import { ModerationPage, AdminPage } from './pages/admin';
import { AdminPeoplePage, AdminInvitationsPage, AdminRegistrationPage, AdminNeighbourhoodsPage, AdminLegalPage, AdminAuditPage } from './pages/adminPages';
import { AccessibilityPage, FeedbackPage, ForbiddenPage, ImprintPage, PrivacyPage, TermsPage, NotFoundPage, LoginRequiredPage } from './pages/static';
import { ProfilePage } from './pages/profile';
import { AnnouncementsPage } from './pages/announcements';
import { lazy } from './components/lazy';
import type { User } from './types';

// Loaded when first visited: not part of the first page's JavaScript.
const MessagesPage = lazy(() => import('./pages/messages').then((m) => m.MessagesPage));
const NewConversationPage = lazy(() => import('./pages/messages').then((m) => m.NewConversationPage));
const ConversationPage = lazy(() => import('./pages/messages').then((m) => m.ConversationPage));
const HistoryPage = lazy(() => import('./pages/history').then((m) => m.HistoryPage));
const RegistrationsPage = lazy(() => import('./pages/registrations').then((m) => m.RegistrationsPage));

interface CoreRoute {
  path: string;
  login?: boolean;
  roles?: string[];
  render: (params: Record<string, string>, loc: Location) => ComponentChildren;
}

const coreRoutes: CoreRoute[] = [
  { path: '/login', render: (_p, l) => <LoginPage query={l.query} /> },
  { path: '/register', render: (_p, l) => <RegisterPage query={l.query} /> },
  { path: '/confirm', render: (_p, l) => <ConfirmPage query={l.query} /> },
  { path: '/confirm/:token', render: (p) => <ConfirmPage query={new URLSearchParams({ token: p.token })} /> },
  { path: '/password-reset', render: (_p, l) => <PasswordResetPage query={l.query} /> },
  { path: '/email-change', render: (_p, l) => <EmailChangePage query={l.query} /> },
  { path: '/password-reset/:token', render: (p) => <PasswordResetPage query={new URLSearchParams({ token: p.token })} /> },
  { path: '/neighbourhood', login: true, render: () => <StreamPage key="neighbourhood" scope="neighbourhood" /> },
  { path: '/city', login: true, render: () => <StreamPage key="city" scope="city" /> },
  { path: '/announcements', login: true, render: () => <AnnouncementsPage /> },
  { path: '/content/:id', login: true, render: (p) => <ItemPage id={p.id} /> },
  { path: '/content/:id/history', login: true, render: (p) => <HistoryPage id={p.id} /> },
  { path: '/messages', login: true, render: () => <MessagesPage /> },
  { path: '/messages/new', login: true, render: (_p, l) => <NewConversationPage query={l.query} /> },
  { path: '/messages/:id', login: true, render: (p) => <ConversationPage id={p.id} /> },
  { path: '/notifications', login: true, render: () => <NotificationsPage /> },
  { path: '/settings', login: true, render: () => <SettingsPage /> },
  { path: '/search', login: true, render: (_p, l) => <SearchPage query={l.query} /> },
  { path: '/moderation', login: true, roles: ['moderator', 'admin'], render: () => <ModerationPage /> },
  // Deciding who may join is the administration's: moderators are refused (as by the server).
  { path: '/registrations', login: true, roles: ['staff', 'admin'], render: () => <RegistrationsPage /> },
  { path: '/admin', login: true, roles: ['admin'], render: () => <AdminPage /> },
  { path: '/admin/people', login: true, roles: ['admin'], render: (_p, l) => <AdminPeoplePage query={l.query} /> },
  { path: '/admin/invitations', login: true, roles: ['admin'], render: () => <AdminInvitationsPage /> },
  { path: '/admin/registration', login: true, roles: ['admin'], render: () => <AdminRegistrationPage /> },
  { path: '/admin/neighbourhoods', login: true, roles: ['admin'], render: () => <AdminNeighbourhoodsPage /> },
  { path: '/admin/legal', login: true, roles: ['admin'], render: () => <AdminLegalPage /> },
  { path: '/admin/audit', login: true, roles: ['admin'], render: () => <AdminAuditPage /> },
  { path: '/accessibility', render: () => <AccessibilityPage /> },
  { path: '/feedback', render: () => <FeedbackPage /> },
  { path: '/imprint', render: () => <ImprintPage /> },
  { path: '/privacy', render: () => <PrivacyPage /> },
  { path: '/terms', render: () => <TermsPage /> },
  { path: '/people/:id', render: (p) => <ProfilePage id={p.id} /> },
];

/** Hosts a plugin page: a mount function into a plain element, or a Preact component. */
function PluginPage(props: { route: PluginRoute; params: Record<string, string>; loc: Location }) {
  const el = useRef<HTMLDivElement>(null);
  const ctx = { params: props.params, query: props.loc.query, shell: makeShell(null) };
  useEffect(() => {
    if (!props.route.mount || !el.current) return;
    const target = el.current;
    const cleanup = props.route.mount(target, ctx);
    return () => {
      if (typeof cleanup === 'function') cleanup();
      target.textContent = '';
    };
  }, [props.route, props.loc.path, props.loc.query.toString()]);
  const Component = props.route.component;
  return (
    <Page title={props.route.title()}>
      {Component ? <Component {...ctx} /> : <div class="plugin-page" ref={el} />}
    </Page>
  );
}

/** A page that exists but needs another role: say so instead of "not found". */
function Forbidden() {
  return <ForbiddenPage />;
}

function resolve(loc: Location, user: User | null): ComponentChildren {
  if (loc.path === '/') return user ? <StreamPage key="home" scope="home" /> : <WelcomePage />;
  for (const r of coreRoutes) {
    const params = matchPath(r.path, loc.path);
    if (!params) continue;
    if (r.login && !user) return <LoginRequiredPage path={loc.path + (loc.query.toString() ? `?${loc.query}` : '')} />;
    if (r.roles && !r.roles.includes(user?.role ?? '')) return <Forbidden />;
    return r.render(params, loc);
  }
  for (const r of registry.routes) {
    const params = matchPath(r.path, loc.path);
    if (!params) continue;
    if (r.route.requiresLogin !== false && !user) return <LoginRequiredPage path={loc.path} />;
    return <PluginPage key={r.path} route={r.route} params={params} loc={loc} />;
  }
  return <NotFoundPage />;
}

export function App() {
  const loc = useLocation();
  const { user } = useStore();
  // Scroll to the top on a new page, except when the address points at an anchor.
  useEffect(() => {
    if (!loc.hash) window.scrollTo(0, 0);
    else document.getElementById(loc.hash.slice(1))?.scrollIntoView();
  }, [loc.path, loc.hash]);
  return (
    <Layout path={loc.path}>
      <div key={loc.path}>{resolve(loc, user)}</div>
    </Layout>
  );
}
