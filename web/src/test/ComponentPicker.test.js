import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest';
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import ComponentPicker from '../components/ComponentPicker.svelte';
import { fakeServer, page } from './fake-api.js';
import { setLocale } from '../lib/i18n.svelte.js';
import { session } from '../lib/auth.svelte.js';

const catalog = [
  { name: 'gateway', kind: 'SERVICE', mainlineVersion: '2.3.4', description: 'API 网关' },
  { name: 'report-web', kind: 'FRONTEND', mainlineVersion: '1.8.0' }
];

function server(extra = {}) {
  return fakeServer({
    'GET /api/components': ({ query }) => [200, page(catalog.filter((c) => c.name.includes(query.get('q') ?? '')))],
    ...extra
  });
}

describe('ComponentPicker (组件)', () => {
  beforeEach(() => setLocale('zh'));
  afterEach(() => {
    session.user = null;
  });

  it('searches the catalog as the person types and reports the component it names', async () => {
    session.user = { name: '李四', role: 'DEVELOPER' };
    const { calls } = server();
    const onpick = vi.fn();
    const user = userEvent.setup();
    const { container } = render(ComponentPicker, { onpick });
    await user.type(container.querySelector('[name=component]'), 'gateway');
    await waitFor(() => expect(onpick).toHaveBeenLastCalledWith(expect.objectContaining({ name: 'gateway', mainlineVersion: '2.3.4' })));
    expect(calls.some((c) => c.query.get('q') === 'gateway')).toBe(true);
    expect(container.querySelectorAll('datalist option')).toHaveLength(1);
  });

  it('lets a person who manages the catalog create a missing component inline', async () => {
    session.user = { name: '王五', role: 'SUPPORT' };
    const { calls } = server({ 'POST /api/components': ({ body }) => [201, { ...body, mainlineVersion: null, retired: false }] });
    const onpick = vi.fn();
    const user = userEvent.setup();
    const { container } = render(ComponentPicker, { onpick });
    await user.type(container.querySelector('[name=component]'), 'print-templates');
    await user.click(await screen.findByTestId('create-component-inline'));
    await user.selectOptions(screen.getByLabelText('类型'), '模板');
    await user.click(screen.getByTestId('create-component-confirm'));
    await waitFor(() => expect(onpick).toHaveBeenLastCalledWith(expect.objectContaining({ name: 'print-templates' })));
    expect(calls.find((c) => c.method === 'POST').body).toEqual({ name: 'print-templates', kind: 'TEMPLATE', description: null });
    expect(screen.queryByTestId('create-component-inline')).toBeNull();
  });

  it('only says a component is missing to a person who may not create one', async () => {
    session.user = { name: '李四', role: 'DEVELOPER' };
    server();
    const user = userEvent.setup();
    const { container } = render(ComponentPicker, {});
    await user.type(container.querySelector('[name=component]'), 'nope');
    await screen.findByText('目录中没有此组件');
    expect(screen.queryByTestId('create-component-inline')).toBeNull();
  });
});
