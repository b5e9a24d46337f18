import { describe, it, expect, beforeEach } from 'vitest';
import { trapFocus, followPage } from '../lib/focus.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

function tab(shiftKey = false) {
  const event = new KeyboardEvent('keydown', { key: 'Tab', shiftKey, bubbles: true, cancelable: true });
  document.activeElement.dispatchEvent(event);
  return event.defaultPrevented;
}

describe('a dialog keeps the focus', () => {
  beforeEach(() => {
    document.body.innerHTML = `<button id="opener">open</button>
      <div id="dialog"><header><h2>Title</h2><button id="close">x</button></header>
        <input id="name" /><button id="save">save</button></div>`;
  });

  it('moves the focus to its first field, cycles Tab inside and gives the focus back when closed', async () => {
    document.getElementById('opener').focus();
    const trap = trapFocus(document.getElementById('dialog'));
    await tick();
    expect(document.activeElement.id).toBe('name');

    document.getElementById('save').focus();
    expect(tab()).toBe(true);
    expect(document.activeElement.id).toBe('close'); // from the last control back to the first
    expect(tab(true)).toBe(true);
    expect(document.activeElement.id).toBe('save'); // and Shift+Tab from the first to the last

    document.getElementById('opener').focus(); // focus wandering out (a click behind the backdrop) comes back
    expect(document.getElementById('dialog').contains(document.activeElement)).toBe(true);

    trap.destroy();
    expect(document.activeElement.id).toBe('opener');
  });

  it('lets only the innermost of two open dialogs hold the focus', async () => {
    document.body.insertAdjacentHTML('beforeend', '<div id="confirm"><button id="no">no</button><button id="yes">yes</button></div>');
    const outer = trapFocus(document.getElementById('dialog'));
    await tick();
    const inner = trapFocus(document.getElementById('confirm'));
    await tick();
    expect(document.activeElement.id).toBe('no');
    inner.destroy();
    expect(document.activeElement.id).toBe('name'); // back where it was inside the first dialog
    outer.destroy();
  });
});

describe('a route change', () => {
  it('names the document after the main heading and moves the focus to it once it appears', async () => {
    document.body.innerHTML = '<nav><a id="link" href="/x">x</a></nav><main></main>';
    document.getElementById('link').focus();
    const main = document.querySelector('main');
    const stop = followPage(main, { appName: () => '发布管理平台', focus: true });
    main.innerHTML = '<p>加载中…</p>';
    await tick();
    expect(document.activeElement.id).toBe('link');

    main.innerHTML = '<h1>REL-2026-0001 修复报表导出</h1>';
    await tick();
    expect(document.title).toBe('REL-2026-0001 修复报表导出 · 发布管理平台');
    expect(document.activeElement.tagName).toBe('H1');

    main.querySelector('h1').textContent = '新标题';
    await tick();
    expect(document.title).toBe('新标题 · 发布管理平台');
    stop();
  });

  it('leaves the focus where the page put it, and does not move it on the first page shown', async () => {
    document.body.innerHTML = '<main><h1>首页</h1><input id="q" /></main>';
    const main = document.querySelector('main');
    document.getElementById('q').focus();
    let stop = followPage(main, { appName: () => 'app', focus: true });
    expect(document.activeElement.id).toBe('q');
    stop();
    document.activeElement.blur();
    stop = followPage(main, { appName: () => 'app', focus: false });
    expect(document.title).toBe('首页 · app');
    expect(document.activeElement).toBe(document.body);
    stop();
  });
});
