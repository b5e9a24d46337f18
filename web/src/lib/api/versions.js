// Questions about installed versions across environments (customer-service /api/versions): compare, drift from
// mainline, impact of a component version range and the where-everything-stands dashboard. Paths as
// customer-service's description names them (checked by npm run typecheck).
import { call, download, endpoint } from '../api.js';

/** Environments whose versions differ from the mainline (all, or one customer's). */
export const drift = (params) => call('get', '/api/versions/drift', { query: params });

/** The versions of several environments side by side. */
export const compare = (environmentIds, differencesOnly) =>
  call('get', '/api/versions/compare', { query: { environments: environmentIds.join(','), differencesOnly } });

/** One environment against the mainline. */
export const compareMainline = (environmentId, differencesOnly) =>
  call('get', '/api/versions/compare/mainline', { query: { environment: environmentId, differencesOnly } });

/** Installations of a component within a version range; filters: component, range, type, page, size. */
export const impact = (params) => call('get', '/api/versions/impact', { query: params });

export const exportImpact = (filters) =>
  download(endpoint('/api/versions/impact/export'), filters, `impact-${filters.component}.csv`);

/** The grid of customers × components; filters: component (name or name=target, repeated), tag, type, owner, page, size. */
export const dashboard = (params) => call('get', '/api/versions/dashboard', { query: params });
