import { describe, it, expect, vi, beforeEach } from 'vitest';
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { fakeServer, page } from './fake-api.js';
import { uploads, answerUploads } from './fake-upload.js';
import { setLocale } from '../lib/i18n.svelte.js';
import { session } from '../lib/auth.svelte.js';

vi.mock('../lib/api.js', async (original) => (await import('./fake-upload.js')).withFakeUpload(original));

const { default: EnvironmentDetail } = await import('../pages/EnvironmentDetail.svelte');

const ENV = { id: 'env-1', name: '生产', type: 'PROD', customerId: 'c1', customerName: '华东电力', version: 0 };

function server(setComponents) {
  return fakeServer({
    'GET /api/environments/env-1': () => [200, ENV],
    'GET /api/environments/env-1/components': () => [200, []],
    'GET /api/components': () => [200, page([])],
    'PUT /api/environments/env-1/components': setComponents
  });
}

describe('EnvironmentDetail: 批量设置 (many components at once)', () => {
  beforeEach(() => {
    session.token = 'token';
    session.user = { name: '王五', role: 'SUPPORT' };
    setLocale('zh');
    uploads.length = 0;
  });

  it('applies the lines typed and reports what changed', async () => {
    const { calls } = server(({ body }) => [200, { changed: body.items.length, changes: body.items.map((i) => ({ component: i.component, from: null, to: i.version })) }]);
    const user = userEvent.setup();
    render(EnvironmentDetail, { params: { id: 'env-1' } });
    await user.click(await screen.findByTestId('bulk-set'));
    await user.type(document.querySelector('textarea[name=bulk]'), 'gateway 2.3.1{enter}report-web,1.8.0');
    await user.click(screen.getByRole('button', { name: '全部应用' }));
    await waitFor(() => expect(screen.getByTestId('import-report').textContent).toContain('已更新 2 个组件'));
    expect(screen.getByTestId('import-report').textContent).toContain('report-web: ∅ → 1.8.0');
    expect(calls.find((c) => c.method === 'PUT').body.items).toEqual([{ component: 'gateway', version: '2.3.1' }, { component: 'report-web', version: '1.8.0' }]);
  });

  it('imports a CSV file, and shows the refusal of one in words', async () => {
    server(() => [500, {}]);
    answerUploads(() => Promise.reject(new (class extends Error {})('refused')));
    const user = userEvent.setup();
    const { container } = render(EnvironmentDetail, { params: { id: 'env-1' } });
    await user.click(await screen.findByTestId('bulk-set'));
    await user.upload(container.ownerDocument.querySelector('input[name=csv]'), new File(['component,version\ngateway,2.3.1'], 'env.csv', { type: 'text/csv' }));
    await waitFor(() => expect(uploads).toHaveLength(1));
    expect(uploads[0].path).toBe('/api/environments/env-1/components/import');
    expect(uploads[0].form.get('file').name).toBe('env.csv');
    expect((await screen.findByRole('alert')).textContent).toContain('refused');
    expect(screen.getByRole('button', { name: '全部应用' }).disabled).toBe(false);
  });

  it('marks the field a refused addition names (a component already there, a bad version)', async () => {
    const detail = '环境“生产”已经有组件“gateway”；请修改它的版本';
    let answer = [409, { title: 'Conflict', status: 409, detail, errors: [{ field: 'component', message: detail }] }];
    fakeServer({
      'GET /api/environments/env-1': () => [200, ENV],
      'GET /api/environments/env-1/components': () => [200, []],
      'GET /api/components': () => [200, page([])],
      'POST /api/environments/env-1/components': () => answer
    });
    const user = userEvent.setup();
    render(EnvironmentDetail, { params: { id: 'env-1' } });
    const form = await screen.findByTestId('add-component');
    await user.type(form.querySelector('[name=component]'), 'gateway');
    await user.type(form.querySelector('[name=version]'), '2.3.1');
    await user.click(form.querySelector('button[type=submit]'));
    await waitFor(() => expect(form.querySelector('[name=component]').getAttribute('aria-invalid')).toBe('true'));
    expect((await screen.findByRole('alert')).textContent).toContain(detail);
    expect(form.querySelector('[name=version]').getAttribute('aria-invalid')).toBe('false');

    answer = [400, { title: 'Bad Request', status: 400, detail: '请求中有字段填写有误', errors: [{ field: 'version', message: '不是有效的版本号' }] }];
    await user.click(form.querySelector('button[type=submit]'));
    await waitFor(() => expect(form.querySelector('[name=version]').getAttribute('aria-invalid')).toBe('true'));
    expect(form.querySelector('[name=component]').getAttribute('aria-invalid')).toBe('false');
  });
});
