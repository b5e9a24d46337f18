// Customers (customer-service, /api/customers): the list, one customer, editing, archiving, tags and owners that
// matched no platform user.
import { api } from '../api.js';

/** @typedef {import('./types.js').Customer} Customer */

const BASE = '/api/customers';

/** @returns {Promise<import('./types.js').Page<Customer>>} filters: q, owner, tag, status, page, size */
export const list = (params) => api.get(BASE, params);

/** @returns {Promise<Customer>} */
export const get = (id) => api.get(`${BASE}/${id}`);

/** @returns {Promise<Customer>} */
export const create = (body) => api.post(BASE, body);

/** body carries the `version` it was read at @returns {Promise<Customer>} */
export const update = (id, body) => api.put(`${BASE}/${id}`, body);

/** @returns {Promise<Customer>} */
export const archive = (id) => api.post(`${BASE}/${id}/archive`);

/** Every tag given to a customer (推广圈), sorted. @returns {Promise<string[]>} */
export const tags = () => api.get(`${BASE}/tags`);

/** Customers whose owner (free text from before) matched no platform user. */
export const unresolvedOwners = () => api.get(`${BASE}/unresolved-owners`);

/** Matches the unresolved owners again (people may have been added since) and answers those still unmatched. */
export const retryUnresolvedOwners = () => api.post(`${BASE}/unresolved-owners/retry`);
