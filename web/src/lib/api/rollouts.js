// Rollouts of a release record to many customers' environments (发布推广, release-service).
import { api } from '../api.js';

const BASE = '/api/rollouts';

/** The rollouts of one release record (a page). */
export const ofRelease = (releaseId, params) => api.get(`/api/releases/${releaseId}/rollouts`, params);

/** The environments a rollout with this selection would reach, without creating it. */
export const preview = (releaseId, body) => api.post(`/api/releases/${releaseId}/rollouts/preview`, body);

export const create = (releaseId, body) => api.post(`/api/releases/${releaseId}/rollouts`, body);

export const get = (id) => api.get(`${BASE}/${id}`);

/** A page of the rollout's targets; filters: state, q, page, size. */
export const targets = (id, params) => api.get(`${BASE}/${id}/targets`, params);

/** action 'skip' or 'fail', with the reason the person gave. */
export const actOnTarget = (id, targetId, action, reason) => api.post(`${BASE}/${id}/targets/${targetId}/${action}`, { reason });

/**
 * Where each target of these release records' rollouts stands: [{releaseId, environmentId, state, …}]; with
 * customerIds (at most 100), only at those customers' environments.
 */
export const states = (releaseIds, customerIds) => api.get(`${BASE}/states`, { releaseId: releaseIds, customerId: customerIds });
