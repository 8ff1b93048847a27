// Administration: the legal texts (imprint, privacy, terms, accessibility statement).
// The editor opens only on what the server really holds: after a failed load it stays closed
// (with a retry), so publishing can never replace the real text with an empty or stale one.
import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import { announce } from '../../announce';
import { Loading, Page, Select, Submit, TextArea, ErrorAlert, onSubmit, useAction, useLoad } from '../../components/ui';
import { RetryAlert } from '../../components/RetryAlert';
import { AdminNav } from '../../components/AdminNav';
import { LEGAL_KINDS, fetchLegalText, publishLegalText, type LegalKind, type LegalText } from '../../api/legal';

function Editor(props: { kind: LegalKind; current: LegalText | null; onPublished: (text: LegalText) => void }) {
  const [body, setBody] = useState(props.current?.body ?? '');
  const save = useAction(async () => {
    const data = await publishLegalText(props.kind, body);
    props.onPublished(data);
    announce(t('admin.legalPublished', { version: data.version ?? '' }));
  });
  return (
    <form class="form" onSubmit={onSubmit(save.run)} noValidate>
      <ErrorAlert error={save.error} />
      <p class="hint">{props.current ? t('admin.legalVersion', { version: props.current.version ?? '' }) : t('admin.legalNone')}</p>
      <TextArea label={t('admin.legalText')} value={body} onValue={setBody} rows={14} />
      <Submit busy={save.busy}>{t('admin.legalPublish')}</Submit>
    </form>
  );
}

export function AdminLegalPage() {
  const [kind, setKind] = useState<LegalKind>('imprint');
  const current = useLoad((signal) => fetchLegalText(kind, signal), [kind]);
  return (
    <Page title={t('admin.legal')}>
      <AdminNav />
      <p>{t('admin.legalExplain')}</p>
      <Select
        label={t('admin.legalKind')}
        value={kind}
        onValue={setKind}
        options={LEGAL_KINDS.map((k) => ({ value: k, label: t(`legal.kind.${k}`) }))}
      />
      {current.loading ? (
        <Loading />
      ) : current.error ? (
        <RetryAlert error={current.error} what={t('admin.legalLoadFailed')} onRetry={current.reload} />
      ) : (
        // Keyed by kind and version: the editor starts from the text the server holds now.
        <Editor key={`${kind}-${current.data?.version ?? 0}`} kind={kind} current={current.data} onPublished={current.setData} />
      )}
    </Page>
  );
}
