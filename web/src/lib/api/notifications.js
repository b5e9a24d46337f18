// Feishu notifications the platform sent (notify-service, /api/notifications).
import { api } from '../api.js';

const BASE = '/api/notifications';

/** filters: kind, status, q, from, to, page, size */
export const list = (params) => api.get(BASE, params);

export const resend = (id) => api.post(`${BASE}/${id}/resend`);
