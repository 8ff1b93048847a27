// Asks before something that cannot be undone: a native modal <dialog> (focus moves into it and
// is trapped there, Escape cancels, focus returns to the button that opened it).
import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';
import { t } from '../../i18n';
import { useId } from '../../components/ui';

export function ConfirmDialog(props: {
  /** The button that opens the dialog. */
  trigger: ComponentChildren;
  title: string;
  children?: ComponentChildren;
  confirmLabel: string;
  onConfirm: () => void;
  kind?: 'danger' | 'primary';
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId('dlg');
  const close = () => dialog.current?.close();
  return (
    <>
      <button type="button" class={`button button-${props.kind === 'primary' ? 'secondary' : 'danger'}`} onClick={() => dialog.current?.showModal()}>
        {props.trigger}
      </button>
      <dialog ref={dialog} class="confirm-dialog" aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`}>{props.title}</h2>
        {props.children}
        <p class="actions">
          <button
            type="button"
            class={`button button-${props.kind ?? 'danger'}`}
            onClick={() => {
              close();
              props.onConfirm();
            }}
          >
            {props.confirmLabel}
          </button>{' '}
          <button type="button" class="button button-secondary" onClick={close}>
            {t('common.cancel')}
          </button>
        </p>
      </dialog>
    </>
  );
}
