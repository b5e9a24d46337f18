// Jenkins builds (build-service, /api/builds): test deployments and packages, their logs, files and manifests. Paths
// as build-service's description names them (checked by npm run typecheck).
import { call, endpoint, download } from '../api.js';

/** filters: releaseId, environmentId, type, status, page, size */
export const list = (params) => call('get', '/api/builds', { query: params });

export const get = (id) => call('get', '/api/builds/{id}', { path: { id } });

/** Starts a build: {type: 'TEST_DEPLOY' | 'PACKAGE', releaseId?, environmentId, items?, plan?} */
export const trigger = (body) => call('post', '/api/builds', { body });

export const cancel = (id) => call('post', '/api/builds/{id}/cancel', { path: { id } });

/** A piece of the console log from byte `start`: {text, next, more}. */
export const log = (id, start) => call('get', '/api/builds/{id}/log', { path: { id }, query: { start } });

/** Saves one of the build's files (an artifact with its downloadPath); resolves to the file name saved. */
export const downloadArtifact = (artifact) => download(artifact.downloadPath, null, artifact.fileName);

/** A one-time link to a file of the build that works without the login ({url}), for the download page. */
export const downloadLink = (id, path) => call('post', '/api/builds/{id}/download-links', { path: { id }, body: { path } });

/** The manifest of a bundle the platform keeps: files with size and SHA-256, components, releases. */
export const manifest = (id) => call('get', '/api/builds/{id}/manifest', { path: { id } });

export const downloadManifest = (id) =>
  download(endpoint('/api/builds/{id}/manifest', { id }), { download: true }, `bundle-${id}.manifest.json`);
