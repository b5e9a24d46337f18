// A small history-API router: the gateway answers every path outside the API with index.html, so deep links and
// reloads work.
import { isApiPath } from './api/session.js';

export const route = $state({ path: '/', query: new URLSearchParams(), params: {}, name: 'notFound' });

const table = [];

/** pattern such as '/releases/:id'; returns params or null */
function match(pattern, path) {
  const p = pattern.split('/').filter(Boolean);
  const s = path.split('/').filter(Boolean);
  if (p.length !== s.length) return null;
  const params = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i].startsWith(':')) params[p[i].slice(1)] = decodeURIComponent(s[i]);
    else if (p[i] !== s[i]) return null;
  }
  return params;
}

export function defineRoutes(routes) {
  table.length = 0;
  table.push(...routes);
  sync();
}

function sync() {
  const loc = window.location;
  route.path = loc.pathname;
  route.query = new URLSearchParams(loc.search);
  for (const r of table) {
    const params = match(r.path, loc.pathname);
    if (params) {
      route.params = params;
      route.name = r.name;
      return;
    }
  }
  route.params = {};
  route.name = 'notFound';
}

export function navigate(href, { replace = false } = {}) {
  const current = window.location.pathname + window.location.search;
  if (href === current) return;
  if (replace) history.replaceState({}, '', href);
  else history.pushState({}, '', href);
  sync();
  window.scrollTo?.(0, 0);
}

/** Replace the query string (filters, page) without adding a history entry per keystroke. */
export function setQuery(values) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) {
    if (v !== undefined && v !== null && v !== '' && v !== false) q.set(k, String(v));
  }
  const s = q.toString();
  history.replaceState({}, '', window.location.pathname + (s ? '?' + s : ''));
  route.query = new URLSearchParams(window.location.search);
}

if (typeof window !== 'undefined') {
  window.addEventListener('popstate', sync);
  // Any same-origin <a href="/..."> that is not a download or a link into the API is handled here.
  document.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const a = event.target.closest?.('a[href]');
    if (!a || a.target || a.hasAttribute('download') || a.dataset.external !== undefined) return;
    const url = new URL(a.href, window.location.href);
    if (url.origin !== window.location.origin || isApiPath(url.pathname)) return;
    event.preventDefault();
    navigate(url.pathname + url.search);
  });
}
