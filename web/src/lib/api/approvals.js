// Approvals of customer deployments (审批, release-service /api/approvals): the policy, requests and decisions.
// Paths as release-service's description names them (checked by npm run typecheck).
import { call } from '../api.js';

/** Which deployments need approval and who approves: {production, configChange, roles, people, callback…}. */
export const policy = () => call('get', '/api/approvals/policy');

export const savePolicy = (body) => call('put', '/api/approvals/policy', { body });

/** The approvals of a release record. */
export const list = (releaseId) => call('get', '/api/approvals', { query: { releaseId } });

/** Whether deploying the record to the environment needs approval, why, and the approval so far. */
export const requirement = (releaseId, environmentId) =>
  call('get', '/api/approvals/requirement', { query: { releaseId, environmentId } });

export const request = (releaseId, environmentId, note) =>
  call('post', '/api/approvals', { body: { releaseId, environmentId, note } });

/** decision APPROVE or REJECT; a rejection carries its reason. */
export const decide = (id, decision, reason) => call('post', '/api/approvals/{id}/decision', { path: { id }, body: { decision, reason } });
