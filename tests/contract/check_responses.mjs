// Validates every JSON response the integration, groups and plugins suites received (the JSONL
// log tests/support/http_client.cpp writes), and every frame WebSocket /api/live sent them,
// against the description the server serves. Lists
// each distinct mismatch once (operation, status, schema path, what differed, an example
// request and test) and fails when there is one, or when nothing was recorded.
//   node tests/contract/check_responses.mjs build/test-output/openapi.json build/test-output/responses.jsonl
import { existsSync, readFileSync } from 'node:fs';
import { ContractChecker } from './contract.mjs';

const [descriptionFile, logFile] = process.argv.slice(2);
if (!descriptionFile || !logFile) {
  console.error('usage: check_responses.mjs <openapi.json> <responses.jsonl>');
  process.exit(2);
}
for (const f of [descriptionFile, logFile])
  if (!existsSync(f)) {
    console.error(`${f} is missing: run the contract tests through ctest (they run the recording suites first)`);
    process.exit(1);
  }

const checker = new ContractChecker(JSON.parse(readFileSync(descriptionFile, 'utf8')));
const lines = readFileSync(logFile, 'utf8').split('\n').filter(Boolean);
const mismatches = new Map();
const skipped = new Map();
let checked = 0;
let frames = 0;
for (const line of lines) {
  const record = JSON.parse(line);
  const result = checker.check(record);
  if (result?.skipped) {
    skipped.set(result.skipped, (skipped.get(result.skipped) ?? 0) + 1);
    continue;
  }
  checked++;
  if (record.method === 'WS') frames++;
  if (!result) continue;
  const key = `${result.operation}|${result.schemaPath}|${result.problem}`;
  const seen = mismatches.get(key);
  if (seen) seen.count++;
  else mismatches.set(key, { ...result, count: 1, example: `${record.method} ${record.target} -> ${record.status}`, test: record.test ?? '?', body: record.body.slice(0, 300) });
}

for (const [reason, n] of skipped) console.log(`skipped ${n} responses: ${reason} (test plugins are not part of the contract)`);
console.log(`checked ${checked - frames} JSON responses and ${frames} /api/live frames against ${descriptionFile}: ${mismatches.size} distinct mismatches`);
for (const m of [...mismatches.values()].sort((a, b) => a.operation.localeCompare(b.operation))) {
  console.log(`\nMISMATCH ${m.operation}${m.count > 1 ? ` (${m.count} times)` : ''}`);
  console.log(`  schema:  ${m.schemaPath || '-'}`);
  console.log(`  problem: ${m.problem}`);
  console.log(`  e.g.:    ${m.example} in "${m.test}"`);
  console.log(`  body:    ${m.body}`);
}
if (checked === 0) {
  console.error('no responses were recorded: did the integration, groups and plugins suites run?');
  process.exit(1);
}
if (frames === 0) {
  console.error('no /api/live frames were recorded: did the integration suite (websocket, stream flow) run?');
  process.exit(1);
}
process.exit(mismatches.size ? 1 : 0);
