// Pages every visitor can reach from the footer: accessibility statement, feedback,
// imprint, privacy; and the page for an address that does not exist.
import type { ComponentChildren } from 'preact';
import { t } from '../i18n';
import { useStore } from '../store';
import { Loading, Page, useLoad } from '../components/ui';
import { RetryAlert } from '../components/RetryAlert';
import { fetchLegalText, type LegalKind } from '../api/legal';

/**
 * The municipality's own text of a kind (imprint, privacy, terms, accessibility), as the
 * administration stored it. null only when none was published (404); any other failure is an
 * error, never "the municipality has no imprint".
 */
function useLegalText(kind: LegalKind) {
  return useLoad(async () => (await fetchLegalText(kind))?.body ?? null, [kind]);
}

/** The text, "none published" or the failure with a retry button. */
function LegalBody(props: { legal: ReturnType<typeof useLegalText>; what: string; children?: ComponentChildren }) {
  const { meta } = useStore();
  const { legal } = props;
  if (legal.loading) return <Loading />;
  if (legal.error) return <RetryAlert error={legal.error} what={props.what} onRetry={legal.reload} />;
  const text = legal.data;
  return text ? <Paragraphs text={text} /> : <p>{t('legal.missing', { name: meta.municipality.name || 'Quartier' })}</p>;
}

function Paragraphs(props: { text: string }) {
  return (
    <>
      {props.text.split(/\n{2,}/).map((p, i) => (
        <p key={i}>{p}</p>
      ))}
    </>
  );
}

export function AccessibilityPage() {
  const { meta } = useStore();
  const local = useLegalText('accessibility');
  return (
    <Page title={t('a11y.title')}>
      <p>{t('a11y.intro', { name: meta.municipality.name || 'Quartier' })}</p>
      {local.error && <RetryAlert error={local.error} what={t('legal.loadFailed')} onRetry={local.reload} />}
      {local.data && (
        <section aria-labelledby="a11y-local">
          <h2 id="a11y-local">{t('a11y.local.heading')}</h2>
          <Paragraphs text={local.data} />
        </section>
      )}
      <h2>{t('a11y.status.heading')}</h2>
      <p>{t('a11y.status.text')}</p>
      <h2>{t('a11y.known.heading')}</h2>
      <p>{t('a11y.known.text')}</p>
      <h2>{t('a11y.method.heading')}</h2>
      <p>{t('a11y.method.text')}</p>
      <h2 id="feedback">{t('a11y.feedback.heading')}</h2>
      <p>{t('a11y.feedback.text')}</p>
      <p>
        <a href="/feedback">{t('footer.feedback')}</a>
      </p>
      <h2>{t('a11y.enforcement.heading')}</h2>
      <p>{t('a11y.enforcement.text')}</p>
    </Page>
  );
}

export function FeedbackPage() {
  const { meta } = useStore();
  return (
    <Page title={t('feedback.title')}>
      <p>{t('feedback.intro')}</p>
      <p>{t('feedback.noMail', { name: meta.municipality.name || 'Quartier' })}</p>
      <p>{t('feedback.include')}</p>
    </Page>
  );
}

export function ImprintPage() {
  const legal = useLegalText('imprint');
  return (
    <Page title={t('footer.imprint')}>
      <LegalBody legal={legal} what={t('legal.loadFailed')} />
    </Page>
  );
}

export function PrivacyPage() {
  const legal = useLegalText('privacy');
  return (
    <Page title={t('footer.privacy')}>
      <LegalBody legal={legal} what={t('legal.loadFailed')} />
      <h2>{t('privacy.app.heading')}</h2>
      <ul>
        <li>{t('privacy.app.cookies')}</li>
        <li>{t('privacy.app.storage')}</li>
        <li>{t('privacy.app.thirdParty')}</li>
        <li>{t('privacy.app.rights')}</li>
      </ul>
    </Page>
  );
}

export function TermsPage() {
  const legal = useLegalText('terms');
  return (
    <Page title={t('footer.terms')}>
      <LegalBody legal={legal} what={t('legal.loadFailed')} />
    </Page>
  );
}
