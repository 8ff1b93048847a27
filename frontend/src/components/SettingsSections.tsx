// Settings, profile and account parts: the profile picture (upload with preview and progress)
// and changing the e-mail address (confirmed by a link to the new address).
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { changeEmail, deleteAvatar, fetchMe, uploadAvatar } from '../api/account';
import { t } from '../i18n';
import { announce } from '../announce';
import { setState, useStore } from '../store';
import { ErrorAlert, Field, Notice, Submit, onSubmit, useAction, useLoad } from './ui';

const accepted = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'];

/** Megabytes as people read them: "1", "2,5" (one decimal at most). */
function megabytes(bytes: number): string {
  const mb = Math.round((bytes / (1024 * 1024)) * 10) / 10;
  return String(mb).replace('.', t('avatar.decimalSeparator'));
}

/** The server's refusal, said in the reader's words. */
function avatarError(e: unknown, maxBytes: number): unknown {
  if (!(e instanceof ApiError)) return e;
  switch (e.code) {
    case 'upload_too_large':
    case 'body_too_large':
      return t('avatar.error.tooLarge', { mb: megabytes(maxBytes) });
    case 'upload_unsupported_type':
      return t('avatar.error.type');
    case 'upload_corrupt':
      return t('avatar.error.corrupt');
    case 'upload_too_many_pixels':
      return t('avatar.error.pixels');
    default:
      return e;
  }
}

export function AvatarForm() {
  const { user } = useStore();
  const me = useLoad((signal) => fetchMe(signal), []);
  const maxBytes = me.data?.avatar_max_bytes ?? 1024 * 1024;
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const [done, setDone] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => () => {
    if (preview) URL.revokeObjectURL(preview);
  }, [preview]);

  const choose = (f: File | null) => {
    setDone('');
    setError(null);
    if (preview) URL.revokeObjectURL(preview);
    setPreview(f ? URL.createObjectURL(f) : '');
    setFile(f);
    if (f && f.type && !accepted.includes(f.type)) setError(t('avatar.error.type'));
    else if (f && f.size > maxBytes) setError(t('avatar.error.tooLarge', { mb: megabytes(maxBytes) }));
  };

  const { busy, error, setError, run } = useAction(async () => {
    if (!file) {
      setError(t('avatar.error.none'));
      return;
    }
    if (file.size > maxBytes) {
      setError(t('avatar.error.tooLarge', { mb: megabytes(maxBytes) }));
      return;
    }
    setProgress(0);
    try {
      const data = await uploadAvatar(file, setProgress);
      if (user) setState({ user: { ...user, avatar: data.avatar } });
      choose(null);
      if (input.current) input.current.value = '';
      setDone(t('avatar.saved'));
      announce(t('avatar.saved'));
    } catch (e) {
      throw avatarError(e, maxBytes);
    } finally {
      setProgress(null);
    }
  });
  const remove = useAction(async () => {
    await deleteAvatar();
    if (user) setState({ user: { ...user, avatar: null } });
    setDone(t('avatar.removed'));
    announce(t('avatar.removed'));
  });

  const current = user?.avatar;
  return (
    <form class="form avatar-form" onSubmit={onSubmit(run)} noValidate>
      <h3>{t('avatar.title')}</h3>
      <ErrorAlert error={error} />
      <ErrorAlert error={remove.error} />
      {done && <Notice kind="success"><p>{done}</p></Notice>}
      <div class="avatar-row">
        {preview ? (
          <img class="avatar avatar-large" src={preview} alt={t('avatar.previewAlt')} width={128} height={128} />
        ) : current ? (
          <img class="avatar avatar-large" src={`${current}&size=256`} alt={t('avatar.currentAlt')} width={128} height={128} />
        ) : (
          <p class="hint">{t('avatar.none')}</p>
        )}
      </div>
      <div class="field">
        <label for="avatar-file">{t('avatar.choose')}</label>
        <p class="hint" id="avatar-file-hint">{t('avatar.hint', { mb: megabytes(maxBytes) })}</p>
        <input
          id="avatar-file"
          ref={input}
          type="file"
          accept={accepted.join(',')}
          aria-describedby="avatar-file-hint"
          onChange={(e) => choose((e.target as HTMLInputElement).files?.[0] ?? null)}
        />
      </div>
      {progress !== null && (
        <div class="field">
          <label for="avatar-progress">{t('avatar.progress')}</label>
          <progress id="avatar-progress" max={100} value={Math.round(progress * 100)}>
            {Math.round(progress * 100)} %
          </progress>
        </div>
      )}
      <Submit busy={busy}>{t('avatar.upload')}</Submit>{' '}
      {current && !preview && (
        <button type="button" class="button button-secondary" aria-disabled={remove.busy ? 'true' : undefined} onClick={() => remove.run()}>
          {t('avatar.remove')}
        </button>
      )}
    </form>
  );
}

export function EmailChange() {
  const { user } = useStore();
  const me = useLoad((signal) => fetchMe(signal), []);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [sent, setSent] = useState('');
  const { busy, error, setError, run } = useAction(async () => {
    setSent('');
    if (!email.includes('@')) {
      setError(t('emailChange.invalid'));
      return;
    }
    await changeEmail(email, password);
    setSent(t('emailChange.sent', { email: email.trim() }));
    announce(t('emailChange.sent', { email: email.trim() }));
    setEmail('');
    setPassword('');
  });
  const pending = me.data?.pending_email;
  return (
    <form class="form" onSubmit={onSubmit(run)} noValidate>
      {user?.email && <p>{t('emailChange.current', { email: user.email })}</p>}
      {pending && !sent && <Notice><p>{t('emailChange.pending', { email: pending })}</p></Notice>}
      <ErrorAlert error={error} />
      {sent && <Notice kind="success"><p>{sent}</p></Notice>}
      <Field label={t('emailChange.new')} type="email" autoComplete="email" required value={email} onValue={setEmail} />
      <Field
        label={t('field.currentPassword')}
        hint={t('emailChange.passwordHint')}
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onValue={setPassword}
      />
      <Submit busy={busy}>{t('emailChange.submit')}</Submit>
    </form>
  );
}
