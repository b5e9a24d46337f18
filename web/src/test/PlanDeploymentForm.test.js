import { describe, it, expect, vi, beforeEach } from 'vitest';
import { render, screen, waitFor, fireEvent } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { fakeServer } from './fake-api.js';
import { okAndFakePng, refusesFakePng } from './evidence-refusal.js';
import { uploads, answerUploads } from './fake-upload.js';
import { setLocale } from '../lib/i18n.svelte.js';
import { session } from '../lib/auth.svelte.js';

vi.mock('../lib/api.js', async (original) => (await import('./fake-upload.js')).withFakeUpload(original));

const { default: PlanDeploymentForm } = await import('../components/PlanDeploymentForm.svelte');

const environmentPlan = {
  environment: { id: 'env-prod', name: '生产' },
  steps: [{ releaseId: 'rel-1', number: 'REL-2026-0001', title: 'Fix gateway' }]
};

describe('PlanDeploymentForm', () => {
  beforeEach(() => {
    session.token = 'token';
    setLocale('zh-CN');
    uploads.length = 0;
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

  // the evidence rules are the customer deployment form's (lib/evidence.js, EvidenceFiles.svelte): before, this form
  // sent a file over 20 MB anyway, took no dropped files and did not show the server's refusal next to its file
  function noBundles() {
    fakeServer({ 'GET /api/plans/deployments/bundles': () => [200, []] });
  }

  it('does not send a file over 20 MB: it is flagged and must be removed first', async () => {
    noBundles();
    answerUploads(() => Promise.resolve({ id: 'pd-1' }));
    const user = userEvent.setup();
    const { container } = render(PlanDeploymentForm, { environmentPlan, query: {} });
    const big = new File(['x'], 'huge.zip', { type: 'application/zip' });
    Object.defineProperty(big, 'size', { value: 21 * 1024 * 1024 });
    await user.upload(container.querySelector('input[type=file]'), big);
    expect(screen.getByTestId('file-problem').textContent).toContain('20 MB');
    await user.type(container.querySelector('[name=notes]'), '完成');
    await user.click(screen.getByTestId('plan-record-confirm'));
    expect(screen.getByText('请先移除被拒绝的文件')).toBeTruthy();
    expect(uploads).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: '移除' }));
    await user.upload(container.querySelector('input[type=file]'), new File(['ok'], 'deploy.log', { type: 'text/plain' }));
    await user.click(screen.getByTestId('plan-record-confirm'));
    await waitFor(() => expect(uploads).toHaveLength(1));
    expect(uploads[0].form.getAll('evidence').map((f) => f.name)).toEqual(['deploy.log']);
  });

  it('takes dropped files, and shows the server\'s refusal next to the refused file', async () => {
    noBundles();
    answerUploads(refusesFakePng);
    const onsaved = vi.fn();
    const user = userEvent.setup();
    const { container } = render(PlanDeploymentForm, { environmentPlan, query: {}, onsaved });
    await fireEvent.drop(screen.getByTestId('dropzone'), { dataTransfer: { files: okAndFakePng() } });
    expect(screen.getAllByTestId('evidence-file').map((li) => li.querySelector('span').textContent)).toEqual(['ok.txt', 'fake.png']);
    await user.type(container.querySelector('[name=notes]'), '完成');
    await user.click(screen.getByTestId('plan-record-confirm'));

    await waitFor(() => expect(screen.getAllByTestId('evidence-file')[1].textContent).toContain('content is not png'));
    expect(screen.getAllByTestId('evidence-file')[0].querySelector('[data-testid=file-problem]')).toBeNull();
    expect(onsaved).not.toHaveBeenCalled();
  });
});
