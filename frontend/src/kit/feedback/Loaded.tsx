// What a useLoad state shows (kit, shell API 3): "loading" only until the first answer (a reload
// keeps what is shown, and focus), a failure in words with a retry, or children(data).
import type { ComponentChildren } from 'preact';
import { Loading } from '../../components/ui';
import { RetryAlert } from '../../components/RetryAlert';

export interface LoadState<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
  reload(): void;
}

export function Loaded<T>(props: { state: LoadState<T>; what?: string; children: (data: T) => ComponentChildren }) {
  const { state } = props;
  if (state.error) return <RetryAlert error={state.error} what={props.what} onRetry={state.reload} busy={state.loading} />;
  if (state.data === null || state.data === undefined) return state.loading ? <Loading /> : null;
  return <>{props.children(state.data)}</>;
}
