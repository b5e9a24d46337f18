import { describe, it, expect, beforeEach } from 'vitest';
import { render, screen, waitFor } from '@testing-library/svelte';
import { fakeServer } from './fake-api.js';
import { setLocale } from '../lib/i18n.svelte.js';
import { session } from '../lib/auth.svelte.js';
import PlanDeploymentForm from '../components/PlanDeploymentForm.svelte';

const environmentPlan = {
  environment: { id: 'env-prod', name: '生产' },
  steps: [{ releaseId: 'rel-1', number: 'REL-2026-0001', title: 'Fix gateway' }]
};

describe('PlanDeploymentForm', () => {
  beforeEach(() => {
    session.token = 'token';
    setLocale('zh-CN');
  });

  it('offers exactly the delta bundles the server says the recording accepts, newest first chosen', async () => {
    const { calls } = fakeServer({
      'GET /api/plans/deployments/bundles': () => [200, [
        { buildId: 'b-newest-0000', name: 'PLAN-b-newest', result: 'UNSTABLE', items: [] },
        { buildId: 'b-older-00000', name: 'PLAN-b-older', result: 'SUCCESS', items: [] }
      ]]
    });
    render(PlanDeploymentForm, { environmentPlan, query: { target: 'versions', versions: 'gateway@2.3.3' } });

    const select = screen.getByRole('combobox');
    await waitFor(() => expect(select.value).toBe('b-newest-0000'));
    expect([...select.options].map((o) => o.value)).toEqual(['', 'b-newest-0000', 'b-older-00000']);
    // the plan the form records is the one the server checks the bundles against
    expect(calls[0].query.get('environmentId')).toBe('env-prod');
    expect(calls[0].query.get('target')).toBe('versions');
    expect(calls[0].query.get('versions')).toBe('gateway@2.3.3');
    expect(calls.map((c) => c.path)).not.toContain('/api/builds');
  });

  it('offers none (deployed without a package) when the server cannot say', async () => {
    fakeServer({ 'GET /api/plans/deployments/bundles': () => [503, { status: 503, title: 'Service Unavailable' }] });
    render(PlanDeploymentForm, { environmentPlan, query: {} });

    const select = screen.getByRole('combobox');
    await waitFor(() => expect(select.options).toHaveLength(1));
    expect(select.value).toBe('');
  });
});
