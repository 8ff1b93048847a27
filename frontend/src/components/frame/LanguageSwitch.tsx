// Switches the UI language (and, when signed in, the person's setting).
import { updateMe } from '../../api/account';
import { t, language, languageNames, loadLanguage } from '../../i18n';
import { setState, useStore } from '../../store';

export function LanguageSwitch() {
  const { meta, user } = useStore();
  const langs = meta.languages.filter((l) => l !== language());
  if (!langs.length) return null;
  return (
    <ul class="language-switch" aria-label={t('nav.language')}>
      {langs.map((l) => (
        <li key={l}>
          <button
            type="button"
            class="link-button"
            lang={l}
            onClick={async () => {
              await loadLanguage(l);
              if (user) {
                try {
                  await updateMe({ language: l });
                  setState({ user: { ...user, language: l } });
                } catch {
                  // The choice still applies for this visit; the setting page shows errors.
                }
              }
            }}
          >
            {languageNames[l] ?? l}
          </button>
        </li>
      ))}
    </ul>
  );
}
