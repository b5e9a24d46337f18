import { describe, it, expect, vi, beforeEach } from 'vitest';
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { fakeServer, page } from './fake-api.js';
import { setLocale } from '../lib/i18n.svelte.js';
import ScheduleForm from '../components/ScheduleForm.svelte';

const customers = [{ id: 'cust-1', name: '成都农商银行', code: 'CDRCB' }, { id: 'cust-2', name: '华东电力', code: 'HDDL' }];
const environmentsOf = {
  'cust-1': [{ id: 'env-prod', name: '生产', type: 'PRODUCTION' }, { id: 'env-dr', name: '灾备', type: 'DR' }],
  'cust-2': [{ id: 'env-hd', name: '生产', type: 'PRODUCTION' }]
};

function server() {
  return fakeServer({
    'GET /api/customers': ({ query }) => [200, page(customers.filter((c) => c.name.includes(query.get('q') ?? '')))],
    'GET /api/environments': ({ query }) => [200, page(environmentsOf[query.get('customerId')] ?? [])],
    'POST /api/schedules': ({ body }) => [201, { id: 'sch-1', ...body }],
    'PUT /api/schedules/sch-9': ({ body }) => [200, { id: 'sch-9', ...body }]
  });
}

describe('ScheduleForm (更新安排)', () => {
  beforeEach(() => setLocale('zh'));

  it('plans an update for the environments of the customer a person searched for and picked', async () => {
    const { calls } = server();
    const onsaved = vi.fn();
    const user = userEvent.setup();
    const { container } = render(ScheduleForm, { onsaved });
    await user.type(screen.getByLabelText('按名称或编码搜索'), '成都');
    await user.click(screen.getByRole('button', { name: '搜索客户' }));
    await user.click(await screen.findByRole('button', { name: '成都农商银行 (CDRCB)' }));
    await user.click(await screen.findByLabelText(/灾备/));
    await user.type(container.querySelector('[name=content]'), '升级网关');
    await user.click(screen.getByRole('button', { name: '保存' }));

    await waitFor(() => expect(onsaved).toHaveBeenCalled());
    const sent = calls.find((c) => c.method === 'POST' && c.path === '/api/schedules').body;
    expect(sent).toMatchObject({ customerId: 'cust-1', environmentIds: ['env-dr'], content: '升级网关' });
  });

  it('forgets the ticked environments when the person picks another customer', async () => {
    server();
    const user = userEvent.setup();
    render(ScheduleForm, { onsaved: vi.fn() });
    await user.click(await screen.findByRole('button', { name: '成都农商银行 (CDRCB)' }));
    await user.click(await screen.findByLabelText(/生产/));
    await user.click(screen.getByRole('button', { name: '换一个客户' }));
    await user.click(await screen.findByRole('button', { name: '华东电力 (HDDL)' }));
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByText('请至少选择一个环境')).toBeTruthy();
  });

  it('keeps the customer of a schedule being edited and its environments ticked', async () => {
    const { calls } = server();
    const onsaved = vi.fn();
    const user = userEvent.setup();
    const schedule = {
      id: 'sch-9', version: 3, title: null, customerId: 'cust-1', customerName: '成都农商银行', content: '升级网关',
      environments: [{ environmentId: 'env-prod', environmentName: '生产' }], plannedAt: '2026-12-10T02:00:00Z', releases: [], tickets: []
    };
    render(ScheduleForm, { schedule, onsaved });
    expect(screen.getByTestId('chosen-customer').textContent).toBe('成都农商银行');
    expect(screen.queryByRole('button', { name: '换一个客户' })).toBeNull();
    expect((await screen.findByLabelText(/生产/)).checked).toBe(true);
    await user.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(onsaved).toHaveBeenCalled());
    expect(calls.find((c) => c.method === 'PUT').body).toMatchObject({ customerId: 'cust-1', environmentIds: ['env-prod'], version: 3 });
  });
});
