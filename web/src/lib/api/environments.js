// Environments of customers and the component versions installed in them (customer-service, /api/environments).
// Paths as customer-service's description names them (checked by npm run typecheck).
import { call, endpoint, upload } from '../api.js';

/** filters: q, customerId, internalTest, customerArchived, page, size */
export const list = (params) => call('get', '/api/environments', { query: params });

export const get = (id) => call('get', '/api/environments/{id}', { path: { id } });

export const create = (customerId, body) => call('post', '/api/customers/{customerId}/environments', { path: { customerId }, body });

/** body carries the `version` it was read at */
export const update = (id, body) => call('put', '/api/environments/{id}', { path: { id }, body });

/** The component versions installed in the environment. */
export const components = (id) => call('get', '/api/environments/{id}/components', { path: { id } });

export const addComponent = (id, name, version) =>
  call('post', '/api/environments/{id}/components', { path: { id }, body: { component: name, version } });

export const setComponentVersion = (id, name, version) =>
  call('put', '/api/environments/{id}/components/{component}', { path: { id, component: name }, body: { version } });

export const removeComponent = (id, name) =>
  call('delete', '/api/environments/{id}/components/{component}', { path: { id, component: name } });

export const componentHistory = (id, name) =>
  call('get', '/api/environments/{id}/components/{component}/history', { path: { id, component: name } });

/** Sets many versions at once, all or nothing: items [{component, version}]. */
export const setComponents = (id, items) => call('put', '/api/environments/{id}/components', { path: { id }, body: { items } });

/** The same from a CSV file (component,version), as multipart. */
export const importComponents = (id, form) => upload(endpoint('/api/environments/{id}/components/import', { id }), form);
