// Administration: the registration mode (open, by invitation, with approval).
import { AdminNav } from '../../components/AdminNav';
import { useState } from 'preact/hooks';
import { fetchRegistrationMode, setRegistrationMode, type RegistrationMode } from '../../api/admin';
import { t } from '../../i18n';
import { announce } from '../../announce';
import { ErrorAlert, Loading, Page, Submit, onSubmit, useAction, useLoad } from '../../components/ui';

export function AdminRegistrationPage() {
  const current = useLoad((signal) => fetchRegistrationMode(signal), []);
  const [mode, setMode] = useState<RegistrationMode | ''>('');
  const value = mode || current.data || 'open';
  const save = useAction(async () => {
    current.setData(await setRegistrationMode(value));
    announce(t('admin.saved'));
  });
  return (
    <Page title={t('admin.registration')}>
      <AdminNav />
      {current.loading && <Loading />}
      <ErrorAlert error={current.error ?? save.error} />
      <form class="form" onSubmit={onSubmit(save.run)} noValidate>
        <fieldset>
          <legend>{t('admin.registrationMode')}</legend>
          {(['open', 'approval', 'invite'] as const).map((m) => (
            <div class="field checkbox" key={m}>
              <input type="radio" id={`mode-${m}`} name="mode" value={m} checked={value === m} onChange={() => setMode(m)} />
              <label for={`mode-${m}`}>{t(`admin.mode.${m}`)}</label>
            </div>
          ))}
        </fieldset>
        <Submit busy={save.busy}>{t('settings.save')}</Submit>
      </form>
    </Page>
  );
}
