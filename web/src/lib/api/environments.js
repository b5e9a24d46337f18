// Environments of customers and the component versions installed in them (customer-service, /api/environments).
import { api, upload } from '../api.js';

/** @typedef {import('./types.js').Environment} Environment */

const BASE = '/api/environments';
const component = (id, name) => `${BASE}/${id}/components/${encodeURIComponent(name)}`;

/** @returns {Promise<import('./types.js').Page<Environment>>} filters: q, customerId, internalTest, customerArchived, page, size */
export const list = (params) => api.get(BASE, params);

/** @returns {Promise<Environment>} */
export const get = (id) => api.get(`${BASE}/${id}`);

/** @returns {Promise<Environment>} */
export const create = (customerId, body) => api.post(`/api/customers/${customerId}/environments`, body);

/** body carries the `version` it was read at @returns {Promise<Environment>} */
export const update = (id, body) => api.put(`${BASE}/${id}`, body);

/** The component versions installed in the environment. */
export const components = (id) => api.get(`${BASE}/${id}/components`);

export const addComponent = (id, name, version) => api.post(`${BASE}/${id}/components`, { component: name, version });

export const setComponentVersion = (id, name, version) => api.put(component(id, name), { version });

export const removeComponent = (id, name) => api.del(component(id, name));

export const componentHistory = (id, name) => api.get(`${component(id, name)}/history`);

/** Sets many versions at once, all or nothing: items [{component, version}]. */
export const setComponents = (id, items) => api.put(`${BASE}/${id}/components`, { items });

/** The same from a CSV file (component,version), as multipart. */
export const importComponents = (id, form) => upload(`${BASE}/${id}/components/import`, form);
