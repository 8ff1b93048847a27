// The frame of every page: skip link, header with navigation (from the route table), main,
// footer with the accessibility statement, feedback, imprint and privacy links, and on phones
// the bottom bar.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { logout as endSession } from '../api/auth';
import { t } from '../i18n';
import { navigate } from '../router';
import { clearSession, useStore } from '../store';
import { setAnnouncer, announce } from '../announce';
import { stopLive } from '../live';
import { UrgentBanner } from './UrgentBanner';
import { LanguageSwitch } from './frame/LanguageSwitch';
import { ConsentBanner } from './frame/ConsentBanner';
import { BottomBar, MainNavigation } from './frame/Navigation';
import { HeaderSearch } from './frame/HeaderSearch';
import { AppStatus } from './frame/AppStatus';
import { clearWorkerCache } from '../pwa/serviceWorker';

export function Layout(props: { path: string; children: ComponentChildren }) {
  const { meta, user } = useStore();
  const live = useRef<HTMLDivElement>(null);
  useEffect(() => {
    setAnnouncer(live.current);
    return () => setAnnouncer(null);
  }, []);

  const logout = async () => {
    // Push to this browser ends with the session (someone else may use the device next).
    await import('../pwa/pushDevice').then((m) => m.disablePush()).catch(() => undefined);
    try {
      await endSession();
    } catch {
      // Signing out locally is still right if the server session is already gone.
    }
    stopLive();
    clearSession();
    clearWorkerCache();
    announce(t('auth.loggedOut'));
    navigate('/');
  };


  return (
    <>
      <a class="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header class="site-header">
        <div class="header-inner">
          <p class="site-name">
            <a href="/">
              <span class="brand">Quartier</span>
              {meta.municipality.name && <span class="municipality"> {meta.municipality.name}</span>}
            </a>
          </p>
          <div class="header-tools">
            <HeaderSearch path={props.path} />
            <LanguageSwitch />
            {user ? (
              <button type="button" class="button button-secondary" onClick={logout}>
                {t('nav.logout')}
              </button>
            ) : null}
          </div>
        </div>
        <MainNavigation path={props.path} />
      </header>
      <main id="main" tabIndex={-1}>
        <AppStatus />
        {user && <ConsentBanner />}
        {user && <UrgentBanner />}
        {props.children}
      </main>
      <footer class="site-footer">
        <nav aria-label={t('nav.footer')}>
          <ul>
            <li>
              <a href="/accessibility">{t('footer.accessibility')}</a>
            </li>
            <li>
              <a href="/feedback">{t('footer.feedback')}</a>
            </li>
            <li>
              <a href="/imprint">{t('footer.imprint')}</a>
            </li>
            <li>
              <a href="/privacy">{t('footer.privacy')}</a>
            </li>
            <li>
              <a href="/terms">{t('footer.terms')}</a>
            </li>
          </ul>
        </nav>
        <p class="footer-note">{meta.municipality.name ? t('footer.note', { name: meta.municipality.name }) : t('footer.notePlain')}</p>
      </footer>
      <BottomBar path={props.path} />
      <div class="visually-hidden" role="status" aria-live="polite" ref={live} />
    </>
  );
}
