// A text the platform keeps as what it says (common's StoredText: {code, args}, an argument a string, a number or
// another such text) worded in the reader's language. The words are the services' own catalogue, read from its very
// files at build time: common's build-reasons*.properties (a build's reason, which build.finished carries to the
// release timeline and the operation log) and common-messages*.properties (the shared texts a reason can quote).
// Nothing is copied here, so a reason reads the same on the build panel (worded by build-service) and in the timeline.
import { i18n } from './i18n.svelte.js';
import reasonsZh from '../../../common/src/main/resources/build-reasons.properties?raw';
import reasonsEn from '../../../common/src/main/resources/build-reasons_en.properties?raw';
import commonZh from '../../../common/src/main/resources/common-messages.properties?raw';
import commonEn from '../../../common/src/main/resources/common-messages_en.properties?raw';

/** The entries of a .properties file as the services' files are written (key=value, # comments, UTF-8). */
export function parseProperties(text) {
  const entries = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trimStart();
    if (!line || line.startsWith('#') || line.startsWith('!')) continue;
    const at = line.indexOf('=');
    if (at <= 0) continue;
    entries[line.slice(0, at).trim()] = line.slice(at + 1);
  }
  return entries;
}

const zh = { ...parseProperties(commonZh), ...parseProperties(reasonsZh) };
// as the services read it: an English text where there is one, the Chinese (default) file's otherwise
const en = { ...zh, ...parseProperties(commonEn), ...parseProperties(reasonsEn) };

/**
 * A pattern with its arguments, as Java's MessageFormat writes it: {n} is argument n, '' a quote, text between
 * single quotes literal. A text without arguments is taken as it is (Spring does not format it).
 */
function format(pattern, args) {
  if (!args.length) return pattern;
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "'") {
      if (pattern[i + 1] === "'") {
        out += "'";
        i++;
        continue;
      }
      const end = pattern.indexOf("'", i + 1);
      out += end < 0 ? pattern.slice(i + 1) : pattern.slice(i + 1, end);
      i = end < 0 ? pattern.length : end;
    } else if (c === '{') {
      const end = pattern.indexOf('}', i);
      const n = Number(pattern.slice(i + 1, end));
      out += Number.isInteger(n) && n < args.length ? args[n] : pattern.slice(i, end + 1);
      i = end;
    } else {
      out += c;
    }
  }
  return out;
}

/**
 * The text in the person's language: a stored text ({code, args}) worded, nested ones too; a plain string (a text kept
 * before codes existed, or a person's own words) as it is; an unknown code as it is, as the services show it.
 */
export function storedText(value) {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object') return String(value);
  const table = i18n.locale === 'en' ? en : zh;
  const args = (value.args ?? []).map((a) => (a !== null && typeof a === 'object' ? storedText(a) : String(a ?? '')));
  const pattern = table[value.code];
  return pattern === undefined ? String(value.code) : format(pattern, args);
}

/** A stored text kept as its JSON (the operation log's facts are strings): worded, or the string as it is. */
export function storedTextJson(json) {
  if (typeof json !== 'string' || !json.startsWith('{')) return storedText(json);
  try {
    return storedText(JSON.parse(json));
  } catch {
    return json;
  }
}
