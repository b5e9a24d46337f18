// One endpoint's address from its service's description (no imports: api/session.js needs it too, and request() relies
// on the session module).

/**
 * The address of an endpoint from its description's path template and path parameters (for uploads and downloads,
 * which do not go through call()): endpoint('/api/builds/{id}/manifest', { id }).
 * @template {import('./schema').ApiPath} P
 * @param {P} template
 * @param {Record<string, string | number>} [params]
 * @returns {string}
 */
export function endpoint(template, params = {}) {
  return template.replace(/\{(\w+)\}/g, (_, name) => {
    if (params[name] === undefined || params[name] === null) throw new Error(`${template}: no value for {${name}}`);
    return encodeURIComponent(String(params[name]));
  });
}
