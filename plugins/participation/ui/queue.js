// /participation/queue: the department's inbox, oldest first, with age and status.
import { API, parts } from './common.js';

export function queuePage(shell) {
  const { h, Fragment, k, t, Section, Loaded, QuestionList } = parts(shell);
  const { useState } = shell.preact.hooks;

  return function Queue() {
    const [status, setStatus] = useState('open');
    const state = k.useLoad(() => shell.api.get(`${API}/queue?status=${status}`), [status]);
    return h(Fragment, null,
      h(k.Select, { label: t('participation.queue_filter'), value: status, onValue: setStatus,
        options: [{ value: 'open', label: t('participation.queue_open') }, { value: 'all', label: t('participation.queue_all') },
          ...['received', 'in_progress', 'forwarded', 'answered', 'merged', 'declined'].map((s) => ({ value: s, label: t(`participation.status.${s}`) }))] }),
      h(Loaded, { state }, (d) => h(Section, { title: t('participation.queue_of', { department: d.department }) },
        h(QuestionList, { questions: d.questions, empty: 'participation.queue_empty', showAge: true }))));
  };
}
