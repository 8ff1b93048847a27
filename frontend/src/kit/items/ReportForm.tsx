// Reporting an item, a comment or a person to the moderators: a reason and details, inside a
// disclosure so it takes no room until needed.
import { useState } from 'preact/hooks';
import { report, type ReportBody } from '../../api/moderation';
import { t } from '../../i18n';
import { announce } from '../../announce';
import { ErrorAlert, Notice, Select, Submit, TextArea, onSubmit, useAction } from '../../components/ui';

/** What is reported: an item or a comment. */
export type ReportTarget = { type: 'content' | 'comment'; id: number };

export function ReportForm(props: { target: ReportTarget; label?: string }) {
  const [reason, setReason] = useState<string>('spam');
  const [details, setDetails] = useState('');
  const [done, setDone] = useState(false);
  const { busy, error, run } = useAction(async () => {
    // The choices below are the contract's reasons.
    await report(props.target, { reason: reason as ReportBody['reason'], details: details.trim() });
    setDone(true);
    announce(t('report.done'));
  });
  if (done) return <Notice kind="success"><p>{t('report.done')}</p></Notice>;
  return (
    <details class="report">
      <summary>{props.label ?? t('report.open')}</summary>
      <form onSubmit={onSubmit(run)} noValidate>
        <ErrorAlert error={error} />
        <Select
          label={t('report.reason')}
          value={reason}
          onValue={setReason}
          options={['spam', 'abuse', 'hate', 'misinformation', 'illegal', 'privacy', 'other'].map((r) => ({ value: r, label: t(`report.reason.${r}`) }))}
        />
        <TextArea label={t('report.details')} value={details} onValue={setDetails} rows={3} maxLength={2000} />
        <Submit busy={busy}>{t('report.submit')}</Submit>
      </form>
    </details>
  );
}
