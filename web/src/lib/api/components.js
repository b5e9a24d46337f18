// The component catalog and each component's mainline version (customer-service, /api/components).
import { api } from '../api.js';

/** @typedef {import('./types.js').Component} Component */

const BASE = '/api/components';
const one = (name) => `${BASE}/${encodeURIComponent(name)}`;

/** @returns {Promise<import('./types.js').Page<Component>>} filters: q, kind, status, page, size */
export const list = (params) => api.get(BASE, params);

/** @returns {Promise<Component>} */
export const create = (body) => api.post(BASE, body);

/** @returns {Promise<Component>} */
export const update = (name, body) => api.put(one(name), body);

export const retire = (name) => api.post(`${one(name)}/retire`);

export const reinstate = (name) => api.post(`${one(name)}/reinstate`);

export const setMainline = (name, version) => api.put(`${one(name)}/mainline`, { version });

export const mainlineHistory = (name) => api.get(`${one(name)}/mainline/history`);
