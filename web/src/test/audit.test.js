import { describe, it, expect, afterEach } from 'vitest';
import { fieldChanges, shownFacts, target } from '../lib/audit.js';
import { setLocale } from '../lib/i18n.svelte.js';

const roleChange = {
  kind: 'USER', action: 'USER_ROLE_CHANGED', targetId: 'ou_li', targetName: '李四',
  fieldChanges: [{ field: 'role', from: 'VIEWER', to: 'TESTER' }], facts: {}
};
const cancelled = {
  kind: 'BUILD', action: 'BUILD_CANCELLED', targetId: 'b-1', targetName: null, releaseId: 'r-1',
  fieldChanges: [], facts: { buildType: 'PACKAGE', status: 'RUNNING', jenkinsBuildNumber: '17' }
};

describe('operation-log entries in words', () => {
  afterEach(() => setLocale('zh'));

  it('words a role change from its stored values, in Chinese and in English', () => {
    setLocale('zh');
    expect(fieldChanges(roleChange)).toEqual([{ label: '角色', from: '只读', to: '测试', created: false }]);
    expect(target(roleChange)).toEqual({ kind: '用户', name: '李四', href: '/admin/users' });
    setLocale('en');
    expect(fieldChanges(roleChange)).toEqual([{ label: 'Role', from: 'Viewer', to: 'Tester', created: false }]);
  });

  it('words the events of the group bots a settings change lists, not their ids', () => {
    const settings = {
      kind: 'INTEGRATION_SETTINGS', action: 'INTEGRATION_SETTINGS_CHANGED', targetId: 'feishu', targetName: 'Feishu', facts: {},
      fieldChanges: [{ field: 'webhooks', from: null, to: '发布通知群（沙箱）: build.finished, release.submitted, environment.versions-synced, schedule.due' }]
    };
    setLocale('zh');
    expect(fieldChanges(settings)[0].to).toBe('发布通知群（沙箱）: 构建完成, 提交发布, 版本同步, 更新安排到期');
    setLocale('en');
    expect(fieldChanges(settings)[0].to).toBe('发布通知群（沙箱）: Build finished, Release submitted, Versions synced, Schedule due');
  });

  it('names a build by its Jenkins number and links it to its release', () => {
    setLocale('zh');
    expect(target(cancelled)).toEqual({ kind: '构建', name: 'Jenkins #17', href: '/releases/r-1' });
    expect(shownFacts(cancelled)).toEqual([{ label: '构建类型', value: '打包' }, { label: '当时状态', value: '进行中' }]);
    setLocale('en');
    expect(shownFacts(cancelled)).toEqual([{ label: 'Build type', value: 'Package' }, { label: 'Status then', value: 'Running' }]);
    // cancelled while queued: Jenkins never gave it a number
    expect(target({ ...cancelled, facts: { buildType: 'PACKAGE' } }).name).toBe('Package');
  });

  it('words a failed build\'s reason from its codes in the reader\'s language, an old entry\'s text as stored', () => {
    const lost = {
      kind: 'BUILD', action: 'BUILD_FINISHED', targetId: 'b-3', targetName: null, releaseId: 'r-1', fieldChanges: [],
      // the operation log keeps facts as strings: the reason's codes as their JSON (customer-service's audit trail)
      facts: { buildType: 'PACKAGE', result: 'LOST', reasonText: JSON.stringify({ code: 'build.reason.never-confirmed', args: ['ops/package'] }) }
    };
    setLocale('zh');
    expect(shownFacts(lost)).toEqual([{ label: '构建类型', value: '打包' }, { label: '结果', value: '丢失' },
      { label: '原因', value: 'Jenkins 一直没有确认触发，ops/package 中也没有出现这些参数的构建；再次触发前请先检查 Jenkins' }]);
    setLocale('en');
    expect(shownFacts(lost)[2]).toEqual({ label: 'Reason', value: 'Jenkins never confirmed the trigger and no build with these parameters appeared in ops/package; check Jenkins before triggering again' });
    expect(shownFacts({ ...lost, facts: { result: 'FAILURE', reason: 'Jenkins: CYCLE' } })[1]).toEqual({ label: 'Reason', value: 'Jenkins: CYCLE' });
  });

  it('names a delta bundle by its name, links its plan, and words a retention removal', () => {
    const bundle = {
      kind: 'BUILD', action: 'BUILD_FINISHED', targetId: 'b-2', targetName: null, releaseId: null, releaseNumber: null,
      fieldChanges: [],
      facts: { buildType: 'PACKAGE', result: 'SUCCESS', bundleName: 'PLAN-华东电力-生产-1', plan: '/plans?environments=e-1&target=mainline', releaseNumbers: 'REL-2026-0001,REL-2026-0002' }
    };
    setLocale('zh');
    expect(target(bundle)).toEqual({ kind: '构建', name: 'PLAN-华东电力-生产-1', href: '/plans?environments=e-1&target=mainline' });
    expect(shownFacts(bundle)).toContainEqual({ label: '增量包', value: 'PLAN-华东电力-生产-1' });
    expect(shownFacts(bundle)).toContainEqual({ label: '覆盖的发布记录', value: 'REL-2026-0001,REL-2026-0002' });
    // a plan fact that is not the platform's own plan page is not a link
    expect(target({ ...bundle, facts: { ...bundle.facts, plan: 'https://elsewhere.example/plans?x' } }).href).toBeNull();

    const removed = { kind: 'BUILD', action: 'BUILD_BUNDLE_REMOVED', targetId: 'b-2', fieldChanges: [],
      facts: { buildType: 'PACKAGE', retention: 'PT4320H', bytes: '2048' } };
    expect(shownFacts(removed)).toEqual([{ label: '构建类型', value: '打包' }, { label: '保留期限', value: '180 天' },
      { label: '大小', value: '2.0 KB' }]);
    setLocale('en');
    expect(shownFacts(removed)).toEqual([{ label: 'Build type', value: 'Package' }, { label: 'Retention', value: '180 days' },
      { label: 'Size', value: '2.0 KB' }]);
  });

  it('shows a field it has no word for by its name, and a boolean as yes/no', () => {
    setLocale('en');
    const entry = { kind: 'CUSTOMER', fieldChanges: [{ field: 'archived', from: 'false', to: 'true' }, { field: 'shoeSize', from: null, to: '42' }] };
    expect(fieldChanges(entry)).toEqual([
      { label: 'Archived', from: 'No', to: 'Yes', created: false },
      { label: 'shoeSize', from: '∅', to: '42', created: true }
    ]);
  });
});
