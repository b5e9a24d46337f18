// Feishu notifications the platform sent (notify-service, /api/notifications). Paths as notify-service's description
// names them (checked by npm run typecheck).
import { call } from '../api.js';

/** filters: kind, status, q, from, to, page, size */
export const list = (params) => call('get', '/api/notifications', { query: params });

export const resend = (id) => call('post', '/api/notifications/{id}/resend', { path: { id } });
