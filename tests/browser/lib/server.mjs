// Starts the real Quartier server on a free loopback port with a temporary configuration
// and an SQLite database in a temporary folder; mail goes to an outbox folder as .eml files.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, existsSync, readdirSync, rmSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serverBin, webRoot } from './env.mjs';

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

function tomlString(s) {
  return JSON.stringify(s); // TOML basic strings share JSON's escapes for what we write here.
}

export async function startServer({ municipality = 'Teststadt', extraToml = '' } = {}) {
  // For working on the UI: QUARTIER_TEST_BASE_URL points the tests at a server already running.
  if (process.env.QUARTIER_TEST_BASE_URL) {
    return { url: process.env.QUARTIER_TEST_BASE_URL.replace(/\/$/, ''), dir: '', outbox: '', log: () => '', mails: () => [],
      async waitForMail() { throw new Error('no outbox with QUARTIER_TEST_BASE_URL'); }, async stop() {} };
  }
  const dir = mkdtempSync(join(tmpdir(), 'quartier-browser-'));
  const outbox = join(dir, 'outbox');
  const portFile = join(dir, 'port');
  const config = join(dir, 'quartier.toml');
  writeFileSync(
    config,
    [
      '[server]',
      'listen = "127.0.0.1:0"',
      `web_root = ${tomlString(webRoot)}`,
      '',
      '[database]',
      `url = ${tomlString('sqlite:' + join(dir, 'q.db'))}`,
      '',
      '[municipality]',
      `name = ${tomlString(municipality)}`,
      '',
      '[mail]',
      `outbox_dir = ${tomlString(outbox)}`,
      '',
      extraToml,
    ].join('\n'),
  );
  const logFile = join(dir, 'server.log');
  const log = openSync(logFile, 'a');
  // The server treats every QUARTIER_* variable as a configuration override and refuses unknown
  // ones, so the test's own QUARTIER_TEST_*, QUARTIER_BIN, ... must not reach it.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('QUARTIER_')));
  const child = spawn(serverBin, ['--config', config, 'serve', '--port-file', portFile], {
    stdio: ['ignore', log, log],
    env,
  });
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = { code, signal };
  });
  const deadline = Date.now() + 30_000;
  let port = 0;
  while (Date.now() < deadline) {
    if (exited) break;
    if (existsSync(portFile)) {
      port = Number(readFileSync(portFile, 'utf8').trim());
      if (port) break;
    }
    await sleep(100);
  }
  const logText = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
  if (!port) {
    child.kill('SIGKILL');
    throw new Error(`the server did not start (exit ${JSON.stringify(exited)}); its log:\n${logText()}`);
  }
  const url = `http://127.0.0.1:${port}`;
  while (Date.now() < deadline) {
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) break;
    } catch {
      // not yet accepting
    }
    await sleep(100);
  }
  return {
    url,
    dir,
    outbox,
    log: logText,
    /** Every mail written so far, newest last, as raw .eml text. */
    mails() {
      if (!existsSync(outbox)) return [];
      return readdirSync(outbox)
        .filter((f) => f.endsWith('.eml'))
        .sort()
        .map((f) => readFileSync(join(outbox, f), 'utf8'));
    },
    /** Waits for a mail to `to` whose text matches `pattern`; returns the first capture group or match. */
    async waitForMail(to, pattern, timeoutMs = 20_000) {
      const end = Date.now() + timeoutMs;
      while (Date.now() < end) {
        for (const raw of this.mails().reverse()) {
          const text = decodeMail(raw);
          if (!text.toLowerCase().includes(to.toLowerCase())) continue;
          const m = text.match(pattern);
          if (m) return m[1] ?? m[0];
        }
        await sleep(200);
      }
      throw new Error(`no mail to ${to} matching ${pattern} within ${timeoutMs} ms in ${outbox}`);
    },
    async stop() {
      if (!exited) {
        child.kill('SIGTERM');
        const end = Date.now() + 10_000;
        while (!exited && Date.now() < end) await sleep(50);
        if (!exited) child.kill('SIGKILL');
      }
      if (!process.env.QUARTIER_KEEP_TEST_DIRS) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Undo quoted-printable soft breaks and =XX escapes, and base64 bodies, so links can be found. */
export function decodeMail(raw) {
  let text = raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, h) => String.fromCharCode(parseInt(h, 16)));
  const b64 = raw.split(/\r?\n\r?\n/).slice(1).join('\n').replace(/\s+/g, '');
  if (/^[A-Za-z0-9+/=]{40,}$/.test(b64)) {
    try {
      text += '\n' + Buffer.from(b64, 'base64').toString('utf8');
    } catch {
      // not base64 after all
    }
  }
  return text;
}
