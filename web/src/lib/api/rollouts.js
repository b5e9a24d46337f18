// Rollouts of a release record to many customers' environments (发布推广, release-service). Paths as release-service's
// description names them (checked by npm run typecheck).
import { call } from '../api.js';

/** The rollouts of one release record (a page). */
export const ofRelease = (releaseId, params) =>
  call('get', '/api/releases/{releaseId}/rollouts', { path: { releaseId }, query: params });

/** The environments a rollout with this selection would reach, without creating it. */
export const preview = (releaseId, body) => call('post', '/api/releases/{releaseId}/rollouts/preview', { path: { releaseId }, body });

export const create = (releaseId, body) => call('post', '/api/releases/{releaseId}/rollouts', { path: { releaseId }, body });

export const get = (id) => call('get', '/api/rollouts/{id}', { path: { id } });

/** A page of the rollout's targets; filters: state, q, page, size. */
export const targets = (id, params) => call('get', '/api/rollouts/{id}/targets', { path: { id }, query: params });

/**
 * action 'skip' or 'fail', with the reason the person gave.
 * @param {'skip' | 'fail'} action
 */
export const actOnTarget = (id, targetId, action, reason) => {
  const parts = { path: { id, targetId }, body: { reason } };
  return action === 'skip'
    ? call('post', '/api/rollouts/{id}/targets/{targetId}/skip', parts)
    : call('post', '/api/rollouts/{id}/targets/{targetId}/fail', parts);
};

/**
 * Where each target of these release records' rollouts stands: [{releaseId, environmentId, state, …}]; with
 * customerIds (at most 100), only at those customers' environments.
 */
export const states = (releaseIds, customerIds) =>
  call('get', '/api/rollouts/states', { query: { releaseId: releaseIds, customerId: customerIds } });
