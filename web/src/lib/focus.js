// Focus where a keyboard or screen-reader user needs it: into a dialog while it is open (and back to what opened it
// afterwards), and onto the new page's main heading after a route change, which also names the document.

const FOCUSABLE = 'a[href], area[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), '
  + 'select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"]), [contenteditable="true"]';

// open dialogs, innermost last: only that one holds the focus (a confirmation opened from inside a form dialog)
const open = [];

function focusables(node) {
  return [...node.querySelectorAll(FOCUSABLE)].filter((el) => !el.closest('[hidden], [inert]') && !el.classList.contains('visually-hidden'));
}

/**
 * Svelte action for a dialog: on open the focus goes to its first field (or first control outside its header, else
 * the dialog itself); Tab and Shift+Tab cycle inside it; focus that lands outside is brought back; on close the
 * focus returns to the element that had it before, if that is still on the page.
 */
export function trapFocus(node) {
  const opener = document.activeElement;
  open.push(node);
  if (!node.hasAttribute('tabindex')) node.setAttribute('tabindex', '-1');
  const top = () => open[open.length - 1] === node;

  const first = () => {
    const all = focusables(node);
    return all.find((el) => el.matches('input, select, textarea')) ?? all.find((el) => !el.closest('header')) ?? all[0] ?? node;
  };
  queueMicrotask(() => {
    if (top() && !node.contains(document.activeElement)) first().focus();
  });

  function keydown(event) {
    if (event.key !== 'Tab' || !top()) return;
    const all = focusables(node);
    if (!all.length) {
      event.preventDefault();
      node.focus();
      return;
    }
    const firstEl = all[0];
    const lastEl = all[all.length - 1];
    const active = document.activeElement;
    if (event.shiftKey && (active === firstEl || !node.contains(active) || active === node)) {
      event.preventDefault();
      lastEl.focus();
    } else if (!event.shiftKey && (active === lastEl || !node.contains(active))) {
      event.preventDefault();
      firstEl.focus();
    }
  }

  function focusin(event) {
    if (top() && !node.contains(event.target)) first().focus();
  }

  document.addEventListener('keydown', keydown, true);
  document.addEventListener('focusin', focusin);
  return {
    destroy() {
      document.removeEventListener('keydown', keydown, true);
      document.removeEventListener('focusin', focusin);
      const at = open.indexOf(node);
      if (at >= 0) open.splice(at, 1);
      if (opener && opener !== document.body && opener.isConnected && typeof opener.focus === 'function') {
        opener.focus();
      }
    }
  };
}

/**
 * Follows the page shown in `main`: names the document after its main heading (`<h1> · app name`) whenever the
 * heading appears or changes, and, with `focus`, moves the focus to that heading once it appears (unless the page
 * already put the focus into itself), so that a screen reader announces the new page and Tab starts from it.
 * Answers a function that stops following.
 */
export function followPage(main, { appName, focus }) {
  let focused = !focus;
  const update = () => {
    const heading = main.querySelector('h1');
    if (!heading) return;
    const name = heading.textContent.replace(/\s+/g, ' ').trim();
    const title = name ? `${name} · ${appName()}` : appName();
    if (document.title !== title) document.title = title;
    if (!focused) {
      focused = true;
      const active = document.activeElement;
      if (!active || active === document.body || !main.contains(active)) {
        if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
        heading.focus({ preventScroll: true });
      }
    }
  };
  const observer = new MutationObserver(update);
  observer.observe(main, { childList: true, subtree: true, characterData: true });
  update();
  return () => observer.disconnect();
}
