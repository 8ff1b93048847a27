// This browser's Web Push subscription: whether push can work here, subscribing with the
// server's key (the permission prompt comes only from a button press), and switching off.
import { deletePushDevice, fetchPushDevices, savePushDevice, type PushTopic } from '../api/push';

export type PushSupport = 'ok' | 'unsupported' | 'denied';

export function pushSupport(): PushSupport {
  if (typeof window === 'undefined' || !('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window))
    return 'unsupported';
  return Notification.permission === 'denied' ? 'denied' : 'ok';
}

/** The base64url key as the bytes PushManager.subscribe wants. */
export function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const b64 = base64url.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (base64url.length % 4)) % 4);
  const raw = atob(b64);
  const out = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

async function registration(): Promise<ServiceWorkerRegistration | null> {
  if (pushSupport() === 'unsupported') return null;
  return (await navigator.serviceWorker.getRegistration('/')) ?? null;
}

export async function currentSubscription(): Promise<PushSubscription | null> {
  const reg = await registration();
  return reg ? reg.pushManager.getSubscription() : null;
}

/** Asks for permission (call from a button press), subscribes and tells the server. */
export async function enablePush(publicKey: string, topics: PushTopic[]): Promise<'ok' | 'denied' | 'unsupported' | 'failed'> {
  const reg = await registration();
  if (!reg) return 'unsupported';
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') return 'denied';
  let sub: PushSubscription;
  try {
    sub = (await reg.pushManager.getSubscription()) ?? (await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) }));
  } catch {
    return 'failed';  // the browser's push service cannot be reached (or refused)
  }
  await savePushDevice(sub.toJSON(), topics);
  return 'ok';
}

/** Switches push off here: removes this browser's subscription on the server and in the browser. */
export async function disablePush(): Promise<void> {
  const sub = await currentSubscription();
  if (!sub) return;
  const mine = (await fetchPushDevices()).find((d) => d.endpoint === sub.endpoint);
  if (mine) await deletePushDevice(mine.id);
  await sub.unsubscribe();
}
