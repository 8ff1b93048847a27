// The navigation from the one table (routes/registry.ts): the header's main navigation (behind
// a "Menü" button on phones) and the phone's bottom bar with the most used entries.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n';
import { useStore } from '../../store';
import { labelOf, visibleNavigation, type NavEntry } from '../../routes/registry';

function isCurrent(href: string, current: string): boolean {
  return href === '/' ? current === '/' : current === href || current.startsWith(href + '/');
}

function Badge(props: { entry: NavEntry }) {
  const count = props.entry.badge?.count() ?? 0;
  if (count <= 0) return null;
  return (
    <span class="badge">
      <span aria-hidden="true">{count}</span>
      <span class="visually-hidden">{props.entry.badge!.label(count)}</span>
    </span>
  );
}

function NavLink(props: { entry: NavEntry; current: string; icon?: boolean }) {
  const { entry } = props;
  return (
    <li>
      <a href={entry.path} aria-current={isCurrent(entry.path, props.current) ? 'page' : undefined}>
        {props.icon && entry.icon && (
          <span class="nav-icon" aria-hidden="true">
            {entry.icon}
          </span>
        )}
        <span class="nav-label">{props.icon && entry.barLabel ? entry.barLabel() : labelOf(entry)}</span>
        <Badge entry={entry} />
      </a>
    </li>
  );
}

export function MainNavigation(props: { path: string }) {
  const { user } = useStore();
  const [open, setOpen] = useState(false);
  // A new page closes the phone menu.
  useEffect(() => setOpen(false), [props.path]);
  const entries = visibleNavigation(user);
  return (
    <>
      <button type="button" class="button button-secondary menu-toggle" aria-expanded={open ? 'true' : 'false'} aria-controls="main-nav" onClick={() => setOpen(!open)}>
        {t('nav.menu')}
      </button>
      <nav id="main-nav" aria-label={t('nav.main')} class={`main-nav${open ? ' open' : ''}`}>
        <ul>
          {entries.map((n) => (
            <NavLink key={`${n.owner}:${n.path}`} entry={n} current={props.path} />
          ))}
        </ul>
      </nav>
    </>
  );
}

/** Four entries fit side by side down to 320 px. */
const BAR_SIZE = 4;

/** On phones: up to four entries at the bottom of the screen, within thumb's reach. */
export function BottomBar(props: { path: string }) {
  const { user } = useStore();
  const entries = user ? visibleNavigation(user).filter((n) => n.bar).slice(0, BAR_SIZE) : [];
  // The page keeps room at its end so the bar never covers the last lines.
  useEffect(() => {
    document.body.classList.toggle('has-bottom-bar', entries.length > 0);
    return () => document.body.classList.remove('has-bottom-bar');
  }, [entries.length]);
  if (!entries.length) return null;
  return (
    <nav aria-label={t('nav.bar')} class="bottom-bar">
      <ul>
        {entries.map((n) => (
          <NavLink key={`${n.owner}:${n.path}`} entry={n} current={props.path} icon />
        ))}
      </ul>
    </nav>
  );
}
