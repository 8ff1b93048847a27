// The group's details as a form: creating a group (/groups/new) and its settings on the group
// page. The server's refusal of one field shows at that field.
import { API, CATEGORIES, VISIBILITIES, parts } from './common.js';

export function groupForms(shell) {
  const { h, Fragment, k, t, options, Section, useNeighbourhoods } = parts(shell);
  const { useState } = shell.preact.hooks;

  function GroupForm({ initial, create, owner, submitLabel, send }) {
    const [name, setName] = useState(initial.name || '');
    const [slug, setSlug] = useState('');
    const [description, setDescription] = useState(initial.description || '');
    const [category, setCategory] = useState(initial.category || 'verein');
    const [hood, setHood] = useState('0');
    const [visibility, setVisibility] = useState(initial.visibility || 'public');
    const hoods = useNeighbourhoods();
    const save = k.useAction(async () => {
      const body = { name: name.trim(), description, category };
      if (create) {
        body.neighbourhood_id = Number(hood);
        if (slug.trim()) body.slug = slug.trim();
      }
      if (create || owner) body.visibility = visibility;
      await send(body);
    });
    const err = (field) => k.fieldError(save.error, field);
    return h('form', { class: 'form', noValidate: true, onSubmit: k.onSubmit(save.run) },
      h(k.ErrorAlert, { error: save.error }),
      h(k.Field, { label: t('groups.name'), value: name, onValue: setName, maxLength: 120, autoComplete: 'off', error: err('name') }),
      create ? h(k.Field, { label: t('groups.slug'), value: slug, onValue: setSlug, maxLength: 64, error: err('slug') }) : null,
      h(k.TextArea, { label: t('groups.description'), value: description, onValue: setDescription, rows: 4, maxLength: 4000, error: err('description') }),
      h(k.Select, { label: t('groups.category'), value: category, onValue: setCategory, options: options(CATEGORIES, 'groups.cat') }),
      create ? h(k.Select, { label: t('groups.neighbourhood'), value: hood, onValue: setHood,
        options: [{ value: '0', label: t('groups.city_wide') }, ...(hoods.data || []).map((n) => ({ value: String(n.id), label: n.name }))] }) : null,
      create || owner ? h(k.RadioGroup, { legend: t('groups.visibility'), value: visibility, onValue: setVisibility, options: options(VISIBILITIES, 'groups.vis') }) : null,
      h(k.Submit, { busy: save.busy }, submitLabel));
  }

  function NewGroup() {
    const send = async (body) => {
      const g = await shell.api.post(`${API}/groups`, body);
      shell.navigate(`/groups/${g.slug}`);
    };
    return h(GroupForm, { initial: {}, create: true, submitLabel: t('groups.create'), send });
  }

  // The group picture: uploaded (the server removes location data and scales it), shown, removed.
  function Picture({ g, base, reload }) {
    const [busy, setBusy] = useState(false);
    const [error, setError] = useState(null);
    const upload = async (input) => {
      const file = input.files && input.files[0];
      if (!file) return;
      setBusy(true);
      setError(null);
      try {
        await shell.upload(`${base}/picture`, file, { method: 'PUT' });
        shell.announce(t('groups.picture_saved'));
        reload();
      } catch (e) {
        setError(e);
      } finally {
        setBusy(false);
        input.value = '';
      }
    };
    const remove = k.useAction(async () => {
      await shell.api.del(`${base}/picture`);
      shell.announce(t('groups.picture_removed'));
      reload();
    });
    const id = `group-picture-${g.id}`;
    return h(Fragment, null,
      h('h3', null, t('groups.picture')),
      h(k.ErrorAlert, { error: error || remove.error }),
      h('p', { class: 'hint', id: `${id}-hint` }, t('groups.picture_hint')),
      h('p', { class: 'picture-add' },
        h('input', { id, type: 'file', class: 'file-input', accept: 'image/jpeg,image/png,image/webp,image/gif', disabled: busy,
          'aria-describedby': `${id}-hint`, onChange: (e) => upload(e.currentTarget) }),
        h('label', { for: id, class: 'button button-secondary' }, busy ? t('groups.picture_uploading') : t('groups.picture_upload'))),
      g.image ? h('p', null, h('button', { type: 'button', class: 'link-button', onClick: () => remove.run() }, t('groups.picture_remove'))) : null);
  }

  function Settings({ g, base, reload }) {
    const send = async (body) => {
      await shell.api.patch(base, body);
      shell.announce(t('groups.saved'));
      reload();
    };
    const [confirm, setConfirm] = useState('');
    const remove = k.useAction(async () => {
      await shell.api.del(base, { confirm: confirm.trim() });
      shell.announce(t('groups.deleted'));
      shell.navigate('/groups');
    });
    const mayDelete = g.my_role === 'owner' || (shell.user() || {}).role === 'admin';
    return h(Section, { title: t('groups.settings') },
      h(GroupForm, { initial: g, owner: g.my_role === 'owner', submitLabel: t('groups.save'), send }),
      h(Picture, { g, base, reload }),
      mayDelete ? h(Fragment, null,
        h('h3', null, t('groups.delete')),
        h('form', { class: 'form', noValidate: true, onSubmit: k.onSubmit(remove.run) },
          h(k.ErrorAlert, { error: remove.error }),
          h(k.Field, { label: t('groups.delete_confirm'), hint: t('groups.delete_hint', { slug: g.slug }), value: confirm, onValue: setConfirm, autoComplete: 'off' }),
          h(k.Submit, { busy: remove.busy, kind: 'danger' }, t('groups.delete')))) : null);
  }

  return { NewGroup, Settings };
}
