// Update schedules (更新安排, release-service /api/schedules): when a customer's environments get which releases.
import { api } from '../api.js';

/** @typedef {import('./types.js').Schedule} Schedule */

const BASE = '/api/schedules';

/** @returns {Promise<import('./types.js').Page<Schedule>>} filters: view (due-this-week, overdue, …), status, customerId, owner, releaseId, environmentId, page, size */
export const list = (params) => api.get(BASE, params);

/** @returns {Promise<Schedule>} */
export const get = (id) => api.get(`${BASE}/${id}`);

/** @returns {Promise<Schedule>} */
export const create = (body) => api.post(BASE, body);

/** One schedule per environment of the body's environmentIds. @returns {Promise<Schedule[]>} */
export const createBatch = (body) => api.post(`${BASE}/batch`, body);

/** body carries the `version` it was read at @returns {Promise<Schedule>} */
export const update = (id, body) => api.put(`${BASE}/${id}`, body);

export const markDone = (id) => api.post(`${BASE}/${id}/done`);

export const cancel = (id, reason = null) => api.post(`${BASE}/${id}/cancel`, { reason });
