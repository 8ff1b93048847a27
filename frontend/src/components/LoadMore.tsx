// "Load more as you scroll" for every long list: an IntersectionObserver loads the next page
// when the end of the list comes near, and a real button does the same by keyboard (or where
// the observer is missing). Loading is announced to screen readers by the caller (announce()).
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { tn } from '../i18n';
import { announce } from '../announce';
import { ErrorAlert, Loading } from './ui';
import { RetryAlert } from './RetryAlert';
import { currentKey } from '../router';
import { keep, recall } from '../data/memory';

export function LoadMore(props: {
  /** There is a next page. */
  more: boolean;
  loading: boolean;
  onMore: () => void;
  /** The button's text, e.g. "Weitere Benachrichtigungen laden". */
  label: string;
  /** Shown once everything is loaded (and the list is not empty). */
  endText?: string;
  /** Scroll loading off (e.g. "older messages" above a conversation): the button only. */
  buttonOnly?: boolean;
  children?: ComponentChildren;
}) {
  const sentinel = useRef<HTMLDivElement>(null);
  const { more, loading, onMore } = props;
  useEffect(() => {
    if (props.buttonOnly || !more || loading || !sentinel.current || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) onMore();
      },
      { rootMargin: '400px' },
    );
    observer.observe(sentinel.current);
    return () => observer.disconnect();
  }, [more, loading, onMore, props.buttonOnly]);
  return (
    <div class="load-more">
      {loading && <Loading />}
      <div ref={sentinel} />
      {!loading && more && (
        <button type="button" class="button button-secondary" onClick={() => onMore()}>
          {props.label}
        </button>
      )}
      {!more && !loading && props.endText && <p class="hint">{props.endText}</p>}
    </div>
  );
}

export interface Page<T> {
  items: T[];
  /** Cursor for the next page (before/after/offset), null at the end. */
  next: string | null;
}

/**
 * The one paged-list hook: the first page on start (and when deps change), then more() for the
 * next. Items already shown are not shown twice (keyed by id). With `keep`, the list is kept
 * for its history entry: Back shows the same pages again without fetching them.
 */
export function usePaged<T extends { id: number | string }>(
  fetchPage: (cursor: string | null) => Promise<Page<T>>,
  deps: unknown[],
  options: { loadedMessage?: (count: number) => string; keep?: string } = {},
) {
  const [entry] = useState(currentKey);
  const [kept] = useState(() => (options.keep ? recall<{ items: T[]; next: string | null }>(entry, options.keep) : undefined));
  const [items, setItems] = useState<T[]>(kept?.items ?? []);
  const [next, setNext] = useState<string | null>(kept?.next ?? null);
  const [loading, setLoading] = useState(!kept);
  const [error, setError] = useState<unknown>(null);
  const [loaded, setLoaded] = useState(!!kept);
  const restored = useRef(!!kept);
  useEffect(() => {
    if (options.keep) keep(entry, options.keep, { items, next });
  }, [entry, options.keep, items, next]);
  const busy = useRef(false);
  const generation = useRef(0);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;

  const load = useCallback(async (cursor: string | null) => {
    if (busy.current && cursor !== null) return;
    busy.current = true;
    const gen = ++generation.current;
    setLoading(true);
    setError(null);
    try {
      const page = await fetchRef.current(cursor);
      if (gen !== generation.current) return;
      setItems((old) => {
        const base = cursor === null ? [] : old;
        const seen = new Set(base.map((i) => i.id));
        return [...base, ...page.items.filter((i) => !seen.has(i.id))];
      });
      setNext(page.items.length ? page.next : null);
      setLoaded(true);
      if (cursor !== null) announce(options.loadedMessage ? options.loadedMessage(page.items.length) : tn('loadMore.loaded', page.items.length));
    } catch (e) {
      if (gen === generation.current) setError(e);
    } finally {
      if (gen === generation.current) {
        busy.current = false;
        setLoading(false);
      }
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    if (restored.current) {
      restored.current = false;
      return;
    }
    setItems([]);
    setNext(null);
    setLoaded(false);
    load(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  const more = useCallback(() => {
    if (next !== null) load(next);
  }, [next, load]);

  return { items, setItems, next, loading, error, loaded, more, reload: () => load(null) };
}

/** The error of a paged list plus the load-more control, in one place under the list. */
export function PagedFooter(props: {
  paged: { next: string | null; loading: boolean; error: unknown; more: () => void; items: unknown[]; reload?: () => void };
  label: string;
  endText?: string;
}) {
  const p = props.paged;
  return (
    <>
      {/* Nothing loaded at all: the failure with a retry of the first page. */}
      {p.error && !p.items.length && p.reload ? <RetryAlert error={p.error} onRetry={p.reload} busy={p.loading} /> : <ErrorAlert error={p.error} />}
      {/* After a failure the button stays (to try again) but scrolling does not retry by itself. */}
      <LoadMore
        more={p.next !== null}
        loading={p.loading}
        onMore={p.more}
        label={props.label}
        endText={p.items.length ? props.endText : undefined}
        buttonOnly={!!p.error}
      />
    </>
  );
}
