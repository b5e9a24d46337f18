// Integration settings (集成设置): Jenkins (build-service) and Feishu (notify-service). Secrets are never answered,
// only whether one is set; sending null keeps the stored one.
import { api } from '../api.js';

export const jenkins = () => api.get('/api/builds/settings');

export const saveJenkins = (body) => api.put('/api/builds/settings', body);

export const feishu = () => api.get('/api/notifications/settings');

export const saveFeishu = (body) => api.put('/api/notifications/settings', body);
