// The API: the transport (client.ts) and typed modules per resource, whose types come from
// the contract (generated/*.ts from schemas/openapi.yaml). Pages import from here.
export * from './client';
export * from './upload';
export type { Schemas } from './contract';
