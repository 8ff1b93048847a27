// Pages every visitor can reach from the footer: accessibility statement, feedback,
// imprint, privacy; and the page for an address that does not exist.
import { api } from '../api';
import { t } from '../i18n';
import { useStore } from '../store';
import { Loading, Page, useLoad } from '../components/ui';

/**
 * The municipality's own text of a kind (imprint, privacy, terms, accessibility), as the
 * administration stored it: GET /api/legal/<kind> -> {kind, version, body}. Absent -> null.
 */
function useLegalText(kind: string) {
  return useLoad(async () => {
    try {
      const data = (await api.get(`/api/legal/${kind}`)) as { body?: string; text?: string } | null;
      return data?.body ?? data?.text ?? null;
    } catch {
      return null;
    }
  }, [kind]);
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

function contact(meta: ReturnType<typeof useStore>['meta']): string | undefined {
  return meta.municipality.accessibility_contact ?? meta.municipality.contact_email;
}

export function AccessibilityPage() {
  const { meta } = useStore();
  const local = useLegalText('accessibility');
  const mail = contact(meta);
  return (
    <Page title={t('a11y.title')}>
      <p>{t('a11y.intro', { name: meta.municipality.name || 'Quartier' })}</p>
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
        {mail && (
          <>
            {' · '}
            <a href={`mailto:${mail}`}>{mail}</a>
          </>
        )}
      </p>
      <h2>{t('a11y.enforcement.heading')}</h2>
      <p>{t('a11y.enforcement.text')}</p>
    </Page>
  );
}

export function FeedbackPage() {
  const { meta } = useStore();
  const mail = contact(meta);
  return (
    <Page title={t('feedback.title')}>
      <p>{t('feedback.intro')}</p>
      {mail ? (
        <p>
          {t('feedback.mail')} <a href={`mailto:${mail}?subject=${encodeURIComponent(t('feedback.subject'))}`}>{mail}</a>
        </p>
      ) : (
        <p>{t('feedback.noMail', { name: meta.municipality.name || 'Quartier' })}</p>
      )}
      <p>{t('feedback.include')}</p>
    </Page>
  );
}

export function ImprintPage() {
  const { meta } = useStore();
  const legal = useLegalText('imprint');
  const text = legal.data ?? meta.municipality.imprint;
  return (
    <Page title={t('footer.imprint')}>
      {legal.loading ? <Loading /> : text ? <Paragraphs text={text} /> : <p>{t('legal.missing', { name: meta.municipality.name || 'Quartier' })}</p>}
    </Page>
  );
}

export function PrivacyPage() {
  const { meta } = useStore();
  const legal = useLegalText('privacy');
  const text = legal.data ?? meta.municipality.privacy;
  return (
    <Page title={t('footer.privacy')}>
      {legal.loading ? <Loading /> : text ? <Paragraphs text={text} /> : <p>{t('legal.missing', { name: meta.municipality.name || 'Quartier' })}</p>}
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
  const { meta } = useStore();
  const legal = useLegalText('terms');
  return (
    <Page title={t('footer.terms')}>
      {legal.loading ? <Loading /> : legal.data ? <Paragraphs text={legal.data} /> : <p>{t('legal.missing', { name: meta.municipality.name || 'Quartier' })}</p>}
    </Page>
  );
}

export function NotFoundPage() {
  return (
    <Page title={t('notFound.title')}>
      <p>{t('notFound.text')}</p>
      <p>
        <a href="/">{t('notFound.home')}</a>
      </p>
    </Page>
  );
}

export function ForbiddenPage() {
  return (
    <Page title={t('forbidden.title')}>
      <p>{t('forbidden.text')}</p>
      <p>
        <a href="/">{t('notFound.home')}</a>
      </p>
    </Page>
  );
}

export function LoginRequiredPage(props: { path: string }) {
  return (
    <Page title={t('loginRequired.title')}>
      <p>{t('loginRequired.text')}</p>
      <p>
        <a class="button button-primary" href={`/login?next=${encodeURIComponent(props.path)}`}>
          {t('nav.login')}
        </a>
      </p>
    </Page>
  );
}
