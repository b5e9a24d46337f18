// Jenkins builds (build-service, /api/builds): test deployments and packages, their logs, files and manifests.
import { api, download } from '../api.js';

/** @typedef {import('./types.js').Build} Build */

const BASE = '/api/builds';

/** @returns {Promise<import('./types.js').Page<Build>>} filters: releaseId, environmentId, type, status, page, size */
export const list = (params) => api.get(BASE, params);

/** @returns {Promise<Build>} */
export const get = (id) => api.get(`${BASE}/${id}`);

/** Starts a build: {type: 'TEST_DEPLOY' | 'PACKAGE', releaseId?, environmentId, items?, plan?} @returns {Promise<Build>} */
export const trigger = (body) => api.post(BASE, body);

export const cancel = (id) => api.post(`${BASE}/${id}/cancel`);

/** A piece of the console log from byte `start`: {text, next, more}. */
export const log = (id, start) => api.get(`${BASE}/${id}/log`, { start });

/** Saves one of the build's files (an artifact with its downloadPath); resolves to the file name saved. */
export const downloadArtifact = (artifact) => download(artifact.downloadPath, null, artifact.fileName);

/** A one-time link to a file of the build that works without the login ({url}), for the download page. */
export const downloadLink = (id, path) => api.post(`${BASE}/${id}/download-links`, { path });

/** The manifest of a bundle the platform keeps: files with size and SHA-256, components, releases. */
export const manifest = (id) => api.get(`${BASE}/${id}/manifest`);

export const downloadManifest = (id) => download(`${BASE}/${id}/manifest`, { download: true }, `bundle-${id}.manifest.json`);
