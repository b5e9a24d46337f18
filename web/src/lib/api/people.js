// The platform's people and users (auth-service /api/auth): search, adding someone by e-mail, roles, and the
// integration tokens of outside systems.
import { api } from '../api.js';

const BASE = '/api/auth';

/** Search-as-you-type over people: [{id, name, email, loggedIn}]. */
export const search = (q, size = 10) => api.get(`${BASE}/people`, { q, size });

/** Adds a person by Feishu e-mail; {person, created} (created false when the platform knew them already). */
export async function add(email) {
  const res = await api.raw('POST', `${BASE}/people`, { body: { email }, raw: true });
  return { person: await res.json(), created: res.status === 201 };
}

/** The users who have logged in, with their roles (a page). */
export const users = (params) => api.get(`${BASE}/users`, params);

export const setRole = (userId, role) => api.put(`${BASE}/users/${userId}/role`, { role });

export const setDisabled = (userId, disabled) => api.put(`${BASE}/users/${userId}/disabled`, { disabled });

export const integrationTokens = () => api.get(`${BASE}/integration-tokens`);

export const integrationTokenScopes = () => api.get(`${BASE}/integration-tokens/scopes`);

/** The answer carries the secret, shown this once. */
export const createIntegrationToken = (name, scopes) => api.post(`${BASE}/integration-tokens`, { name, scopes });

export const revokeIntegrationToken = (id) => api.post(`${BASE}/integration-tokens/${id}/revoke`);
