import { describe, it, expect, vi, beforeEach } from 'vitest';
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import CustomerForm from '../components/CustomerForm.svelte';
import { fakeServer } from './fake-api.js';
import { setLocale } from '../lib/i18n.svelte.js';

describe('CustomerForm (新增客户)', () => {
  beforeEach(() => setLocale('zh'));

  it('creates a customer with its tags split into a list', async () => {
    const { calls } = fakeServer({
      'POST /api/customers': ({ body }) => [201, { id: 'c1', version: 0, ...body }],
      'GET /api/auth/people': ({ query }) => [200, query.get('q') === '张' ? [{ id: 'ou_zhangsan', name: '张三', email: 'zhangsan@example.com', loggedIn: true }] : []]
    });
    const onsaved = vi.fn();
    const user = userEvent.setup();
    const { container } = render(CustomerForm, { onsaved });
    await user.type(container.querySelector('[name=name]'), '华东电力');
    await user.type(container.querySelector('[name=code]'), 'HDDL');
    await user.type(container.querySelector('[name=owner]'), '张');
    await user.click(await screen.findByRole('option', { name: /张三/ }));
    expect(screen.getByTestId('person-chosen-owner').textContent).toBe('张三');
    await user.type(container.querySelector('[name=tags]'), '华东, 灰度一批');
    await user.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(onsaved).toHaveBeenCalled());
    const saved = calls.find((c) => c.method === 'POST');
    expect(saved.body).toMatchObject({ name: '华东电力', code: 'HDDL', ownerId: 'ou_zhangsan', tags: ['华东', '灰度一批'], contact: null });
    expect(saved.body).not.toHaveProperty('owner');
  });

  it('marks a missing name without calling the server', async () => {
    const { calls } = fakeServer({});
    const user = userEvent.setup();
    const { container } = render(CustomerForm, {});
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(container.querySelector('[name=name]').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('必填')).toBeTruthy();
    expect(calls).toHaveLength(0);
  });

  it('shows a duplicate name (409) in words, next to the name', async () => {
    // customer-service's answer: the conflict names the field that clashes (FieldException.conflict)
    const detail = "A customer named '华东电力' already exists";
    fakeServer({ 'POST /api/customers': () => [409, { title: 'Conflict', status: 409, detail, errors: [{ field: 'name', message: detail }] }] });
    const user = userEvent.setup();
    const { container } = render(CustomerForm, {});
    await user.type(container.querySelector('[name=name]'), '华东电力');
    await user.click(screen.getByRole('button', { name: '保存' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('与现有数据冲突');
    expect(alert.textContent).toContain(detail);
    expect(container.querySelector('[name=name]').getAttribute('aria-invalid')).toBe('true');
    expect(container.querySelector('.field-error[data-field=name]').textContent).toBe(detail);
  });

  it('edits with the version it read and marks the fields the server refused', async () => {
    const { calls } = fakeServer({
      'PUT /api/customers/c9': () => [400, { title: 'Bad Request', status: 400, detail: 'Validation failed', errors: [{ field: 'code', message: 'size must be between 0 and 64' }] }]
    });
    const user = userEvent.setup();
    const customer = { id: 'c9', name: '老客户', code: 'OLD', owner: { id: 'ou_lisi', name: '李四' }, tags: ['a'], version: 7 };
    const { container } = render(CustomerForm, { customer });
    expect(container.querySelector('[name=name]').value).toBe('老客户');
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByText('size must be between 0 and 64', { selector: '.field-error' })).toBeTruthy();
    expect(container.querySelector('[name=code]').getAttribute('aria-invalid')).toBe('true');
    expect(calls[0].body.version).toBe(7);
    expect(calls[0].body.ownerId).toBe('ou_lisi');
  });

  it('shows an unknown owner id refused by the server (400 naming ownerId) under the owner field', async () => {
    fakeServer({
      'PUT /api/customers/c8': () => [400, { title: 'Bad Request', status: 400, detail: '平台上没有这个用户：ou_gone', errors: [{ field: 'ownerId', message: '平台上没有这个用户：ou_gone' }] }]
    });
    const user = userEvent.setup();
    render(CustomerForm, { customer: { id: 'c8', name: '客户', owner: { id: 'ou_gone', name: '某人' }, tags: [], version: 1 } });
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByText('平台上没有这个用户：ou_gone', { selector: '.field-error' })).toBeTruthy();
  });
});
