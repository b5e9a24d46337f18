// The access token lives only in memory (never in localStorage or a readable cookie). It is obtained and renewed
// through auth-service's refresh (api/session.js), which the browser authorises with the HttpOnly refresh cookie.
import * as sessionApi from './api/session.js';

export const session = $state({ status: 'loading', user: null, token: null, expiresAt: 0 });

const WRITE = ['DEVELOPER', 'TESTER', 'SUPPORT', 'ADMIN'];
const SUPPORT = ['SUPPORT', 'ADMIN'];

/** What each role may do (issue 8); the UI hides or disables everything else. */
export const permissions = {
  submitRelease: WRITE,
  editRelease: WRITE,
  testDeploy: WRITE,
  cancelBuild: WRITE,
  package: SUPPORT,
  customerDeploy: SUPPORT,
  manageCustomers: SUPPORT,
  manageSchedules: SUPPORT,
  manageRollouts: SUPPORT,
  manageComponents: SUPPORT,
  resendNotification: SUPPORT,
  admin: ['ADMIN']
};

export function can(action) {
  const role = session.user?.role;
  return !!role && (permissions[action] ?? []).includes(role);
}

let refreshing = null;
let renewTimer = null;

// Every tab of this browser shares one refresh cookie. Tabs refresh one at a time (a Web Lock across tabs) and
// hand the new access token to each other (a BroadcastChannel), so two tabs waking from sleep do not both rotate
// the same cookie. (The server also tolerates that for a few seconds, for browsers without these APIs.)
const LOCK = 'inetpublish-refresh';
const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('inetpublish-auth');
let receivedAt = 0;
/** @type {any} */ (channel)?.unref?.(); // Node (tests) only: an open channel does not keep the process alive

channel?.addEventListener('message', (event) => {
  const message = event.data ?? {};
  if (message.type === 'token' && message.accessToken) {
    adopt(message);
    receivedAt = Date.now();
  } else if (message.type === 'logout') {
    endLocally();
  }
});

function withRefreshLock(work) {
  const locks = typeof navigator === 'undefined' ? null : navigator.locks;
  return locks?.request ? locks.request(LOCK, work) : work();
}

function adopt({ accessToken, expiresAt, expiresIn }) {
  session.token = accessToken;
  // the gateway refuses a token issued before a role change, so a refresh may bring a new role
  const role = roleIn(accessToken);
  if (session.user && role && session.user.role !== role) session.user = { ...session.user, role };
  session.expiresAt = expiresAt ? Date.parse(expiresAt) : Date.now() + (expiresIn ?? 900) * 1000;
  scheduleRenewal();
}

/** One refresh at a time across this browser's tabs; resolves true when a new access token was obtained. */
export function refreshToken() {
  if (!refreshing) {
    const askedAt = Date.now();
    refreshing = withRefreshLock(async () => {
      try {
        // another tab refreshed while this one waited for the lock: its token is ours too
        if (receivedAt >= askedAt && session.token) return true;
        const res = await postRefresh();
        if (!res.ok) {
          session.token = null;
          return false;
        }
        const body = await res.json();
        adopt(body);
        channel?.postMessage({ type: 'token', accessToken: body.accessToken, expiresAt: body.expiresAt, expiresIn: body.expiresIn });
        return true;
      } catch {
        return false;
      } finally {
        setTimeout(() => { refreshing = null; }, 0);
      }
    });
  }
  return refreshing;
}

// A refresh that gets no answer must not leave the app on its loading screen: it is given up after a few seconds
// and sent once more (the server gives a repeat of a just-rotated cookie a sibling token, AUTH_REFRESH_REUSE_GRACE).
const REFRESH_TIMEOUT_MS = 8000;

async function postRefresh() {
  for (let attempt = 1; ; attempt++) {
    try {
      return await sessionApi.refresh(AbortSignal.timeout(REFRESH_TIMEOUT_MS));
    } catch (e) {
      if (attempt >= 2 || e?.name !== 'TimeoutError') throw e;
    }
  }
}

/** The role an access token carries (its roles claim); the token's signature is the server's business. */
function roleIn(token) {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(part), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes)).roles?.[0] ?? null;
  } catch {
    return null;
  }
}

function scheduleRenewal() {
  clearTimeout(renewTimer);
  const inMs = Math.max(10_000, session.expiresAt - Date.now() - 60_000);
  renewTimer = setTimeout(() => refreshToken(), inMs);
}

export function loginUrl(returnTo = window.location.pathname + window.location.search) {
  return sessionApi.loginUrl(returnTo);
}

export function goToLogin() {
  window.location.assign(loginUrl());
}

/** Called once at start: a refresh cookie from the login redirect (or an earlier visit) gives us a session. */
export async function startSession() {
  const ok = await refreshToken();
  if (!ok) {
    session.status = 'anonymous';
    return;
  }
  try {
    const res = await sessionApi.me(session.token);
    if (!res.ok) throw new Error('me ' + res.status);
    session.user = await res.json();
    session.status = 'ready';
  } catch {
    session.status = 'anonymous';
  }
}

export async function logout() {
  try {
    if (session.token) {
      await sessionApi.logout(session.token);
    }
  } finally {
    channel?.postMessage({ type: 'logout' });
    endLocally();
  }
}

function endLocally() {
  clearTimeout(renewTimer);
  session.token = null;
  session.user = null;
  session.status = 'anonymous';
}
