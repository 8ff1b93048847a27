// Administration (admins only): people and roles, invitations, registration mode,
// neighbourhoods with residence codes, legal texts. Every change is audited by the server.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, listOf } from '../api';
import { t, tn } from '../i18n';
import { announce } from '../announce';
import { useStore } from '../store';
import { ErrorAlert, Field, Loading, Notice, Page, Select, Submit, TextArea, Time, onSubmit, useAction, useLoad } from '../components/ui';
import type { Neighbourhood, Role, User } from '../types';
import { PagedFooter, pageOf, usePaged } from '../components/LoadMore';

const ROLES: Role[] = ['resident', 'staff', 'moderator', 'admin'];
const roleOptions = () => ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }));

export function AdminNav() {
  return (
    <nav aria-label={t('admin.sections')} class="toc">
      <ul>
        <li><a href="/admin/people">{t('admin.people')}</a></li>
        <li><a href="/admin/invitations">{t('admin.invitations')}</a></li>
        <li><a href="/admin/registration">{t('admin.registration')}</a></li>
        <li><a href="/registrations">{t('admin.registrations')}</a></li>
        <li><a href="/admin/neighbourhoods">{t('admin.neighbourhoods')}</a></li>
        <li><a href="/admin/legal">{t('admin.legal')}</a></li>
        <li><a href="/admin/audit">{t('admin.audit')}</a></li>
        <li><a href="/admin">{t('admin.plugins')}</a></li>
      </ul>
    </nav>
  );
}

