// Reports by residents and the moderators' queue, decisions and log.
import { allOf, type Body, type Ok, type Schemas } from './contract';
import { typed } from './typed';

export type ReportData = Schemas['Report'];
export type ReportBody = Body<'/api/content/{id}/report', 'post'>;
export type ReportReason = Schemas['ReportReason'];
export const REPORT_REASONS = allOf<ReportReason>()(['spam', 'abuse', 'hate', 'misinformation', 'illegal', 'privacy', 'other']);
export type ModerationAction = Body<'/api/moderation/actions', 'post'>;
export type ModerationLogEntry = Ok<'/api/moderation/log', 'get'>['items'][number];

/** Reports an item or a comment to the moderators (409 when I already did). */
export function report(target: { type: 'content' | 'comment'; id: number }, body: ReportBody) {
  return target.type === 'content'
    ? typed.post('/api/content/{id}/report', body, { path: { id: target.id } })
    : typed.post('/api/comments/{id}/report', body, { path: { id: target.id } });
}

export async function fetchOpenReports(signal?: AbortSignal): Promise<ReportData[]> {
  return (await typed.get('/api/moderation/reports', { query: { status: 'open' }, signal })).items ?? [];
}

/** Hides, deletes, warns, suspends or dismisses; the reason goes into the log. */
export function moderate(action: ModerationAction) {
  return typed.post('/api/moderation/actions', action);
}

/** A page of the moderation log, newest first, below the entry id `before`. */
export async function fetchModerationLog(before: string | null, limit: number, signal?: AbortSignal): Promise<ModerationLogEntry[]> {
  return (await typed.get('/api/moderation/log', { query: { limit, before }, signal })).items;
}
