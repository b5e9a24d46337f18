import { describe, it, expect, beforeEach } from 'vitest';
import { render, screen, within, waitFor, fireEvent } from '@testing-library/svelte';
import { fakeServer, page } from './fake-api.js';
import { setLocale } from '../lib/i18n.svelte.js';
import { session } from '../lib/auth.svelte.js';
import { route } from '../lib/router.svelte.js';
import Plan from '../pages/Plan.svelte';

const step = (releaseId, number, position) => ({
  releaseId, number, title: 'Fix ' + number, position, updateType: 'HOT', status: 'TESTED', tickets: [], items: [],
  configChange: false, configNotes: null, manual: null, packageBuildId: null, packageOutdated: false
});
const environmentPlan = (id, name, customerName, steps) => ({
  environment: { id, name, customerName, type: 'PROD' }, changes: [], atTarget: [], gaps: [], skipped: [],
  alreadyDeployed: [], steps
});
// REL-1 is a step at both environments, REL-2 only at 深圳地铁's
const PLAN = {
  target: { kind: 'MAINLINE', releases: [], versions: [] }, computedAt: '2026-12-04T06:00:00Z', link: '/plans?x',
  environments: [
    environmentPlan('env-hd', '生产', '华东电力', [step('rel-1', 'REL-2026-0001', 1)]),
    environmentPlan('env-sz', '生产', '深圳地铁', [step('rel-1', 'REL-2026-0001', 1), step('rel-2', 'REL-2026-0002', 2)])
  ]
};

describe('Plan', () => {
  beforeEach(() => {
    session.token = 'token';
    session.user = { name: '王五', role: 'SUPPORT' };
    setLocale('zh-CN');
    route.query = new URLSearchParams('environments=env-hd,env-sz&target=mainline');
  });

  it('rolls each of the plan\'s records out to the environments whose plan has it (issue 18)', async () => {
    const { calls } = fakeServer({
      'GET /api/plans': () => [200, PLAN],
      'GET /api/builds': () => [200, page([])],
      'GET /api/customers/tags': () => [200, ['试点']],
      'POST /api/releases/rel-1/rollouts': ({ body }) => [201, { id: 'ro-1', total: body.environmentIds.length }]
    });
    render(Plan);

    const section = await screen.findByTestId('plan-rollouts');
    const rows = within(section).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.dataset.release)).toEqual(['rel-1', 'rel-2']);
    expect(rows[0].textContent).toContain('华东电力 / 生产、深圳地铁 / 生产');
    expect(within(rows[1]).getByTestId('plan-rollout').textContent).toBe('推广到 1 个环境');

    await fireEvent.click(within(rows[0]).getByTestId('plan-rollout'));
    const form = await screen.findByTestId('rollout-form');
    expect(form.textContent).toContain('华东电力 / 生产');
    await fireEvent.click(within(form).getByTestId('rollout-create'));

    await waitFor(() => expect(within(rows[0]).getByTestId('plan-rollout-link').getAttribute('href')).toBe('/rollouts/ro-1'));
    const created = calls.find((c) => c.method === 'POST');
    expect(created.path).toBe('/api/releases/rel-1/rollouts');
    expect(created.body.environmentIds).toEqual(['env-hd', 'env-sz']);
    expect(created.body.tags).toEqual([]);
    expect(created.body.allCustomers).toBe(false);
    expect(screen.queryByTestId('rollout-form')).toBeNull();
  });

  it('offers no rollout for a plan of one environment: its deployment is recorded as a whole', async () => {
    fakeServer({
      'GET /api/plans': () => [200, { ...PLAN, environments: PLAN.environments.slice(1) }],
      'GET /api/builds': () => [200, page([])]
    });
    render(Plan);
    await screen.findAllByTestId('plan-record');
    expect(screen.queryByTestId('plan-rollouts')).toBeNull();
  });

  it('offers no rollout to a person who may not start one', async () => {
    session.user = { name: '李四', role: 'DEVELOPER' };
    fakeServer({ 'GET /api/plans': () => [200, PLAN], 'GET /api/builds': () => [200, page([])] });
    render(Plan);
    await screen.findAllByTestId('plan-environment');
    expect(screen.queryByTestId('plan-rollouts')).toBeNull();
  });
});
