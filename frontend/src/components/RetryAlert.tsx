// A failed load said in words, with a button that tries again. Used wherever a failure must not
// read as "there is nothing here". The button is described by what failed, so several of them
// on one page stay distinguishable for screen readers.
import { errorMessage } from '../api';
import { t } from '../i18n';
import { useId } from './ui';

export function RetryAlert(props: {
  error: unknown;
  onRetry: () => void;
  /** What could not be loaded, e.g. "Die Beiträge konnten nicht geladen werden." */
  what?: string;
  busy?: boolean;
  /** false inside a region that is already an alert. */
  alert?: boolean;
}) {
  const id = useId('retry');
  if (!props.error) return null;
  const text = typeof props.error === 'string' ? props.error : errorMessage(props.error);
  return (
    <div class="alert alert-error retry-alert" role={props.alert === false ? undefined : 'alert'}>
      {props.what && (
        <p id={id}>
          <strong>{props.what}</strong>
        </p>
      )}
      <p>{text}</p>
      <p>
        <button
          type="button"
          class="button button-secondary"
          aria-describedby={props.what ? id : undefined}
          aria-disabled={props.busy ? 'true' : undefined}
          onClick={() => !props.busy && props.onRetry()}
        >
          {t('common.retry')}
        </button>
      </p>
    </div>
  );
}
