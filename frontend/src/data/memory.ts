// What a page keeps for its history entry (the list it showed, how far it was scrolled), so Back
// shows the same list at the same place instead of fetching again and jumping to the top.
// In memory only, for this visit; the oldest entries are dropped beyond a limit.
const LIMIT = 50;
const entries = new Map<string, Map<string, unknown>>();

export function keep(key: string, name: string, value: unknown): void {
  let entry = entries.get(key);
  if (!entry) {
    entry = new Map();
    entries.set(key, entry);
    while (entries.size > LIMIT) entries.delete(entries.keys().next().value as string);
  }
  entry.set(name, value);
}

export function recall<T>(key: string, name: string): T | undefined {
  return entries.get(key)?.get(name) as T | undefined;
}
