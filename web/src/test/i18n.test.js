import { describe, it, expect } from 'vitest';
import { messages } from '../lib/messages.js';
import { t, te, setLocale } from '../lib/i18n.svelte.js';

const featureFiles = import.meta.glob('../lib/messages-*.js', { eager: true });

describe('words', () => {
  it('has every Chinese text in English too, and nothing more', () => {
    expect(Object.keys(messages.en).sort()).toEqual(Object.keys(messages.zh).sort());
  });

  it('keeps each word in one feature file, every one of them in use', () => {
    const home = {};
    for (const [file, words] of Object.entries(featureFiles)) {
      for (const locale of ['zh', 'en']) {
        for (const [key, text] of Object.entries(words[locale])) {
          expect(home[`${locale}:${key}`], `${key} is in ${file} and ${home[`${locale}:${key}`]}`).toBeUndefined();
          home[`${locale}:${key}`] = file;
          expect(messages[locale][key], `${file}: ${key}`).toBe(text);
        }
      }
    }
    expect(Object.keys(featureFiles).length).toBeGreaterThan(5);
  });

  it('is Chinese by default and switches to English', () => {
    setLocale('zh');
    expect(t('nav.submit')).toBe('提交发布信息');
    expect(te('UpdateType', 'HOT')).toBe('热更新');
    setLocale('en');
    expect(t('nav.submit')).toBe('Submit release');
    expect(t('pager.status', { page: 2, pages: 5, total: 93 })).toBe('Page 2 of 5, 93 in all');
    setLocale('zh');
  });
});
