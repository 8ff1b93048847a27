// Parts every participation page uses, built from the shell's kit (shell API 2): a titled
// section, "loaded or failed with a retry", the status label, and a question card.
export const API = '/api/p/participation';
export const STATUSES = ['received', 'in_progress', 'forwarded', 'answered', 'merged', 'declined'];

let sections = 0;

export function parts(shell) {
  const { t, kit: k } = shell;
  const { h, Fragment } = shell.preact;
  const { useState } = shell.preact.hooks;

  function Section({ title, children }) {
    const [id] = useState(() => `participation-section-${++sections}`);
    return h('section', { 'aria-labelledby': id }, h('h2', { id }, title), children);
  }

  function Loaded({ state, children }) {
    if (state.error) return h(k.RetryAlert, { error: state.error, what: t('participation.load_failed'), onRetry: state.reload });
    if (!state.data) return state.loading ? h(k.Loading) : null;
    return children(state.data);
  }

  const topicName = (topic) => (shell.language() === 'en' ? topic.name_en : topic.name_de) || topic.name_de;
  const age = (q) => (q.age_days > 0 ? t('participation.age', { days: q.age_days }) : t('participation.age_today'));

  function Status({ status }) {
    return h('span', { class: `participation-status participation-status-${status}` }, t(`participation.status.${status}`));
  }

  function QuestionCard({ q, showAge }) {
    const meta = t('participation.meta', { kind: t(`participation.${q.kind}`), topic: topicName(q.topic), department: q.department });
    return h('li', { class: 'item-card participation-card' },
      h('h3', { class: 'item-title' }, h('a', { href: `/participation/questions/${q.id}` }, q.title)),
      h('p', { class: 'item-meta' }, h(Status, { status: q.status }), ' · ', meta,
        showAge ? ` · ${age(q)}` : null,
        q.kind === 'idea' ? ` · ${t('participation.supports', { count: q.supports })}` : null));
  }

  function QuestionList({ questions, empty, showAge }) {
    if (!questions.length) return h('p', null, t(empty));
    return h('ul', { class: 'plain-list participation-list' }, questions.map((q) => h(QuestionCard, { key: q.id, q, showAge })));
  }

  return { h, Fragment, k, t, Section, Loaded, Status, QuestionCard, QuestionList, topicName, age };
}
