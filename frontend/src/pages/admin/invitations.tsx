// Administration: invitations by e-mail (admins only).
import { AdminNav } from '../../components/AdminNav';
import { roleOptions } from './roles';
import { useState } from 'preact/hooks';
import { fetchInvitations, invite as sendInvitation } from '../../api/admin';
import { t } from '../../i18n';
import { announce } from '../../announce';
import { ErrorAlert, Field, Loading, Notice, Page, Select, Submit, Time, onSubmit, useAction, useLoad } from '../../components/ui';
import type { Role } from '../../api/account';

export function AdminInvitationsPage() {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('staff');
  const [department, setDepartment] = useState('');
  const [sent, setSent] = useState('');
  const list = useLoad((signal) => fetchInvitations(signal), []);
  const invite = useAction(async () => {
    setSent('');
    await sendInvitation({ email: email.trim(), role, department: department.trim() });
    setSent(t('admin.invited', { email: email.trim() }));
    announce(t('admin.invited', { email: email.trim() }));
    setEmail('');
    setDepartment('');
    list.reload();
  });
  return (
    <Page title={t('admin.invitations')}>
      <AdminNav />
      <section aria-labelledby="invite-heading">
        <h2 id="invite-heading">{t('admin.inviteHeading')}</h2>
        <p>{t('admin.inviteExplain')}</p>
        <form class="form" onSubmit={onSubmit(invite.run)} noValidate>
          <ErrorAlert error={invite.error} />
          {sent && <Notice kind="success"><p>{sent}</p></Notice>}
          <Field label={t('field.email')} type="email" autoComplete="off" required value={email} onValue={setEmail} />
          <Select label={t('admin.role')} value={role} onValue={setRole} options={roleOptions()} />
          <Field label={t('admin.department')} hint={t('admin.departmentHint')} value={department} onValue={setDepartment} />
          <Submit busy={invite.busy}>{t('admin.inviteSubmit')}</Submit>
        </form>
      </section>
      <section aria-labelledby="invitations-heading">
        <h2 id="invitations-heading">{t('admin.invitationList')}</h2>
        {list.loading && <Loading />}
        <ErrorAlert error={list.error} />
        {list.data && list.data.length === 0 && <p>{t('admin.noInvitations')}</p>}
        {list.data && list.data.length > 0 && (
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t('field.email')}</th>
                <th scope="col">{t('admin.role')}</th>
                <th scope="col">{t('admin.department')}</th>
                <th scope="col">{t('admin.invitationState')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((i) => (
                <tr key={i.id}>
                  <td>{i.email}</td>
                  <td>{t(`role.${i.role}`)}</td>
                  <td>{i.department ?? ''}</td>
                  <td>
                    {i.accepted_at ? (
                      <>
                        {t('admin.accepted')} <Time ms={i.accepted_at} />
                      </>
                    ) : i.expires_at && i.expires_at < Date.now() ? (
                      t('admin.expired')
                    ) : (
                      <>
                        {t('admin.openUntil')} <Time ms={i.expires_at ?? 0} />
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </Page>
  );
}
