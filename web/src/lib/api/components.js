// The component catalog and each component's mainline version (customer-service, /api/components). Paths as
// customer-service's description names them (checked by npm run typecheck).
import { call } from '../api.js';

/** filters: q, kind, status, page, size */
export const list = (params) => call('get', '/api/components', { query: params });

export const create = (body) => call('post', '/api/components', { body });

export const update = (name, body) => call('put', '/api/components/{name}', { path: { name }, body });

export const retire = (name) => call('post', '/api/components/{name}/retire', { path: { name } });

export const reinstate = (name) => call('post', '/api/components/{name}/reinstate', { path: { name } });

export const setMainline = (name, version) => call('put', '/api/components/{name}/mainline', { path: { name }, body: { version } });

export const mainlineHistory = (name) => call('get', '/api/components/{name}/mainline/history', { path: { name } });
