import { describe, it, expect, afterEach } from 'vitest';
import { storedText, storedTextJson, parseProperties } from '../lib/stored-text.js';
import { setLocale } from '../lib/i18n.svelte.js';
import reasonsZh from '../../../common/src/main/resources/build-reasons.properties?raw';
import reasonsEn from '../../../common/src/main/resources/build-reasons_en.properties?raw';

describe('stored texts (a code and its arguments) in the reader\'s language', () => {
  afterEach(() => setLocale('zh'));

  it('reads every build reason in both languages from the services\' own catalogue', () => {
    const zh = parseProperties(reasonsZh);
    const en = parseProperties(reasonsEn);
    expect(Object.keys(zh).length).toBeGreaterThan(30);
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    setLocale('zh');
    expect(storedText({ code: 'build.reason.queue-cancelled', args: [] })).toBe('在 Jenkins 队列中被取消，尚未开始');
    setLocale('en');
    expect(storedText({ code: 'build.reason.queue-cancelled', args: [] })).toBe('Cancelled in the Jenkins queue before it started');
  });

  it('formats as Java\'s MessageFormat: doubled quotes, numbers as their digits, a text without arguments as it is', () => {
    setLocale('en');
    expect(storedText({ code: 'bundle.copy.short', args: [1048576, 'dist/a.tar.gz', 2097152] }))
      .toBe('received 1048576 bytes of dist/a.tar.gz where Jenkins announced 2097152');
    expect(storedText({ code: 'jenkins.forbidden', args: [{ code: 'jenkins.what.job', args: ['ops/package'] }] }))
      .toBe('Jenkins refused access to job ops/package for the configured user (403); check the user\'s permissions or the API token');
    expect(storedText({ code: 'jenkins.credentials', args: [] })).toContain('(401)');
    // a shared text a reason quotes (common-messages), and in Chinese
    setLocale('zh');
    expect(storedText({ code: 'jenkins.address-not-allowed', args: ['http://10.0.0.1', { code: 'integration-url.not-http', args: [] }] }))
      .toBe('配置的 Jenkins 地址 http://10.0.0.1 不能使用：必须是 http(s) 地址；什么也没有发送，请管理员修改 Jenkins 设置');
  });

  it('shows a plain text, an unknown code and a JSON string it cannot read as they are', () => {
    expect(storedText('Jenkins: CYCLE')).toBe('Jenkins: CYCLE');
    expect(storedText({ code: 'build.reason.from-a-newer-version', args: ['x'] })).toBe('build.reason.from-a-newer-version');
    expect(storedText(null)).toBe('');
    expect(storedTextJson('{"code":"build.reason.jenkins-result","args":["CYCLE"]}')).toBe('Jenkins：CYCLE');
    expect(storedTextJson('{not json')).toBe('{not json');
    expect(storedTextJson('a person\'s words')).toBe('a person\'s words');
  });
});
