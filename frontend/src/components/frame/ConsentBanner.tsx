// Asks again for agreement when the privacy statement or the terms changed, on every page until answered.
import { giveConsent } from '../../api/account';
import { t } from '../../i18n';
import { setState, useStore } from '../../store';
import { announce } from '../../announce';
import { ErrorAlert, useAction } from '../ui';

/** Asks again for agreement when the privacy statement or the terms changed. */
export function ConsentBanner() {
  const { consent } = useStore();
  const { busy, error, run } = useAction(async () => {
    const left = [...consent];
    for (const c of consent) {
      await giveConsent(c.document, c.version);
      left.shift();
      setState({ consent: [...left] });
    }
    announce(t('consent.thanks'));
  });
  if (!consent.length) return null;
  return (
    <section class="consent-banner" aria-labelledby="consent-heading">
      <p id="consent-heading" class="consent-title">
        <strong>{t('consent.heading')}</strong>
      </p>
      <p>
        {t('consent.text')}{' '}
        {consent.map((c, i) => (
          <span key={c.document}>
            {i > 0 && ', '}
            <a href={c.document === 'terms' ? '/terms' : '/privacy'}>{c.document === 'terms' ? t('footer.terms') : t('footer.privacy')}</a>
          </span>
        ))}
      </p>
      <ErrorAlert error={error} />
      <button type="button" class="button button-primary" aria-disabled={busy ? 'true' : undefined} onClick={() => run()}>
        {busy ? t('form.working') : t('consent.accept')}
      </button>
    </section>
  );
}
