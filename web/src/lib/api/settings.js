// Integration settings (集成设置): Jenkins (build-service) and Feishu (notify-service). Secrets are never answered,
// only whether one is set; sending null keeps the stored one. Paths as the services' descriptions name them.
import { call } from '../api.js';

export const jenkins = () => call('get', '/api/builds/settings');

export const saveJenkins = (body) => call('put', '/api/builds/settings', { body });

export const feishu = () => call('get', '/api/notifications/settings');

export const saveFeishu = (body) => call('put', '/api/notifications/settings', { body });

/** The events a Feishu group bot can be subscribed to (notify-service's event types), in the settings' order. */
export const EVENT_TYPES = ['release.submitted', 'build.finished', 'release.deployed', 'environment.versions-synced', 'schedule.due'];
