// For the SFU browser test: a real Janus on the loopback (tests/video/janus/janus_loopback.sh,
// Debian's janus package) and nginx in front of Quartier and Janus with the documented location
// (docs/nginx/janus.conf), so the browser reaches both on one origin as in production.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync, existsSync, chmodSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { repoRoot } from '../../browser/lib/env.mjs';

export const ADMIN_KEY = 'room-admin-key-for-browser-tests';
export const ADMIN_SECRET = 'admin-secret-for-browser-tests';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
    s.on('error', reject);
  });
}

function has(cmd) {
  try { execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }); return true; } catch { return false; }
}

/** What the SFU test needs beyond the browser suite's prerequisites. */
export function missingSfuPrerequisites() {
  return ['janus', 'nginx'].filter((c) => !has(c)).map((c) => `${c} is missing (apt-get install -y ${c}; scripts/lib/packages.sh lists it)`);
}

async function waitUntil(what, check, exited) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (exited()) throw new Error(`${what}: the process stopped`);
    if (await check().catch(() => false)) return;
    await sleep(100);
  }
  throw new Error(`${what} did not happen within 30 s`);
}

function child(cmd, args, logFile) {
  const out = { exited: false };
  const fd = openSync(logFile, 'a');
  out.proc = spawn(cmd, args, { stdio: ['ignore', fd, fd] });
  out.proc.on('exit', () => { out.exited = true; });
  return out;
}

/** Starts Janus; returns { httpPort, wsPort, pluginToml, stop }. */
export async function startJanus() {
  const dir = mkdtempSync(join(tmpdir(), 'quartier-janus-'));
  const [httpPort, wsPort, adminPort] = [await freePort(), await freePort(), await freePort()];
  const script = join(repoRoot, 'tests', 'video', 'janus', 'janus_loopback.sh');
  const j = child('/bin/bash', [script, dir, String(httpPort), String(wsPort), ADMIN_KEY, String(adminPort), ADMIN_SECRET], join(dir, 'janus.log'));
  await waitUntil('Janus answering', async () => (await fetch(`http://127.0.0.1:${httpPort}/janus/info`)).ok, () => j.exited);
  return {
    httpPort,
    wsPort,
    log: () => readFileSync(join(dir, 'janus.log'), 'utf8'),
    pluginToml: ['[plugins.video]', `janus_admin_api = "http://127.0.0.1:${adminPort}/admin"`, `janus_room_admin_key = "${ADMIN_KEY}"`,
      `janus_admin_secret = "${ADMIN_SECRET}"`, 'http_allow = ["127.0.0.1"]', ''].join('\n'),
    /** One request to Janus's admin API (admin_secret added); its answer. */
    async admin(body, path = '') {
      const r = await fetch(`http://127.0.0.1:${adminPort}/admin${path}`, { method: 'POST', body: JSON.stringify({ ...body, admin_secret: ADMIN_SECRET, transaction: 'x' }) });
      return r.json();
    },
    async stop() {
      if (!j.exited) j.proc.kill('SIGTERM');
      for (let i = 0; i < 100 && !j.exited; i++) await sleep(50);
      if (!j.exited) j.proc.kill('SIGKILL');
      if (!process.env.QUARTIER_KEEP_TEST_DIRS) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** nginx on a free loopback port: / to Quartier, /janus-ws to Janus (docs/nginx/janus.conf). */
export async function startNginx(quartierUrl, janusWsPort) {
  const dir = mkdtempSync(join(tmpdir(), 'quartier-nginx-'));
  chmodSync(dir, 0o755);
  const port = await freePort();
  const sample = readFileSync(join(repoRoot, 'docs', 'nginx', 'janus.conf'), 'utf8');
  if (!sample.includes('proxy_pass http://127.0.0.1:8188/;')) throw new Error('docs/nginx/janus.conf changed: update tests/video/browser/janus.mjs');
  writeFileSync(join(dir, 'janus.conf'), sample.replace('proxy_pass http://127.0.0.1:8188/;', `proxy_pass http://127.0.0.1:${janusWsPort}/;`));
  const root = process.getuid && process.getuid() === 0 ? 'user root;' : '';
  writeFileSync(join(dir, 'nginx.conf'), `${root}
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fcgi;
  uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  map $http_upgrade $conn { default upgrade; '' ''; }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass ${quartierUrl};
      proxy_http_version 1.1;
      proxy_set_header Host $http_host;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $conn;
      proxy_read_timeout 120s;
    }
    include ${dir}/janus.conf;
  }
}
`);
  const n = child('nginx', ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], join(dir, 'nginx.out'));
  const url = `http://127.0.0.1:${port}`;
  await waitUntil('nginx answering', async () => (await fetch(`${url}/healthz`)).ok, () => n.exited);
  return {
    url,
    async stop() {
      if (!n.exited) n.proc.kill('SIGTERM');
      for (let i = 0; i < 100 && !n.exited; i++) await sleep(50);
      if (!n.exited) n.proc.kill('SIGKILL');
      if (existsSync(dir) && !process.env.QUARTIER_KEEP_TEST_DIRS) rmSync(dir, { recursive: true, force: true });
    },
  };
}
