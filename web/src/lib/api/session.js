// The login session's own calls (auth-service /api/auth). Plain fetch, not api.js's request: these are what request
// itself falls back on (a refresh after a 401), so they must not go through it. Paths as auth-service's description
// names them (checked by npm run typecheck).
import { endpoint } from './endpoint.js';

/** Paths under here belong to the API: the router leaves links to them to the browser. */
export const isApiPath = (pathname) => pathname.startsWith('/api/');

/** Where the Feishu login starts; it comes back to returnTo. */
export const loginUrl = (returnTo) => endpoint('/api/auth/login') + '?returnTo=' + encodeURIComponent(returnTo || '/');

/** A new access token for the HttpOnly refresh cookie (the raw Response). */
export const refresh = (signal) =>
  fetch(endpoint('/api/auth/refresh'), { method: 'POST', credentials: 'same-origin', headers: { Accept: 'application/json' }, signal });

/** The person the token belongs to (the raw Response). */
export const me = (token) =>
  fetch(endpoint('/api/auth/me'), { headers: { Authorization: 'Bearer ' + token, Accept: 'application/json' } });

export const logout = (token) => fetch(endpoint('/api/auth/logout'), { method: 'POST', headers: { Authorization: 'Bearer ' + token } });
