// Turns an operation-log entry's stored facts into the reader's words (issue 16 item 4): the log keeps values
// (field names, enum values, ids), never sentences, so the same entry reads in Chinese and in English.
import { t, te } from './i18n.svelte.js';
import { bytes, dateTime } from './format.js';
import { storedTextJson } from './stored-text.js';
import { EVENT_TYPES } from './api/settings.js';

/**
 * The operation log's closed sets as customer-service describes them (AuditEvent.Kind and AuditEvent.Action; the
 * filters' select options). audit-enums.test.js checks both against web/openapi/customer-service.json and that
 * each value has words in both languages.
 */
export const KINDS = ['CUSTOMER', 'ENVIRONMENT', 'COMPONENT', 'MAINLINE', 'RELEASE', 'BUILD', 'DEPLOYMENT', 'SCHEDULE',
  'USER', 'INTEGRATION_SETTINGS', 'INTEGRATION_TOKEN', 'ROLLOUT'];
export const ACTIONS = [
  'RELEASE_SUBMITTED', 'RELEASE_EDITED', 'RELEASE_WITHDRAWN', 'RELEASE_SKIPPED', 'RELEASE_SKIP_REMOVED',
  'APPROVAL_REQUESTED', 'APPROVAL_DECIDED',
  'SCHEDULE_CREATED', 'SCHEDULE_CHANGED', 'SCHEDULE_CANCELLED', 'SCHEDULE_DONE',
  'ROLLOUT_CREATED', 'ROLLOUT_TARGET_SKIPPED', 'ROLLOUT_TARGET_FAILED',
  'BUILD_TRIGGERED', 'BUILD_CANCELLED', 'BUILD_FINISHED', 'BUILD_BUNDLE_REMOVED',
  'CUSTOMER_CREATED', 'CUSTOMER_UPDATED', 'CUSTOMER_ARCHIVED', 'ENVIRONMENT_CREATED', 'ENVIRONMENT_UPDATED',
  'COMPONENT_CREATED', 'COMPONENT_UPDATED', 'COMPONENT_RETIRED', 'COMPONENT_REINSTATED', 'MAINLINE_SET',
  'COMPONENT_ADDED', 'VERSION_CHANGED', 'COMPONENT_REMOVED', 'VERSIONS_SET', 'VERSIONS_IMPORTED', 'VERSIONS_SYNCED',
  'USER_ROLE_CHANGED', 'USER_DISABLED', 'USER_ENABLED', 'INTEGRATION_TOKEN_CREATED', 'INTEGRATION_TOKEN_REVOKED',
  'INTEGRATION_SETTINGS_CHANGED'];

/** Fields whose values are enum values of a kind the web app has words for. */
const ENUM_FIELDS = {
  role: () => 'Role',
  updateType: () => 'UpdateType',
  type: () => 'EnvironmentType',
  kind: () => 'ComponentKind',
  approvalStatus: () => 'ApprovalStatus',
  status: (entry) => (entry.kind === 'SCHEDULE' ? 'ScheduleStatus' : entry.kind === 'BUILD' ? 'BuildResult' : 'ReleaseStatus')
};
const BOOLEAN_FIELDS = new Set(['archived', 'internalTest', 'configChange', 'retired', 'disabled', 'approval.production', 'approval.configChange']);
const TIME_FIELDS = new Set(['plannedAt']);

/** Facts shown as "label: value" under an entry (the others have columns of their own or are ids). */
const SHOWN_FACTS = ['buildType', 'result', 'status', 'bundleName', 'releaseNumbers', 'requestedBy', 'sessionsEnded',
  'clientId', 'build', 'commit', 'apiTokenChanged', 'appSecretChanged', 'webhookAddressChanged', 'reason', 'reasonText', 'via',
  'requesterName', 'verificationTokenChanged', 'encryptKeyChanged', 'retention', 'storedAt', 'bytes'];
const FACT_ENUMS = { buildType: 'BuildType', result: 'BuildResult', status: 'BuildResult', via: 'ApprovalVia' };

/** A stored ISO-8601 duration (Java writes 180 days as PT4320H) in whole days when it is some, else as stored. */
function duration(value) {
  const m = /^P(?:(\d+)D)?(?:T(\d+)H)?$/.exec(value);
  if (!m || (!m[1] && !m[2])) return value;
  const hours = Number(m[1] ?? 0) * 24 + Number(m[2] ?? 0);
  return hours % 24 === 0 ? t('audit.days', { n: hours / 24 }) : t('audit.hours', { n: hours });
}

