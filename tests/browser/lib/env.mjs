// Where things are, and what is missing. The browser tests need: the built server
// (QUARTIER_BIN, default build/bin/quartier), the built web UI (frontend/dist), the frontend's
// node modules (playwright-core, axe-core) and Debian's chromium. None of them is downloaded here.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const frontendDir = join(repoRoot, 'frontend');
export const webRoot = process.env.QUARTIER_WEB_ROOT ?? join(frontendDir, 'dist');
export const serverBin = process.env.QUARTIER_BIN ?? join(repoRoot, 'build', 'bin', 'quartier');
export const outputDir = process.env.QUARTIER_TEST_OUTPUT ?? join(repoRoot, 'test-output');
export const chromiumPath = process.env.QUARTIER_CHROMIUM ?? '/usr/bin/chromium';
export const requireBrowser = process.env.QUARTIER_TEST_REQUIRE_BROWSER === '1';

const requireFromFrontend = createRequire(join(frontendDir, 'package.json'));

/** Reasons the suite cannot run; empty when everything is in place. */
export function missingPrerequisites() {
  const missing = [];
  if (!existsSync(chromiumPath)) missing.push(`chromium not found at ${chromiumPath} (apt-get install -y chromium)`);
  if (!process.env.QUARTIER_TEST_BASE_URL && !existsSync(serverBin)) missing.push(`server binary not found at ${serverBin} (ninja -C build quartier)`);
  if (!existsSync(join(webRoot, 'index.html'))) missing.push(`web UI not built in ${webRoot} (source scripts/lib/frontend.sh; frontend_build)`);
  try {
    requireFromFrontend.resolve('playwright-core');
    requireFromFrontend.resolve('axe-core/axe.min.js');
  } catch {
    missing.push(`node modules missing in ${frontendDir} (npm ci there)`);
  }
  return missing;
}

export function load(name) {
  return requireFromFrontend(name);
}

export function resolveModule(name) {
  return requireFromFrontend.resolve(name);
}

/**
 * For node:test: returns options that skip a suite when something is missing, unless
 * QUARTIER_TEST_REQUIRE_BROWSER=1, in which case the first test fails with the reasons.
 */
export function suiteGate() {
  const missing = missingPrerequisites();
  if (missing.length === 0) return { skip: false, missing };
  if (requireBrowser) return { skip: false, missing };
  return { skip: `browser tests skipped: ${missing.join('; ')}`, missing };
}
