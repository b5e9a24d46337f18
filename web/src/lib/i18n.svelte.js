import { messages } from './messages.js';

function initialLocale() {
  try {
    const saved = localStorage.getItem('inetpublish.locale');
    if (saved === 'zh' || saved === 'en') return saved;
  } catch {
    /* storage unavailable */
  }
  return 'zh';
}

export const i18n = $state({ locale: initialLocale() });

export function setLocale(locale) {
  i18n.locale = locale;
  try {
    localStorage.setItem('inetpublish.locale', locale);
  } catch {
    /* ignore */
  }
  document.documentElement.lang = locale === 'en' ? 'en' : 'zh-CN';
}

/** t('release.title') or t('pager.of', {n: 3}); Chinese by default, English when switched. */
export function t(key, params) {
  const table = messages[i18n.locale] ?? messages.zh;
  let text = table[key] ?? messages.zh[key] ?? key;
  if (params) {
    for (const [k, v] of Object.entries(params)) text = text.replaceAll('{' + k + '}', String(v ?? ''));
  }
  return text;
}

/** Enum values (update types, statuses, roles...) have their words under enum.<Type>.<VALUE>. */
export function te(type, value) {
  if (value === null || value === undefined || value === '') return '';
  const key = `enum.${type}.${value}`;
  const text = t(key);
  return text === key ? String(value) : text;
}

/** [value, words] for each of an enum's values, for a select's options. */
export function enumOptions(type, values) {
  return values.map((value) => [value, te(type, value)]);
}
