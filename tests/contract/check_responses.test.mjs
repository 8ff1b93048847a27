// The response checker finds drift: a body that breaks its schema, a status the operation does
// not describe, a route the description lacks; and it passes a matching body, resolves
// component refs and prefers a literal path over a template; a live frame is held to
// components/schemas/LiveEvent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ContractChecker } from './contract.mjs';

const doc = {
  openapi: '3.1.0',
  info: { title: 't', version: '1' },
  paths: {
    '/api/things/{id}': {
      get: {
        operationId: 'getThing',
        responses: {
          200: { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
          404: { $ref: '#/components/responses/Error' },
        },
      },
    },
    '/api/things/mine': {
      get: { operationId: 'mine', responses: { 200: { description: 'ok', content: { 'application/json': { schema: { type: 'array' } } } } } },
    },
    '/api/p/groups/groups': { get: { operationId: 'groups', responses: { 204: { description: 'none' } } } },
  },
  components: {
    schemas: {
      LiveEvent: {
        oneOf: [{ $ref: '#/components/schemas/LiveHello' }, { $ref: '#/components/schemas/LivePong' }],
        discriminator: { propertyName: 'type', mapping: { hello: '#/components/schemas/LiveHello', pong: '#/components/schemas/LivePong' } },
      },
      LiveHello: {
        type: 'object',
        additionalProperties: false,
        required: ['type', 'data'],
        properties: { type: { const: 'hello' }, data: { type: 'object', required: ['user_id'], properties: { user_id: { type: 'integer' } } } },
      },
      LivePong: { type: 'object', additionalProperties: false, required: ['type'], properties: { type: { const: 'pong' } } },
      Thing: { type: 'object', required: ['id', 'name'], properties: { id: { type: 'integer' }, name: { type: 'string' }, at: { type: 'string', format: 'date-time' } } },
    },
    responses: {
      Error: {
        description: 'error',
        content: { 'application/json': { schema: { type: 'object', required: ['error'], properties: { error: { type: 'object', required: ['code'] } } } } },
      },
    },
  },
};
const checker = new ContractChecker(doc);
const rec = (method, target, status, body) => ({ method, target, status, body: JSON.stringify(body) });

test('a matching body passes, through a component ref and with a query string', () => {
  assert.equal(checker.check(rec('GET', '/api/things/7?x=1', 200, { id: 7, name: 'a', at: '2026-01-02T03:04:05Z' })), null);
  assert.equal(checker.check(rec('GET', '/api/things/7', 404, { error: { code: 'not_found' } })), null);
});

test('a body that breaks the schema is reported with the schema path', () => {
  const r = checker.check(rec('GET', '/api/things/7', 200, { id: 'seven', name: 'a' }));
  assert.match(r.problem, /body\/id must be integer/);
  assert.match(r.schemaPath, /^#\/paths\/~1api~1things~1{id}\/get\/responses\/200\/content\/application~1json\/schema then .*properties\/id\/type/);
  assert.match(checker.check(rec('GET', '/api/things/7', 200, { id: 1, name: 'a', at: 'yesterday' })).problem, /format/);
  assert.match(checker.check(rec('GET', '/api/things/7', 404, { message: 'x' })).problem, /required/);
});

test('an undescribed status, method or route is a mismatch', () => {
  assert.match(checker.check(rec('GET', '/api/things/7', 500, {})).problem, /status 500 is not described/);
  assert.match(checker.check(rec('DELETE', '/api/things/7', 200, {})).problem, /no DELETE/);
  assert.match(checker.check(rec('GET', '/api/nothing', 200, {})).problem, /no path/);
  assert.match(checker.check(rec('GET', '/api/nothing', 404, { oops: 1 })).problem, /no path/);
  assert.match(checker.check(rec('GET', '/api/p/groups/other', 200, {})).problem, /no path/);
  assert.match(checker.check(rec('GET', '/api/p/groups/groups', 204, {})).problem, /without a JSON body/);
});

test('a 404 or 413 in the error shape for a route nobody describes agrees with the description', () => {
  assert.equal(checker.check(rec('GET', '/api/nothing', 404, { error: { code: 'not_found' } })), null);
  assert.equal(checker.check(rec('POST', '/api/nothing', 413, { error: { code: 'body_too_large' } })), null);
  assert.match(checker.check(rec('POST', '/api/nothing', 400, { error: { code: 'invalid' } })).problem, /no path/);
});

test('a literal path wins over a template, and a test plugin without a fragment is skipped', () => {
  assert.equal(checker.check(rec('GET', '/api/things/mine', 200, [])), null);
  assert.ok(checker.check(rec('GET', '/api/p/abi12_c/anything', 200, {})).skipped);
});

test('a live frame passes in a LiveEvent shape and is reported in any other', () => {
  const frame = (body) => ({ method: 'WS', target: '/api/live', status: 101, body: typeof body === 'string' ? body : JSON.stringify(body) });
  assert.equal(checker.check(frame({ type: 'hello', data: { user_id: 3 } })), null);
  assert.equal(checker.check(frame({ type: 'pong' })), null);
  const wrong = checker.check(frame({ type: 'hello', data: { user_id: 'three' } }));
  assert.match(wrong.operation, /^WS \/api\/live frame "hello"/);
  assert.match(wrong.schemaPath, /^#\/components\/schemas\/LiveHello then .*user_id/);
  assert.match(wrong.problem, /body\/data\/user_id must be integer/);
  assert.ok(checker.check(frame({ type: 'pong', data: {} })), 'a field the schema does not allow');
  assert.ok(checker.check(frame({ type: 'badges', data: { unread: 2 } })), 'a type the description does not know');
  assert.match(checker.check(frame('{not json')).problem, /not JSON/);
  const bare = new ContractChecker({ ...doc, components: { ...doc.components, schemas: { Thing: doc.components.schemas.Thing } } });
  assert.match(bare.check(frame({ type: 'pong' })).problem, /no components\/schemas\/LiveEvent/);
});
