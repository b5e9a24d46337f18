// The platform's people and users (auth-service /api/auth): search, adding someone by e-mail, roles, and the
// integration tokens of outside systems. Paths as auth-service's description names them (checked by npm run typecheck).
import { api, call, endpoint } from '../api.js';

/** Search-as-you-type over people: [{id, name, email, loggedIn}]. */
export const search = (q, size = 10) => call('get', '/api/auth/people', { query: { q, size } });

/**
 * Adds a person by Feishu e-mail; {person, created} (created false when the platform knew them already).
 * @param {string} email
 */
export async function add(email) {
  /** @type {import('./schema').Body<'/api/auth/people', 'post'>} */
  const body = { email };
  const res = await api.raw('POST', endpoint('/api/auth/people'), { body, raw: true });
  /** @type {import('./schema').Answer<'/api/auth/people', 'post'>} */
  const person = await res.json();
  return { person, created: res.status === 201 };
}

/** The users who have logged in, with their roles (a page). */
export const users = (params) => call('get', '/api/auth/users', { query: params });

export const setRole = (userId, role) => call('put', '/api/auth/users/{id}/role', { path: { id: userId }, body: { role } });

export const setDisabled = (userId, disabled) =>
  call('put', '/api/auth/users/{id}/disabled', { path: { id: userId }, body: { disabled } });

export const integrationTokens = () => call('get', '/api/auth/integration-tokens');

export const integrationTokenScopes = () => call('get', '/api/auth/integration-tokens/scopes');

/** The answer carries the secret, shown this once. */
export const createIntegrationToken = (name, scopes) => call('post', '/api/auth/integration-tokens', { body: { name, scopes } });

export const revokeIntegrationToken = (id) => call('post', '/api/auth/integration-tokens/{id}/revoke', { path: { id } });
