// /participation/queue: the department's inbox, oldest first, with age and status, a page of
// 50 at a time (the server's next_after), more as the list scrolls or by the button.
import { API, parts } from './common.js';

export function queuePage(shell) {
  const { h, Fragment, k, t, Section, QuestionCard } = parts(shell);
  const { useState } = shell.preact.hooks;

  return function Queue() {
    const [status, setStatus] = useState('open');
    const [department, setDepartment] = useState('');
    const paged = k.usePaged(async (cursor) => {
      const d = await shell.api.get(`${API}/queue?status=${status}${cursor ? `&after=${cursor}` : ''}`);
      setDepartment(d.department);
      return { items: d.questions, next: d.next_after === null ? null : String(d.next_after) };
    }, [status]);
    let body;
    if (paged.error && !paged.items.length) body = h(k.RetryAlert, { error: paged.error, what: t('participation.load_failed'), onRetry: paged.reload });
    else if (!paged.loaded) body = h(k.Loading);
    else body = h(Section, { title: t('participation.queue_of', { department }) },
      paged.items.length
        ? h('ul', { class: 'plain-list participation-list' }, paged.items.map((q) => h(QuestionCard, { key: q.id, q, showAge: true })))
        : h('p', null, t('participation.queue_empty')),
      h(k.PagedFooter, { paged, label: t('participation.queue_more') }));
    return h(Fragment, null,
      h(k.Select, { label: t('participation.queue_filter'), value: status, onValue: setStatus,
        options: [{ value: 'open', label: t('participation.queue_open') }, { value: 'all', label: t('participation.queue_all') },
          ...['received', 'in_progress', 'forwarded', 'answered', 'merged', 'declined'].map((s) => ({ value: s, label: t(`participation.status.${s}`) }))] }),
      body);
  };
}
