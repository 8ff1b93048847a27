// What a notification says: who acted, what happened, where, and the title or excerpt.
import { t } from '../../i18n';
import type { NotificationData as Notification } from '../../api/notifications';

/** The payload's text and number fields (what a sentence may name). */
function textsOf(payload: Notification['payload']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(payload ?? {})) if (typeof v === 'string' || typeof v === 'number') out[k] = String(v);
  return out;
}

/** The first of the keys that the dictionary has, filled in; '' when none. */
function first(keys: string[], params: Record<string, string>): string {
  for (const key of keys) {
    const text = t(key, params);
    if (text !== key) return text;
  }
  return '';
}

/** "in Gartenfreunde", "im Quartier Mitte", "auf dem Profil von Anna": the place of the content. */
function placeOf(n: Notification): string {
  if (!n.where?.name) return '';
  const kind = n.where.kind.includes('.') ? 'other' : n.where.kind;
  return first([`notification.where.${kind}`, 'notification.where.other'], { where: n.where.name });
}

export function describeNotification(n: Notification): string {
  const payload = textsOf(n.payload);
  if (n.kind === 'moderation') {
    // Moderation notes name their action (hide, warn, suspend, ...), never the moderator.
    const keys = payload.action ? [`notification.moderation.${payload.action}`, 'notification.moderation'] : ['notification.moderation'];
    const text = first(keys, payload) || t('notification.undefined');
    return payload.reason ? `${text} ${t('notification.reason', { reason: payload.reason })}` : text;
  }
  // With the person who acted: "Anna hat Sie in „Gartenfreunde“ erwähnt"; without one (the
  // system, an erased account): the bare sentence, then the place.
  const place = placeOf(n);
  const actor = n.actor_name ? first([`notification.byActor.${n.kind}`], { ...payload, actor: n.actor_name, place }) : '';
  let text = actor.replace(/\s+/g, ' ').trim();
  if (!text) {
    text = first([`notification.${n.kind}`], payload) || t('notification.undefined');
    if (place) text = `${text} ${place}`;
  }
  const detail = payload.title || payload.summary;
  return detail ? `${text}: ${detail}` : text;
}
