// The frame of every page: skip link, header with navigation, main, footer with the
// accessibility statement, feedback, imprint and privacy links.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { api } from '../api';
import { t, tn, language, languageNames, setLanguage } from '../i18n';
import { navigate } from '../router';
import { clearSession, setState, useStore } from '../store';
import { registry } from '../plugins';
import { setAnnouncer, announce } from '../announce';
import { stopLive } from '../live';
import { ErrorAlert, useAction } from './ui';
import { UrgentBanner } from './UrgentBanner';

function NavLink(props: { href: string; current: string; children: ComponentChildren }) {
  const active = props.href === '/' ? props.current === '/' : props.current === props.href || props.current.startsWith(props.href + '/');
  return (
    <li>
      <a href={props.href} aria-current={active ? 'page' : undefined}>
        {props.children}
      </a>
    </li>
  );
}

function LanguageSwitch() {
  const { meta, user } = useStore();
  const langs = meta.languages.filter((l) => l !== language());
  if (!langs.length) return null;
  return (
    <ul class="language-switch" aria-label={t('nav.language')}>
      {langs.map((l) => (
        <li key={l}>
          <button
            type="button"
            class="link-button"
            lang={l}
            onClick={async () => {
              setLanguage(l);
              setState({});
              if (user) {
                try {
                  await api.patch('/api/me', { language: l });
                  setState({ user: { ...user, language: l } });
                } catch {
                  // The choice still applies for this visit; the setting page shows errors.
                }
              }
            }}
          >
            {languageNames[l] ?? l}
          </button>
        </li>
      ))}
    </ul>
  );
}

/** Asks again for agreement when the privacy statement or the terms changed. */
function ConsentBanner() {
  const { consent } = useStore();
  const { busy, error, run } = useAction(async () => {
    const left = [...consent];
    for (const c of consent) {
      await api.post('/api/me/consent', { document: c.document, version: c.version });
      left.shift();
      setState({ consent: [...left] });
    }
    announce(t('consent.thanks'));
  });
  if (!consent.length) return null;
  return (
    <section class="consent-banner" aria-labelledby="consent-heading">
      <p id="consent-heading" class="consent-title">
        <strong>{t('consent.heading')}</strong>
      </p>
      <p>
        {t('consent.text')}{' '}
        {consent.map((c, i) => (
          <span key={c.document}>
            {i > 0 && ', '}
            <a href={c.document === 'terms' ? '/terms' : '/privacy'}>{c.document === 'terms' ? t('footer.terms') : t('footer.privacy')}</a>
          </span>
        ))}
      </p>
      <ErrorAlert error={error} />
      <button type="button" class="button button-primary" aria-disabled={busy ? 'true' : undefined} onClick={() => run()}>
        {busy ? t('form.working') : t('consent.accept')}
      </button>
    </section>
  );
}

export function Layout(props: { path: string; children: ComponentChildren }) {
  const { meta, user, unread, messagesUnread } = useStore();
  const live = useRef<HTMLDivElement>(null);
  useEffect(() => {
    setAnnouncer(live.current);
    return () => setAnnouncer(null);
  }, []);

  const logout = async () => {
    try {
      await api.post('/api/auth/logout');
    } catch {
      // Signing out locally is still right if the server session is already gone.
    }
    stopLive();
    clearSession();
    announce(t('auth.loggedOut'));
    navigate('/');
  };

  const role = user?.role ?? '';
  const pluginNav = registry.navigation.filter(
    (n) => (!n.requiresLogin || user) && (!n.roles || n.roles.includes(role)),
  );
  const label = (l: string | (() => string)) => (typeof l === 'function' ? l() : l);

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
            <LanguageSwitch />
            {user ? (
              <button type="button" class="button button-secondary" onClick={logout}>
                {t('nav.logout')}
              </button>
            ) : null}
          </div>
        </div>
        <nav aria-label={t('nav.main')} class="main-nav">
          <ul>
            {user ? (
              <>
                <NavLink href="/" current={props.path}>
                  {t('nav.home')}
                </NavLink>
                <NavLink href="/neighbourhood" current={props.path}>
                  {t('nav.neighbourhood')}
                </NavLink>
                <NavLink href="/city" current={props.path}>
                  {t('nav.city')}
                </NavLink>
                <NavLink href="/announcements" current={props.path}>
                  {t('nav.announcements')}
                </NavLink>
                {pluginNav.map((n) => (
                  <NavLink key={n.path} href={n.path} current={props.path}>
                    {label(n.label)}
                  </NavLink>
                ))}
                <NavLink href="/search" current={props.path}>
                  {t('nav.search')}
                </NavLink>
                <NavLink href="/notifications" current={props.path}>
                  {t('nav.notifications')}
                  {unread > 0 && (
                    <span class="badge">
                      <span aria-hidden="true">{unread}</span>
                      <span class="visually-hidden">{t('notifications.unreadCount', { count: unread })}</span>
                    </span>
                  )}
                </NavLink>
                <NavLink href="/messages" current={props.path}>
                  {t('nav.messages')}
                  {messagesUnread > 0 && (
                    <span class="badge">
                      <span aria-hidden="true">{messagesUnread}</span>
                      <span class="visually-hidden">{tn('messages.unread', messagesUnread)}</span>
                    </span>
                  )}
                </NavLink>
                <NavLink href="/settings" current={props.path}>
                  {t('nav.settings')}
                </NavLink>
                {(role === 'staff' || role === 'admin') && (
                  <NavLink href="/registrations" current={props.path}>
                    {t('nav.registrations')}
                  </NavLink>
                )}
                {(role === 'moderator' || role === 'admin') && (
                  <NavLink href="/moderation" current={props.path}>
                    {t('nav.moderation')}
                  </NavLink>
                )}
                {role === 'admin' && (
                  <NavLink href="/admin" current={props.path}>
                    {t('nav.admin')}
                  </NavLink>
                )}
              </>
            ) : (
              <>
                <NavLink href="/" current={props.path}>
                  {t('nav.welcome')}
                </NavLink>
                {pluginNav.map((n) => (
                  <NavLink key={n.path} href={n.path} current={props.path}>
                    {label(n.label)}
                  </NavLink>
                ))}
                <NavLink href="/login" current={props.path}>
                  {t('nav.login')}
                </NavLink>
                <NavLink href="/register" current={props.path}>
                  {t('nav.register')}
                </NavLink>
              </>
            )}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
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
      <div class="visually-hidden" role="status" aria-live="polite" ref={live} />
    </>
  );
}
