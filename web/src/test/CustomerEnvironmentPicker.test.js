import { describe, it, expect, vi, beforeEach } from 'vitest';
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { fakeServer, page } from './fake-api.js';
import { setLocale } from '../lib/i18n.svelte.js';
import PickerHarness from './PickerHarness.svelte';

// The one customer-and-environments picker of the deployment form and the schedule form.
const customers = [{ id: 'cust-1', name: '成都农商银行', code: 'CDRCB' }, { id: 'cust-2', name: '华东电力', code: null }];
const environmentsOf = {
  'cust-1': [{ id: 'env-prod', name: '生产', type: 'PRODUCTION' }, { id: 'env-dr', name: '灾备', type: 'DR' }],
  'cust-2': []
};

function server() {
  return fakeServer({
    'GET /api/customers': ({ query }) => [200, page(customers.filter((c) => c.name.includes(query.get('q') ?? '')))],
    'GET /api/environments': ({ query }) => [200, page(environmentsOf[query.get('customerId')] ?? [])]
  });
}

/** The picker in a harness; `last()` is what the form holding it has bound at the moment. */
function renderPicker(props = {}) {
  const onchange = vi.fn();
  render(PickerHarness, { onchange, ...props });
  return { last: () => onchange.mock.lastCall[0] };
}

describe('CustomerEnvironmentPicker', () => {
  beforeEach(() => setLocale('zh'));

  it('offers customers at once, searches by what was typed (Enter or the button) and shows codes', async () => {
    const { calls } = server();
    const user = userEvent.setup();
    renderPicker();
    expect(await screen.findByRole('button', { name: '成都农商银行 (CDRCB)' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '华东电力' })).toBeTruthy();
    expect(calls[0].query.get('size')).toBe('20');

    await user.type(screen.getByRole('textbox', { name: '按名称或编码搜索' }), '华东{Enter}');
    await waitFor(() => expect(screen.queryByRole('button', { name: '成都农商银行 (CDRCB)' })).toBeNull());
    expect(calls.at(-1).query.get('q')).toBe('华东');

    await user.clear(screen.getByRole('textbox', { name: '按名称或编码搜索' }));
    await user.type(screen.getByRole('textbox', { name: '按名称或编码搜索' }), '没有这家');
    await user.click(screen.getByRole('button', { name: '搜索客户' }));
    expect(await screen.findByText('没有找到客户')).toBeTruthy();
  });

  it('binds the chosen customer and the ticked environments, and forgets them for another customer', async () => {
    const { calls } = server();
    const user = userEvent.setup();
    const { last } = renderPicker();
    await user.click(await screen.findByRole('button', { name: '成都农商银行 (CDRCB)' }));
    expect(screen.getByTestId('chosen-customer').textContent).toBe('成都农商银行');
    await user.click(await screen.findByLabelText(/灾备/));
    expect(screen.getByText('(DR)')).toBeTruthy();
    expect(last()).toEqual({ customer: customers[0], chosen: ['env-dr'], environments: ['env-prod', 'env-dr'] });
    const asked = calls.find((c) => c.path === '/api/environments').query;
    expect([asked.get('customerId'), asked.get('size')]).toEqual(['cust-1', '200']);

    await user.click(screen.getByRole('button', { name: '换一个客户' }));
    expect(last()).toEqual({ customer: null, chosen: [], environments: [] });
    await user.click(await screen.findByRole('button', { name: '华东电力' }));
    expect(await screen.findByText('这个客户还没有环境')).toBeTruthy();
    expect(last()).toMatchObject({ customer: customers[1], chosen: [] });
  });

  it('keeps a given customer (locked) and loads its environments with the given ones ticked', async () => {
    const { calls } = server();
    const { last } = renderPicker({ customer: customers[0], chosen: ['env-prod'], locked: true });
    expect((await screen.findByLabelText(/生产/)).checked).toBe(true);
    expect(screen.getByLabelText(/灾备/).checked).toBe(false);
    expect(screen.queryByRole('button', { name: '换一个客户' })).toBeNull();
    expect(calls.map((c) => c.path)).toEqual(['/api/environments']);
    expect(last()).toMatchObject({ chosen: ['env-prod'], environments: ['env-prod', 'env-dr'] });
  });

  it('shows the form\'s messages for both fields and hands a failed search to onerror', async () => {
    fakeServer({ 'GET /api/customers': () => [503, { status: 503, title: 'Service Unavailable', detail: 'customer-service is down' }] });
    const onerror = vi.fn();
    renderPicker({ customerError: '请选择客户', onerror });
    expect(screen.getByText('请选择客户')).toBeTruthy();
    await waitFor(() => expect(onerror).toHaveBeenCalled());
    expect(onerror.mock.calls[0][0]).toMatchObject({ status: 503, message: 'customer-service is down' });
  });

  it('names an environment error under the environments once a customer is chosen, in English too', async () => {
    server();
    setLocale('en');
    renderPicker({ customer: customers[0], environmentError: 'Choose at least one environment' });
    expect(await screen.findByText('Choose at least one environment')).toBeTruthy();
    expect(screen.getByText('Customer *')).toBeTruthy();
    expect(screen.getByText('Environments *')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Choose another customer' })).toBeTruthy();
  });
});
