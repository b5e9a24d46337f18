// Questions about installed versions across environments (customer-service /api/versions): compare, drift from
// mainline, impact of a component version range and the where-everything-stands dashboard.
import { api, download } from '../api.js';

const BASE = '/api/versions';

/** Environments whose versions differ from the mainline (all, or one customer's). */
export const drift = (params) => api.get(`${BASE}/drift`, params);

/** The versions of several environments side by side. */
export const compare = (environmentIds, differencesOnly) =>
  api.get(`${BASE}/compare`, { environments: environmentIds.join(','), differencesOnly });

/** One environment against the mainline. */
export const compareMainline = (environmentId, differencesOnly) =>
  api.get(`${BASE}/compare/mainline`, { environment: environmentId, differencesOnly });

/** Installations of a component within a version range; filters: component, range, type, page, size. */
export const impact = (params) => api.get(`${BASE}/impact`, params);

export const exportImpact = (filters) => download(`${BASE}/impact/export`, filters, `impact-${filters.component}.csv`);

/** The grid of customers × components; filters: component (name or name=target, repeated), tag, type, owner, page, size. */
export const dashboard = (params) => api.get(`${BASE}/dashboard`, params);
