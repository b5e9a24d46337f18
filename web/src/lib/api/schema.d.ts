// The API as the services' OpenAPI descriptions say it is, for the API modules' JSDoc: every path of every service
// (generated into ./openapi/ from web/openapi/*.json by web/scripts/api-types.mjs) and what an operation takes and
// answers. `npm run typecheck` checks the modules against them, so a path, parameter or field that the description
// no longer has fails the web app's tests instead of a page.
import type { paths as AuthPaths } from './openapi/auth-service';
import type { paths as BuildPaths } from './openapi/build-service';
import type { paths as CustomerPaths } from './openapi/customer-service';
import type { paths as NotifyPaths } from './openapi/notify-service';
import type { paths as ReleasePaths } from './openapi/release-service';
import type { components as CustomerComponents } from './openapi/customer-service';
import type { components as ReleaseComponents } from './openapi/release-service';
import type { components as BuildComponents } from './openapi/build-service';

/** Every path of the API (each service owns its own paths, so none is in two descriptions). */
export type Paths = AuthPaths & BuildPaths & CustomerPaths & NotifyPaths & ReleasePaths;
export type ApiPath = keyof Paths;

type Method = 'get' | 'put' | 'post' | 'delete' | 'patch';
/** The methods the description has for a path. */
export type MethodOf<P extends ApiPath> = {
  [M in Method]: [NonNullable<Paths[P][M]>] extends [never] ? never : M;
}[Method];
type Operation<P extends ApiPath, M extends MethodOf<P>> = NonNullable<Paths[P][M]>;

type Json<R> = R extends { content: { 'application/json': infer T } } ? T : never;
/** What a successful call answers (its JSON body; null for 204 No Content). */
export type Answer<P extends ApiPath, M extends MethodOf<P>> =
  Operation<P, M> extends { responses: infer R }
    ? R extends { 200: infer A } ? Json<A>
    : R extends { 201: infer A } ? Json<A>
    : R extends { 202: infer A } ? Json<A>
    : R extends { 204: unknown } ? null
    : unknown
    : unknown;
export type Query<P extends ApiPath, M extends MethodOf<P>> =
  Operation<P, M> extends { parameters: { query?: infer Q } } ? Q : never;
export type PathParams<P extends ApiPath, M extends MethodOf<P>> =
  Operation<P, M> extends { parameters: { path?: infer Q } } ? Q : never;
export type Body<P extends ApiPath, M extends MethodOf<P>> =
  Operation<P, M> extends { requestBody?: infer B } ? Json<NonNullable<B>> : never;

/** What a call of `call()` (api.js) may carry: path parameters, query, JSON body, as the operation names them. */
export interface Call<P extends ApiPath, M extends MethodOf<P>> {
  path?: PathParams<P, M>;
  query?: Query<P, M>;
  body?: Body<P, M>;
}

/** The named shapes (components.schemas) of the services the pages' own JSDoc names. */
export type CustomerSchemas = CustomerComponents['schemas'];
export type ReleaseSchemas = ReleaseComponents['schemas'];
export type BuildSchemas = BuildComponents['schemas'];
