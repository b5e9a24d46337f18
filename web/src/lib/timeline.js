import { t, te } from './i18n.svelte.js';
import { dateTime } from './format.js';
import { storedText } from './stored-text.js';

/**
 * The file name of the package a build made when it is one of the record's packages (release.packages), else null
 * (a delta bundle of an upgrade plan, say, which its own page names).
 */
export function packageFile(buildId, packages) {
  return (packages ?? []).find((p) => p.buildId === buildId)?.fileName ?? null;
}

/** "使用安装包 REL-2026-0001.tar.gz", or "使用构建 56076a1c 的安装包" when the build is not one of the record's packages. */
export function packageUsed(buildId, packages) {
  const file = packageFile(buildId, packages);
  return file ? t('timeline.withPackage', { file }) : t('timeline.withPackageOfBuild', { build: String(buildId).slice(0, 8) });
}

/**
 * The sentence of one timeline entry in the person's language, from the facts the server recorded (issue 16, item 5).
 * An entry recorded before facts were and not readable as facts keeps its stored text ({@code detail}).
 * {@code release} (optional): the record shown, whose packages name the package a deployment used.
 */
export function timelineText(entry, release) {
  const f = entry?.facts;
  if (!f) return entry?.detail ?? '';
  const sep = t('timeline.sep');
  const versions = (list) => (list ?? []).map((v) => `${v.component}@${v.version}`).join(', ');
  const jenkins = f.jenkinsBuildNumber != null ? t('timeline.jenkins', { n: f.jenkinsBuildNumber }) : null;
  // a build's reason is kept as its codes ({code, args}: worded here), an entry from before codes as its text
  const outcome = () => [f.result ? te('BuildResult', f.result) : null, jenkins, f.reason ? t('timeline.reason', { reason: storedText(f.reason) }) : null];
  const parts = [];
  switch (entry.action) {
    case 'SUBMITTED':
      parts.push(t('timeline.submitted', { number: f.number, items: versions(f.items) }));
      break;
    case 'EDITED':
      parts.push(t('timeline.changed', { fields: (f.changed ?? []).map((c) => t('timeline.field.' + c)).join(t('timeline.listSep')) }));
      if (f.updateType) parts.push(t('timeline.updateType', { from: te('UpdateType', f.updateType.from), to: te('UpdateType', f.updateType.to) }));
      if (f.items) parts.push(t('timeline.items', { items: versions(f.items) }));
      if (f.outdatedTests != null) parts.push(t('timeline.outdated', { tests: f.outdatedTests, packages: f.outdatedPackages }));
      break;
    case 'WITHDRAWN':
      if (f.reason) parts.push(t('timeline.reason', { reason: f.reason }));
      break;
    case 'TEST_DEPLOYMENT_REQUESTED':
    case 'PACKAGING_REQUESTED':
      parts.push(jenkins);
      break;
    case 'TEST_DEPLOYMENT_FINISHED':
    case 'TEST_DEPLOYMENT_FAILED':
      parts.push(...outcome());
      break;
    case 'PACKAGING_FINISHED':
    case 'PACKAGING_FAILED':
      parts.push(...outcome());
      if (f.artifacts?.length) parts.push(t('timeline.artifacts', { files: f.artifacts.join(', ') }));
      break;
    case 'VERSIONS_SYNCED':
      if (f.kind === 'TEST_DEPLOYMENT') parts.push(t('timeline.syncedTest'));
      if (f.kind === 'ROLLBACK') parts.push(t('timeline.syncedRollback'));
      for (const c of f.changes ?? []) {
        parts.push(c.from == null ? t('timeline.syncedNew', c) : t('timeline.syncedChange', c));
      }
      break;
    case 'CUSTOMER_DEPLOYMENT_RECORDED':
    case 'ROLLBACK_RECORDED':
      parts.push(f.customer);
      if (entry.action === 'ROLLBACK_RECORDED') {
        parts.push(t('timeline.rolledBackTo', { versions: versions(f.versions) }));
        if (f.kept?.length) parts.push(t('timeline.notRolledBack', { list: f.kept.map(kept).join(t('timeline.listSep')) }));
      } else {
        parts.push(f.packageBuildId ? packageUsed(f.packageBuildId, release?.packages) : t('timeline.withoutPackage'));
      }
      if (f.deployedAt) parts.push(t('timeline.deployedAt', { at: dateTime(f.deployedAt) }));
      if (f.evidenceCount != null) parts.push(t('timeline.evidence', { n: f.evidenceCount }));
      break;
    case 'PACKAGE_REMOVED':
      parts.push(t('timeline.packageRemoved', { files: (f.files ?? []).join(', ') }));
      if (f.retentionDays != null) parts.push(t('timeline.retention', { days: f.retentionDays }));
      if (f.storedAt) parts.push(t('timeline.storedAt', { at: dateTime(f.storedAt) }));
      break;
    case 'APPROVAL_REQUESTED':
      parts.push(f.customer);
      if (f.reasons?.length) parts.push(t('timeline.approvalReasons', { reasons: f.reasons.map((r) => te('ApprovalReason', r)).join(t('timeline.listSep')) }));
      if (f.approvers?.length) parts.push(t('timeline.approvers', { names: f.approvers.map((p) => p.name ?? p.id).join(t('timeline.listSep')) }));
      if (f.note) parts.push(t('timeline.approvalNote', { note: f.note }));
      break;
    case 'APPROVAL_APPROVED':
    case 'APPROVAL_REJECTED':
      parts.push(f.customer);
      if (f.via) parts.push(t('timeline.via.' + f.via));
      if (f.reason) parts.push(t('timeline.reason', { reason: f.reason }));
      break;
    default:
      break;
  }
  return parts.filter((p) => p).join(sep);
}

function kept(k) {
  if (k.noEarlier) return t('timeline.kept.noEarlier', k);
  if (k.version == null) return t('timeline.kept.notInstalled', k);
  return k.releaseNumber ? t('timeline.kept.otherRelease', { ...k, release: k.releaseNumber }) : t('timeline.kept.other', k);
}

/** A schedule's title: the one a person gave, else "更新 <customer> / <environments>" in the person's language. */
export function scheduleTitle(schedule) {
  if (schedule?.title) return schedule.title;
  return t('schedule.defaultTitle', {
    customer: schedule?.customerName ?? '',
    environments: (schedule?.environments ?? []).map((e) => e.environmentName).join(', ')
  });
}
