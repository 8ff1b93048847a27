// One folder of a space: the path, the items (folders, files with download and preview), and
// for those who may write: upload with progress, a new folder, rename, move and delete; a folder
// downloads as a ZIP.
import { API, uploadAll } from './upload.js';
import { shareParts } from './share.js';
import { moveParts } from './move.js';

export function folderPage(shell, spaceName) {
  const t = shell.t;
  const { h, Fragment } = shell.preact;
  const { useState } = shell.preact.hooks;
  const k = shell.kit;
  const { Share } = shareParts(shell);
  const { Move, MoveToggle } = moveParts(shell);

  function size(bytes) {
    if (bytes < 1024) return `${bytes} B`;
    if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
    return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  }

  // Used / limit of the space (a meter when there is a limit), the trash's share, and for
  // admins the whole site's storage.
  function Usage({ usage }) {
    const line = (u, key) => (u.quota_bytes
      ? t(`${key}`, { used: size(u.used_bytes), quota: size(u.quota_bytes) })
      : t(`${key}_free`, { used: size(u.used_bytes) }));
    return h('div', { class: 'item-meta' },
      h('p', null, line(usage, 'files.usage'),
        usage.trash_bytes ? ` ${t('files.usage_trash', { trash: size(usage.trash_bytes) })}` : null),
      usage.quota_bytes ? h('meter', { min: 0, max: usage.quota_bytes, value: Math.min(usage.used_bytes, usage.quota_bytes),
        high: usage.quota_bytes * 0.9, 'aria-label': t('files.usage_meter') }) : null,
      usage.site ? h('p', null, line(usage.site, 'files.site_usage')) : null);
  }

  // A file's older versions (uploading its name again makes one): download, and for writers
  // restore, which swaps the version with the current content.
  function Versions({ it, space, reload }) {
    const url = `${API}/items/${it.id}`;
    const state = k.useLoad(() => shell.api.get(`${url}/versions`), [it.id, it.sha256]);
    const restore = k.useAction(async (v) => {
      await shell.api.post(`${url}/versions/${v.id}/restore`);
      shell.announce(t('files.version_restored', { name: it.name, when: when(v.created_at) }));
      reload();
    });
    if (state.error) return h(k.RetryAlert, { error: state.error, what: t('files.load_failed'), onRetry: state.reload });
    if (!state.data) return h(k.Loading);
    const list = state.data.versions;
    return h('section', { 'aria-label': t('files.versions_of', { name: it.name }) },
      h(k.ErrorAlert, { error: restore.error }),
      list.length ? h('ul', { class: 'plain-list' }, list.map((v) => h('li', { key: v.id },
        v.scan === 'clean'
          ? h('a', { href: `${url}/versions/${v.id}/content`, download: it.name }, t('files.version_label', { when: when(v.created_at), size: size(v.bytes) }))
          : t('files.version_label', { when: when(v.created_at), size: size(v.bytes) }),
        space.can_write && v.scan !== 'blocked' ? h(Fragment, null, ' ', h('button', { type: 'button', class: 'button button-secondary',
          'aria-label': t('files.version_restore_label', { when: when(v.created_at) }), onClick: () => restore.run(v) }, t('files.restore'))) : null)))
        : h('p', null, t('files.no_versions')));
  }

  function when(ms) {
    return new Date(ms).toLocaleString(shell.language() === 'en' ? 'en-GB' : 'de-DE', { dateStyle: 'medium', timeStyle: 'short' });
  }

  // A folder with everything in it as one ZIP (files still being checked are left out, named in
  // a note inside).
  function ZipLink({ id, name }) {
    return h('a', { class: 'button button-secondary', href: `${API}/folders/${id}/zip`, download: `${name}.zip` },
      t('files.zip'), h('span', { class: 'visually-hidden' }, ` ${name}`));
  }

  function Item({ it, base, space, spaceKey, reload }) {
    const [showVersions, setShowVersions] = useState(false);
    const [sharing, setSharing] = useState(false);
    const mayShare = space.can_write && (space.can_manage || it.owner_id === (shell.user() || {}).id);
    const [renaming, setRenaming] = useState(false);
    const [moving, setMoving] = useState(false);
    const [name, setName] = useState(it.name);
    const url = `${API}/items/${it.id}`;
    const rename = k.useAction(async () => {
      const changed = await shell.api.patch(url, { name: name.trim() });
      shell.announce(t('files.renamed', { name: changed.name }));
      setRenaming(false);
      reload();
    });
    const remove = k.useAction(async () => {
      await shell.api.del(url);
      shell.announce(t('files.deleted', { name: it.name }));
      reload();
    });
    // A file the virus scanner has not released is named, not linked.
    const held = it.kind === 'file' && it.scan && it.scan !== 'clean';
    const link = it.kind === 'folder'
      ? h('a', { href: `${base}?folder=${it.id}` }, `${it.name} (${t('files.folder')})`)
      : held ? it.name
        : h('a', { href: `${url}/content`, download: it.name, 'aria-label': t('files.download', { name: it.name }) }, it.name);
    return h('li', { class: 'item-card' },
      it.preview ? h('img', { src: `${url}/preview`, alt: t('files.preview_of', { name: it.name }), width: 96, loading: 'lazy' }) : null,
      h('p', { class: 'item-title' }, link),
      it.kind === 'file' ? h('p', { class: 'item-meta' }, size(it.bytes)) : null,
      it.kind === 'folder' ? h('p', null, h(ZipLink, { id: it.id, name: it.name })) : null,
      held && it.scan === 'pending' ? h('p', { class: 'item-meta' }, t('files.scan_pending')) : null,
      held && it.scan === 'blocked' ? h('p', { class: 'alert alert-error' }, t('files.scan_blocked')) : null,
      it.kind === 'file' ? h('p', null, h('button', { type: 'button', class: 'button button-secondary', 'aria-expanded': showVersions ? 'true' : 'false',
        onClick: () => setShowVersions(!showVersions) }, t('files.versions'), h('span', { class: 'visually-hidden' }, ` ${it.name}`))) : null,
      showVersions ? h(Versions, { it, space, reload }) : null,
      mayShare ? h('p', null, h('button', { type: 'button', class: 'button button-secondary', 'aria-expanded': sharing ? 'true' : 'false',
        onClick: () => setSharing(!sharing) }, t('files.share'), h('span', { class: 'visually-hidden' }, ` ${it.name}`))) : null,
      sharing ? h(Share, { it }) : null,
      space.can_write && !renaming ? h('p', { class: 'actions' },
        h('button', { type: 'button', class: 'button button-secondary', onClick: () => setRenaming(true) }, t('files.rename'),
          h('span', { class: 'visually-hidden' }, ` ${it.name}`)), ' ',
        h(MoveToggle, { it, open: moving, setOpen: setMoving }), ' ',
        h(k.ConfirmDialog, { trigger: h(Fragment, null, t('files.delete'), h('span', { class: 'visually-hidden' }, ` ${it.name}`)),
          title: t('files.delete_confirm', { name: it.name }), confirmLabel: t('files.delete'), kind: 'danger', onConfirm: () => remove.run() },
          h('p', null, t('files.delete_text')))) : null,
      h(k.ErrorAlert, { error: remove.error }),
      moving ? h(Move, { it, space: spaceKey, reload, onClose: () => setMoving(false) }) : null,
      renaming ? h('form', { class: 'form', noValidate: true, onSubmit: k.onSubmit(rename.run) },
        h(k.ErrorAlert, { error: rename.error }),
        h(k.Field, { label: t('files.rename_label', { name: it.name }), value: name, onValue: setName, autoComplete: 'off' }),
        h(k.Submit, { busy: rename.busy }, t('files.save')), ' ',
        h('button', { type: 'button', class: 'button button-secondary', onClick: () => setRenaming(false) }, t('files.cancel'))) : null);
  }

  // Several files with a progress bar each; "Abbrechen" stops the file being sent and the rest.
  function Upload({ space, folder, limits, reload }) {
    const [chosen, setChosen] = useState([]);
    const [progress, setProgress] = useState({});
    const [controller, setController] = useState(null);
    const upload = k.useAction(async () => {
      if (!chosen.length) throw new Error(t('files.none_chosen'));
      const abort = new AbortController();
      setController(abort);
      setProgress({});
      try {
        const stored = await uploadAll(shell, space, folder, chosen, (name, state) => {
          setProgress((p) => ({ ...p, [name]: state }));
          if (state.done) shell.announce(t('files.uploaded', { name }));
        }, abort.signal, limits && limits.max_file_bytes);
        if (stored < chosen.length) shell.announce(t('files.some_failed', { count: chosen.length - stored }));
      } finally {
        setController(null);
      }
      reload();
    });
    return h('form', { class: 'form', noValidate: true, onSubmit: k.onSubmit(upload.run) },
      h('h2', null, t('files.upload')),
      h(k.ErrorAlert, { error: upload.error && upload.error.message }),
      h('div', { class: 'field' },
        h('label', { for: 'files-choose' }, t('files.choose')),
        h('input', { id: 'files-choose', type: 'file', multiple: true, 'aria-describedby': limits ? 'files-choose-hint' : undefined,
          onChange: (e) => setChosen([...e.currentTarget.files]) }),
        limits ? h('p', { id: 'files-choose-hint', class: 'hint' }, t('files.limits', { max: size(limits.max_file_bytes) })) : null),
      h('ul', { class: 'upload-list' }, Object.entries(progress).map(([name, p]) => h('li', { key: name },
        p.error ? h('p', { role: 'alert', class: 'alert alert-error' }, t('files.failed', { name, reason: p.error }))
          : h('progress', { max: 1, value: p.fraction, 'aria-label': t('files.progress', { name }) })))),
      h(k.Submit, { busy: upload.busy, busyText: t('files.uploading') }, t('files.upload_button')),
      controller ? h(Fragment, null, ' ', h('button', { type: 'button', class: 'button button-secondary', onClick: () => controller.abort() }, t('files.cancel_upload'))) : null);
  }

  function NewFolder({ space, folder, reload }) {
    const [name, setName] = useState('');
    const create = k.useAction(async () => {
      const f = await shell.api.post(`${API}/spaces/${space}/folders`, { name: name.trim(), parent_id: folder });
      shell.announce(t('files.folder_created', { name: f.name }));
      setName('');
      reload();
    });
    return h('form', { class: 'form', noValidate: true, onSubmit: k.onSubmit(create.run) },
      h('h2', null, t('files.new_folder')),
      h(k.ErrorAlert, { error: create.error }),
      h(k.Field, { label: t('files.folder_name'), value: name, onValue: setName, autoComplete: 'off', error: k.fieldError(create.error, 'name') }),
      h(k.Submit, { busy: create.busy }, t('files.create_folder')));
  }

  // The space's trash: what was deleted in the last 30 days, each with a restore button.
  function Trash({ space, reloadFolder }) {
    const state = k.useLoad(() => shell.api.get(`${API}/spaces/${space}/trash`), [space]);
    const restore = k.useAction(async (it) => {
      await shell.api.post(`${API}/items/${it.id}/restore`);
      shell.announce(t('files.restored', { name: it.name }));
      state.reload();
      reloadFolder();
    });
    // Deleting for good is what frees the space's quota.
    const purge = k.useAction(async (it) => {
      await shell.api.del(`${API}/items/${it.id}?permanent=1`);
      shell.announce(t('files.purged', { name: it.name }));
      state.reload();
      reloadFolder();
    });
    if (!state.data || !state.data.items.length) return null;
    return h(Fragment, null,
      h('h2', null, t('files.trash')),
      h(k.ErrorAlert, { error: restore.error || purge.error }),
      h('ul', { class: 'plain-list' }, state.data.items.map((it) => h('li', { key: it.id, class: 'item-card' },
        h('p', { class: 'item-title' }, it.name),
        h('p', { class: 'actions' },
          h('button', { type: 'button', class: 'button button-secondary', 'aria-label': t('files.restore_label', { name: it.name }),
            onClick: () => restore.run(it) }, t('files.restore')), ' ',
          h(k.ConfirmDialog, { trigger: h(Fragment, null, t('files.purge'), h('span', { class: 'visually-hidden' }, ` ${it.name}`)),
            title: t('files.purge_confirm', { name: it.name }), confirmLabel: t('files.purge'), kind: 'danger', onConfirm: () => purge.run(it) },
            h('p', null, t('files.purge_text'))))))));
  }

  return function Folder({ params, query }) {
    const space = `${params.kind}/${params.ref}`;
    const folder = Number(query.get('folder') || 0);
    const base = `/files/${space}`;
    const state = k.useLoad(() => shell.api.get(`${API}/spaces/${space}?folder=${folder}`), [space, folder]);
    if (state.error) return h(k.RetryAlert, { error: state.error, what: t('files.load_failed'), onRetry: state.reload });
    if (!state.data) return h(k.Loading);
    const d = state.data;
    return h(Fragment, null,
      h('nav', { 'aria-label': t('files.path') }, h('ol', { class: 'breadcrumbs' },
        h('li', null, h('a', { href: base }, spaceName(d.space))),
        d.path.map((c) => h('li', { key: c.id }, h('a', { href: `${base}?folder=${c.id}` }, c.name))))),
      d.space.can_write ? null : h(k.Notice, null, t('files.read_only')),
      h('h2', null, t('files.content')),
      h(Usage, { usage: d.usage }),
      folder && d.items.length ? h('p', null, h(ZipLink, { id: folder, name: d.path.length ? d.path[d.path.length - 1].name : '' })) : null,
      d.items.length
        ? h('ul', { class: 'plain-list' }, d.items.map((it) => h(Item, { key: it.id, it, base, space: d.space, spaceKey: space, reload: state.reload })))
        : h('p', null, t('files.empty')),
      d.space.can_write ? h(Upload, { space, folder, limits: d.limits, reload: state.reload }) : null,
      d.space.can_write ? h(NewFolder, { space, folder, reload: state.reload }) : null,
      d.space.can_write ? h(Trash, { key: `trash-${d.items.length}`, space, reloadFolder: state.reload }) : null);
  };
}
