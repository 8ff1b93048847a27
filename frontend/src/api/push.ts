// Web Push: the server's key and topics, and this person's devices (subscriptions).
import type { Schemas } from './contract';
import { typed } from './typed';

export type PushTopic = Schemas['PushTopic'];
export type PushDevice = Schemas['PushSubscription'];

export function fetchPushConfig(signal?: AbortSignal) {
  return typed.get('/api/push/config', { signal });
}

export async function fetchPushDevices(signal?: AbortSignal): Promise<PushDevice[]> {
  return (await typed.get('/api/push/subscriptions', { signal })).items;
}

/** Stores this browser's subscription (PushSubscription.toJSON()) with the topics chosen. */
export function savePushDevice(subscription: PushSubscriptionJSON, topics: PushTopic[]) {
  return typed.post('/api/push/subscriptions', {
    endpoint: subscription.endpoint ?? '',
    keys: { p256dh: subscription.keys?.p256dh ?? '', auth: subscription.keys?.auth ?? '' },
    topics,
  });
}

export function deletePushDevice(id: number) {
  return typed.del('/api/push/subscriptions/{id}', { path: { id } });
}
