// Boot: read /api/meta and the session, choose the language, load the enabled plugins'
// UI modules, then render. Nothing personal is stored in the browser.
import { render } from 'preact';
import './styles.css';
import './styles/kit.css';
import './styles/frame.css';
import { ApiError, onUnauthorized, setFallbackMessages, setLanguageSource } from './api';
import { pickLanguage, loadLanguage, t, onLanguageChange, language } from './i18n';
import { installLinkInterception, navigate } from './router';
import { clearSession, getState, loadSession, setState } from './store';
import { loadPluginModules } from './plugins';
import { registerCore } from './routes/core';
import { startLive, stopLive } from './live';
import { announce } from './announce';
import { watchNotifications } from './notificationsBadge';
import { watchMessages } from './messagesBadge';
import { App } from './App';
import type { MetaData as Meta } from './api/meta';
import { fetchMeta } from './api/meta';
import { markUnreachable, startServiceWorker } from './pwa/serviceWorker';

function applyFallbackMessages(): void {
  setFallbackMessages({ network: t('error.network'), server: t('error.server') });
}

async function boot(): Promise<void> {
  const root = document.getElementById('app')!;
  let meta: Meta = getState().meta;
  let metaError = false;
  try {
    const data = await fetchMeta();
    meta = {
      ...meta,
      ...data,
      municipality: { ...meta.municipality, ...data.municipality },
      languages: data.languages.length ? data.languages : meta.languages,
      plugins: data.plugins,
    };
  } catch (e) {
    metaError = true;
    if (e instanceof ApiError && e.code === 'network') markUnreachable();
  }
  setState({ meta });
  const user = metaError ? null : await loadSession();
  await loadLanguage(pickLanguage(user?.language, navigator.languages ?? [navigator.language], meta.languages, meta.default_language || 'de'));
  applyFallbackMessages();
  setLanguageSource(language);
  onLanguageChange(applyFallbackMessages);
  registerCore();
  await loadPluginModules(meta.plugins);
  installLinkInterception();
  // The session ended on the server (timeout, signed out elsewhere): say so and offer to sign in.
  onUnauthorized(() => {
    if (!getState().user) return;
    stopLive();
    clearSession();
    announce(t('auth.expired'));
    const here = window.location.pathname + window.location.search;
    navigate(`/login?expired=1&next=${encodeURIComponent(here)}`, { replace: true });
  });
  if (user) startLive();
  watchNotifications();
  watchMessages();
  root.textContent = '';
  render(<App />, root);
  startServiceWorker();
  if (metaError) {
    const note = document.createElement('div');
    note.className = 'alert alert-error boot-error';
    note.setAttribute('role', 'alert');
    note.textContent = t('error.meta');
    document.getElementById('main')?.prepend(note);
  }
}

boot();