/**
 * Facts whose stored value is a time, a duration, a size or a stored text (a build's reason as its codes, JSON
 * {code, args}: worded in the reader's language).
 */
const FACT_FORMATS = { retention: duration, storedAt: dateTime, bytes: (v) => bytes(Number(v)), reasonText: storedTextJson };

export function fieldLabel(field) {
  const key = `audit.field.${field}`;
  const text = t(key);
  return text === key ? field : text;
}

const EVENT_TYPE = new RegExp(`(?<![\\w.-])(${EVENT_TYPES.map((e) => e.replace(/[.-]/g, '\\$&')).join('|')})(?![\\w.-])`, 'g');

/** The group bots as notify-service records them ("name: event, event; name: …"), their events in words. */
function webhooks(value) {
  return value.replace(EVENT_TYPE, (type) => te('EventType', type));
}

/** A stored value in words: enum values, yes/no and times translated, anything else as stored. */
export function fieldValue(entry, field, value) {
  if (value === null || value === undefined) return '∅';
  if (BOOLEAN_FIELDS.has(field)) return value === 'true' ? t('common.yes') : value === 'false' ? t('common.no') : value;
  if (TIME_FIELDS.has(field)) return dateTime(value);
  if (field === 'webhooks' && entry.kind === 'INTEGRATION_SETTINGS') return webhooks(value);
  const type = ENUM_FIELDS[field]?.(entry);
  return type ? te(type, value) : value;
}

/** "标题：旧 → 新" lines of an entry's field changes. */
export function fieldChanges(entry) {
  return (entry.fieldChanges ?? []).map((c) => ({
    label: fieldLabel(c.field),
    from: fieldValue(entry, c.field, c.from),
    to: fieldValue(entry, c.field, c.to),
    created: c.from === null || c.from === undefined
  }));
}

/** The facts worth showing, as label/value pairs in the reader's language. */
export function shownFacts(entry) {
  const facts = entry.facts ?? {};
  return SHOWN_FACTS.filter((name) => facts[name] !== undefined && facts[name] !== null).map((name) => {
    const raw = facts[name];
    const value = raw === 'true' ? t('common.yes') : FACT_ENUMS[name] ? te(FACT_ENUMS[name], raw)
      : FACT_FORMATS[name] ? FACT_FORMATS[name](raw) : raw;
    return { label: t(`audit.fact.${name}`), value };
  });
}

/** What an entry is about: the kind's word, the target's name and where it can be seen, when it has a page. */
export function target(entry) {
  const kind = te('AuditKind', entry.kind);
  const id = entry.targetId;
  let name = entry.targetName;
  let href = null;
  switch (entry.kind) {
    case 'RELEASE': href = id ? `/releases/${id}` : null; break;
    case 'CUSTOMER': href = id ? `/customers/${id}` : null; break;
    case 'ENVIRONMENT': href = id ? `/environments/${id}` : null; break;
    case 'SCHEDULE': href = id ? `/schedules/${id}` : null; break;
    case 'ROLLOUT': href = id ? `/rollouts/${id}` : null; break;
    case 'COMPONENT': case 'MAINLINE': href = '/components'; break;
    case 'BUILD': {
      const n = entry.facts?.jenkinsBuildNumber;
      const type = entry.facts?.buildType;
      name = name ?? (n ? t('oplog.jenkinsBuild', { n }) : type ? te('BuildType', type) : t('oplog.build'));
      // a record's build opens the record; a delta bundle's opens the upgrade plan it was built for
      const plan = entry.facts?.plan;
      href = entry.releaseId ? `/releases/${entry.releaseId}`
        : typeof plan === 'string' && plan.startsWith('/plans?') ? plan : null;
      if (!entry.targetName && entry.facts?.bundleName) name = entry.facts.bundleName;
      break;
    }
    case 'DEPLOYMENT': href = entry.releaseId ? `/releases/${entry.releaseId}` : null; break;
    case 'USER': href = '/admin/users'; break;
    case 'INTEGRATION_SETTINGS': case 'INTEGRATION_TOKEN': href = '/admin/settings'; break;
    default: break;
  }
  return { kind, name: name ?? '', href };
}
