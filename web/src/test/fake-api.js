import { vi } from 'vitest';

/**
 * A fake back end for component tests: routes "METHOD /path" to handlers that answer (status, body), records every
 * request (method, url, json body) so tests can assert what the form sent.
 */
export function fakeServer(routes) {
  const calls = [];
  const fetchMock = vi.fn(async (url, init = {}) => {
    const method = (init.method ?? 'GET').toUpperCase();
    const u = new URL(url, 'http://localhost');
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : init.body;
    calls.push({ method, path: u.pathname, query: u.searchParams, body });
    const handler = routes[`${method} ${u.pathname}`];
    if (!handler) return json(404, { title: 'Not Found', status: 404, detail: `no fake for ${method} ${u.pathname}` });
    const [status, payload] = await handler({ query: u.searchParams, body });
    return json(status, payload);
  });
  vi.stubGlobal('fetch', fetchMock);
  return { calls, fetchMock };
}

export function json(status, payload) {
  const problem = status >= 400;
  return new Response(payload === null ? null : JSON.stringify(payload), {
    status,
    headers: { 'Content-Type': problem ? 'application/problem+json' : 'application/json' }
  });
}

export function page(items) {
  return { items, page: 0, size: items.length || 20, totalItems: items.length, totalPages: 1 };
}
