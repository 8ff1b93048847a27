// Settings: profile, privacy, digest and language; sessions; the plugins' sections (slot
// "settings.sections"); data export; delete account.
import { useState } from 'preact/hooks';
import { deleteAccount, DIGESTS, endSession, fetchSessions, PROFILE_VISIBILITIES, updateMe, verifyResidence, type AccountPatch, type User } from '../api/account';
import { logoutEverywhere } from '../api/auth';
import { fetchNeighbourhoods } from '../api/neighbourhoods';
import { t, loadLanguage, languageNames } from '../i18n';
import { announce } from '../announce';
import { clearSession, setState, useStore } from '../store';
import { stopLive } from '../live';
import { navigate } from '../router';
import { ErrorAlert, Field, Loading, Notice, Page, Select, Submit, TextArea, Time, onSubmit, useAction, useLoad } from '../components/ui';
import { AvatarForm, EmailChange } from '../components/SettingsSections';
import { PushSettings } from '../components/PushSettings';
import { Slot, slotSections } from '../plugins/slots';

function ProfileForm(props: { user: User }) {
  const { meta } = useStore();
  const u = props.user;
  const [displayName, setDisplayName] = useState(u.display_name ?? '');
  const [about, setAbout] = useState(u.about ?? '');
  const [realName, setRealName] = useState(u.real_name ?? '');
  const [indexable, setIndexable] = useState(!!u.search_indexable);
  const [neighbourhood, setNeighbourhood] = useState(u.neighbourhood_id ? String(u.neighbourhood_id) : '');
  const [language, setLang] = useState(u.language ?? '');
  const [visibility, setVisibility] = useState(u.profile_visibility);
  const [digest, setDigest] = useState(u.digest);
  const [saved, setSaved] = useState(false);
  const hoods = useLoad((signal) => fetchNeighbourhoods(signal), []);
  const { busy, error, run } = useAction(async () => {
    setSaved(false);
    const patch: AccountPatch = {
      display_name: displayName.trim(),
      real_name: realName.trim(),
      about,
      search_indexable: indexable,
      language,
      profile_visibility: visibility,
      digest,
      neighbourhood_id: neighbourhood ? Number(neighbourhood) : null,
    };
    const data = await updateMe(patch);
    setState({ user: { ...u, ...data.user } });
    if (language) await loadLanguage(language);
    setSaved(true);
    announce(t('settings.saved'));
  });
  return (
    <form class="form" onSubmit={onSubmit(run)} noValidate>
      <ErrorAlert error={error} />
      {saved && <Notice kind="success"><p>{t('settings.saved')}</p></Notice>}
      <Field label={t('field.displayName')} autoComplete="nickname" required value={displayName} onValue={setDisplayName} />
      <Field label={t('field.realName')} hint={t('settings.realNameHint')} autoComplete="name" value={realName} onValue={setRealName} />
      <TextArea label={t('field.about')} value={about} onValue={setAbout} rows={3} maxLength={2000} />
      <Select
        label={t('field.neighbourhood')}
        value={neighbourhood}
        onValue={setNeighbourhood}
        options={[{ value: '', label: t('register.neighbourhoodNone') }, ...(hoods.data ?? []).map((n) => ({ value: String(n.id), label: n.name }))]}
      />
      <Select
        label={t('field.language')}
        value={language}
        onValue={setLang}
        options={[{ value: '', label: t('settings.languageBrowser') }, ...meta.languages.map((l) => ({ value: l, label: languageNames[l] ?? l }))]}
      />
      <Select
        label={t('field.visibility')}
        hint={t('settings.visibilityHint')}
        value={visibility}
        onValue={setVisibility}
        options={PROFILE_VISIBILITIES.map((v) => ({ value: v, label: t(`settings.visibility.${v}`) }))}
      />
      <div class="field checkbox">
        <input id="settings-indexable" type="checkbox" checked={indexable} onChange={(e) => setIndexable((e.target as HTMLInputElement).checked)} />
        <label for="settings-indexable">{t('settings.indexable')}</label>
      </div>
      <Select
        label={t('field.digest')}
        value={digest}
        onValue={setDigest}
        options={DIGESTS.map((d) => ({ value: d, label: t(`settings.digest.${d}`) }))}
      />
      <Submit busy={busy}>{t('settings.save')}</Submit>
    </form>
  );
}

