import { describe, it, expect, beforeEach } from 'vitest';
import { render, screen, within, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { fakeServer, page } from './fake-api.js';
import { setLocale } from '../lib/i18n.svelte.js';
import { session } from '../lib/auth.svelte.js';
import { route } from '../lib/router.svelte.js';
import Customers from '../pages/Customers.svelte';
import Notifications from '../pages/Notifications.svelte';
import Schedules from '../pages/Schedules.svelte';

const customer = (n) => ({ id: 'c' + n, name: '客户' + n, code: 'C' + n, tags: [], owner: null, updatedAt: '2026-12-01T02:00:00Z' });

/** A list of 45 customers answered 20 to a page, as customer-service pages them; by name when q is given. */
function customers() {
  const all = Array.from({ length: 45 }, (_, i) => customer(i + 1));
  return fakeServer({
    'GET /api/customers': ({ query }) => {
      const q = query.get('q') ?? '';
      const hits = all.filter((c) => c.name.includes(q));
      const at = Number(query.get('page') ?? 0);
      const size = Number(query.get('size'));
      return [200, { items: hits.slice(at * size, (at + 1) * size), page: at, size, totalItems: hits.length, totalPages: Math.ceil(hits.length / size) }];
    }
  });
}

const names = () => within(screen.getByTestId('customer-list')).getAllByRole('link').map((a) => a.textContent);

describe('a list page (客户版本, 通知记录, 更新安排)', () => {
  beforeEach(() => {
    session.token = 'token';
    session.user = { name: '王五', role: 'SUPPORT' };
    setLocale('zh');
    history.replaceState({}, '', '/customers');
    route.query = new URLSearchParams('page=1');
  });

  it('opens on the page the address names, pages on, and starts again at the first page when the filters change', async () => {
    const { calls } = customers();
    const user = userEvent.setup();
    render(Customers);
    await screen.findByText('第 2 / 3 页，共 45 条');
    expect(names()[0]).toBe('客户21');
    await user.click(screen.getByRole('button', { name: '下一页' }));
    await screen.findByText('第 3 / 3 页，共 45 条');
    expect(names()).toHaveLength(5);
    expect(window.location.search).toBe('?page=2');

    await user.type(screen.getByLabelText('按名称或编码搜索'), '客户1');
    await user.click(screen.getByRole('button', { name: '搜索' }));
    await screen.findByText('共 11 条');
    expect(window.location.search).toBe('?q=%E5%AE%A2%E6%88%B71');
    expect(calls.at(-1).query.get('page')).toBe('0');
  });

  it('says when nothing matches the filters, and what to do when there is nothing at all', async () => {
    customers();
    const user = userEvent.setup();
    route.query = new URLSearchParams();
    render(Customers);
    await screen.findByTestId('customer-list');
    await user.type(screen.getByLabelText('按名称或编码搜索'), '没有这个');
    await user.click(screen.getByRole('button', { name: '搜索' }));
    const empty = await screen.findByTestId('empty');
    expect(empty.textContent).toContain('没有客户');
    expect(empty.textContent).toContain('没有符合筛选条件的记录');

    fakeServer({ 'GET /api/notifications': () => [200, page([])] });
    render(Notifications);
    await waitFor(() => expect(screen.getAllByTestId('empty')).toHaveLength(2));
    expect(screen.getAllByTestId('empty')[1].textContent).toContain('没有通知');
  });

  it('shows the problem of a load in words instead of "loading" forever', async () => {
    fakeServer({ 'GET /api/notifications': () => [503, { title: 'Service Unavailable', status: 503 }] });
    render(Notifications);
    expect(screen.getByText('加载中…')).toBeTruthy();
    expect((await screen.findByRole('alert')).textContent).toContain('服务暂时不可用');
    expect(screen.queryByText('加载中…')).toBeNull();
  });

  it('filters the schedules by status in words and keeps the choice in the address (更新安排)', async () => {
    const schedule = { id: 's1', status: 'OVERDUE', plannedAt: '2026-12-01T02:00:00Z', customerName: '华东电力', environments: [{ environmentName: '生产' }], content: '升级 gateway', owner: { name: '李四' } };
    const { calls } = fakeServer({
      'GET /api/schedules': ({ query }) => [200, page(query.get('status') === 'DONE' ? [] : [schedule])],
      'GET /api/customers': () => [200, page([])]
    });
    const user = userEvent.setup();
    history.replaceState({}, '', '/schedules');
    route.query = new URLSearchParams();
    render(Schedules);
    await within(await screen.findByTestId('schedule-list')).findByText('升级 gateway');
    const status = screen.getByLabelText('状态');
    expect([...status.options].map((o) => o.textContent)).toEqual(['全部状态', '计划中', '已逾期', '已完成', '已取消']);
    await user.selectOptions(status, 'DONE');
    await user.click(screen.getByRole('button', { name: '搜索' }));
    expect((await screen.findByTestId('empty')).textContent).toContain('没有更新安排');
    expect(window.location.search).toBe('?status=DONE');
    expect(calls.at(-1).query.get('status')).toBe('DONE');
  });
});
