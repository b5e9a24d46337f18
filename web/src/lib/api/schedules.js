// Update schedules (更新安排, release-service /api/schedules): when a customer's environments get which releases.
// Paths as release-service's description names them (checked by npm run typecheck).
import { call } from '../api.js';

/** filters: view (due-this-week, overdue, …), status, customerId, owner, releaseId, environmentId, page, size */
export const list = (params) => call('get', '/api/schedules', { query: params });

export const get = (id) => call('get', '/api/schedules/{id}', { path: { id } });

export const create = (body) => call('post', '/api/schedules', { body });

/** One schedule per environment of the body's environmentIds. */
export const createBatch = (body) => call('post', '/api/schedules/batch', { body });

/** body carries the `version` it was read at */
export const update = (id, body) => call('put', '/api/schedules/{id}', { path: { id }, body });

export const markDone = (id) => call('post', '/api/schedules/{id}/done', { path: { id } });

export const cancel = (id, reason = null) => call('post', '/api/schedules/{id}/cancel', { path: { id }, body: { reason } });
