import { describe, it, expect, vi, beforeEach } from 'vitest';
import { refreshToken, session } from '../lib/auth.svelte.js';
import { json } from './fake-api.js';

// Two tabs of one browser share the refresh cookie (issue 21, item 7): they refresh one at a time and share the token.

const tokenFor = (role) => 'h.' + btoa(JSON.stringify({ roles: [role] })).replace(/=+$/, '') + '.s';
const later = () => new Date(Date.now() + 900_000).toISOString();
const otherTab = () => new BroadcastChannel('inetpublish-auth');
const nextMessage = (channel) => new Promise((resolve) => channel.addEventListener('message', (e) => resolve(e.data), { once: true }));

describe('refresh across tabs', () => {
  beforeEach(async () => {
    // the previous test's refresh has let go of its promise (it does so a tick after it ended)
    await new Promise((resolve) => setTimeout(resolve, 0));
    session.token = 'old-token';
    session.user = { name: '张三', role: 'VIEWER' };
  });

  it('takes the token another tab refreshed while this one waited for the refresh lock, without a refresh of its own', async () => {
    const other = otherTab();
    let releaseLock;
    const held = new Promise((resolve) => { releaseLock = resolve; });
    // the other tab holds the lock: this tab's refresh waits for it
    vi.stubGlobal('navigator', { ...navigator, locks: { request: async (name, work) => { await held; return work(); } } });
    const fetchMock = vi.fn(async () => json(200, { accessToken: 'own', expiresAt: later() }));
    vi.stubGlobal('fetch', fetchMock);

    const refreshed = refreshToken();
    const shared = tokenFor('SUPPORT');
    other.postMessage({ type: 'token', accessToken: shared, expiresAt: later() });
    await vi.waitFor(() => expect(session.token).toBe(shared));
    releaseLock();

    expect(await refreshed).toBe(true);
    expect(fetchMock).not.toHaveBeenCalled();
    expect(session.user.role).toBe('SUPPORT');
    other.close();
  });

  it('refreshes under the lock and hands the new token to the other tabs', async () => {
    const other = otherTab();
    const received = nextMessage(other);
    const locked = [];
    vi.stubGlobal('navigator', { ...navigator, locks: { request: async (name, work) => { locked.push(name); return work(); } } });
    const fresh = tokenFor('VIEWER');
    const fetchMock = vi.fn(async () => json(200, { accessToken: fresh, expiresAt: later() }));
    vi.stubGlobal('fetch', fetchMock);

    expect(await refreshToken()).toBe(true);

    expect(locked).toEqual(['inetpublish-refresh']);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(session.token).toBe(fresh);
    expect(await received).toMatchObject({ type: 'token', accessToken: fresh });
    other.close();
  });

  it('ends the session in every tab when one logs out', async () => {
    session.status = 'ready';
    const other = otherTab();
    other.postMessage({ type: 'logout' });
    await vi.waitFor(() => expect(session.status).toBe('anonymous'));
    expect(session.token).toBe(null);
    other.close();
  });
});
