import { describe, it, expect, vi, beforeEach } from 'vitest';
import { confirmThen, confirmState, closeConfirm, toasts } from '../lib/ui.svelte.js';

const dialog = { title: '取消计划', message: '确定取消？', confirmLabel: '取消计划' };

describe('confirmThen (an action that asks first)', () => {
  beforeEach(() => {
    toasts.length = 0;
  });

  it('does nothing when the person does not confirm', async () => {
    const act = vi.fn();
    const asked = confirmThen(dialog, act, '已取消');
    expect(confirmState).toMatchObject({ open: true, title: '取消计划', danger: true });
    closeConfirm(false);
    expect(await asked).toBe(false);
    expect(act).not.toHaveBeenCalled();
    expect(toasts).toHaveLength(0);
  });

  it('acts once confirmed, then says so', async () => {
    const act = vi.fn(() => Promise.resolve());
    const asked = confirmThen(dialog, act, '已取消');
    closeConfirm(true);
    expect(await asked).toBe(true);
    expect(act).toHaveBeenCalledTimes(1);
    expect(toasts.map((x) => x.text)).toEqual(['已取消']);
  });

  it('passes a refusal on to the page and does not say it was done', async () => {
    const refused = new Error('409');
    const asked = confirmThen(dialog, () => Promise.reject(refused), '已取消');
    closeConfirm(true);
    await expect(asked).rejects.toBe(refused);
    expect(toasts).toHaveLength(0);
  });
});
