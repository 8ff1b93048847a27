// Hosts a plugin's page: a mount function into a plain element, or a Preact component, inside
// an error boundary of its own that names the plugin, so a failing module never blanks the app.
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n';
import { Page } from '../components/ui';
import { ErrorBoundary } from '../components/ErrorBoundary';
import type { PageContext } from '../routes/registry';
import { makeShell, type PluginRoute, type RouteContext } from './shell';

function PluginPage(props: { route: PluginRoute; context: RouteContext; path: string }) {
  const el = useRef<HTMLDivElement>(null);
  const { route, context } = props;
  const query = context.query.toString();
  useEffect(() => {
    if (!route.mount || !el.current) return;
    const target = el.current;
    const cleanup = route.mount(target, context);
    return () => {
      if (typeof cleanup === 'function') cleanup();
      target.textContent = '';
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [route, props.path, query]);
  const Component = route.component;
  return <Page title={route.title()}>{Component ? <Component {...context} /> : <div class="plugin-page" ref={el} />}</Page>;
}

/** The render function the route table keeps for a plugin's page. */
export function pluginPage(owner: string, route: PluginRoute) {
  return (c: PageContext) => {
    const context: RouteContext = { params: c.params, query: c.query, shell: makeShell(null) };
    return (
      <ErrorBoundary what={t('boundary.plugin', { name: owner, path: c.path })}>
        <PluginPage route={route} context={context} path={c.path} />
      </ErrorBoundary>
    );
  };
}
