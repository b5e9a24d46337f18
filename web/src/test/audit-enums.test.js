import { describe, it, expect, afterEach } from 'vitest';
import { ACTIONS, KINDS } from '../lib/audit.js';
import { setLocale, t } from '../lib/i18n.svelte.js';
import description from '../../openapi/customer-service.json';

// The operation log's filters offer what customer-service takes: its description (web/openapi, kept equal to its code
// by its BaselineIT) names the values of each closed set; a value added to AuditEvent.Action and not here (or not
// worded) fails this test, not a person's search.

function valuesOf(parameter) {
  const search = description.paths['/api/operation-logs'].get.parameters.find((p) => p.name === parameter);
  const schema = search.schema.$ref
    ? description.components.schemas[search.schema.$ref.split('/').pop()]
    : search.schema;
  return schema.enum;
}

describe('the operation log filters offer the closed sets customer-service takes', () => {
  afterEach(() => setLocale('zh'));

  it.each([['kind', KINDS, 'AuditKind'], ['action', ACTIONS, 'OpAction']])('%s', (parameter, offered, words) => {
    expect([...offered].sort()).toEqual([...valuesOf(parameter)].sort());
    for (const locale of ['zh', 'en']) {
      setLocale(locale);
      const unworded = offered.filter((value) => t(`enum.${words}.${value}`) === `enum.${words}.${value}`);
      expect(unworded, `${locale}: values without words`).toEqual([]);
    }
  });
});
