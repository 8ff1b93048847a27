// Small accessible building blocks used by every page.
import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useRef, useState, useCallback } from 'preact/hooks';
import { ApiError, errorMessage, isAborted } from '../api';
import { t, formatDate } from '../i18n';
import { getState } from '../store';

let firstRender = true;

/**
 * A page: sets <title>, renders the one <h1>, and moves focus to it after an in-app
 * navigation (not on the first load) so screen readers announce the new page.
 */
export function Page(props: { title: string; children?: ComponentChildren; lead?: ComponentChildren }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    const name = getState().meta.municipality.name;
    document.title = `${props.title} – ${name ? `Quartier ${name}` : 'Quartier'}`;
  }, [props.title]);
  useEffect(() => {
    if (firstRender) {
      firstRender = false;
      return;
    }
    heading.current?.focus();
  }, []);
  return (
    <div class="page">
      <h1 ref={heading} tabIndex={-1} class="page-title">
        {props.title}
      </h1>
      {props.lead && <p class="lead">{props.lead}</p>}
      {props.children}
    </div>
  );
}

/** An error announced at once (role=alert), in words from the server. */
export function ErrorAlert(props: { error: unknown }) {
  if (!props.error) return null;
  const text = typeof props.error === 'string' ? props.error : errorMessage(props.error);
  return (
    <div class="alert alert-error" role="alert">
      <p>{text}</p>
    </div>
  );
}

export function Notice(props: { children: ComponentChildren; kind?: 'success' | 'info' }) {
  return (
    <div class={`alert alert-${props.kind ?? 'info'}`} role="status">
      {props.children}
    </div>
  );
}

let fieldCounter = 0;
export function useId(prefix: string): string {
  const ref = useRef<string>();
  if (!ref.current) ref.current = `${prefix}-${++fieldCounter}`;
  return ref.current;
}

type InputProps = Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'onInput' | 'value'> & {
  label: string;
  hint?: string;
  error?: string;
  value: string;
  onValue: (value: string) => void;
  type?: string;
  autoComplete?: string;
  required?: boolean;
};

export function Field({ label, hint, error, value, onValue, ...rest }: InputProps) {
  const id = useId('f');
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field">
      <label for={id}>
        {label}
        {rest.required && <span class="required"> ({t('form.required')})</span>}
      </label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      <input
        id={id}
        value={value}
        onInput={(e) => onValue((e.target as HTMLInputElement).value)}
        aria-describedby={described}
        aria-invalid={error ? 'true' : undefined}
        {...rest}
      />
    </div>
  );
}

export function TextArea(props: {
  label: string;
  value: string;
  onValue: (v: string) => void;
  hint?: string;
  rows?: number;
  required?: boolean;
  maxLength?: number;
  hideLabel?: boolean;
  /** Extra class on the textarea (e.g. "code" for JSON). */
  inputClass?: string;
  /** The server's words about this field (see fieldError). */
  error?: string;
  /** More attributes for the textarea (keys, caret, ARIA of an autocomplete). */
  input?: Omit<JSX.HTMLAttributes<HTMLTextAreaElement>, 'value' | 'onInput' | 'id'>;
  /** Content after the textarea, inside the field (e.g. suggestions). */
  after?: ComponentChildren;
}) {
  const id = useId('t');
  const described = [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field">
      <label for={id} class={props.hideLabel ? 'visually-hidden' : undefined}>
        {props.label}
      </label>
      {props.hint && (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p class="field-error" id={`${id}-error`}>
          {props.error}
        </p>
      )}
      <textarea
        id={id}
        class={props.inputClass}
        rows={props.rows ?? 4}
        value={props.value}
        required={props.required}
        maxLength={props.maxLength}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={described}
        {...props.input}
        onInput={(e) => props.onValue((e.target as HTMLTextAreaElement).value)}
      />
      {props.after}
    </div>
  );
}

/**
 * A labelled select. Typed by its values: with options of a contract enum (allOf in
 * api/contract.ts) onValue gets that enum, since it hands back the option's own value.
 */
export function Select<V extends string = string>(props: {
  label: string;
  value: V;
  onValue: (v: V) => void;
  options: { value: V; label: string }[];
  hint?: string;
  required?: boolean;
  disabled?: boolean;
}) {
  const id = useId('s');
  return (
    <div class="field">
      <label for={id}>
        {props.label}
        {props.required && <span class="required"> ({t('form.required')})</span>}
      </label>
      {props.hint && (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
      <select
        id={id}
        value={props.value}
        required={props.required}
        disabled={props.disabled}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
        onChange={(e) => {
          const chosen = props.options.find((o) => o.value === e.currentTarget.value);
          if (chosen) props.onValue(chosen.value);
        }}
      >
        {props.options.map((o) => (
          <option value={o.value} key={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A submit button that shows progress and is disabled (aria-disabled) while busy. */
export function Submit(props: { busy: boolean; children: ComponentChildren; busyText?: string; kind?: 'primary' | 'danger' }) {
  return (
    <button type="submit" class={`button button-${props.kind ?? 'primary'}`} aria-disabled={props.busy ? 'true' : undefined}>
      {props.busy ? (props.busyText ?? t('form.working')) : props.children}
    </button>
  );
}

/** Runs an async action with busy and error state; ignores a second submit while busy. */
export function useAction<A extends unknown[]>(action: (...args: A) => Promise<void>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const busyRef = useRef(false);
  const run = useCallback(
    async (...args: A) => {
      if (busyRef.current) return;
      busyRef.current = true;
      setBusy(true);
      setError(null);
      try {
        await action(...args);
      } catch (e) {
        setError(e);
      } finally {
        busyRef.current = false;
        setBusy(false);
      }
    },
    [action],
  );
  return { busy, error, setError, run };
}

/**
 * Loads data once (and again when deps change or on reload()): {data, error, loading, reload}.
 * The loader gets an AbortSignal that fires when the page is left or a newer load starts.
 */
export function useLoad<T>(loader: (signal: AbortSignal) => Promise<T>, deps: unknown[]) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const keys = [...deps, tick];
  // The deps that data and error belong to. In the render right after the deps change (before the
  // effect below runs) the old data is stale: reporting it as loaded would show, say, one legal
  // text's editor under another's name for a moment, and what is typed there would be lost.
  const settledFor = useRef<unknown[] | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    loader(controller.signal)
      .then((d) => {
        if (!controller.signal.aborted) setData(d);
      })
      .catch((e) => {
        if (!controller.signal.aborted && !isAborted(e)) setError(e);
      })
      .finally(() => {
        if (controller.signal.aborted) return;
        settledFor.current = keys;
        setLoading(false);
      });
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, keys);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  const settled = settledFor.current;
  const fresh = settled !== null && settled.length === keys.length && settled.every((v, i) => Object.is(v, keys[i]));
  return { data, setData, error, loading: loading || !fresh, reload };
}

export function Loading() {
  return (
    <p class="loading" role="status">
      {t('common.loading')}
    </p>
  );
}

export function Time(props: { ms: number }) {
  if (!props.ms) return null;
  return <time dateTime={new Date(props.ms).toISOString()}>{formatDate(props.ms)}</time>;
}

/** The server's message when it refused exactly this field (ApiError.field), for the field's error. */
export function fieldError(error: unknown, field: string): string | undefined {
  return error instanceof ApiError && error.field === field ? error.message : undefined;
}

export function onSubmit(handler: () => void) {
  return (e: Event) => {
    e.preventDefault();
    handler();
  };
}
