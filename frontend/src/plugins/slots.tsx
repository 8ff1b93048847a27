// Named places in core pages where plugins add their parts (shell API 2):
//   "profile.sections"   sections on a person's profile            context {person}
//   "composer.audience"  audience choices under the post composer  context {value, choose(containerId)}
//   "item.actions"       actions on an item's own page             context {item}
//   "city.sections"      sections on the city page, above its stream context {containerId}
// Each part renders inside an error boundary of its own: a failing plugin part never takes the
// page with it.
import type { ComponentType } from 'preact';
import { t } from '../i18n';
import { ErrorBoundary } from '../components/ErrorBoundary';

export const SLOT_NAMES = ['profile.sections', 'composer.audience', 'item.actions', 'city.sections'] as const;
export type SlotName = (typeof SLOT_NAMES)[number];

interface Part {
  owner: string;
  component: ComponentType<{ context: Record<string, unknown> }>;
}

const parts = new Map<SlotName, Part[]>();

export function addSlot(name: string, owner: string, component: Part['component']): void {
  if (!(SLOT_NAMES as readonly string[]).includes(name)) throw new Error(`addSlot: unknown slot "${name}" (${owner}); known: ${SLOT_NAMES.join(', ')}`);
  const list = parts.get(name as SlotName) ?? [];
  list.push({ owner, component });
  parts.set(name as SlotName, list);
}

export function Slot(props: { name: SlotName; context: object }) {
  const list = parts.get(props.name);
  if (!list?.length) return null;
  return (
    <>
      {list.map(({ owner, component: Part }, i) => (
        <ErrorBoundary key={`${owner}-${i}`} what={t('boundary.part', { name: owner })} inline>
          <Part context={props.context as Record<string, unknown>} />
        </ErrorBoundary>
      ))}
    </>
  );
}
