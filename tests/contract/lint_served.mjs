// Starts the real server with every bundled plugin enabled, fetches GET /api/openapi.json (the
// merged description), writes it to the file given as argument (the response check reads it) and
// lints it with Redocly's recommended rules (npm @redocly/cli). Fails on any lint error.
//   node tests/contract/lint_served.mjs build/test-output/openapi.json
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startServer } from '../browser/lib/server.mjs';
import { repoRoot, resolveModule } from '../browser/lib/env.mjs';

const out = process.argv[2];
if (!out) {
  console.error('usage: lint_served.mjs <output file for the served description>');
  process.exit(2);
}

// Every bundled plugin: a folder of plugins/ with a CMakeLists.txt.
const bundled = readdirSync(join(repoRoot, 'plugins'))
  .filter((name) => existsSync(join(repoRoot, 'plugins', name, 'CMakeLists.txt')))
  .sort();

function redoclyBin() {
  try {
    return join(dirname(resolveModule('@redocly/cli/package.json')), 'bin', 'cli.js');
  } catch {
    console.error('@redocly/cli is not installed: run `npm ci` in frontend/');
    process.exit(1);
  }
}

const server = await startServer({ extraToml: `[plugins]\nenabled = ${JSON.stringify(bundled)}\n` });
let text;
try {
  const res = await fetch(`${server.url}/api/openapi.json`);
  text = await res.text();
  if (res.status !== 200 || !(res.headers.get('content-type') ?? '').startsWith('application/json')) {
    console.error(`GET /api/openapi.json answered ${res.status} ${res.headers.get('content-type')}:\n${text.slice(0, 2000)}`);
    process.exit(1);
  }
} finally {
  await server.stop();
}
const doc = JSON.parse(text);
for (const name of bundled) {
  const own = Object.keys(doc.paths ?? {}).filter((p) => p.startsWith(`/api/p/${name}/`));
  console.log(`plugin ${name}: ${own.length} paths in the served description`);
}
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(doc, null, 2));

const lint = spawnSync(process.execPath, [redoclyBin(), 'lint', '--extends', 'recommended', '--format', 'codeframe', out], {
  stdio: 'inherit',
  env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
});
process.exit(lint.status ?? 1);
