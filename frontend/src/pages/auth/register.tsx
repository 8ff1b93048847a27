// Registration: registration mode, invitations, consent to the published terms.
import { useState } from 'preact/hooks';
import { register, registrationMode, type Registration } from '../../api/auth';
import { fetchLegalIndex } from '../../api/legal';
import { fetchNeighbourhoods } from '../../api/neighbourhoods';
import { t, language } from '../../i18n';
import { announce } from '../../announce';
import { ErrorAlert, Field, Loading, Notice, Page, Select, Submit, onSubmit, useAction, useLoad } from '../../components/ui';
import { ResendConfirmation } from '../../components/auth/ResendConfirmation';
import { DemoMailHint } from '../../components/auth/DemoMailHint';

export function RegisterPage(props: { query: URLSearchParams }) {
  const invitation = props.query.get('invitation') ?? '';
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [neighbourhood, setNeighbourhood] = useState('');
  const [accept, setAccept] = useState(false);
  const [done, setDone] = useState<'' | 'confirmation_sent' | 'active'>('');
  const [passwordError, setPasswordError] = useState('');
  const hoods = useLoad((signal) => fetchNeighbourhoods(signal), []);
  // What the server needs: the registration mode, and whether there are terms to agree to.
  const setup = useLoad(async () => {
    const [mode, legal] = await Promise.all([
      registrationMode().catch(() => 'open'),
      fetchLegalIndex().catch(() => null),
    ]);
    return { mode, terms: !!legal?.terms, privacy: !!legal?.privacy };
  }, []);
  const needsConsent = !!(setup.data && (setup.data.terms || setup.data.privacy));
  const { busy, error, setError, run } = useAction(async () => {
    setPasswordError('');
    if (password.length < 12) {
      setPasswordError(t('register.passwordTooShort'));
      setError(t('register.fixErrors'));
      return;
    }
    if (needsConsent && !accept) {
      setError(t('register.consentMissing'));
      return;
    }
    const body: Registration = {
      email: email.trim(),
      password,
      display_name: displayName.trim(),
      language: language(),
    };
    if (neighbourhood) body.neighbourhood_id = Number(neighbourhood);
    if (needsConsent) body.accept_terms = accept;
    if (invitation) body.invitation = invitation;
    const status = await register(body);
    setDone(status);
    announce(status === 'active' ? t('register.active') : t('register.done'));
  });
  if (done) {
    return (
      <Page title={done === 'active' ? t('register.activeTitle') : t('register.doneTitle')}>
        <Notice kind="success">
          <p>{done === 'active' ? t('register.active') : t('register.done')}</p>
          {done !== 'active' && (
            <p>
              {t('register.sentTo')} <strong data-testid="register-address">{email.trim()}</strong>
            </p>
          )}
          {setup.data?.mode === 'approval' && done !== 'active' && <p>{t('register.approvalNote')}</p>}
          {done === 'active' && (
            <p>
              <a href="/login">{t('confirm.loginNow')}</a>
            </p>
          )}
        </Notice>
        {done !== 'active' && (
          <>
            <p>{t('register.noMail')}</p>
            <DemoMailHint />
            <ResendConfirmation email={email} />
          </>
        )}
      </Page>
    );
  }
  if (setup.data?.mode === 'invite' && !invitation) {
    return (
      <Page title={t('register.title')}>
        <Notice>
          <p>{t('register.inviteOnly')}</p>
        </Notice>
        <p>
          {t('register.haveAccount')} <a href="/login">{t('register.loginLink')}</a>
        </p>
      </Page>
    );
  }
  return (
    <Page title={t('register.title')} lead={invitation ? t('register.leadInvitation') : t('register.lead')}>
      {setup.data?.mode === 'approval' && <p class="hint">{t('register.approvalNote')}</p>}
      <form class="form" onSubmit={onSubmit(run)} noValidate>
        <ErrorAlert error={error} />
        <ErrorAlert error={hoods.error} />
        <Field label={t('field.displayName')} hint={t('register.displayNameHint')} autoComplete="nickname" required value={displayName} onValue={setDisplayName} />
        <Field
          label={t('field.email')}
          hint={invitation ? t('register.invitationEmailHint') : undefined}
          type="email"
          autoComplete="email"
          required
          value={email}
          onValue={setEmail}
        />
        <Field
          label={t('field.password')}
          hint={t('register.passwordHint')}
          type="password"
          autoComplete="new-password"
          required
          minLength={12}
          maxLength={128}
          value={password}
          onValue={setPassword}
          error={passwordError || undefined}
        />
        {hoods.loading ? (
          <Loading />
        ) : (
          <Select
            label={t('field.neighbourhood')}
            hint={t('register.neighbourhoodHint')}
            value={neighbourhood}
            onValue={setNeighbourhood}
            options={[
              { value: '', label: t('register.neighbourhoodNone') },
              ...(hoods.data ?? []).map((n) => ({ value: String(n.id), label: n.name })),
            ]}
          />
        )}
        {needsConsent ? (
          <div class="field checkbox">
            <input id="register-accept" type="checkbox" checked={accept} onChange={(e) => setAccept((e.target as HTMLInputElement).checked)} />
            <label for="register-accept">
              {t('register.accept')} (<a href="/terms">{t('footer.terms')}</a>, <a href="/privacy">{t('footer.privacy')}</a>)
            </label>
          </div>
        ) : (
          <p class="hint">
            {t('register.privacyNote')} <a href="/privacy">{t('footer.privacy')}</a>
          </p>
        )}
        <Submit busy={busy}>{t('register.submit')}</Submit>
      </form>
      <p>
        {t('register.haveAccount')} <a href="/login">{t('register.loginLink')}</a>
      </p>
    </Page>
  );
}
