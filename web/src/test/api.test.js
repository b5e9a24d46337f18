import { describe, it, expect, vi, beforeEach } from 'vitest';
import { api, ApiError, newestOnly } from '../lib/api.js';
import { session } from '../lib/auth.svelte.js';
import { setLocale } from '../lib/i18n.svelte.js';
import { json } from './fake-api.js';

describe('API client', () => {
  beforeEach(() => {
    session.token = 'old-token';
    vi.stubGlobal('location', { ...window.location, assign: vi.fn(), pathname: '/releases/1', search: '' });
  });

  it('sends the in-memory access token as a bearer header', async () => {
    const fetchMock = vi.fn(async () => json(200, { ok: true }));
    vi.stubGlobal('fetch', fetchMock);
    await api.get('/api/customers', { q: '华东', owner: '', page: 0 });
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe('/api/customers?q=%E5%8D%8E%E4%B8%9C&page=0');
    expect(init.headers.Authorization).toBe('Bearer old-token');
  });

  it('asks for the problems in the person\'s language: zh-CN by default, en once English is chosen', async () => {
    const fetchMock = vi.fn(async () => json(200, { ok: true }));
    vi.stubGlobal('fetch', fetchMock);
    setLocale('zh');
    await api.get('/api/customers');
    expect(fetchMock.mock.calls[0][1].headers['Accept-Language']).toBe('zh-CN');
    setLocale('en');
    await api.post('/api/customers', { name: 'x' });
    expect(fetchMock.mock.calls[1][1].headers['Accept-Language']).toBe('en');
    setLocale('zh');
  });

  it('renews the token once through the refresh cookie on 401 and repeats the request', async () => {
    const fetchMock = vi.fn(async (url, init) => {
      if (url === '/api/auth/refresh') return json(200, { accessToken: 'new-token', expiresIn: 900, expiresAt: new Date(Date.now() + 900_000).toISOString() });
      return init.headers.Authorization === 'Bearer new-token' ? json(200, { items: [] }) : json(401, { status: 401, detail: 'expired' });
    });
    vi.stubGlobal('fetch', fetchMock);
    const result = await api.get('/api/releases');
    expect(result).toEqual({ items: [] });
    expect(fetchMock.mock.calls.map((c) => c[0])).toEqual(['/api/releases', '/api/auth/refresh', '/api/releases']);
    expect(session.token).toBe('new-token');
    expect(window.location.assign).not.toHaveBeenCalled();
  });

  it('gives up on a refresh that gets no answer and sends it once more', async () => {
    await new Promise((resolve) => setTimeout(resolve, 0)); // an earlier test's refresh has settled
    let refreshes = 0;
    const signals = [];
    const fetchMock = vi.fn(async (url, init) => {
      if (url === '/api/auth/refresh') {
        refreshes++;
        signals.push(init.signal);
        if (refreshes === 1) throw new DOMException('no answer in time', 'TimeoutError');
        return json(200, { accessToken: 'second-try', expiresIn: 900 });
      }
      return init.headers.Authorization === 'Bearer second-try' ? json(200, { items: [] }) : json(401, { status: 401, detail: 'expired' });
    });
    vi.stubGlobal('fetch', fetchMock);
    expect(await api.get('/api/releases')).toEqual({ items: [] });
    expect(refreshes).toBe(2);
    expect(signals.every((signal) => signal && signal.aborted === false)).toBe(true); // each try has its time limit
    expect(window.location.assign).not.toHaveBeenCalled();
  });

  it('sends the person to the login (returning here) when the session cannot be renewed', async () => {
    vi.stubGlobal('fetch', vi.fn(async (url) => url === '/api/auth/refresh'
      ? json(401, { status: 401, detail: 'Not logged in' })
      : json(401, { status: 401, detail: 'expired' })));
    await expect(api.get('/api/releases')).rejects.toBeInstanceOf(ApiError);
    expect(window.location.assign).toHaveBeenCalledWith('/api/auth/login?returnTo=%2Freleases%2F1');
  });

  it('turns problem details into an error with words and fields', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json(400, {
      type: 'https://inetpublish.io/problems/validation', title: 'Bad Request', status: 400, detail: 'name must not be blank',
      errors: [{ field: 'name', message: 'must not be blank' }, { field: 'tags[0]', message: 'too long' }]
    })));
    const error = await api.post('/api/customers', {}).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.message).toBe('name must not be blank');
    expect(error.fields).toEqual({ name: 'must not be blank', 'tags[0]': 'too long' });
  });
});

describe('a role change', () => {
  it('reaches the signed-in person at the refresh the gateway asks for with 401', async () => {
    const payload = btoa(JSON.stringify({ sub: 'ou_wangwu', roles: ['SUPPORT'] })).replace(/=+$/, '');
    const renewed = `eyJhbGciOiJFUzI1NiJ9.${payload}.c2ln`;
    await new Promise((resolve) => setTimeout(resolve, 0)); // an earlier test's refresh has settled
    session.token = 'old-token';
    session.user = { name: '王五', role: 'VIEWER' };
    vi.stubGlobal('location', { ...window.location, assign: vi.fn(), pathname: '/', search: '' });
    vi.stubGlobal('fetch', vi.fn(async (url, init) => {
      if (url === '/api/auth/refresh') return json(200, { accessToken: renewed, expiresIn: 900 });
      return init.headers.Authorization === 'Bearer ' + renewed ? json(200, { items: [] }) : json(401, { status: 401, detail: 'The access token was revoked' });
    }));

    await api.get('/api/releases');

    expect(session.user).toEqual({ name: '王五', role: 'SUPPORT' });
  });
});

describe('newestOnly', () => {
  it('settles only the newest call: an older answer arriving later is dropped, answers and errors alike', async () => {
    const newest = newestOnly();
    let answerOld, failOlder;
    const settled = [];
    newest(new Promise((_, reject) => (failOlder = reject))).then((v) => settled.push(['older', v]), (e) => settled.push(['older failed', e.message]));
    newest(new Promise((resolve) => (answerOld = resolve))).then((v) => settled.push(['old', v]));
    const latest = newest(Promise.resolve('latest'));
    expect(await latest).toBe('latest');
    answerOld('old');
    failOlder(new Error('late'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(settled).toEqual([]);
  });
});
