import { describe, it, expect } from 'vitest';

// The app talks to the API through lib/api.js (fetch, upload, download) and one module per resource under lib/api/.
// Pages and components import those functions; they never spell an API path or call fetch themselves, so a moved
// endpoint is changed in one place.
const sources = import.meta.glob(['../**/*.svelte', '../**/*.js', '!../test/**', '!../lib/api.js', '!../lib/api/**'], {
  query: '?raw', import: 'default', eager: true
});

/** The places in a source that name an API path ("/api", "/api/…"; not an import of lib/api) or call fetch/XHR. */
function apiCallsIn(text) {
  const found = [];
  text.split('\n').forEach((line, i) => {
    if (/(?<![\w.])\/api(?![\w-])/.test(line) || /\bfetch\s*\(|XMLHttpRequest/.test(line)) found.push(`${i + 1}: ${line.trim()}`);
  });
  return found;
}

describe('the API boundary', () => {
  it('sees the app\'s pages, components and libraries', () => {
    const files = Object.keys(sources);
    expect(files).toContain('../pages/ReleaseDetail.svelte');
    expect(files).toContain('../lib/auth.svelte.js');
    expect(files.some((f) => f.startsWith('../lib/api'))).toBe(false);
  });

  it('knows an API path or a fetch when it sees one, and an import of the API modules is neither', () => {
    expect(apiCallsIn("api.get('/api/releases', query)")).toHaveLength(1);
    expect(apiCallsIn('await api.get(`/api/builds/${id}`)')).toHaveLength(1);
    expect(apiCallsIn("// GET /api/auth/people?q=")).toHaveLength(1);
    expect(apiCallsIn("const res = await fetch(url)")).toHaveLength(1);
    expect(apiCallsIn("import * as releasesApi from '../lib/api/releases.js';\nimport { ApiError } from '../lib/api.js';")).toEqual([]);
  });

  it('leaves API paths and requests to lib/api.js and lib/api/', () => {
    const offenders = Object.entries(sources)
      .map(([file, text]) => apiCallsIn(text).map((line) => `${file.slice(3)}:${line}`))
      .flat();
    expect(offenders).toEqual([]);
  });
});
