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

  it('names a build by its Jenkins number and links it to its release', () => {
    setLocale('zh');
    expect(target(cancelled)).toEqual({ kind: '构建', name: 'Jenkins #17', href: '/releases/r-1' });
    expect(shownFacts(cancelled)).toEqual([{ label: '构建类型', value: '打包' }, { label: '当时状态', value: '进行中' }]);
    setLocale('en');
    expect(shownFacts(cancelled)).toEqual([{ label: 'Build type', value: 'Package' }, { label: 'Status then', value: 'Running' }]);
    // cancelled while queued: Jenkins never gave it a number
    expect(target({ ...cancelled, facts: { buildType: 'PACKAGE' } }).name).toBe('Package');
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
