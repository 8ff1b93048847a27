// Block or unblock one person (PUT|DELETE /api/blocks/{id}), with what it means said in words
// before it happens. Used in a conversation's member list and on a person's profile.
import { useRef, useState } from 'preact/hooks';
import { block, unblock } from '../api/people';
import { t } from '../i18n';
import { announce } from '../announce';
import { ErrorAlert, useAction } from './ui';

/** After a control disappears (added, removed, blocked), focus goes somewhere sensible, not to the page's start. */
export function focusIn(container: HTMLElement | null, selector: string): void {
  setTimeout(() => container?.querySelector<HTMLElement>(selector)?.focus(), 0);
}

export function BlockControl(props: {
  id: number;
  name: string;
  blocked: boolean;
  onChange: (blocked: boolean) => void;
  /** 'li' in a member list (with a link to the profile); 'div' on the profile itself. */
  as?: 'li' | 'div';
}) {
  const [asking, setAsking] = useState(false);
  const entry = useRef<HTMLElement | null>(null);
  const Tag = props.as ?? 'li';
  const ask = (now: boolean) => {
    setAsking(now);
    // Asking: the explanation gets focus (read out first); cancelled: back to "Blockieren".
    focusIn(entry.current, now ? '.block-question' : 'button');
  };
  const toggle = useAction(async () => {
    if (props.blocked) await unblock(props.id);
    else await block(props.id);
    props.onChange(!props.blocked);
    setAsking(false);
    focusIn(entry.current, 'button');
    announce(props.blocked ? t('messages.unblocked', { name: props.name }) : t('messages.blockedDone', { name: props.name }));
  });
  return (
    <Tag
      ref={(el: HTMLElement | null) => {
        entry.current = el;
      }}
      class="block-control"
    >
      {Tag === 'li' && <a href={`/people/${props.id}`}>{props.name}</a>}
      {props.blocked && <span class="tag tag-blocked"> {t('messages.blockedTag')}</span>}{' '}
      <ErrorAlert error={toggle.error} />
      {props.blocked ? (
        <button type="button" class="link-button" aria-disabled={toggle.busy ? 'true' : undefined} onClick={() => toggle.run()}>
          {t('messages.unblock')}
          <span class="visually-hidden"> {props.name}</span>
        </button>
      ) : asking ? (
        <div class="alert block-question" role="group" tabIndex={-1} aria-label={t('messages.blockQuestion', { name: props.name })}>
          <p>{t('messages.blockExplain', { name: props.name })}</p>
          <p class="actions">
            <button type="button" class="button button-danger" aria-disabled={toggle.busy ? 'true' : undefined} onClick={() => toggle.run()}>
              {toggle.busy ? t('form.working') : t('messages.blockConfirm', { name: props.name })}
            </button>
            <button type="button" class="button button-secondary" onClick={() => ask(false)}>
              {t('common.cancel')}
            </button>
          </p>
        </div>
      ) : (
        <button type="button" class="link-button" onClick={() => ask(true)}>
          {t('messages.block')}
          <span class="visually-hidden"> {props.name}</span>
        </button>
      )}
    </Tag>
  );
}
