// Uploading several files one after the other through the shell's upload helper (shell API 3:
// progress, the CSRF token, cancelling, errors in the reader's words for 413/415/network). The
// body is the raw file, which the server streams to disk.
export const API = '/api/p/files';

// Uploads `files` into the folder; onState(name, {fraction, error?, done?}) after every change.
// `signal` cancels the file being sent and skips the rest; a file over `maxBytes` is not sent
// (the server would refuse it after the whole transfer). Resolves with the count of files stored.
export async function uploadAll(shell, space, folder, files, onState, signal, maxBytes) {
  let stored = 0;
  for (const file of files) {
    if (signal && signal.aborted) {
      onState(file.name, { fraction: 0, error: shell.t('files.skipped') });
      continue;
    }
    if (maxBytes && file.size > maxBytes) {
      onState(file.name, { fraction: 0, error: shell.t('files.too_big', { max: `${Math.floor(maxBytes / 1024 / 1024)} MB` }) });
      continue;
    }
    const url = `${API}/spaces/${space}/files?name=${encodeURIComponent(file.name)}&folder=${folder}`;
    onState(file.name, { fraction: 0 });
    try {
      await shell.upload(url, file, { signal, contentType: 'application/octet-stream', onProgress: (f) => onState(file.name, { fraction: f }) });
      stored += 1;
      onState(file.name, { fraction: 1, done: true });
    } catch (e) {
      onState(file.name, { fraction: 0, error: e && e.message ? e.message : String(e) });
    }
  }
  return stored;
}
