// Public links: the "Teilen" part of a file or folder (make a link with expiry and optional
// password, see and revoke the links) and the public page /s/<token> that works without an
// account (a password form when the link has one). German first, English second.
import { API } from './upload.js';

export function shareParts(shell) {
  const t = shell.t;
  const { h, Fragment } = shell.preact;
  const { useState } = shell.preact.hooks;
  const k = shell.kit;
  const date = (ms) => new Date(ms).toLocaleDateString(shell.language() === 'en' ? 'en-GB' : 'de-DE', { dateStyle: 'medium' });

  function Share({ it }) {
    const url = `${API}/items/${it.id}/links`;
    const state = k.useLoad(() => shell.api.get(url), [it.id]);
    const [days, setDays] = useState('7');
    const [password, setPassword] = useState('');
    const [made, setMade] = useState(null);
    const create = k.useAction(async () => {
      const link = await shell.api.post(url, { expires_days: Number(days), ...(password ? { password } : {}) });
      setMade(`${window.location.origin}${link.path}`);
      setPassword('');
      shell.announce(t('files.link_made', { name: it.name }));
      state.reload();
    });
    const revoke = k.useAction(async (l) => {
      await shell.api.del(`${API}/links/${l.id}`);
      shell.announce(t('files.link_revoked'));
      state.reload();
    });
    if (state.error) return h(k.RetryAlert, { error: state.error, what: t('files.load_failed'), onRetry: state.reload });
    if (!state.data) return h(k.Loading);
    return h('section', { 'aria-label': t('files.share_of', { name: it.name }) },
      state.data.shareable ? h('form', { class: 'form', noValidate: true, onSubmit: k.onSubmit(create.run) },
        h(k.ErrorAlert, { error: create.error }),
        h(k.Field, { label: t('files.link_days'), type: 'number', min: 1, max: 365, value: days, onValue: setDays, error: k.fieldError(create.error, 'expires_days') }),
        h(k.Field, { label: t('files.link_password'), hint: t('files.link_password_hint'), type: 'password', autoComplete: 'new-password',
          value: password, onValue: setPassword, error: k.fieldError(create.error, 'password') }),
        h(k.Submit, { busy: create.busy }, t('files.link_create'))) : h(k.Notice, null, t('files.link_not_public')),
      made ? h('div', { class: 'field' },
        h('label', { for: `link-${it.id}` }, t('files.link_new')),
        h('input', { id: `link-${it.id}`, type: 'text', readOnly: true, value: made, onFocus: (e) => e.currentTarget.select() })) : null,
      h(k.ErrorAlert, { error: revoke.error }),
      state.data.links.length ? h('ul', { class: 'plain-list' }, state.data.links.map((l) => h('li', { key: l.id },
        t(l.has_password ? 'files.link_item_password' : 'files.link_item', { until: date(l.expires_at) }), ' ',
        h('button', { type: 'button', class: 'button button-secondary', 'aria-label': t('files.link_revoke_label', { until: date(l.expires_at) }),
          onClick: () => revoke.run(l) }, t('files.link_revoke')))))
        : h('p', null, t('files.no_links')));
  }

  // The page behind a link, for anyone: the file to download, or the folder's files.
  function PublicPage({ params, query }) {
    const token = params.token;
    const folder = Number(query.get('folder') || 0);
    const key = `files-link-${token}`;
    const [access, setAccess] = useState(() => window.sessionStorage.getItem(key) || '');
    const [password, setPassword] = useState('');
    const base = `${API}/public/${token}`;
    const qs = (extra) => new URLSearchParams({ ...extra, ...(access ? { access } : {}) }).toString();
    const state = k.useLoad(() => shell.api.get(`${base}?${qs(folder ? { folder: String(folder) } : {})}`), [token, folder, access]);
    const unlock = k.useAction(async () => {
      const r = await shell.api.post(`${base}/unlock`, { password });
      window.sessionStorage.setItem(key, r.access);
      setAccess(r.access);
    });
    const locked = state.error && state.error.code === 'password_required';
    if (state.error && !locked) return h(k.ErrorAlert, { error: state.error });
    if (locked) return h('form', { class: 'form', noValidate: true, onSubmit: k.onSubmit(unlock.run) },
      h('p', null, t('files.public_locked')),
      h(k.ErrorAlert, { error: unlock.error }),
      h(k.Field, { label: t('files.public_password'), type: 'password', autoComplete: 'off', value: password, onValue: setPassword }),
      h(k.Submit, { busy: unlock.busy }, t('files.public_open')));
    if (!state.data) return h(k.Loading);
    const d = state.data;
    const fileLink = (f) => (f.scan && f.scan !== 'clean' ? h('span', null, f.name, ` (${t(`files.public_scan_${f.scan}`)})`)
      : h('a', { href: `${base}/content?${qs({ item: String(f.id) })}`, download: f.name, 'aria-label': t('files.download', { name: f.name }) }, f.name));
    return h(Fragment, null,
      h('p', { class: 'item-meta' }, t('files.public_until', { until: date(d.expires_at) })),
      d.root.kind === 'file' ? h('p', { class: 'item-title' }, fileLink(d.root)) : h(Fragment, null,
        h('nav', { 'aria-label': t('files.path') }, h('ol', { class: 'breadcrumbs' },
          (d.path || []).map((c) => h('li', { key: c.id }, h('a', { href: `/s/${token}${c.id === d.root.id ? '' : `?folder=${c.id}`}` }, c.name))))),
        d.items.length ? h('ul', { class: 'plain-list' }, d.items.map((f) => h('li', { key: f.id, class: 'item-card' },
          f.kind === 'folder' ? h('a', { href: `/s/${token}?folder=${f.id}` }, `${f.name} (${t('files.folder')})`) : fileLink(f))))
          : h('p', null, t('files.empty'))));
  }

  return { Share, PublicPage };
}
