// Customers (customer-service, /api/customers): the list, one customer, editing, archiving, tags and owners that
// matched no platform user. Paths as customer-service's description names them (checked by npm run typecheck).
import { call } from '../api.js';

/** filters: q, owner, tag, status, page, size */
export const list = (params) => call('get', '/api/customers', { query: params });

export const get = (id) => call('get', '/api/customers/{id}', { path: { id } });

export const create = (body) => call('post', '/api/customers', { body });

/** body carries the `version` it was read at */
export const update = (id, body) => call('put', '/api/customers/{id}', { path: { id }, body });

export const archive = (id) => call('post', '/api/customers/{id}/archive', { path: { id } });

/** Every tag given to a customer (推广圈), sorted. */
export const tags = () => call('get', '/api/customers/tags');

/** Customers whose owner (free text from before) matched no platform user. */
export const unresolvedOwners = () => call('get', '/api/customers/unresolved-owners');

/** Matches the unresolved owners again (people may have been added since) and answers those still unmatched. */
export const retryUnresolvedOwners = () => call('post', '/api/customers/unresolved-owners/retry');
