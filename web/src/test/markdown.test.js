import { describe, it, expect, afterEach } from 'vitest';
import { render } from '@testing-library/svelte';
import { renderMarkdown } from '../lib/markdown.js';
import Markdown from '../components/Markdown.svelte';

describe('Markdown manuals are rendered safely', () => {
  afterEach(() => delete window.__pwned);

  it('keeps the formatting of an operation manual', () => {
    const html = renderMarkdown('## 升级步骤\n1. 备份 `conf/app.yml`\n2. 重启 **gateway**\n\n[工单](https://tickets.example/BUG-1)');
    const box = document.createElement('div');
    box.innerHTML = html;
    expect(box.querySelector('h2').textContent).toBe('升级步骤');
    expect(box.querySelectorAll('ol li')).toHaveLength(2);
    expect(box.querySelector('code').textContent).toBe('conf/app.yml');
    const link = box.querySelector('a');
    expect(link.getAttribute('href')).toBe('https://tickets.example/BUG-1');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it.each([
    ['<script>window.__pwned = 1</script>'],
    ['<img src="x" onerror="window.__pwned = 1">'],
    ['<svg><script>window.__pwned = 1</script></svg>'],
    ['<a href="javascript:window.__pwned=1">click</a>'],
    ['[click](javascript:window.__pwned=1)'],
    ['<iframe src="javascript:window.__pwned=1"></iframe>'],
    ['<div onmouseover="window.__pwned=1" style="position:fixed;inset:0">x</div>'],
    ['<form action="javascript:window.__pwned=1"><button>go</button></form>']
  ])('removes the active part of %s', async (evil) => {
    const { container } = render(Markdown, { source: `# 手册\n\n${evil}\n` });
    await new Promise((r) => setTimeout(r, 20));
    const html = container.innerHTML;
    expect(container.querySelector('script, iframe, form, button')).toBeNull();
    expect(html).not.toMatch(/\son\w+=/i);
    expect(html).not.toMatch(/javascript:/i);
    expect(html).not.toMatch(/style=/i);
    for (const a of container.querySelectorAll('a')) a.click();
    container.querySelector('div[onmouseover]')?.dispatchEvent(new Event('mouseover'));
    expect(window.__pwned).toBeUndefined();
  });
});
