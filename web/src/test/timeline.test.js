import { describe, it, expect, afterEach } from 'vitest';
import { timelineText, scheduleTitle } from '../lib/timeline.js';
import { setLocale } from '../lib/i18n.svelte.js';

const han = /\p{Script=Han}/u;

const entries = [
  { action: 'SUBMITTED', facts: { number: 'R2026-0001', items: [{ component: 'gateway', version: '1.2.3' }] } },
  { action: 'EDITED', facts: { changed: ['title', 'updateType', 'items'], updateType: { from: 'HOT', to: 'DEV' }, items: [{ component: 'gateway', version: '1.2.4' }], outdatedTests: 1, outdatedPackages: 1 } },
  { action: 'PACKAGING_FINISHED', facts: { result: 'SUCCESS', jenkinsBuildNumber: 5, reason: null, artifacts: ['bundle.tar.gz'] } },
  { action: 'TEST_DEPLOYMENT_FAILED', facts: { result: 'FAILURE', jenkinsBuildNumber: 12, reason: 'script error' } },
  { action: 'VERSIONS_SYNCED', facts: { kind: 'TEST_DEPLOYMENT', changes: [{ component: 'x', from: null, to: '1' }, { component: 'gateway', from: '1.0', to: '1.1' }] } },
  { action: 'CUSTOMER_DEPLOYMENT_RECORDED', facts: { customer: 'Lang Co', packageBuildId: '5b0c1f1e-8a3a-4c1e-9a53-0f6c7d2b9e11', deployedAt: '2026-01-05T02:00:00Z', evidenceCount: 3 } },
  { action: 'ROLLBACK_RECORDED', facts: { customer: 'Lang Co', versions: [{ component: 'gateway', version: '1.1.0' }], kept: [{ component: 'report', version: null, releaseNumber: null, noEarlier: true }, { component: 'web', version: '2.0', releaseNumber: 'R2026-0002', noEarlier: false }], deployedAt: '2026-01-05T02:00:00Z', evidenceCount: 1 } },
  { action: 'WITHDRAWN', facts: { reason: 'duplicate' } },
  { action: 'APPROVAL_REQUESTED', facts: { customer: 'Lang Co', reasons: ['PRODUCTION', 'CONFIG_CHANGE'], approvers: [{ id: 'ou_2', name: 'Li' }], note: 'tonight' } },
  { action: 'APPROVAL_REJECTED', facts: { customer: 'Lang Co', via: 'FEISHU', reason: 'frozen' } },
  { action: 'PACKAGE_REMOVED', facts: { files: ['R2026-0001.tar.gz'], retentionDays: 180, storedAt: '2026-06-01T08:00:00Z' } }
];

