import { describe, it, expect, beforeEach } from 'vitest';
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import ComponentForm from '../components/ComponentForm.svelte';
import { fakeServer } from './fake-api.js';
import { setLocale } from '../lib/i18n.svelte.js';

describe('ComponentForm (新建组件)', () => {
  beforeEach(() => setLocale('zh'));

  it('marks the name a duplicate clashes on (409 naming the field), next to it and on the input', async () => {
    const detail = '名为“gateway”的组件已经存在';
    fakeServer({ 'POST /api/components': () => [409, { title: 'Conflict', status: 409, detail, errors: [{ field: 'name', message: detail }] }] });
    const user = userEvent.setup();
    const { container } = render(ComponentForm, {});
    await user.type(container.querySelector('[name=name]'), 'Gateway');
    await user.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(container.querySelector('[name=name]').getAttribute('aria-invalid')).toBe('true'));
    expect(container.querySelector('.field-error[data-field=name]').textContent).toBe(detail);
  });
});
