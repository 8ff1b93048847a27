// One cache of content items by id, shared by cards, the item page, profiles and search: a
// reaction or an edit made anywhere shows everywhere the item appears. Each item is a signal,
// so only the components that show it render again.
import { signal, type Signal } from '@preact/signals';
import type { ContentItemData as ContentItem } from '../api/content';

const cache = new Map<number, Signal<ContentItem>>();

function slot(item: ContentItem): Signal<ContentItem> {
  let s = cache.get(item.id);
  if (!s) {
    s = signal(item);
    cache.set(item.id, s);
  }
  return s;
}

/** Stores what the server just sent (a card lacks the body; what is missing stays). */
export function remember(item: ContentItem): void {
  const s = slot(item);
  if (s.peek() !== item) s.value = { ...s.peek(), ...item };
}

export function rememberAll(items: ContentItem[]): void {
  for (const item of items) remember(item);
}

/** Changes a cached item (after a reaction, an edit, a new comment). */
export function updateItem(id: number, patch: Partial<ContentItem>): void {
  const s = cache.get(id);
  if (s) s.value = { ...s.peek(), ...patch };
}

/**
 * The cached version of an item (seeded with the given one). Read during render, it subscribes
 * the component: it renders again when the item changes.
 */
export function current(item: ContentItem): ContentItem {
  return slot(item).value;
}

export function cachedItem(id: number): ContentItem | undefined {
  return cache.get(id)?.peek();
}
