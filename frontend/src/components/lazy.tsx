// Pages that the first page does not need are loaded when first visited (a separate chunk),
// so the first-page JavaScript stays small. A chunk that fails to load says so in words.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import { ErrorAlert, Loading, Page } from './ui';

export function lazy<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let cached: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  return function LazyPage(props: P) {
    const [Component, setComponent] = useState<ComponentType<P> | null>(() => cached);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (Component) return;
      let alive = true;
      pending ??= load().then((c) => (cached = c));
      pending
        .then((c) => alive && setComponent(() => c))
        .catch(() => {
          pending = null;
          if (alive) setFailed(true);
        });
      return () => {
        alive = false;
      };
    }, [Component]);
    if (failed)
      return (
        <Page title={t('lazy.failedTitle')}>
          <ErrorAlert error={t('lazy.failed')} />
        </Page>
      );
    if (!Component) return <Loading />;
    return <Component {...props} />;
  };
}
