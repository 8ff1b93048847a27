// The app: the frame (Layout) around the page that the route table (routes/registry.ts) finds
// for the address. Every page renders inside an error boundary of its own.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { useLocation, isMalformedPath, onBeforeLeave, type Location } from './router';
import { useStore } from './store';
import { access, findRoute, onTableChange } from './routes/registry';
import { Layout } from './components/Layout';
import { ErrorBoundary } from './components/ErrorBoundary';
import { NotFoundPage, ForbiddenPage, LoginRequiredPage } from './pages/status';
import { t } from './i18n';
import type { User } from './api/account';
import { keep, recall } from './data/memory';

function resolve(loc: Location, user: User | null): ComponentChildren {
  if (isMalformedPath(loc.path)) return <NotFoundPage malformed />;
  const found = findRoute(loc.path);
  if (!found) return <NotFoundPage />;
  const rule = access(found.route, user);
  if (rule === 'login') return <LoginRequiredPage path={loc.path + (loc.query.toString() ? `?${loc.query}` : '')} />;
  // A page that exists but needs another role: say so instead of "not found".
  if (rule === 'role') return <ForbiddenPage />;
  return found.route.render({ params: found.params, query: loc.query, path: loc.path, user });
}

export function App() {
  const loc = useLocation();
  const { user } = useStore();
  // A plugin that registers late (or a test) changes the table: show it.
  const [, setVersion] = useState(0);
  useEffect(() => onTableChange(() => setVersion((v) => v + 1)), []);
  // A new page starts at the top (or at its anchor); Back and Forward return to where the
  // person was on that entry.
  useEffect(() => {
    const saved = loc.pop ? recall<number>(loc.key, 'scroll') : undefined;
    if (saved !== undefined) {
      window.scrollTo(0, saved);
      // Once the restored list is laid out.
      const frame = requestAnimationFrame(() => window.scrollTo(0, saved));
      return () => cancelAnimationFrame(frame);
    }
    if (!loc.hash) window.scrollTo(0, 0);
    else document.getElementById(loc.hash.slice(1))?.scrollIntoView();
  }, [loc.key, loc.pop, loc.hash]);
  // Before the page changes, its scroll position is kept for its entry.
  const shown = useRef(loc.key);
  shown.current = loc.key;
  useEffect(() => {
    if ('scrollRestoration' in window.history) window.history.scrollRestoration = 'manual';
    return onBeforeLeave(() => keep(shown.current, 'scroll', window.scrollY));
  }, []);
  return (
    <Layout path={loc.path}>
      <div key={loc.path}>
        <ErrorBoundary what={t('boundary.page', { path: loc.path })}>{resolve(loc, user)}</ErrorBoundary>
      </div>
    </Layout>
  );
}
