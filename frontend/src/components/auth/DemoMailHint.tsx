// A trial (scripts/run) sends no mail: the server writes each one into a folder. Newcomers are
// told where, or the confirmation link of their first registration is a dead end.
import { useStore } from '../../store';
import { t } from '../../i18n';

export function DemoMailHint() {
  const folder = useStore().meta?.mail_outbox;
  if (!folder) return null;
  return (
    <p class="hint" data-testid="demo-mail-hint">
      {t('demo.mailHint')} <code>{folder}</code>
    </p>
  );
}
