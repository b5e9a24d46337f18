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
