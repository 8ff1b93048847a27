// Reporting an item, a comment or a person to the moderators: a reason and details, inside a
// disclosure so it takes no room until needed.
import { useState } from 'preact/hooks';
import { REPORT_REASONS, report, type ReportReason } from '../../api/moderation';
import { t } from '../../i18n';
import { announce } from '../../announce';
import { ErrorAlert, Notice, Select, Submit, TextArea, onSubmit, useAction } from '../../components/ui';

/** What is reported: an item or a comment. */
export type ReportTarget = { type: 'content' | 'comment'; id: number };

export function ReportForm(props: { target: ReportTarget; label?: string }) {
  const [reason, setReason] = useState<ReportReason>('spam');
  const [details, setDetails] = useState('');
  const [done, setDone] = useState(false);
  const { busy, error, run } = useAction(async () => {
    await report(props.target, { reason, details: details.trim() });
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
          options={REPORT_REASONS.map((r) => ({ value: r, label: t(`report.reason.${r}`) }))}
        />
        <TextArea label={t('report.details')} value={details} onValue={setDetails} rows={3} maxLength={2000} />
        <Submit busy={busy}>{t('report.submit')}</Submit>
      </form>
    </details>
  );
}
