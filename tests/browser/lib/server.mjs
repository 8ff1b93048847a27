// Starts the real Quartier server on a free loopback port with a temporary configuration
// and an SQLite database in a temporary folder; mail goes to an outbox folder as .eml files.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, existsSync, readdirSync, rmSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serverBin, webRoot, repoRoot } from './env.mjs';

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

function tomlString(s) {
  return JSON.stringify(s); // TOML basic strings share JSON's escapes for what we write here.
}

/**
 * Starts the test SMTP server (tests/support/smtp_sink.py, Debian's python3-aiosmtpd) on a free
 * loopback port; every mail it receives lands as a .eml file in `dir`.
 */
async function startSmtpSink(dir) {
  const folder = join(dir, 'smtp');
  const portFile = join(dir, 'smtp-port');
  // Debian's python3 has aiosmtpd; a python3 earlier in PATH (pyenv, venv) may not.
  const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
  const child = spawn(python, [join(repoRoot, 'tests', 'support', 'smtp_sink.py'), '--dir', folder, '--port-file', portFile], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline && !exited) {
    if (existsSync(portFile)) {
      const port = Number(readFileSync(portFile, 'utf8').trim());
      if (port) return { folder, port, stop: () => !exited && child.kill('SIGTERM') };
    }
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new Error('the test SMTP server (tests/support/smtp_sink.py, needs python3-aiosmtpd) did not start');
}

/**
 * Options: municipality, extraToml (more TOML sections), smtp (true: mail goes over SMTP to the
 * test SMTP server instead of the outbox folder; waitForMail reads what that server received),
 * root (the web UI folder; default the built frontend/dist).
 */
export async function startServer({ municipality = 'Teststadt', extraToml = '', smtp = false, root = webRoot } = {}) {
  // For working on the UI: QUARTIER_TEST_BASE_URL points the tests at a server already running.
  if (process.env.QUARTIER_TEST_BASE_URL) {
    return { url: process.env.QUARTIER_TEST_BASE_URL.replace(/\/$/, ''), dir: '', outbox: '', log: () => '', mails: () => [],
      cli() { throw new Error('no CLI with QUARTIER_TEST_BASE_URL'); },
      async waitForMail() { throw new Error('no outbox with QUARTIER_TEST_BASE_URL'); }, async stop() {} };
  }
  const dir = mkdtempSync(join(tmpdir(), 'quartier-browser-'));
  const sink = smtp ? await startSmtpSink(dir) : null;
  const outbox = sink ? sink.folder : join(dir, 'outbox');
  const portFile = join(dir, 'port');
  const config = join(dir, 'quartier.toml');
  writeFileSync(
    config,
    [
      '[server]',
      'listen = "127.0.0.1:0"',
      'development = true',
      `web_root = ${tomlString(root)}`,
      '',
      '[database]',
      `url = ${tomlString('sqlite:' + join(dir, 'q.db'))}`,
      '',
      '[municipality]',
      `name = ${tomlString(municipality)}`,
      '',
      '[mail]',
      sink ? `smtp_url = ${tomlString(`smtp://127.0.0.1:${sink.port}`)}` : `outbox_dir = ${tomlString(outbox)}`,
      '',
      '[media]',
      `dir = ${tomlString(join(dir, 'media'))}`,
      '',
      extraToml,
    ].join('\n'),
  );
  const logFile = join(dir, 'server.log');
  const log = openSync(logFile, 'a');
  // The server treats every QUARTIER_* variable as a configuration override and refuses unknown
  // ones, so the test's own QUARTIER_TEST_*, QUARTIER_BIN, ... must not reach it.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('QUARTIER_')));
  env.QUARTIER_PUSH_VAPID_KEY_FILE = join(dir, 'vapid-private.pem');  // not in data/ of the working folder
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
    sink?.stop();
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
    config,
    log: logText,
    /** Runs `quartier --config <this config> ARGS...` (the operator's CLI) and returns its output. */
    cli(args, input) {
      return execFileSync(serverBin, ['--config', config, ...args], { env, input, encoding: 'utf8', timeout: 30_000 });
    },
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
      sink?.stop();
      if (!process.env.QUARTIER_KEEP_TEST_DIRS) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The text of a mail with its transfer encoding undone (quoted-printable or base64 bodies), so
 * links can be found. 8bit and 7bit bodies are returned as they are: decoding "=XX" there would
 * corrupt a token that happens to contain "=" followed by two hex digits.
 */
export function decodeMail(raw) {
  const split = raw.search(/\r?\n\r?\n/);
  const headers = split < 0 ? raw : raw.slice(0, split);
  const body = split < 0 ? '' : raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const encoding = (headers.match(/^Content-Transfer-Encoding:\s*([\w-]+)/im)?.[1] ?? '8bit').toLowerCase();
  let text = body;
  if (encoding === 'quoted-printable') {
    text = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, h) => String.fromCharCode(parseInt(h, 16)));
  } else if (encoding === 'base64') {
    text = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  }
  return `${headers}\n\n${text}`;
}
