// Hosts a plugin's page: a mount function into a plain element, or a Preact component, inside
// an error boundary of its own that names the plugin, so a failing module never blanks the app.
// The page's context.shell carries a live scope: what the page subscribed with onLive ends when
// the page leaves the screen (and, for a mount page, when its mount is cleaned up).
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { t } from '../i18n';
import { Page } from '../components/ui';
import { ErrorBoundary } from '../components/ErrorBoundary';
import type { PageContext } from '../routes/registry';
import type { PluginInfo } from '../api/meta';
import { makeShell, type PluginRoute, type RouteContext } from './shell';
import { LiveScope } from './liveEvents';

function PluginPage(props: { route: PluginRoute; plugin: PluginInfo | null; params: Record<string, string>; query: URLSearchParams; path: string }) {
  const el = useRef<HTMLDivElement>(null);
  const { route, plugin } = props;
  const query = props.query.toString();
  const scope = useMemo(() => new LiveScope(), []);
  const shell = useMemo(() => makeShell(plugin, scope), [plugin, scope]);
  useEffect(() => () => scope.close(), [scope]);
  const context: RouteContext = { params: props.params, query: props.query, shell };
  useEffect(() => {
    if (!route.mount || !el.current) return;
    const target = el.current;
    const mountScope = new LiveScope();
    const cleanup = route.mount(target, { ...context, shell: makeShell(plugin, mountScope) });
    return () => {
      mountScope.close();
      if (typeof cleanup === 'function') cleanup();
      target.textContent = '';
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [route, props.path, query]);
  const Component = route.component;
  return <Page title={route.title()}>{Component ? <Component {...context} /> : <div class="plugin-page" ref={el} />}</Page>;
}

let routes = 0;

/** The render function the route table keeps for a plugin's page. */
export function pluginPage(plugin: PluginInfo | null, route: PluginRoute) {
  const owner = plugin?.name ?? 'core';
  // Another page of the same plugin is a new PluginPage (a fresh live scope), not an update.
  const key = `plugin-route-${++routes}`;
  return (c: PageContext) => (
    <ErrorBoundary key={key} what={t('boundary.plugin', { name: owner, path: c.path })}>
      <PluginPage route={route} plugin={plugin} params={c.params} query={c.query} path={c.path} />
    </ErrorBoundary>
  );
}
