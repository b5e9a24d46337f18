// Release records (release-service, /api/releases): the list, one record, submitting and editing, withdrawing,
// recording a customer deployment and skip marks per environment. Paths as release-service's description names them
// (checked by npm run typecheck).
import { call, endpoint, upload, download } from '../api.js';

/** filters: q, status, updateType, component, ticket, submitter, from, to, page, size */
export const list = (params) => call('get', '/api/releases', { query: params });

export const get = (id) => call('get', '/api/releases/{id}', { path: { id } });

export const create = (body) => call('post', '/api/releases', { body });

/** body carries the `version` it was read at */
export const update = (id, body) => call('put', '/api/releases/{id}', { path: { id }, body });

export const withdraw = (id, reason = null) => call('post', '/api/releases/{id}/withdraw', { path: { id }, body: { reason } });

/** A customer deployment with its evidence files (multipart), onProgress(0..1); one Idempotency-Key per submission. */
export const recordDeployment = (id, form, onProgress, idempotencyKey) =>
  upload(endpoint('/api/releases/{releaseId}/deployments', { releaseId: id }), form, onProgress,
    { headers: { 'Idempotency-Key': idempotencyKey } });

/** Saves an evidence file of a deployment; the file's own downloadPath when the server gave one. */
export const downloadEvidence = (deployment, file) =>
  download(file.downloadPath ?? endpoint('/api/deployments/{deploymentId}/evidence/{evidenceId}',
    { deploymentId: deployment.id, evidenceId: file.id }), null, file.fileName);

/** Marks the record as skipped (跳过) for an environment, with the reason. */
export const skip = (id, environmentId, reason) =>
  call('put', '/api/releases/{releaseId}/skips/{environmentId}', { path: { releaseId: id, environmentId }, body: { reason } });

export const unskip = (id, environmentId) =>
  call('delete', '/api/releases/{releaseId}/skips/{environmentId}', { path: { releaseId: id, environmentId } });
