// The frames of WebSocket /api/live, typed from the contract (components/schemas/LiveEvent in
// schemas/openapi.yaml, generated into api/generated/core.ts), and the guard that lets a parsed
// frame in only when it has that shape: listeners narrow on `type` and read `data` without casts.
import type { Schemas } from './api/contract';

/** A frame the server sends: hello, content, notification, message, pong or shutdown. */
export type LiveEvent = Schemas['LiveEvent'];
export type LiveEventType = LiveEvent['type'];

/**
 * What listeners get: the server's frames, and "resync" which the client makes itself after a
 * reconnect or when a hidden page becomes visible again (frames may have been missed).
 */
export type LiveFrame = LiveEvent | { type: 'resync' };

type DataOf<T extends LiveEventType> = Extract<LiveEvent, { type: T }> extends { data: infer D } ? D : never;
type RequiredKeys<D> = { [K in keyof D]-?: object extends Pick<D, K> ? never : K }[keyof D];
type JsonKind<V> = V extends number ? 'number' : V extends string ? 'string' : V extends boolean ? 'boolean' : 'object';
/** The fields of `data` the contract requires, each with its JSON type: the compiler holds this to the generated type. */
type Fields<D> = { [K in RequiredKeys<D>]: JsonKind<D[K]> };

// Per frame type: what `data` must hold (null = a frame without data).
const SHAPES: { [T in LiveEventType]: [DataOf<T>] extends [never] ? null : Fields<DataOf<T>> } = {
  hello: { user_id: 'number' },
  content: { id: 'number', kind: 'string', container_id: 'number', author_id: 'number', urgent: 'boolean' },
  notification: { id: 'number', kind: 'string', payload: 'object', link: 'string', urgent: 'boolean', created_at: 'number', read: 'boolean' },
  message: { id: 'number', conversation_id: 'number', sender_id: 'number', sender_name: 'string', body: 'string', created_at: 'number' },
  pong: null,
  shutdown: null,
};

function isType(type: unknown): type is LiveEventType {
  return typeof type === 'string' && Object.prototype.hasOwnProperty.call(SHAPES, type);
}

function hasFields(data: unknown, fields: Record<string, string>): boolean {
  if (!data || typeof data !== 'object') return false;
  return Object.entries(fields).every(([name, kind]) => {
    const value: unknown = Reflect.get(data, name);
    return kind === 'object' ? !!value && typeof value === 'object' : typeof value === kind;
  });
}

/** True for a parsed frame in one of the contract's shapes; anything else is dropped. */
export function isLiveEvent(value: unknown): value is LiveEvent {
  if (!value || typeof value !== 'object') return false;
  const type: unknown = Reflect.get(value, 'type');
  if (!isType(type)) return false;
  const fields = SHAPES[type];
  return fields === null || hasFields(Reflect.get(value, 'data'), fields);
}
