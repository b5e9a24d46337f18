import { describe, it, expect, vi, beforeEach } from 'vitest';
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import ReleaseForm from '../components/ReleaseForm.svelte';
import { fakeServer, page } from './fake-api.js';
import { setLocale } from '../lib/i18n.svelte.js';

const catalog = page([
  { name: 'gateway', mainlineVersion: '2.3.4' },
  { name: 'report-web', mainlineVersion: '1.8.0' }
]);

describe('ReleaseForm (提交发布信息)', () => {
  beforeEach(() => setLocale('zh'));

  it('shows the mainline version of a picked component, sends the whole record and reports the saved one', async () => {
    const { calls } = fakeServer({
      'GET /api/components': () => [200, catalog],
      'POST /api/releases': ({ body }) => [201, { id: 'r1', number: 'REL-2026-0001', ...body }]
    });
    const onsaved = vi.fn();
    const user = userEvent.setup();
    const { container } = render(ReleaseForm, { onsaved });

    await user.type(container.querySelector('[name=title]'), '修复报表导出超时');
    await waitFor(() => expect(container.querySelectorAll('datalist option')).toHaveLength(2));
    await user.type(container.querySelector('[name="items[0].component"]'), 'gateway');
    expect(screen.getByTestId('mainline').textContent).toBe('2.3.4');
    const version = container.querySelector('[name="items[0].version"]');
    expect(version.value).toBe('2.3.4');
    await user.clear(version);
    await user.type(version, '2.3.5');
    await user.type(container.querySelector('[name="tickets[0].id"]'), 'BUG-1024');
    await user.click(screen.getByLabelText('fe 更新'));
    await user.click(container.querySelector('[name=configChange]'));
    await user.type(container.querySelector('[name=configNotes]'), 'report.timeout=60');
    await user.type(container.querySelector('[name=manual]'), '## 步骤');
    await user.click(screen.getByRole('button', { name: '提交发布信息' }));

    await waitFor(() => expect(onsaved).toHaveBeenCalled());
    const post = calls.find((c) => c.method === 'POST');
    expect(post.body).toEqual({
      title: '修复报表导出超时', description: null, updateType: 'FE', configChange: true, configNotes: 'report.timeout=60',
      manual: '## 步骤', tickets: [{ id: 'BUG-1024', url: null }], items: [{ component: 'gateway', version: '2.3.5' }]
    });
    expect(onsaved.mock.calls[0][0].number).toBe('REL-2026-0001');
  });

  it('refuses to send without a title, an item, a ticket, or config notes when the config flag is on', async () => {
    const { calls } = fakeServer({ 'GET /api/components': () => [200, catalog] });
    const user = userEvent.setup();
    const { container } = render(ReleaseForm, {});
    await user.click(container.querySelector('[name=configChange]'));
    await user.click(screen.getByRole('button', { name: '提交发布信息' }));

    expect(container.querySelector('[name=title]').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('至少添加一个组件及版本')).toBeTruthy();
    expect(screen.getByText('有配置变更时请写明配置说明')).toBeTruthy();
    expect(screen.getByText('至少填写一个工单号')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
  });

  it('shows the server refusal in words and marks the field it names', async () => {
    fakeServer({
      'GET /api/components': () => [200, catalog],
      'POST /api/releases': () => [400, {
        type: 'https://inetpublish.io/problems/validation', title: 'Bad Request', status: 400,
        detail: 'Component nosuch is not in the catalog', errors: [{ field: 'items[0].component', message: 'is not in the catalog' }]
      }]
    });
    const onsaved = vi.fn();
    const user = userEvent.setup();
    const { container } = render(ReleaseForm, { onsaved });
    await user.type(container.querySelector('[name=title]'), 'x');
    await user.type(container.querySelector('[name="items[0].component"]'), 'nosuch');
    await user.type(container.querySelector('[name="items[0].version"]'), '1.0');
    await user.type(container.querySelector('[name="tickets[0].id"]'), 'BUG-1');
    await user.click(screen.getByRole('button', { name: '提交发布信息' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Component nosuch is not in the catalog');
    // the field in words with its row, not the API's path items[0].component
    expect(alert.querySelector('.field-name').textContent).toBe('组件（第 1 项）');
    expect(container.querySelector('[name="items[0].component"]').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getAllByText('is not in the catalog').length).toBeGreaterThan(0);
    expect(onsaved).not.toHaveBeenCalled();
  });

  it('says so in words when customer-service is down (503) and keeps what was typed', async () => {
    fakeServer({
      'GET /api/components': () => [200, catalog],
      'POST /api/releases': () => [503, { title: 'Service Unavailable', status: 503, detail: 'customer-service is unavailable; nothing was stored' }]
    });
    const user = userEvent.setup();
    const { container } = render(ReleaseForm, {});
    await user.type(container.querySelector('[name=title]'), '保留我');
    await user.type(container.querySelector('[name="items[0].component"]'), 'gateway');
    await user.type(container.querySelector('[name="tickets[0].id"]'), 'BUG-2');
    await user.click(screen.getByRole('button', { name: '提交发布信息' }));
    expect((await screen.findByRole('alert')).textContent).toContain('nothing was stored');
    expect(container.querySelector('[name=title]').value).toBe('保留我');
  });

  it('previews the manual as Markdown without running anything in it', async () => {
    fakeServer({ 'GET /api/components': () => [200, catalog] });
    const user = userEvent.setup();
    const { container } = render(ReleaseForm, {});
    const manual = container.querySelector('[name=manual]');
    await user.click(manual);
    await user.paste('# 升级\n<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>');
    await user.click(screen.getByTestId('preview'));
    const preview = screen.getByTestId('manual-preview');
    expect(preview.querySelector('h1').textContent).toBe('升级');
    expect(preview.querySelector('script')).toBeNull();
    expect(preview.querySelector('img').getAttribute('onerror')).toBeNull();
    expect(window.__pwned).toBeUndefined();
  });
});
