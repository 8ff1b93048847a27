// Uploading several files one after the other, each with its own progress bar. The body is the
// raw file (the server streams it to disk); XMLHttpRequest because fetch cannot report upload
// progress. The CSRF token comes from GET /api/me, as for every state change.
export const API = '/api/p/files';

let token = null;
async function csrf(shell) {
  if (!token) token = (await shell.api.get('/api/me')).csrf_token || '';
  return token;
}

function send(url, file, csrfToken, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onerror = () => reject(new Error('network'));
    xhr.onload = () => {
      let data = null;
      try {
        data = JSON.parse(xhr.responseText || 'null');
      } catch {
        data = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(data);
      else reject(Object.assign(new Error((data && data.error && data.error.message) || `HTTP ${xhr.status}`), { status: xhr.status }));
    };
    xhr.send(file);
  });
}

// Uploads `files` into the folder; onState(name, fraction, error) after every change.
export async function uploadAll(shell, space, folder, files, onState) {
  const csrfToken = await csrf(shell);
  for (const file of files) {
    const url = `${API}/spaces/${space}/files?name=${encodeURIComponent(file.name)}&folder=${folder}`;
    onState(file.name, 0, null);
    try {
      await send(url, file, csrfToken, (f) => onState(file.name, f, null));
      onState(file.name, 1, null);
    } catch (e) {
      onState(file.name, 0, pick(shell, e.message));
    }
  }
}

// The core's messages are "Deutsch / English": the part for the reader's language.
function pick(shell, message) {
  const parts = String(message).split(' / ');
  return parts.length === 2 ? parts[shell.language() === 'de' ? 0 : 1] : message;
}