function PersonRow(props: { person: User & { email_confirmed_at?: number }; onChanged: (changed: User) => void }) {
  const p = props.person;
  const { user } = useStore();
  const [role, setRole] = useState<string>(p.role);
  const [department, setDepartment] = useState(p.department ?? '');
  const save = useAction(async () => {
    const changed = await api.patch<User>(`/api/admin/users/${p.id}`, { role, department });
    announce(t('admin.saved'));
    props.onChanged(changed && changed.id === p.id ? changed : { ...p, role: role as Role, department });
  });
  const status = useAction(async (next: string) => {
    const changed =
      next === 'approve' ? await api.post<User>(`/api/admin/users/${p.id}/approve`) : await api.patch<User>(`/api/admin/users/${p.id}`, { status: next });
    announce(t('admin.saved'));
    // Each list entry is updated in place, so the pages loaded so far stay.
    props.onChanged(changed && changed.id === p.id ? changed : { ...p, status: next === 'approve' ? 'active' : next });
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
  const people = usePaged<User>(
    async (before) => {
      const params = new URLSearchParams();
      if (filter.q) params.set('q', filter.q);
      if (filter.status) params.set('status', filter.status);
      if (before) params.set('before', before);
      return pageOf<User>(await api.get(`/api/admin/users?${params}`), 'users');
    },
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

interface Invitation {
  id: number;
  email: string;
  role: Role;
  department?: string;
  created_at?: number;
  expires_at?: number;
  accepted_at?: number | null;
}

export function AdminInvitationsPage() {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<string>('staff');
  const [department, setDepartment] = useState('');
  const [sent, setSent] = useState('');
  const list = useLoad(async () => listOf<Invitation>(await api.get('/api/admin/invitations'), 'invitations'), []);
  const invite = useAction(async () => {
    setSent('');
    await api.post('/api/admin/invitations', { email: email.trim(), role, department: department.trim() });
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

export function AdminRegistrationPage() {
  const current = useLoad(() => api.get<{ mode: string }>('/api/admin/registration'), []);
  const [mode, setMode] = useState('');
  const value = mode || current.data?.mode || 'open';
  const save = useAction(async () => {
    const data = await api.put<{ mode: string }>('/api/admin/registration', { mode: value });
    current.setData(data);
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
          {['open', 'approval', 'invite'].map((m) => (
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

/** The server accepts slugs of a-z, 0-9 and "-": German letters are spelt out, the rest become "-". */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

interface CodeBatch {
  batch: string;
  codes: string[];
  letters?: string;
  expires_at?: number;
}

type HoodData = Neighbourhood & { description?: string; postcodes?: string[]; polygon?: unknown };

/** The polygon field: empty = none; otherwise GeoJSON text, checked to be JSON here and as a shape by the server. */
function parsePolygon(text: string): unknown {
  if (!text.trim()) return null;
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(t('hood.polygonNotJson', { detail: e instanceof Error ? e.message : '' }));
  }
}

/** One neighbourhood in the list, with its edit form (name, slug, description, postcodes, polygon). */
function HoodEntry(props: { hood: HoodData; onSaved: () => void }) {
  const n = props.hood;
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(n.name);
  const [slug, setSlug] = useState(n.slug ?? '');
  const [description, setDescription] = useState(n.description ?? '');
  const [postcodes, setPostcodes] = useState((n.postcodes ?? []).join(', '));
  const [polygon, setPolygon] = useState(n.polygon ? JSON.stringify(n.polygon, null, 2) : '');
  const save = useAction(async () => {
    let shape: unknown;
    try {
      shape = parsePolygon(polygon);
    } catch (e) {
      save.setError((e as Error).message);
      return;
    }
    if (!name.trim()) {
      save.setError(t('hood.nameMissing'));
      return;
    }
    await api.patch(`/api/neighbourhoods/${n.id}`, {
      name: name.trim(),
      slug: slugify(slug.trim() || name.trim()),
      description: description.trim(),
      postcodes: postcodes.split(/[\s,;]+/).filter(Boolean),
      polygon: shape,
    });
    announce(t('hood.saved', { name: name.trim() }));
    setEditing(false);
    props.onSaved();
  });
  return (
    <li class="hood">
      <p>
        <strong>{n.name}</strong>
        {n.slug ? <span class="item-meta"> · {n.slug}</span> : null}
        {n.postcodes && n.postcodes.length ? <span class="item-meta"> · {n.postcodes.join(', ')}</span> : null}
        {n.polygon ? <span class="item-meta"> · {t('hood.hasPolygon')}</span> : null}{' '}
        {!editing && (
          <button type="button" class="link-button" onClick={() => setEditing(true)}>
            {t('hood.edit')}
            <span class="visually-hidden"> {n.name}</span>
          </button>
        )}
      </p>
      {editing && (
        <form class="form hood-form" onSubmit={onSubmit(save.run)} noValidate aria-label={t('hood.editOf', { name: n.name })}>
          <ErrorAlert error={save.error} />
          <Field label={t('admin.hoodName')} required value={name} onValue={setName} />
          <Field label={t('admin.hoodSlug')} hint={t('admin.hoodSlugHint')} value={slug} onValue={setSlug} />
          <Field label={t('admin.hoodPostcodes')} hint={t('admin.hoodPostcodesHint')} value={postcodes} onValue={setPostcodes} />
          <TextArea label={t('admin.hoodDescription')} value={description} onValue={setDescription} rows={3} />
          <TextArea label={t('hood.polygon')} hint={t('hood.polygonHint')} value={polygon} onValue={setPolygon} rows={6} inputClass="code-input" />
          <p class="actions">
            <Submit busy={save.busy}>{t('settings.save')}</Submit>
            <button type="button" class="button button-secondary" onClick={() => setEditing(false)}>
              {t('common.cancel')}
            </button>
          </p>
        </form>
      )}
    </li>
  );
}

export function AdminNeighbourhoodsPage() {
  const hoods = useLoad(async () => listOf<HoodData>(await api.get('/api/neighbourhoods'), 'neighbourhoods'), []);
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [postcodes, setPostcodes] = useState('');
  const [description, setDescription] = useState('');
  const [codeHood, setCodeHood] = useState('');
  const [count, setCount] = useState('10');
  const [batch, setBatch] = useState<CodeBatch | null>(null);
  const create = useAction(async () => {
    await api.post('/api/neighbourhoods', {
      name: name.trim(),
      slug: slugify(slug.trim() || name.trim()),
      description: description.trim(),
      postcodes: postcodes.split(/[\s,;]+/).filter(Boolean),
    });
    announce(t('admin.saved'));
    setName('');
    setSlug('');
    setPostcodes('');
    setDescription('');
    hoods.reload();
  });
  const codes = useAction(async () => {
    const data = await api.post<CodeBatch>('/api/admin/residence-codes', { neighbourhood_id: Number(codeHood || hoods.data?.[0]?.id), count: Number(count) });
    setBatch(data);
    announce(t('admin.codesCreated', { count: data.codes.length }));
  });
  // The letters are offered as a local download (blob: URL), released when replaced or gone.
  const lettersUrl = useMemo(() => (batch?.letters ? URL.createObjectURL(new Blob([batch.letters], { type: 'text/plain;charset=utf-8' })) : ''), [batch]);
  useEffect(() => () => { if (lettersUrl) URL.revokeObjectURL(lettersUrl); }, [lettersUrl]);
  return (
    <Page title={t('admin.neighbourhoods')}>
      <AdminNav />
      {hoods.loading && <Loading />}
      <ErrorAlert error={hoods.error} />
      {hoods.data && hoods.data.length > 0 && (
        <section aria-labelledby="hood-list">
          <h2 id="hood-list">{t('hood.list')}</h2>
          <ul class="hood-list">
            {hoods.data.map((n) => (
              <HoodEntry key={n.id} hood={n} onSaved={hoods.reload} />
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="new-hood">
        <h2 id="new-hood">{t('admin.newNeighbourhood')}</h2>
        <form class="form" onSubmit={onSubmit(create.run)} noValidate>
          <ErrorAlert error={create.error} />
          <Field label={t('admin.hoodName')} required value={name} onValue={setName} />
          <Field label={t('admin.hoodSlug')} hint={t('admin.hoodSlugHint')} value={slug} onValue={setSlug} />
          <Field label={t('admin.hoodPostcodes')} hint={t('admin.hoodPostcodesHint')} value={postcodes} onValue={setPostcodes} />
          <TextArea label={t('admin.hoodDescription')} value={description} onValue={setDescription} rows={3} />
          <Submit busy={create.busy}>{t('admin.create')}</Submit>
        </form>
      </section>
      {hoods.data && hoods.data.length > 0 && (
        <section aria-labelledby="codes-heading">
          <h2 id="codes-heading">{t('admin.residenceCodes')}</h2>
          <p>{t('admin.residenceCodesExplain')}</p>
          <form class="form" onSubmit={onSubmit(codes.run)} noValidate>
            <ErrorAlert error={codes.error} />
            <Select label={t('field.neighbourhood')} value={codeHood || String(hoods.data[0].id)} onValue={setCodeHood} options={hoods.data.map((n) => ({ value: String(n.id), label: n.name }))} />
            <Field label={t('admin.codeCount')} type="number" min={1} max={500} value={count} onValue={setCount} />
            <Submit busy={codes.busy}>{t('admin.createCodes')}</Submit>
          </form>
          {batch && (
            <div role="status">
              <p>{t('admin.codesCreated', { count: batch.codes.length })}</p>
              {lettersUrl && (
                <p>
                  <a class="button button-secondary" href={lettersUrl} download={`quartier-codes-${batch.batch}.txt`}>
                    {t('admin.downloadLetters')}
                  </a>
                </p>
              )}
              <ul class="code-list">
                {batch.codes.map((c) => (
                  <li key={c}>
                    <code>{c}</code>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </section>
      )}
    </Page>
  );
}

export function AdminLegalPage() {
  const [kind, setKind] = useState('imprint');
  const [text, setText] = useState<string | null>(null);
  const current = useLoad(async () => {
    try {
      return await api.get<{ body: string; version: number; updated_at?: number }>(`/api/legal/${kind}`);
    } catch {
      return null;
    }
  }, [kind]);
  const body = text ?? current.data?.body ?? '';
  const save = useAction(async () => {
    const data = await api.put<{ body: string; version: number }>(`/api/admin/legal/${kind}`, { body });
    current.setData(data);
    setText(null);
    announce(t('admin.legalPublished', { version: data.version }));
  });
  return (
    <Page title={t('admin.legal')}>
      <AdminNav />
      <p>{t('admin.legalExplain')}</p>
      <Select
        label={t('admin.legalKind')}
        value={kind}
        onValue={(k) => {
          setKind(k);
          setText(null);
        }}
        options={['imprint', 'privacy', 'terms', 'accessibility'].map((k) => ({ value: k, label: t(`legal.kind.${k}`) }))}
      />
      {current.loading ? (
        <Loading />
      ) : (
        <form class="form" onSubmit={onSubmit(save.run)} noValidate>
          <ErrorAlert error={save.error} />
          <p class="hint">
            {current.data ? t('admin.legalVersion', { version: current.data.version }) : t('admin.legalNone')}
          </p>
          <TextArea label={t('admin.legalText')} value={body} onValue={setText} rows={14} />
          <Submit busy={save.busy}>{t('admin.legalPublish')}</Submit>
        </form>
      )}
    </Page>
  );
}

interface AuditEntry {
  id: number;
  actor_id: number | null;
  action: string;
  target_type?: string;
  target_id?: number | null;
  details?: unknown;
  at: number;
}

/** The audit log of account administration (who changed which role, setting or text, when). */
export function AdminAuditPage() {
  // 100 entries a page, newest first; the next page starts below the last id shown.
  const entries = usePaged<AuditEntry>(async (before) => {
    const items = listOf<AuditEntry>(await api.get(`/api/admin/audit${before ? `?before=${encodeURIComponent(before)}` : ''}`), 'entries');
    return { items, next: items.length === 100 ? String(items[items.length - 1].id) : null };
  }, []);
  return (
    <Page title={t('admin.audit')}>
      <AdminNav />
      <p>{t('admin.auditExplain')}</p>
      {entries.loaded && entries.items.length === 0 && !entries.error && <p>{t('admin.auditEmpty')}</p>}
      {entries.items.length > 0 && (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t('admin.auditWhen')}</th>
              <th scope="col">{t('admin.auditWho')}</th>
              <th scope="col">{t('admin.auditWhat')}</th>
              <th scope="col">{t('admin.auditTarget')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.items.map((e) => (
              <tr key={e.id}>
                <td>
                  <Time ms={e.at} />
                </td>
                <td>{e.actor_id ? <a href={`/people/${e.actor_id}`}>{t('moderation.person', { id: e.actor_id })}</a> : t('admin.system')}</td>
                <td>
                  <code>{e.action}</code>
                </td>
                <td>
                  {e.target_type ? `${e.target_type}${e.target_id ? ` ${e.target_id}` : ''}` : ''}
                  {e.details && typeof e.details === 'object' && Object.keys(e.details as object).length > 0 ? (
                    <>
                      <br />
                      <code>{JSON.stringify(e.details)}</code>
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <PagedFooter paged={entries} label={t('admin.loadMoreAudit')} />
    </Page>
  );
}
