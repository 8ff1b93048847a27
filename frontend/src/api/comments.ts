// Comments under an item: pages of them (oldest first), writing and deleting one.
import type { Body, Schemas } from './contract';
import { typed } from './typed';

export type CommentData = Schemas['Comment'];

/** A page of comments after the comment id `after`; next is null on the last page. */
export async function fetchComments(itemId: number | string, after: string | null, limit: number, signal?: AbortSignal) {
  const page = await typed.get('/api/content/{id}/comments', { path: { id: itemId }, query: { limit, after }, signal });
  return { items: page.items ?? [], next: page.next_after ?? null };
}

export type CommentInput = Body<'/api/content/{id}/comments', 'post'>;

export function addComment(itemId: number, body: string, parentId?: number, images?: CommentInput['images']): Promise<CommentData> {
  return typed.post('/api/content/{id}/comments', { body, parent_id: parentId, images }, { path: { id: itemId } });
}

export function deleteComment(id: number) {
  return typed.del('/api/comments/{id}', { path: { id } });
}