function Sessions() {
  const sessions = useLoad((signal) => fetchSessions(signal), []);
  const { error, run } = useAction(async (id: number) => {
    await endSession(id);
    announce(t('sessions.revoked'));
    sessions.reload();
  });
  const all = useAction(async () => {
    await logoutEverywhere();
    stopLive();
    clearSession();
    announce(t('sessions.allEnded'));
    navigate('/login');
  });
  if (sessions.loading) return <Loading />;
  if (sessions.error) return <ErrorAlert error={sessions.error} />;
  const list = sessions.data ?? [];
  return (
    <>
      <ErrorAlert error={error} />
      <ul class="session-list">
        {list.map((s) => (
          <li key={s.id}>
            <span>{s.user_agent || t('sessions.unknownDevice')}</span>
            {s.current && <strong> ({t('sessions.current')})</strong>}
            <br />
            {s.created_at ? (
              <span class="hint">
                {t('sessions.since')} <Time ms={s.created_at} />
              </span>
            ) : null}
            {s.last_seen_at ? (
              <span class="hint">
                {' · '}
                {t('sessions.lastSeen')} <Time ms={s.last_seen_at} />
              </span>
            ) : null}
            {!s.current && (
              <>
                {' '}
                <button type="button" class="link-button" onClick={() => run(s.id)}>
                  {t('sessions.revoke')}
                  <span class="visually-hidden"> {s.user_agent ?? ''}</span>
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
      <ErrorAlert error={all.error} />
      <button type="button" class="button button-secondary" aria-disabled={all.busy ? 'true' : undefined} onClick={() => all.run()}>
        {all.busy ? t('form.working') : t('sessions.endAll')}
      </button>
    </>
  );
}

function PasswordChange() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [done, setDone] = useState(false);
  const { busy, error, setError, run } = useAction(async () => {
    setDone(false);
    if (next.length < 12) {
      setError(t('register.passwordTooShort'));
      return;
    }
    await updateMe({ current_password: current, new_password: next });
    setCurrent('');
    setNext('');
    setDone(true);
    announce(t('password.changed'));
  });
  return (
    <form class="form" onSubmit={onSubmit(run)} noValidate>
      <ErrorAlert error={error} />
      {done && <Notice kind="success"><p>{t('password.changed')}</p></Notice>}
      <Field label={t('field.currentPassword')} type="password" autoComplete="current-password" required value={current} onValue={setCurrent} />
      <Field label={t('field.newPassword')} hint={t('register.passwordHint')} type="password" autoComplete="new-password" required value={next} onValue={setNext} />
      <Submit busy={busy}>{t('password.submit')}</Submit>
    </form>
  );
}

function ResidenceCode() {
  const { user } = useStore();
  const [code, setCode] = useState('');
  const { busy, error, run } = useAction(async () => {
    const data = await verifyResidence(code);
    setCode('');
    if (user) setState({ user: { ...user, neighbourhood_id: data.neighbourhood_id, verified_resident: data.verified_resident } });
    announce(t('residence.done'));
  });
  if (user?.verified_resident) return <p>{t('residence.verified')}</p>;
  return (
    <form class="form" onSubmit={onSubmit(run)} noValidate>
      <p>{t('residence.explain')}</p>
      <ErrorAlert error={error} />
      <Field label={t('field.residenceCode')} hint={t('residence.hint')} autoComplete="off" required value={code} onValue={setCode} />
      <Submit busy={busy}>{t('residence.submit')}</Submit>
    </form>
  );
}

function DeleteAccount() {
  const [password, setPassword] = useState('');
  const [sure, setSure] = useState(false);
  const { busy, error, setError, run } = useAction(async () => {
    if (!sure) {
      setError(t('delete.confirmMissing'));
      return;
    }
    await deleteAccount(password);
    stopLive();
    clearSession();
    announce(t('delete.done'));
    navigate('/');
  });
  return (
    <form class="form" onSubmit={onSubmit(run)} noValidate>
      <p>{t('delete.explain')}</p>
      <ErrorAlert error={error} />
      <Field label={t('field.password')} hint={t('delete.passwordHint')} type="password" autoComplete="current-password" value={password} onValue={setPassword} />
      <div class="field checkbox">
        <input id="delete-sure" type="checkbox" checked={sure} onChange={(e) => setSure((e.target as HTMLInputElement).checked)} />
        <label for="delete-sure">{t('delete.confirm')}</label>
      </div>
      <Submit busy={busy} kind="danger">
        {t('delete.submit')}
      </Submit>
    </form>
  );
}

export function SettingsPage() {
  const { user } = useStore();
  if (!user) return null;
  return (
    <Page title={t('settings.title')}>
      <nav aria-label={t('settings.sections')} class="toc">
        <ul>
          <li><a href="#profile">{t('settings.profile')}</a></li>
          <li><a href="#email">{t('settings.emailAddress')}</a></li>
          <li><a href="#password">{t('settings.password')}</a></li>
          <li><a href="#residence">{t('settings.residence')}</a></li>
          <li><a href="#sessions">{t('settings.sessions')}</a></li>
          {slotSections('settings.sections').map((s) => (
            <li key={s.id}><a href={`#${s.id}`}>{s.title}</a></li>
          ))}
          <li><a href="#export">{t('settings.export')}</a></li>
          <li><a href="#delete">{t('settings.delete')}</a></li>
        </ul>
      </nav>
      <section aria-labelledby="profile">
        <h2 id="profile">{t('settings.profile')}</h2>
        {user.email && <p class="hint">{t('settings.email', { email: user.email })}</p>}
        <AvatarForm />
        <ProfileForm user={user} />
      </section>
      <section aria-labelledby="email">
        <h2 id="email">{t('settings.emailAddress')}</h2>
        <EmailChange />
      </section>
      <section aria-labelledby="password">
        <h2 id="password">{t('settings.password')}</h2>
        <PasswordChange />
      </section>
      <section aria-labelledby="residence">
        <h2 id="residence">{t('settings.residence')}</h2>
        <ResidenceCode />
      </section>
      <section aria-labelledby="sessions">
        <h2 id="sessions">{t('settings.sessions')}</h2>
        <p>{t('sessions.explain')}</p>
        <Sessions />
      </section>
      <section aria-labelledby="push">
        <h2 id="push">{t('push.title')}</h2>
        <PushSettings />
      </section>
      <Slot name="settings.sections" context={{ user }} />
      <section aria-labelledby="export">
        <h2 id="export">{t('settings.export')}</h2>
        <p>{t('export.explain')}</p>
        <p>
          <a class="button button-secondary" href="/api/me/export" download="quartier-export.json">
            {t('export.download')}
          </a>
        </p>
      </section>
      <section aria-labelledby="delete">
        <h2 id="delete">{t('settings.delete')}</h2>
        <DeleteAccount />
      </section>
    </Page>
  );
}
