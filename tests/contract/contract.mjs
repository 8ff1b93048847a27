// Checks recorded HTTP responses against an OpenAPI 3.1 description: finds each record's
// operation (path template, method), its response (status, then "4XX"-style ranges, then
// default) and validates the JSON body with Ajv (JSON Schema 2020-12, which OpenAPI 3.1 schemas
// are). A WebSocket frame (method "WS", target /api/live) is validated against
// components/schemas/LiveEvent. Used by check_responses.mjs; pure, so check_responses.test.mjs
// can feed it examples.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { repoRoot } from '../browser/lib/env.mjs';

const require = createRequire(join(repoRoot, 'frontend', 'package.json'));
const Ajv2020 = require('ajv/dist/2020').default;
const addFormats = require('ajv-formats').default;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const DOC_ID = 'openapi.json';

const escapePointer = (s) => s.replace(/~/g, '~0').replace(/\//g, '~1');

// Follows $ref (local ones) and returns the target with its JSON pointer (null when not a ref).
function resolveRef(doc, node) {
  let pointer = null;
  for (let hops = 0; node && typeof node.$ref === 'string' && node.$ref.startsWith('#/') && hops < 20; hops++) {
    pointer = node.$ref.slice(1);
    const parts = pointer.slice(1).split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    node = parts.reduce((n, p) => (n == null ? n : n[p]), doc);
  }
  return { node, pointer };
}

// A path template as a regular expression; more literal segments win over parameters.
function compileTemplates(doc) {
  return Object.keys(doc.paths ?? {}).map((template) => {
    const segments = template.split('/');
    const literal = segments.filter((s) => !s.startsWith('{')).length;
    const source = segments
      .map((s) => (s.startsWith('{') ? '[^/]+' : s.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
      .join('/');
    return { template, literal, re: new RegExp(`^${source}$`) };
  }).sort((a, b) => b.literal - a.literal);
}

function responseFor(responses, status) {
  const code = String(status);
  if (responses[code]) return { key: code, response: responses[code] };
  const range = `${code[0]}XX`;
  if (responses[range]) return { key: range, response: responses[range] };
  if (responses.default) return { key: 'default', response: responses.default };
  return null;
}

export class ContractChecker {
  constructor(doc) {
    this.doc = doc;
    this.templates = compileTemplates(doc);
    // Plugins the description knows: a path under /api/p/<name>/.
    this.plugins = new Set(Object.keys(doc.paths ?? {}).map((p) => /^\/api\/p\/([^/]+)\//.exec(p)?.[1]).filter(Boolean));
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
    addFormats(this.ajv);
    for (const f of ['int32', 'int64', 'float', 'double', 'binary', 'byte', 'password']) this.ajv.addFormat(f, true);
    this.ajv.addSchema(doc, DOC_ID);
    this.validators = new Map();
  }

  validator(pointer) {
    if (!this.validators.has(pointer)) this.validators.set(pointer, this.ajv.compile({ $ref: `${DOC_ID}#${pointer}` }));
    return this.validators.get(pointer);
  }

  // A body in the core's error shape (components/responses/Error).
  isError(text) {
    if (!this.doc.components?.responses?.Error) return false;
    try {
      return this.validator('/components/responses/Error/content/application~1json/schema')(JSON.parse(text));
    } catch {
      return false;
    }
  }

  // A frame /api/live sent: one of components/schemas/LiveEvent.
  checkLiveFrame(record) {
    const pointer = '/components/schemas/LiveEvent';
    let frame;
    try {
      frame = JSON.parse(record.body);
    } catch {
      return { operation: `WS ${record.target}`, schemaPath: `#${pointer}`, problem: 'the frame is not JSON' };
    }
    if (!this.doc.components?.schemas?.LiveEvent) return { operation: `WS ${record.target}`, schemaPath: '', problem: 'the description has no components/schemas/LiveEvent' };
    const operation = `WS ${record.target} frame ${JSON.stringify(frame?.type ?? null)}`;
    const found = this.mismatch(this.validator(pointer), frame, operation, pointer);
    // oneOf reports every branch; the one its discriminator names says what is wrong.
    const branch = this.doc.components.schemas.LiveEvent.discriminator?.mapping?.[frame?.type];
    if (!found || typeof branch !== 'string' || !branch.startsWith('#/')) return found;
    return this.mismatch(this.validator(branch.slice(1)), frame, operation, branch.slice(1)) ?? found;
  }

  // null when body matches the validator's schema, else the first error as a mismatch.
  mismatch(validate, body, operation, pointer) {
    if (validate(body)) return null;
    const e = validate.errors[0];
    const more = validate.errors.length > 1 ? ` (+${validate.errors.length - 1} more)` : '';
    return {
      operation,
      schemaPath: `#${pointer} then ${e.schemaPath}`,
      errors: validate.errors,
      problem: `body${e.instancePath} ${e.message}${e.params && Object.keys(e.params).length ? ' ' + JSON.stringify(e.params) : ''}${more}`,
    };
  }

  // null when the record is fine; {skipped: reason} for a test plugin's route the description
  // does not cover; else {operation, schemaPath, problem}.
  check(record) {
    if (record.method === 'WS') return this.checkLiveFrame(record);
    const path = record.target.split('?')[0];
    const method = record.method.toLowerCase();
    const match = this.templates.find((t) => t.re.test(path));
    const plugin = /^\/api\/p\/([^/]+)\//.exec(path)?.[1];
    if (!match) {
      if (plugin && !this.plugins.has(plugin)) return { skipped: `plugin ${plugin} ships no fragment` };
      // An answer given before any route is chosen (404 no such route, 405, 413 body too large),
      // in the error shape, agrees with the description; anything else is an undescribed route.
      if ([404, 405, 413].includes(record.status) && this.isError(record.body)) return null;
      return { operation: `${record.method} ${path}`, schemaPath: '', problem: `the description has no path for this route (answered ${record.status})` };
    }
    const operation = `${record.method} ${match.template}`;
    const op = this.doc.paths[match.template][method];
    if (!METHODS.includes(method) || !op) return { operation, schemaPath: '', problem: `the description has no ${record.method} on this path` };
    const found = responseFor(op.responses ?? {}, record.status);
    if (!found) return { operation, schemaPath: '', problem: `status ${record.status} is not described (${Object.keys(op.responses ?? {}).join(', ')})` };
    const base = `/paths/${escapePointer(match.template)}/${method}/responses/${escapePointer(found.key)}`;
    const { node: response, pointer: responsePointer } = resolveRef(this.doc, found.response);
    const media = response?.content?.['application/json'];
    if (!media) return { operation, schemaPath: `#${base}`, problem: `status ${found.key} is described without a JSON body, but the server sent one` };
    if (!media.schema) return null;
    const pointer = `${responsePointer ?? base}/content/application~1json/schema`;
    let body;
    try {
      body = JSON.parse(record.body);
    } catch {
      return { operation, schemaPath: `#${pointer}`, problem: 'the body is not JSON although the Content-Type says so' };
    }
    return this.mismatch(this.validator(pointer), body, `${operation} -> ${record.status}`, pointer);
  }
}
