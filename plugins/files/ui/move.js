// "Verschieben": a file or folder into another folder of the same space. The picker lists the
// space's folders as a tree; the folder it is in now, and for a folder itself and its own
// folders, are offered but disabled with the reason; the server's refusal (a name clash, a
// folder gone meanwhile) is shown in words. German first, English second.
import { API } from './upload.js';

export function moveParts(shell) {
  const t = shell.t;
  const { h } = shell.preact;
  const { useState } = shell.preact.hooks;
  const k = shell.kit;

  // The picker's options: the top level, then the tree; `why` says why one is not possible.
  function choices(it, folders) {
    const inside = new Set(it.kind === 'folder' ? [it.id] : []);
    for (const f of folders) if (inside.has(f.parent_id)) inside.add(f.id);  // a parent comes before its folders
    const here = it.parent_id || 0;
    const why = (id) => (id === here ? t('files.move_here') : inside.has(id) ? t('files.move_into_itself') : '');
    return [{ id: 0, label: t('files.top'), why: why(0) },
      ...folders.map((f) => ({ id: f.id, label: `${'\u00a0\u00a0'.repeat(f.depth + 1)}${f.name}`, why: why(f.id) }))];
  }

  function Move({ it, space, reload, onClose }) {
    const tree = k.useLoad(() => shell.api.get(`${API}/spaces/${space}/folders`), [space]);
    const [target, setTarget] = useState('');
    const id = `files-move-${it.id}`;
    const move = k.useAction(async () => {
      if (target === '') throw Object.assign(new Error(t('files.move_choose')), { local: true });
      const opts = choices(it, tree.data.folders);
      const to = opts.find((o) => String(o.id) === target);
      await shell.api.patch(`${API}/items/${it.id}`, { parent_id: Number(target) });
      shell.announce(t('files.moved', { name: it.name, folder: to ? to.label.trim() : '' }));
      onClose();
      reload();
    });
    if (tree.error) return h(k.RetryAlert, { error: tree.error, what: t('files.load_failed'), onRetry: tree.reload });
    if (!tree.data) return h(k.Loading);
    const error = move.error && move.error.local ? move.error.message : move.error;
    return h('form', { class: 'form', noValidate: true, onSubmit: k.onSubmit(move.run) },
      h(k.ErrorAlert, { error }),
      h('div', { class: 'field' },
        h('label', { for: id }, t('files.move_label', { name: it.name })),
        h('p', { class: 'hint', id: `${id}-hint` }, t('files.move_hint')),
        h('select', { id, value: target, 'aria-describedby': `${id}-hint`, onChange: (e) => setTarget(e.currentTarget.value) },
          h('option', { value: '' }, t('files.move_pick')),
          choices(it, tree.data.folders).map((o) => h('option', { key: o.id, value: String(o.id), disabled: !!o.why },
            o.why ? `${o.label} (${o.why})` : o.label)))),
      h(k.Submit, { busy: move.busy }, t('files.move_button')), ' ',
      h('button', { type: 'button', class: 'button button-secondary', onClick: onClose }, t('files.cancel')));
  }

  // The button that opens the picker below an item.
  function MoveToggle({ it, open, setOpen }) {
    return h('button', { type: 'button', class: 'button button-secondary', 'aria-expanded': open ? 'true' : 'false',
      onClick: () => setOpen(!open) }, t('files.move'), h('span', { class: 'visually-hidden' }, ` ${it.name}`));
  }

  return { Move, MoveToggle };
}
