import { describe, it, expect, beforeEach } from 'vitest';
import { fakeServer } from './fake-api.js';
import { session } from '../lib/auth.svelte.js';
import * as peopleApi from '../lib/api/people.js';
import * as plansApi from '../lib/api/plans.js';
import * as environmentsApi from '../lib/api/environments.js';

describe('API modules', () => {
  beforeEach(() => {
    session.token = 'token';
  });

  it('tells a person added by e-mail (201) from one the platform knew already (200)', async () => {
    const known = new Set(['lisi@example.com']);
    fakeServer({
      'POST /api/auth/people': ({ body }) => {
        const person = { id: 'ou_' + body.email.split('@')[0], name: body.email.split('@')[0] };
        const created = !known.has(body.email);
        known.add(body.email);
        return [created ? 201 : 200, person];
      }
    });
    expect(await peopleApi.add('wangwu@example.com')).toEqual({ person: { id: 'ou_wangwu', name: 'wangwu' }, created: true });
    expect(await peopleApi.add('lisi@example.com')).toEqual({ person: { id: 'ou_lisi', name: 'lisi' }, created: false });
  });

  it('asks for skip marks 50 environments at a time and leaves out a batch that fails', async () => {
    const ids = Array.from({ length: 120 }, (_, i) => `env-${i}`);
    const { calls } = fakeServer({
      'GET /api/plans/skips': ({ query }) => {
        const asked = query.get('environments').split(',');
        if (asked.includes('env-60')) return [503, { status: 503, title: 'Service Unavailable' }];
        return [200, asked.map((environmentId) => ({ environmentId, releaseNumber: 'REL-1', items: [{ component: 'gateway', version: '1.0' }] }))];
      }
    });
    const marks = await plansApi.skipMarks([...ids, 'env-0']);
    expect(calls.map((c) => c.query.get('environments').split(',').length)).toEqual([50, 50, 20]);
    expect(marks.map((m) => m.environmentId)).toEqual([...ids.slice(0, 50), ...ids.slice(100)]);
    expect(plansApi.skipsFor(marks, 'env-3', 'gateway')).toHaveLength(1);
    expect(plansApi.skipsFor(marks, 'env-3', 'report-web')).toEqual([]);
  });

  it('keeps a component name one path segment, whatever it holds', async () => {
    const { calls } = fakeServer({ 'PUT /api/environments/e1/components/web%2Fportal%23v2': () => [200, { component: 'web/portal#v2', version: '2.0' }] });
    await environmentsApi.setComponentVersion('e1', 'web/portal#v2', '2.0');
    expect(calls[0].body).toEqual({ version: '2.0' });
  });
});
