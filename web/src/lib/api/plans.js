// Upgrade plans (升级计划, release-service /api/plans): what brings environments to a target, recording a plan's
// deployment, and the skip marks (跳过) other pages show next to versions. Paths as release-service's description names
// them (checked by npm run typecheck).
import { call, endpoint, upload, download } from '../api.js';

/** @typedef {import('./schema').Answer<'/api/plans', 'get'>} Plan */
/** @typedef {import('./schema').Answer<'/api/plans/skips', 'get'>} SkipMarks */

/** The plan for the query (environments, target, releases or versions), as the Plan page reads it from its URL. */
export const get = (query) => call('get', '/api/plans', { query });

export const downloadMarkdown = (query) => download(endpoint('/api/plans/markdown'), query, 'upgrade-plan.md');

/** Records one deployment covering a plan's release records (multipart), onProgress(0..1). */
export const recordDeployment = (form, onProgress, idempotencyKey) =>
  upload(endpoint('/api/plans/deployments'), form, onProgress, { headers: { 'Idempotency-Key': idempotencyKey } });

/**
 * The delta bundles the deployment of one environment's plan accepts now, newest first (the server's own rule, the
 * one the recording applies): [{buildId, name, result, finishedAt, items: [{component, version}]}].
 */
export const deploymentBundles = (environmentId, query) => call('get', '/api/plans/deployments/bundles', {
  query: { environmentId, target: query.target, releases: query.releases, versions: query.versions }
});

/**
 * The skip marks (跳过, issue 17) of any number of environments, asked 50 at a time: [{releaseId, releaseNumber,
 * items: [{component, version}], environmentId, reason, skippedBy, skippedAt}]. Fails soft (an empty list): the marks
 * add to a page, they never keep it from showing.
 * @param {string[]} environmentIds
 * @returns {Promise<SkipMarks>}
 */
export async function skipMarks(environmentIds) {
  const ids = [...new Set(environmentIds)];
  /** @type {SkipMarks} */
  const out = [];
  for (let i = 0; i < ids.length; i += 50) {
    try {
      // one value with the ids joined by commas (the server reads both that and the parameter repeated): short URLs
      const environments = [ids.slice(i, i + 50).join(',')];
      out.push(...(await call('get', '/api/plans/skips', { query: { environments } })));
    } catch {
      /* leave the marks out */
    }
  }
  return out;
}

/**
 * The skip marks of one environment touching one component.
 * @param {SkipMarks} marks
 * @param {string} environmentId
 * @param {string} component
 */
export function skipsFor(marks, environmentId, component) {
  return marks.filter((m) => m.environmentId === environmentId && m.items.some((i) => i.component === component));
}

/**
 * The release records of a plan's steps, each once, in the order first met, with the environments whose plan has it
 * as a step: what a rollout of the plan's records targets (issue 18, one rollout per record).
 * [{release: {id, number, title}, environments: [{id, name, customerName}]}]
 * @param {Plan | null | undefined} plan
 */
export function planRecords(plan) {
  const byId = new Map();
  for (const envPlan of plan?.environments ?? []) {
    for (const step of envPlan.steps) {
      if (!byId.has(step.releaseId)) {
        byId.set(step.releaseId, { release: { id: step.releaseId, number: step.number, title: step.title }, environments: [] });
      }
      const env = envPlan.environment;
      byId.get(step.releaseId).environments.push({ id: env.id, name: env.name, customerName: env.customerName });
    }
  }
  return [...byId.values()];
}
