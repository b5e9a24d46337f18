// The operation log (操作日志, audit trail) of every service, gathered by customer-service (/api/operation-logs).
// Paths as its description names them (checked by npm run typecheck).
import { call, download, endpoint } from '../api.js';

/** filters: kind, action, actor, target, customerId, from, to, page, size */
export const list = (params) => call('get', '/api/operation-logs', { query: params });

export const exportCsv = (filters) => download(endpoint('/api/operation-logs/export'), filters, 'operation-log.csv');
