// Approvals of customer deployments (审批, release-service /api/approvals): the policy, requests and decisions.
import { api } from '../api.js';

const BASE = '/api/approvals';

/** Which deployments need approval and who approves: {production, configChange, roles, people, callback…}. */
export const policy = () => api.get(`${BASE}/policy`);

export const savePolicy = (body) => api.put(`${BASE}/policy`, body);

/** The approvals of a release record. */
export const list = (releaseId) => api.get(BASE, { releaseId });

/** Whether deploying the record to the environment needs approval, why, and the approval so far. */
export const requirement = (releaseId, environmentId) => api.get(`${BASE}/requirement`, { releaseId, environmentId });

export const request = (releaseId, environmentId, note) => api.post(BASE, { releaseId, environmentId, note });

/** decision APPROVE or REJECT; a rejection carries its reason. */
export const decide = (id, decision, reason) => api.post(`${BASE}/${id}/decision`, { decision, reason });
