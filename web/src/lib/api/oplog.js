// The operation log (操作日志, audit trail) of every service, gathered by the gateway (/api/operation-logs).
import { api, download } from '../api.js';

const BASE = '/api/operation-logs';

/** filters: kind, action, actor, target, customerId, from, to, page, size */
export const list = (params) => api.get(BASE, params);

export const exportCsv = (filters) => download(`${BASE}/export`, filters, 'operation-log.csv');
