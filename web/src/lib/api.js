import { session, refreshToken, goToLogin } from './auth.svelte.js';
import { i18n } from './i18n.svelte.js';
import { endpoint } from './api/endpoint.js';

export { endpoint };

/** The person's chosen language, for the server's problem details (zh-CN unless English is chosen). */
export function acceptLanguage() {
  return i18n.locale === 'en' ? 'en' : 'zh-CN';
}

/** An error answer of the API: RFC 9457 problem details {type, title, status, detail, errors:[{field, message}]}. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }

  /** field -> message for the fields the server named */
  get fields() {
    const out = {};
    for (const e of this.problem.errors ?? []) {
      if (e && e.field && !(e.field in out)) out[e.field] = e.message;
    }
    return out;
  }
}

/** e as an ApiError: as it is when it is one, otherwise (a failure before any answer) one without a status (0). */
export function asApiError(e) {
  return e instanceof ApiError ? e : new ApiError(0, { detail: String(e.message) });
}

function qs(query) {
  if (!query) return '';
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) v.forEach((x) => q.append(k, x));
    else q.set(k, String(v));
  }
  const s = q.toString();
  return s ? '?' + s : '';
}

async function problemOf(res) {
  const type = res.headers.get('content-type') || '';
  if (type.includes('json')) {
    try {
      return await res.json();
    } catch {
      /* fall through */
    }
  }
  return { status: res.status, title: res.statusText };
}

/**
 * fetch with the access token; on 401 one refresh and one retry, then off to the login.
 * @param {string} method
 * @param {string} path
 * @param {{query?: object, body?: any, headers?: Record<string, string>, raw?: boolean}} [options]
 */
export async function request(method, path, { query, body, headers = {}, raw = false } = {}) {
  const send = () => {
    /** @type {Record<string, string>} */
    const h = { Accept: 'application/json, application/problem+json', 'Accept-Language': acceptLanguage(), ...headers };
    if (session.token) h.Authorization = 'Bearer ' + session.token;
    let payload = body;
    if (body !== undefined && !(body instanceof FormData) && typeof body !== 'string') {
      h['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    return fetch(path + qs(query), { method, headers: h, body: payload, credentials: 'same-origin' });
  };
  let res = await send();
  if (res.status === 401) {
    if (await refreshToken()) res = await send();
    if (res.status === 401) {
      goToLogin();
      throw new ApiError(401, await problemOf(res));
    }
  }
  if (!res.ok) throw new ApiError(res.status, await problemOf(res));
  if (raw) return res;
  if (res.status === 204) return null;
  const type = res.headers.get('content-type') || '';
  return type.includes('json') ? res.json() : res.text();
}

/**
 * For loads that can overlap, such as the first load still on its way when a person searches: pass each call's
 * promise through the returned function and only the newest one settles. An older answer arriving late is dropped
 * (its promise never settles) instead of replacing the list the person is choosing from.
 */
export function newestOnly() {
  let newest = 0;
  return (promise) => {
    const mine = ++newest;
    return new Promise((resolve, reject) => {
      promise.then(
        (value) => mine === newest && resolve(value),
        (error) => mine === newest && reject(error)
      );
    });
  };
}

export const api = {
  get: (path, query) => request('GET', path, { query }),
  post: (path, body, query) => request('POST', path, { body, query }),
  put: (path, body) => request('PUT', path, { body }),
  del: (path) => request('DELETE', path),
  raw: request
};

/**
 * A call of an endpoint named as its service's OpenAPI description names it, checked by `npm run typecheck` against
 * that description (lib/api/schema.d.ts): the path template must exist with this method, and the path parameters,
 * query and JSON body must be the operation's; the answer has the operation's type. call('get',
 * '/api/customers/{id}', { path: { id } }) sends GET /api/customers/<id> (each parameter URL-encoded).
 * @template {import('./api/schema').ApiPath} P
 * @template {import('./api/schema').MethodOf<P>} M
 * @param {M} method
 * @param {P} template
 * @param {import('./api/schema').Call<P, M>} [parts]
 * @returns {Promise<import('./api/schema').Answer<P, M>>}
 */
export function call(method, template, { path, query, body } = {}) {
  return request(method.toUpperCase(), endpoint(template, /** @type {any} */ (path)), { query, body });
}

/**
 * A fresh value for the Idempotency-Key header (IETF draft; an sf-string, so quoted): one per submission, kept for
 * its retries so the server records it once. crypto.randomUUID exists only in secure contexts; getRandomValues always.
 */
export function newIdempotencyKey() {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `"${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}"`;
}

/**
 * Multipart upload with progress (XMLHttpRequest, because fetch has no upload progress). onProgress(0..1).
 * Rejects with ApiError carrying the server's problem details.
 */
export function upload(path, formData, onProgress, { retried = false, headers = {} } = {}) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    xhr.setRequestHeader('Accept-Language', acceptLanguage());
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    if (session.token) xhr.setRequestHeader('Authorization', 'Bearer ' + session.token);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && onProgress) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiError(0, { detail: 'network' }));
    xhr.onload = async () => {
      let body = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = { detail: xhr.responseText };
      }
      if (xhr.status === 401 && !retried && (await refreshToken())) {
        upload(path, formData, onProgress, { retried: true, headers }).then(resolve, reject);
        return;
      }
      if (xhr.status === 401) goToLogin();
      if (xhr.status >= 200 && xhr.status < 300) resolve(body);
      else reject(new ApiError(xhr.status, body || { status: xhr.status }));
    };
    xhr.send(formData);
  });
}

/** Downloads a file through the API (the token is a header, so a plain link would not be authorised). */
export async function download(path, query, fallbackName = 'download') {
  const res = await request('GET', path, { query, raw: true, headers: { Accept: '*/*' } });
  const disposition = res.headers.get('content-disposition') || '';
  let name = fallbackName;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  if (star) name = decodeURIComponent(star[1]);
  else if (plain) name = plain[1];
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
