// Administration: neighbourhoods (name, slug, description, postcodes, boundary) and residence codes.
import { slugify } from './slug';
import { AdminNav } from '../../components/AdminNav';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { createNeighbourhood, createResidenceCodes, fetchNeighbourhoods, updateNeighbourhood, type CodeBatch, type NeighbourhoodData } from '../../api/neighbourhoods';
import { t } from '../../i18n';
import { announce } from '../../announce';
import { ErrorAlert, Field, Loading, Page, Select, Submit, TextArea, onSubmit, useAction, useLoad } from '../../components/ui';

/** The polygon field: empty = none; otherwise GeoJSON text, checked to be JSON here and as a shape by the server. */
function parsePolygon(text: string): NeighbourhoodData['polygon'] {
  if (!text.trim()) return null;
  try {
    return JSON.parse(text) as NeighbourhoodData['polygon'];
  } catch (e) {
    throw new Error(t('hood.polygonNotJson', { detail: e instanceof Error ? e.message : '' }));
  }
}

/** One neighbourhood in the list, with its edit form (name, slug, description, postcodes, polygon). */
function HoodEntry(props: { hood: NeighbourhoodData; onSaved: () => void }) {
  const n = props.hood;
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(n.name);
  const [slug, setSlug] = useState(n.slug ?? '');
  const [description, setDescription] = useState(n.description ?? '');
  const [postcodes, setPostcodes] = useState((n.postcodes ?? []).join(', '));
  const [polygon, setPolygon] = useState(n.polygon ? JSON.stringify(n.polygon, null, 2) : '');
  const save = useAction(async () => {
    let shape: ReturnType<typeof parsePolygon>;
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
    await updateNeighbourhood(n.id, {
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
  const hoods = useLoad((signal) => fetchNeighbourhoods(signal), []);
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [postcodes, setPostcodes] = useState('');
  const [description, setDescription] = useState('');
  const [codeHood, setCodeHood] = useState('');
  const [count, setCount] = useState('10');
  const [batch, setBatch] = useState<CodeBatch | null>(null);
  const create = useAction(async () => {
    await createNeighbourhood({
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
    const data = await createResidenceCodes({ neighbourhood_id: Number(codeHood || hoods.data?.[0]?.id), count: Number(count) });
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
