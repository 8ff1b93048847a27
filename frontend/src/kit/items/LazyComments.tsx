// kit.Comments as plugins get it: the comments component is loaded when first shown (it is not
// first-page JavaScript; the item page's chunk shares it), with "loading" meanwhile and a retry
// if the chunk cannot be loaded.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n';
import { Loading } from '../../components/ui';
import { RetryAlert } from '../../components/RetryAlert';
import type { CommentsProps } from './Comments';

let loaded: ComponentType<CommentsProps> | null = null;

export function Comments(props: CommentsProps) {
  const [Component, setComponent] = useState<ComponentType<CommentsProps> | null>(() => loaded);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (Component) return;
    let alive = true;
    import('./Comments').then(
      (m) => {
        loaded = m.Comments;
        if (alive) setComponent(() => m.Comments);
      },
      () => alive && setFailed(true),
    );
    return () => {
      alive = false;
    };
  }, [Component, attempt]);
  if (Component) return <Component {...props} />;
  if (failed)
    return (
      <RetryAlert
        error={t('lazy.failed')}
        onRetry={() => {
          setFailed(false);
          setAttempt((n) => n + 1);
        }}
      />
    );
  return <Loading />;
}