describe('timeline text', () => {
  afterEach(() => setLocale('zh'));

  it('writes the recorded facts as Chinese sentences by default', () => {
    setLocale('zh');
    expect(timelineText(entries[0])).toBe('R2026-0001：gateway@1.2.3');
    expect(timelineText(entries[1])).toBe('修改了标题、更新类型、组件与版本；更新类型 热更新 → dev 更新；组件与版本：gateway@1.2.4；因此过期：1 次部署测试、1 个安装包');
    expect(timelineText(entries[5])).toContain('使用构建 5b0c1f1e 的安装包');
    // the record's own package is named by its file, as the builds list and the deployment show it
    const release = { packages: [{ buildId: '5b0c1f1e-8a3a-4c1e-9a53-0f6c7d2b9e11', fileName: 'R2026-0001.tar.gz' }] };
    expect(timelineText(entries[5], release)).toContain('使用安装包 R2026-0001.tar.gz；');
    expect(timelineText(entries[6])).toContain('report 的历史中没有更早的版本');
    expect(timelineText(entries[8])).toBe('Lang Co；需要审批：生产环境、包含配置变更；审批人：Li；说明：tonight');
    expect(timelineText(entries[9])).toBe('Lang Co；在飞书中；原因：frozen');
    // retention removed a package's files (build.bundle-removed): said, not left to the package list alone
    expect(timelineText(entries[10])).toMatch(/^安装包 R2026-0001\.tar\.gz 已按保留策略删除；保留期限 180 天；存入时间 /);
  });

  it('and as English sentences, without a Chinese character, once English is chosen', () => {
    setLocale('en');
    for (const entry of entries) {
      const text = timelineText(entry);
      expect(text).not.toBe('');
      expect(text).not.toMatch(han);
    }
    expect(timelineText(entries[5])).toContain('with the package of build 5b0c1f1e');
    expect(timelineText(entries[5], { packages: [{ buildId: entries[5].facts.packageBuildId, fileName: 'a.tar.gz' }] }))
      .toContain('with the package a.tar.gz;');
    expect(timelineText(entries[4])).toBe('test deployment; x: new 1; gateway: 1.0 → 1.1');
    expect(timelineText(entries[10])).toMatch(/^Package R2026-0001\.tar\.gz was removed by the retention policy; kept 180 days; stored at /);
  });

  it('says an UNSTABLE test deployment was unstable, though it finished (docs/events.md, "Results")', () => {
    const unstable = { action: 'TEST_DEPLOYMENT_FINISHED', facts: { result: 'UNSTABLE', jenkinsBuildNumber: 12, reason: null } };
    expect(timelineText(unstable)).toContain('不稳定');
    setLocale('en');
    expect(timelineText(unstable)).toContain('Unstable');
  });

  it('words a build\'s reason from its codes in the reader\'s language, nested ones too, and an old text as stored', () => {
    // as build-service stores it and build.finished carries it to release-service (issue 16, store facts, render text)
    const reason = { code: 'build.reason.bundle-failed', args: ['SUCCESS', { code: 'bundle.copy.checksum', args: ['dist/R-1.tar.gz', '0123abcd', '4567ef01'] }] };
    const failed = { action: 'PACKAGING_FAILED', facts: { result: 'BUNDLE_FAILED', jenkinsBuildNumber: 7, reason, artifacts: [] } };
    const lost = { action: 'TEST_DEPLOYMENT_FAILED', facts: { result: 'LOST', jenkinsBuildNumber: null, reason: { code: 'build.reason.gave-up', args: [3, { code: 'jenkins.unreachable', args: ['Connection refused'] }] } } };
    const old = { action: 'TEST_DEPLOYMENT_FAILED', facts: { result: 'FAILURE', jenkinsBuildNumber: 12, reason: 'Jenkins: CYCLE' } };
    setLocale('zh');
    expect(timelineText(failed)).toBe('安装包保存失败；Jenkins #7；原因：Jenkins：SUCCESS；dist/R-1.tar.gz 校验和不一致：Jenkins 的指纹（MD5）是 0123abcd，收到的文件是 4567ef01');
    expect(timelineText(lost)).toBe('丢失；原因：尝试 3 次仍无法在 Jenkins 中访问该构建，已放弃：Jenkins 暂时无法访问（Connection refused），请稍后再试');
    expect(timelineText(old)).toContain('原因：Jenkins: CYCLE');
    setLocale('en');
    expect(timelineText(failed)).toBe('Package not kept; Jenkins #7; Reason: Jenkins: SUCCESS; checksum mismatch for dist/R-1.tar.gz: Jenkins\' fingerprint (MD5) is 0123abcd, the received file\'s is 4567ef01');
    expect(timelineText(lost)).toBe('Lost; Reason: Gave up after 3 failed attempts to reach the build in Jenkins: Jenkins is not reachable right now (Connection refused); please try again shortly');
    expect(timelineText(lost)).not.toMatch(han);
  });

  it('shows an old entry that was not read as facts as it was stored', () => {
    expect(timelineText({ action: 'SUBMITTED', facts: null, detail: 'legacy text' })).toBe('legacy text');
  });

  it('names a schedule without a given title by its customer and environments in the person\'s language', () => {
    const schedule = { title: null, customerName: 'Lang Co', environments: [{ environmentName: 'prod' }, { environmentName: 'uat' }] };
    expect(scheduleTitle(schedule)).toBe('更新 Lang Co / prod, uat');
    setLocale('en');
    expect(scheduleTitle(schedule)).toBe('Update Lang Co / prod, uat');
    expect(scheduleTitle({ ...schedule, title: 'Night' })).toBe('Night');
  });
});
