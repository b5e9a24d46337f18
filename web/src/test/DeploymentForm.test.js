import { describe, it, expect, vi, beforeEach } from 'vitest';
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { fakeServer, page } from './fake-api.js';
import { okAndFakePng, refusesFakePng } from './evidence-refusal.js';
import { uploads, answerUploads } from './fake-upload.js';
import { setLocale } from '../lib/i18n.svelte.js';

vi.mock('../lib/api.js', async (original) => (await import('./fake-upload.js')).withFakeUpload(original));

const { default: DeploymentForm } = await import('../components/DeploymentForm.svelte');
const { ApiError } = await import('../lib/api.js');

/** jsdom's Blob has no text(); FileReader it is */
function readBlob(blob) {
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result);
    reader.readAsText(blob);
  });
}

const release = { id: 'rel-1', number: 'REL-2026-0007' };

function server() {
  return fakeServer({
    'GET /api/customers': () => [200, page([{ id: 'cust-1', name: '华东电力', code: 'HDDL' }])],
    'GET /api/environments': () => [200, page([{ id: 'env-prod', name: '生产', type: 'PROD' }, { id: 'env-test', name: '测试', type: 'TEST' }])]
  });
}

describe('DeploymentForm (客户部署 with evidence)', () => {
  beforeEach(() => {
    setLocale('zh');
    uploads.length = 0;
  });

  it('sends customer, environments, time, notes, package and the evidence files as one multipart request', async () => {
    server();
    answerUploads(() => Promise.resolve({ id: 'dep-1' }));
    const onsaved = vi.fn();
    const user = userEvent.setup();
    const { container } = render(DeploymentForm, { release, packages: [{ buildId: 'build-9', fileName: 'REL-2026-0007.tar.gz' }], onsaved });

    await user.click(await screen.findByRole('button', { name: '华东电力 (HDDL)' }));
    await user.click(await screen.findByLabelText(/生产/));
    await user.type(container.querySelector('[name=notes]'), '夜间窗口完成');
    const png = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'screen.png', { type: 'image/png' });
    const log = new File(['deploy ok'], 'deploy.log', { type: 'text/plain' });
    await user.upload(container.querySelector('input[type=file]'), [png, log]);
    expect(screen.getAllByTestId('evidence-file').map((li) => li.querySelector('span').textContent)).toEqual(['screen.png', 'deploy.log']);
    await user.click(screen.getByRole('button', { name: '确认部署' }));

    await waitFor(() => expect(onsaved).toHaveBeenCalledWith({ id: 'dep-1' }));
    expect(uploads[0].path).toBe('/api/releases/rel-1/deployments');
    const order = JSON.parse(await readBlob(uploads[0].form.get('deployment')));
    expect(order).toMatchObject({ kind: 'DEPLOY', customerId: 'cust-1', environmentIds: ['env-prod'], notes: '夜间窗口完成', packageBuildId: 'build-9' });
    expect(new Date(order.deployedAt).toString()).not.toBe('Invalid Date');
    expect(uploads[0].form.getAll('evidence').map((f) => f.name)).toEqual(['screen.png', 'deploy.log']);
  });

  it('deploys without a package when none is chosen (scenario 5)', async () => {
    server();
    answerUploads(() => Promise.resolve({ id: 'dep-2' }));
    const user = userEvent.setup();
    render(DeploymentForm, { release, packages: [], onsaved: vi.fn() });
    await user.click(await screen.findByRole('button', { name: '华东电力 (HDDL)' }));
    await user.click(await screen.findByLabelText(/测试/));
    await user.type(document.querySelector('[name=notes]'), '只改了配置');
    await user.upload(document.querySelector('input[type=file]'), new File(['ok'], 'deploy.log', { type: 'text/plain' }));
    await user.click(screen.getByRole('button', { name: '确认部署' }));
    await waitFor(() => expect(uploads).toHaveLength(1));
    const order = JSON.parse(await readBlob(uploads[0].form.get('deployment')));
    expect(order.packageBuildId).toBeNull();
    expect(uploads[0].form.getAll('evidence')).toHaveLength(1);
  });

  it('asks for notes and at least one evidence file before sending anything', async () => {
    server();
    answerUploads(() => Promise.resolve({ id: 'dep-3' }));
    const user = userEvent.setup();
    render(DeploymentForm, { release, onsaved: vi.fn() });
    await user.click(await screen.findByRole('button', { name: '华东电力 (HDDL)' }));
    await user.click(await screen.findByLabelText(/生产/));
    await user.type(document.querySelector('[name=notes]'), '   ');
    await user.click(screen.getByRole('button', { name: '确认部署' }));
    expect(screen.getByText('请填写部署说明：做了什么、结果如何')).toBeTruthy();
    expect(screen.getByText('至少需要一个部署证据文件（截图、日志或报告）')).toBeTruthy();
    expect(uploads).toHaveLength(0);
  });

  it('sends one Idempotency-Key per submission: kept for a retry after a lost answer, new after a refusal', async () => {
    server();
    const outcomes = [
      () => Promise.reject(new ApiError(0, { detail: 'network' })),
      () => Promise.reject(new ApiError(400, { status: 400, detail: 'bad', errors: [{ field: 'notes', message: 'x' }] })),
      () => Promise.resolve({ id: 'dep-4' })
    ];
    answerUploads(() => outcomes.shift()());
    const user = userEvent.setup();
    render(DeploymentForm, { release, onsaved: vi.fn() });
    await user.click(await screen.findByRole('button', { name: '华东电力 (HDDL)' }));
    await user.click(await screen.findByLabelText(/生产/));
    await user.type(document.querySelector('[name=notes]'), '完成');
    await user.upload(document.querySelector('input[type=file]'), new File(['ok'], 'deploy.log', { type: 'text/plain' }));
    for (let i = 1; i <= 3; i++) {
      await user.click(screen.getByRole('button', { name: '确认部署' }));
      await waitFor(() => expect(uploads).toHaveLength(i));
    }
    const keys = uploads.map((u) => u.headers['Idempotency-Key']);
    expect(keys[0]).toMatch(/^"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"$/);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[1]);
  });

  it('flags a file over 20 MB before sending and requires an environment', async () => {
    server();
    answerUploads(() => Promise.resolve({}));
    const user = userEvent.setup();
    const { container } = render(DeploymentForm, { release, onsaved: vi.fn() });
    const big = new File(['x'], 'huge.zip', { type: 'application/zip' });
    Object.defineProperty(big, 'size', { value: 21 * 1024 * 1024 });
    await user.upload(container.querySelector('input[type=file]'), big);
    expect(screen.getByTestId('file-problem').textContent).toContain('20 MB');
    await user.click(await screen.findByRole('button', { name: '华东电力 (HDDL)' }));
    await user.click(screen.getByRole('button', { name: '确认部署' }));
    expect(screen.getByText('请至少选择一个环境')).toBeTruthy();
    expect(uploads).toHaveLength(0);
  });

  it("shows the server's refusal next to the refused file and keeps the form", async () => {
    server();
    answerUploads(refusesFakePng);
    const onsaved = vi.fn();
    const user = userEvent.setup();
    const { container } = render(DeploymentForm, { release, onsaved });
    await user.click(await screen.findByRole('button', { name: '华东电力 (HDDL)' }));
    await user.click(await screen.findByLabelText(/生产/));
    await user.upload(container.querySelector('input[type=file]'), okAndFakePng());
    await user.type(container.querySelector('[name=notes]'), '完成');
    await user.click(screen.getByRole('button', { name: '确认部署' }));

    expect((await screen.findByRole('alert')).textContent).toContain('nothing was stored');
    const rows = screen.getAllByTestId('evidence-file');
    expect(rows[1].textContent).toContain('content is not png');
    expect(rows[0].querySelector('[data-testid=file-problem]')).toBeNull();
    expect(onsaved).not.toHaveBeenCalled();
  });
  it('keeps the customers a person searched for when the first load answers after their search', async () => {
    let answerFirstLoad;
    const firstLoad = new Promise((resolve) => (answerFirstLoad = resolve));
    const everyone = [{ id: 'cust-0', name: '本公司测试中心', code: 'INTERNAL' }, { id: 'cust-1', name: '华东电力', code: 'HDDL' }];
    fakeServer({
      'GET /api/customers': async ({ query }) => {
        if (query.get('q')) return [200, page(everyone.filter((c) => c.name.includes(query.get('q'))))];
        await firstLoad;
        return [200, page(everyone)];
      },
      'GET /api/environments': () => [200, page([{ id: 'env-prod', name: '生产', type: 'PROD' }])]
    });
    const user = userEvent.setup();
    render(DeploymentForm, { release, onsaved: vi.fn() });
    await user.type(screen.getByLabelText('按名称或编码搜索'), '华东电力');
    await user.click(screen.getByRole('button', { name: '搜索客户' }));
    await screen.findByRole('button', { name: '华东电力 (HDDL)' });

    answerFirstLoad();
    await new Promise((resolve) => setTimeout(resolve, 50)); // the late answer arrives and is dropped
    expect(screen.queryByRole('button', { name: '本公司测试中心 (INTERNAL)' })).toBeNull();
    await user.click(screen.getByRole('button', { name: '华东电力 (HDDL)' }));
    expect(screen.getByTestId('chosen-customer').textContent).toBe('华东电力');
    expect(await screen.findByLabelText(/生产/)).toBeTruthy();
  });

  it('chooses a package that turns up while the form is open (its build just finished), unless one was chosen', async () => {
    server();
    const { container, rerender } = render(DeploymentForm, { release, packages: [] });
    const select = container.querySelector('[name=packageBuildId]');
    expect(select.value).toBe('');
    await rerender({ release, packages: [{ buildId: 'build-9', fileName: 'REL-2026-0007.tar.gz' }] });
    await waitFor(() => expect(select.value).toBe('build-9'));

    // a person who chose "without a package" keeps that choice when another package turns up
    const user = userEvent.setup();
    await user.selectOptions(select, '');
    await rerender({ release, packages: [{ buildId: 'build-9', fileName: 'REL-2026-0007.tar.gz' }, { buildId: 'build-10', fileName: 'b.tar.gz' }] });
    expect(select.value).toBe('');
  });
});
