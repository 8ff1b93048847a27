// Named places in core pages where plugins add their parts (shell API 2, 3):
//   "profile.sections"   sections on a person's profile            context {person}
//   "composer.audience"  audience choices under the post composer  context {value, choose(containerId)}
//   "item.actions"       actions on an item's own page             context {item}
//   "city.sections"      sections on the city page, above its stream context {containerId}
//   "settings.sections"  a section on the settings page (3)        context {user}
//   "admin.sections"     a section on the administration page (3)  context {user}
// Each part renders inside an error boundary of its own: a failing plugin part never takes the
// page with it. In the two *.sections slots of version 3 the shell renders the section itself
// (a heading from the part's title, listed in the page's table of contents); the part renders
// what goes below the heading.
import type { ComponentType } from 'preact';
import { t } from '../i18n';
import { ErrorBoundary } from '../components/ErrorBoundary';

export const SLOT_NAMES = [
  'profile.sections',
  'composer.audience',
  'item.actions',
  'city.sections',
  'settings.sections',
  'admin.sections',
] as const;
export type SlotName = (typeof SLOT_NAMES)[number];

/** Slots whose parts the shell wraps in a titled section of their own. */
const TITLED: readonly string[] = ['settings.sections', 'admin.sections'];

export interface SlotOptions {
  /** The section's heading (translated; a function follows language changes). Required in settings.sections and admin.sections. */
  title?: string | (() => string);
}

interface Part {
  owner: string;
  component: ComponentType<{ context: Record<string, unknown> }>;
  title?: string | (() => string);
  id: string;
}

const parts = new Map<SlotName, Part[]>();

export function addSlot(name: string, owner: string, component: Part['component'], options: SlotOptions = {}): void {
  if (!(SLOT_NAMES as readonly string[]).includes(name)) throw new Error(`addSlot: unknown slot "${name}" (${owner}); known: ${SLOT_NAMES.join(', ')}`);
  if (typeof component !== 'function') throw new Error(`addSlot: "${name}" needs a component function (${owner})`);
  const title = options?.title;
  if (TITLED.includes(name) && !(typeof title === 'function' || (typeof title === 'string' && title.trim())))
    throw new Error(`addSlot: "${name}" needs options.title, the section's heading (${owner})`);
  const list = parts.get(name as SlotName) ?? [];
  const id = `${name.split('.')[0]}-${owner}${list.some((p) => p.owner === owner) ? `-${list.length + 1}` : ''}`;
  list.push({ owner, component, title, id: id.replace(/[^A-Za-z0-9_-]/g, '-') });
  parts.set(name as SlotName, list);
}

const titleOf = (p: Part) => (typeof p.title === 'function' ? p.title() : (p.title ?? p.owner));

/** The titled sections a slot holds, for a page's table of contents. */
export function slotSections(name: SlotName): { id: string; title: string }[] {
  return (parts.get(name) ?? []).map((p) => ({ id: p.id, title: titleOf(p) }));
}

export function Slot(props: { name: SlotName; context: object }) {
  const list = parts.get(props.name);
  if (!list?.length) return null;
  const titled = TITLED.includes(props.name);
  return (
    <>
      {list.map((part) => {
        const Part = part.component;
        const body = (
          <ErrorBoundary key={part.id} what={t('boundary.part', { name: part.owner })} inline>
            <Part context={props.context as Record<string, unknown>} />
          </ErrorBoundary>
        );
        if (!titled) return body;
        return (
          <section key={part.id} aria-labelledby={part.id} class="plugin-section" data-plugin={part.owner}>
            <h2 id={part.id}>{titleOf(part)}</h2>
            {body}
          </section>
        );
      })}
    </>
  );
}
