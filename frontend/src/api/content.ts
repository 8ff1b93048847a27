// Content items (posts, announcements and every plugin's kinds): one item, the streams, search,
// reactions. Every item that arrives goes into the item cache (data/items.ts), so a change
// shows wherever the item is on screen.
import type { Body, Ok, Schemas } from './contract';
import { typed } from './typed';
import { remember, rememberAll, cachedItem, updateItem } from '../data/items';

export type ContentItemData = Schemas['ContentItem'];
/** A comment under a card (stream pages carry the two newest). */
export type CommentPreview = Schemas['CommentPreview'];
/** The author as items carry it (every field optional in the contract). */
export type ItemAuthor = NonNullable<ContentItemData['author']>;
export type Reaction = Schemas['Reaction'];
export type StreamScope = 'home' | 'neighbourhood' | 'city' | 'container' | 'profile';
export const REACTIONS: Reaction[] = ['like', 'heart', 'thanks', 'laugh', 'sad'];

/** One item (404 when missing, deleted or not readable). */
export async function fetchItem(id: number | string, signal?: AbortSignal): Promise<ContentItemData> {
  const item = await typed.get('/api/content/{id}', { path: { id }, signal });
  remember(item);
  return item;
}

/** A page of a stream, newest first; `before` is the previous page's next_before. */
export async function fetchStream(
  query: { scope: StreamScope; id?: number | string; before?: string | null; limit?: number; kind?: string },
  signal?: AbortSignal,
) {
  const page = await typed.get('/api/stream', {
    query: { scope: query.scope, id: query.id, before: query.before ?? undefined, limit: query.limit, kind: query.kind },
    signal,
  });
  const items = page.items ?? [];
  const pinned = page.pinned ?? [];
  rememberAll(items);
  rememberAll(pinned);
  // The container a post written on this page belongs in (city, neighbourhood, container scopes).
  return { items, pinned, next: page.next_before ?? null, containerId: page.container_id ?? null };
}

export type SearchPerson = Ok<'/api/search', 'get'>['people'][number];

/** Search results: items (paged by offset), and on the first page people and containers. */
export async function search(q: string, offset: number, limit: number, signal?: AbortSignal) {
  const data = await typed.get('/api/search', { query: { q, offset: offset || undefined, limit }, signal });
  rememberAll(data.items);
  return { items: data.items, people: data.people, containers: data.containers };
}

/** Sets (or, with null, removes) my reaction; the cached item takes the new counts. */
export async function react(id: number, reaction: Reaction | null): Promise<Schemas['ReactionState']> {
  const state = reaction
    ? await typed.put('/api/content/{id}/reaction', { reaction }, { path: { id } })
    : await typed.del('/api/content/{id}/reaction', { path: { id } });
  if (cachedItem(id)) updateItem(id, { reactions: state.reactions, reaction_count: state.reaction_count, my_reaction: state.my_reaction ?? null });
  return state;
}

/** Writes a post (in my neighbourhood, or in the container given); answers the new item. */
export async function createPost(body: Body<'/api/posts', 'post'>): Promise<ContentItemData> {
  const item = await typed.post('/api/posts', body);
  remember(item);
  return item;
}

/** Changes an item's text (its author); the cached item takes the new version. */
export async function editItem(id: number, body: Body<'/api/content/{id}', 'patch'>): Promise<ContentItemData> {
  const item = await typed.patch('/api/content/{id}', body, { path: { id } });
  remember(item);
  return item;
}

export function deleteItem(id: number) {
  return typed.del('/api/content/{id}', { path: { id } });
}

/** Pins or unpins an item at the top of its stream (staff, managers). */
export function setPinned(id: number, pinned: boolean) {
  return typed.put('/api/content/{id}/pin', { pinned }, { path: { id } });
}

/** The earlier versions of an item, newest first. */
export async function fetchRevisions(id: number | string, signal?: AbortSignal) {
  return (await typed.get('/api/content/{id}/revisions', { path: { id }, signal })).items;
}

/** Publishes an announcement (staff), in one neighbourhood or the whole city. */
export async function createAnnouncement(body: Body<'/api/announcements', 'post'>): Promise<ContentItemData> {
  const item = await typed.post('/api/announcements', body);
  remember(item);
  return item;
}

/** How many people (and mails) an urgent announcement to this area would reach. */
export function announcementReach(neighbourhoodId?: number) {
  return typed.get('/api/announcements/reach', { query: { neighbourhood_id: neighbourhoodId } });
}
