// Photos of a listing or a business: a gallery (thumbnails that open the full picture) and, for
// those who may, adding a photo with a file input and deleting one. The upload is the raw file
// (the server streams it to disk and re-encodes it without metadata), sent with fetch and the
// CSRF token from GET /api/me like every other state change; the server says what was wrong
// (not a picture, too many) and the message is shown at the input.
import { API } from './common.js';

let token = null;
async function csrf(shell) {
  if (!token) token = (await shell.api.get('/api/me')).csrf_token || '';
  return token;
}

// "Deutsch. / English.": the half in the reader's language, as the shell's own requests show it.
function pick(shell, message) {
  const parts = message.split(' / ');
  if (parts.length !== 2 || !parts[0].trim() || !parts[1].trim()) return message;
  return (shell.language() === 'de' ? parts[0] : parts[1]).trim();
}

async function upload(shell, path, file) {
  let response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': file.type || 'application/octet-stream', 'X-CSRF-Token': await csrf(shell) },
      body: file,
      credentials: 'same-origin',
    });
  } catch {
    throw new shell.ApiError(0, 'network', shell.t('market.photo_network'));
  }
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    const err = (data && data.error) || {};
    throw new shell.ApiError(response.status, err.code || `http_${response.status}`, err.message ? pick(shell, err.message) : shell.t('market.photo_failed'));
  }
  return data;
}

export function photoParts(shell, { h, k, t }) {
  const { useState } = shell.preact.hooks;

  // Thumbnails as links to the full picture; the alt text names what is shown and which photo.
  function Gallery({ photos, what, onDelete }) {
    if (!photos || !photos.length) return null;
    return h('ul', { class: 'plain-list market-photos' }, photos.map((p, i) => h('li', { key: p.id },
      h('a', { href: p.url, target: '_blank', rel: 'noopener' },
        h('img', { src: p.thumb_url, alt: t('market.photo_alt', { what, n: i + 1 }), width: 160, height: 160, loading: 'lazy' })),
      onDelete ? h(k.BusyButton, { onPress: () => onDelete(p) }, t('market.photo_delete')) : null)));
  }

  // A file input; the chosen picture is sent at once. onAdded() reloads the owner.
  function PhotoUpload({ path, onAdded, count, max }) {
    const [key, setKey] = useState(0);  // a new input after each upload clears the choice
    const send = k.useAction(async (file) => {
      await upload(shell, path, file);
      shell.announce(t('market.photo_added'));
      setKey(key + 1);
      onAdded();
    });
    if (count >= max) return h('p', { class: 'hint' }, t('market.photo_max', { max }));
    const id = `market-photo-${path.replace(/\W/g, '-')}`;
    return h('div', { class: 'field' },
      h('label', { for: id }, t('market.photo_add')),
      h('p', { class: 'hint', id: `${id}-hint` }, t('market.photo_hint', { max })),
      h('input', { key, id, type: 'file', accept: 'image/jpeg,image/png,image/webp,image/gif', 'aria-describedby': `${id}-hint`,
        disabled: send.busy, onChange: (e) => e.currentTarget.files[0] && send.run(e.currentTarget.files[0]) }),
      send.busy ? h(k.Loading) : null,
      h(k.ErrorAlert, { error: send.error }));
  }

  const remove = async (p, reload) => {
    await shell.api.del(`${API}/photos/${p.id}`);
    shell.announce(t('market.photo_deleted'));
    reload();
  };

  return { Gallery, PhotoUpload, remove };
}
