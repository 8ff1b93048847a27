// Administration: people and their roles, approval and suspension (admins only; audited by the server).
import { AdminNav } from '../../components/AdminNav';
import { roleOptions } from './roles';
import { useState } from 'preact/hooks';
import { approveUser, fetchUsers, updateUser, type AdminUser } from '../../api/admin';
import { t, tn } from '../../i18n';
import { announce } from '../../announce';
import { useStore } from '../../store';
import { ErrorAlert, Field, Page, Select, Submit, onSubmit, useAction } from '../../components/ui';
import { PagedFooter, usePaged } from '../../components/LoadMore';


function PersonRow(props: { person: AdminUser; onChanged: (changed: AdminUser) => void }) {
  const p = props.person;
  const { user } = useStore();
  const [role, setRole] = useState(p.role);
  const [department, setDepartment] = useState(p.department ?? '');
  const save = useAction(async () => {
    const changed = await updateUser(p.id, { role, department });
    announce(t('admin.saved'));
    props.onChanged(changed);
  });
  const status = useAction(async (next: 'approve' | 'active' | 'suspended') => {
    const changed = next === 'approve' ? await approveUser(p.id) : await updateUser(p.id, { status: next });
    announce(t('admin.saved'));
    // Each list entry is updated in place, so the pages loaded so far stay.
    props.onChanged(changed);
  });
  const own = user?.id === p.id;
  return (
    <li class="person">
      <h2 class="person-name">
        <a href={`/people/${p.id}`}>{p.display_name}</a>
      </h2>
      <p class="item-meta">
        {p.email} · {t(`status.${p.status ?? 'active'}`)}
      </p>
      <ErrorAlert error={save.error ?? status.error} />
      {!own && (
        <form class="form inline-form" onSubmit={onSubmit(save.run)} noValidate>
          <Select label={t('admin.role')} value={role} onValue={setRole} options={roleOptions()} />
          <Field label={t('admin.department')} hint={t('admin.departmentHint')} value={department} onValue={setDepartment} />
          <Submit busy={save.busy}>
            {t('admin.saveRole')}
            <span class="visually-hidden"> {p.display_name}</span>
          </Submit>
        </form>
      )}
      {!own && (
        <p class="actions">
          {p.status === 'pending' && p.email_confirmed_at && (
            <button type="button" class="button button-primary" onClick={() => status.run('approve')}>
              {t('admin.approve')}
              <span class="visually-hidden"> {p.display_name}</span>
            </button>
          )}
          {p.status === 'active' && (
            <button type="button" class="button button-danger" onClick={() => status.run('suspended')}>
              {t('admin.suspend')}
              <span class="visually-hidden"> {p.display_name}</span>
            </button>
          )}
          {(p.status === 'suspended' || p.status === 'disabled') && (
            <button type="button" class="button button-secondary" onClick={() => status.run('active')}>
              {t('admin.reactivate')}
              <span class="visually-hidden"> {p.display_name}</span>
            </button>
          )}
        </p>
      )}
    </li>
  );
}

export function AdminPeoplePage(props: { query: URLSearchParams }) {
  const [q, setQ] = useState(props.query.get('q') ?? '');
  const [status, setStatus] = useState(props.query.get('status') ?? '');
  const [filter, setFilter] = useState({ q, status });
  // 50 accounts per page, newest first (cursor next_before), more as you scroll.
  const people = usePaged<AdminUser>(
    (before) => fetchUsers({ q: filter.q, status: filter.status, before }),
    [filter.q, filter.status],
    { loadedMessage: (count) => tn('admin.loadedMorePeople', count) },
  );
  return (
    <Page title={t('admin.people')}>
      <AdminNav />
      <form role="search" class="form" onSubmit={onSubmit(() => setFilter({ q: q.trim(), status }))} noValidate>
        <Field label={t('admin.searchPeople')} type="search" value={q} onValue={setQ} />
        <Select
          label={t('admin.statusFilter')}
          value={status}
          onValue={setStatus}
          options={[{ value: '', label: t('admin.allStatuses') }, ...['pending', 'active', 'suspended', 'disabled'].map((s) => ({ value: s, label: t(`status.${s}`) }))]}
        />
        <Submit busy={people.loading && !people.items.length}>{t('search.submit')}</Submit>
      </form>
      {people.loaded && people.items.length === 0 && !people.error && <p>{t('admin.noPeople')}</p>}
      <ul class="people-list" aria-busy={people.loading ? 'true' : 'false'}>
        {people.items.map((p) => (
          <PersonRow
            key={p.id}
            person={p}
            onChanged={(changed) => people.setItems((old) => old.map((x) => (x.id === changed.id ? { ...x, ...changed } : x)))}
          />
        ))}
      </ul>
      <PagedFooter paged={people} label={t('admin.loadMorePeople')} endText={t('admin.allPeopleShown')} />
    </Page>
  );
}
