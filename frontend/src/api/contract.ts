// Types read from the generated contract (generated/core.ts, from schemas/openapi.yaml):
// the schemas by name, and the JSON that an operation answers or takes, by path and method.
// A typed call (typed.ts) checks the path against the contract at compile time, so a
// response is never cast by hand.
import type { components, paths } from './generated/core';

export type Schemas = components['schemas'];
export type Paths = paths;

type Json<R> = R extends { content: { 'application/json': infer J } } ? J : R extends { content?: never } ? undefined : unknown;
type Responses<Op> = Op extends { responses: infer R } ? R : never;
type Success<R> = R extends Record<number, unknown> ? R[Extract<keyof R, 200 | 201 | 202>] : never;
type Operation<P extends keyof paths, M extends string> = M extends keyof paths[P] ? Exclude<paths[P][M], undefined | never> : never;

/** The JSON body of the success answer (200, 201 or 202) of method M on path P. */
export type Ok<P extends keyof paths, M extends string> = Json<Success<Responses<Operation<P, M>>>>;

/** The JSON request body of method M on path P. */
export type Body<P extends keyof paths, M extends string> =
  Operation<P, M> extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

/** Paths that answer the method M. */
export type PathsWith<M extends string> = { [P in keyof paths]: Operation<P, M> extends never ? never : P }[keyof paths];

/**
 * Every value of a contract enum E as a list, for select options: allOf<Schemas['ReportReason']>()([...]).
 * A value missing from the list (the contract grew) or one not in E fails the build.
 */
export const allOf =
  <E extends string>() =>
  <const L extends readonly E[]>(list: L & ([Exclude<E, L[number]>] extends [never] ? unknown : { missing: Exclude<E, L[number]> })): readonly E[] =>
    list;

/**
 * Fills the {name} placeholders of a contract path: fill('/api/legal/{kind}', {kind: 'imprint'}).
 * Each value is encoded as one path segment.
 */
export function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_m, name: string) => {
    if (!(name in params)) throw new Error(`api: no value for {${name}} in ${template}`);
    return encodeURIComponent(String(params[name]));
  });
}
