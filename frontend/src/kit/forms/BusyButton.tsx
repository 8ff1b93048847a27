// A button that runs an action: says that it is working, ignores presses meanwhile
// (aria-disabled keeps it focusable, so keyboard focus stays where it was), and shows the
// action's failure next to it.
import type { ComponentChildren } from 'preact';
import { t } from '../../i18n';
import { ErrorAlert, useAction } from '../../components/ui';

export function BusyButton(props: {
  onPress: () => Promise<unknown>;
  children: ComponentChildren;
  kind?: 'primary' | 'secondary' | 'danger';
  busyText?: string;
  /** Where the failure shows: under the button (default) or not at all (the caller shows it). */
  showError?: boolean;
}) {
  const action = useAction(async () => {
    await props.onPress();
  });
  return (
    <>
      <button type="button" class={`button button-${props.kind ?? 'secondary'}`} aria-disabled={action.busy ? 'true' : undefined} onClick={() => action.run()}>
        {action.busy ? (props.busyText ?? t('form.working')) : props.children}
      </button>
      {props.showError !== false && <ErrorAlert error={action.error} />}
    </>
  );
}
