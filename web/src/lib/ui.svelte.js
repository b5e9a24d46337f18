// Toasts and the confirmation dialog, rendered once by App.svelte.

export const toasts = $state([]);
let nextId = 1;

export function toast(text, kind = 'ok') {
  const id = nextId++;
  toasts.push({ id, text, kind });
  setTimeout(() => {
    const i = toasts.findIndex((x) => x.id === id);
    if (i >= 0) toasts.splice(i, 1);
  }, 5000);
}

export const confirmState = $state({ open: false, title: '', message: '', confirmLabel: '', danger: true, resolve: null });

/** Destructive actions ask first; resolves true when the person confirmed. */
export function confirmAction({ title, message, confirmLabel, danger = true }) {
  return new Promise((resolve) => {
    Object.assign(confirmState, { open: true, title, message, confirmLabel, danger, resolve });
  });
}

export function closeConfirm(answer) {
  const r = confirmState.resolve;
  Object.assign(confirmState, { open: false, resolve: null });
  r?.(answer);
}

/**
 * An action that asks first (confirmAction's dialog), then runs act() and says doneText in a toast. Resolves true when
 * it was done, false when the person did not confirm; a failure of act() is thrown to the caller (shown by its page).
 */
export async function confirmThen(dialog, act, doneText) {
  if (!(await confirmAction(dialog))) return false;
  await act();
  toast(doneText);
  return true;
}
