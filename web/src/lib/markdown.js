import { marked } from 'marked';
import DOMPurify from 'dompurify';

/**
 * Renders an operation manual (Markdown) to HTML that is safe to insert: marked produces the HTML, DOMPurify removes
 * every script, event handler, javascript: URL, iframe, form and style. Links open in a new tab without an opener.
 */
export function renderMarkdown(source) {
  const html = marked.parse(source ?? '', { async: false, gfm: true, breaks: true });
  const clean = DOMPurify.sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'iframe', 'object', 'embed', 'textarea', 'select'],
    FORBID_ATTR: ['style']
  });
  const box = document.createElement('div');
  box.innerHTML = clean;
  for (const a of box.querySelectorAll('a[href]')) {
    a.setAttribute('target', '_blank');
    a.setAttribute('rel', 'noopener noreferrer');
  }
  return box.innerHTML;
}
