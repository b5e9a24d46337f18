// Release records (release-service, /api/releases): the list, one record, submitting and editing, withdrawing,
// recording a customer deployment and skip marks per environment.
import { api, upload, download } from '../api.js';

/** @typedef {import('./types.js').ReleaseSummary} ReleaseSummary */
/** @typedef {import('./types.js').Release} Release */

const BASE = '/api/releases';

/** @returns {Promise<import('./types.js').Page<ReleaseSummary>>} filters: q, status, updateType, component, ticket, submitter, from, to, page, size */
export const list = (params) => api.get(BASE, params);

/** @returns {Promise<Release>} */
export const get = (id) => api.get(`${BASE}/${id}`);

/** @returns {Promise<Release>} */
export const create = (body) => api.post(BASE, body);

/** body carries the `version` it was read at @returns {Promise<Release>} */
export const update = (id, body) => api.put(`${BASE}/${id}`, body);

export const withdraw = (id, reason = null) => api.post(`${BASE}/${id}/withdraw`, { reason });

/** A customer deployment with its evidence files (multipart), onProgress(0..1); one Idempotency-Key per submission. */
export const recordDeployment = (id, form, onProgress, idempotencyKey) =>
  upload(`${BASE}/${id}/deployments`, form, onProgress, { headers: { 'Idempotency-Key': idempotencyKey } });

/** Saves an evidence file of a deployment; the file's own downloadPath when the server gave one. */
export const downloadEvidence = (deployment, file) =>
  download(file.downloadPath ?? `/api/deployments/${deployment.id}/evidence/${file.id}`, null, file.fileName);

/** Marks the record as skipped (跳过) for an environment, with the reason. */
export const skip = (id, environmentId, reason) => api.put(`${BASE}/${id}/skips/${environmentId}`, { reason });

export const unskip = (id, environmentId) => api.del(`${BASE}/${id}/skips/${environmentId}`);
