import { describe, it, expect, beforeEach } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import { fakeServer, page } from './fake-api.js';
import { setLocale } from '../lib/i18n.svelte.js';
import Home from '../pages/Home.svelte';

const build = (id, status) => ({ id, status, releaseId: 'r-' + id, releaseNumber: 'REL-2026-00' + id, type: 'PACKAGE', requestedBy: { id: 'ou_zhangsan', name: '张三' }, requestedAt: '2026-01-05T02:00:00Z' });
const ALL = [build('01', 'TRIGGERING'), build('02', 'UNCONFIRMED'), build('03', 'QUEUED'), build('04', 'RUNNING'), build('05', 'FINISHED')];

describe('Home', () => {
  beforeEach(() => setLocale('zh'));

  it('lists every build that has not finished, as build-service names its statuses', async () => {
    const { calls } = fakeServer({
      'GET /api/releases': () => [200, page([])],
      'GET /api/schedules': () => [200, page([])],
      'GET /api/versions/drift': () => [200, { environments: [] }],
      // like build-service: status filters when given, otherwise the newest builds of any status
      'GET /api/builds': ({ query }) => {
        const wanted = query.getAll('status');
        return [200, page(wanted.length ? ALL.filter((b) => wanted.includes(b.status)) : ALL)];
      }
    });
    render(Home);
    const panel = screen.getByTestId('home-builds');
    await within(panel).findByText('REL-2026-0001');
    const shown = within(panel).getAllByRole('link').map((a) => a.textContent);
    expect(shown).toEqual(['REL-2026-0001', 'REL-2026-0002', 'REL-2026-0003', 'REL-2026-0004']);
    const asked = calls.find((c) => c.path === '/api/builds').query.getAll('status');
    expect(asked.every((s) => ['TRIGGERING', 'UNCONFIRMED', 'QUEUED', 'RUNNING'].includes(s))).toBe(true);
  });
});
