// Parts every help page uses, built from the shell's kit (shell API 2): a titled section, a
// request card, "loaded or failed with a retry", the neighbourhood choices.
export const API = '/api/p/help';
export const CATEGORIES = ['shopping', 'errands', 'mobility', 'care', 'childcare', 'tutoring', 'repairs', 'garden', 'translation', 'digital', 'other'];

let sections = 0;

export function parts(shell) {
  const { t, kit: k } = shell;
  const { h, Fragment } = shell.preact;
  const { useState } = shell.preact.hooks;
  const options = (values, prefix) => values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));

  function Section({ title, children }) {
    const [id] = useState(() => `help-section-${++sections}`);
    return h('section', { 'aria-labelledby': id }, h('h2', { id }, title), children);
  }

  function Loaded({ state, children }) {
    if (state.error) return h(k.RetryAlert, { error: state.error, what: t('help.load_failed'), onRetry: state.reload });
    if (!state.data) return state.loading ? h(k.Loading) : null;
    return children(state.data);
  }

  function meta(r) {
    const out = [t(`help.status.${r.status}`), t(`help.when.${r.when}`)];
    if (r.due_at) out.push(t('help.due', { date: shell.formatDate(r.due_at) }));
    if (r.urgency === 'high') out.push(t('help.urgency.high'));
    return out.join(' · ');
  }

  function RequestCard({ r }) {
    return h('li', { class: 'item-card help-card' },
      h('h3', { class: 'item-title' }, h('a', { href: `/help/requests/${r.id}` }, t(`help.cat.${r.category}`))),
      h('p', null, r.text),
      h('p', { class: 'item-meta' }, meta(r)));
  }

  function RequestList({ requests, empty }) {
    if (!requests.length) return h('p', null, t(empty));
    return h('ul', { class: 'plain-list' }, requests.map((r) => h(RequestCard, { key: r.id, r })));
  }

  function useNeighbourhoods() {
    return k.useLoad(() => shell.api.get('/api/neighbourhoods').then((d) => d.neighbourhoods || d.items || [], () => []), []);
  }

  return { h, Fragment, k, t, options, Section, Loaded, RequestCard, RequestList, meta, useNeighbourhoods };
}
