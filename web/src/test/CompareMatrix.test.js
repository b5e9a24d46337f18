import { describe, it, expect, beforeEach } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import CompareMatrix from '../components/CompareMatrix.svelte';
import { setLocale } from '../lib/i18n.svelte.js';

const matrix = {
  environments: [
    { id: 'e1', name: '生产', type: 'PROD', customerId: 'c1', customerName: '华东电力' },
    { id: 'e2', name: '生产', type: 'PROD', customerId: 'c2', customerName: '西南燃气' },
    { id: 'e3', name: '测试', type: 'TEST', customerId: 'c2', customerName: '西南燃气' }
  ],
  rows: [
    {
      component: 'gateway', mainlineVersion: '2.3.10', differs: true, cells: [
        { environmentId: 'e1', version: '2.3.10', differs: false, relation: 'EQUAL', releaseId: 'r1', releaseNumber: 'REL-2026-0001' },
        { environmentId: 'e2', version: '2.3.9', differs: true, relation: 'BEHIND', releaseId: 'r0', releaseNumber: 'REL-2025-0100' },
        { environmentId: 'e3', version: '2.3.10', differs: false, relation: 'EQUAL', releaseId: null, releaseNumber: null }
      ]
    },
    {
      component: 'report-web', mainlineVersion: '1.8.0', differs: false, cells: [
        { environmentId: 'e1', version: '1.8.0', differs: false, relation: 'EQUAL' },
        { environmentId: 'e2', version: '1.8.0', differs: false, relation: 'EQUAL' },
        { environmentId: 'e3', version: '1.8.0', differs: false, relation: 'EQUAL' }
      ]
    },
    {
      component: 'templates', mainlineVersion: null, differs: true, cells: [
        { environmentId: 'e1', version: '2024.07.01-b113', differs: false, relation: 'UNKNOWN' },
        { environmentId: 'e2', version: null, differs: true, relation: null },
        { environmentId: 'e3', version: 'v2024.08.01', differs: true, relation: 'UNKNOWN' }
      ]
    }
  ]
};

function cell(container, component, env) {
  return container.querySelector(`tr[data-component="${component}"] td[data-env="${env}"]`);
}

describe('CompareMatrix (版本对比)', () => {
  beforeEach(() => setLocale('zh'));

  it('shows components × environments with each customer named in the header', () => {
    const { container } = render(CompareMatrix, { matrix });
    const headers = [...container.querySelectorAll('thead th')].map((th) => th.textContent.replace(/\s+/g, ' ').trim());
    expect(headers[0]).toBe('组件');
    expect(headers[2]).toContain('华东电力');
    expect(headers[3]).toContain('西南燃气');
    expect(container.querySelectorAll('tbody tr')).toHaveLength(3);
  });

  it('highlights differing cells and versions behind mainline, and says how many are behind per environment', () => {
    const { container } = render(CompareMatrix, { matrix });
    const behind = cell(container, 'gateway', 'e2');
    expect(behind.classList.contains('differs')).toBe(true);
    expect(behind.classList.contains('rel-behind')).toBe(true);
    expect(behind.getAttribute('title')).toBe('落后主线');
    expect(cell(container, 'gateway', 'e1').classList.contains('differs')).toBe(false);
    expect(cell(container, 'templates', 'e2').classList.contains('missing')).toBe(true);
    expect(container.querySelector('thead').textContent).toContain('1 个落后主线');
  });

  it('links each cell to the release that set it', () => {
    render(CompareMatrix, { matrix });
    expect(screen.getByRole('link', { name: 'REL-2025-0100' }).getAttribute('href')).toBe('/releases/r0');
    expect(screen.getByRole('link', { name: 'REL-2026-0001' }).getAttribute('href')).toBe('/releases/r1');
  });

  it('keeps only rows with differences when asked', () => {
    const { container } = render(CompareMatrix, { matrix, differencesOnly: true });
    const rows = [...container.querySelectorAll('tbody tr')].map((tr) => tr.dataset.component);
    expect(rows).toEqual(['gateway', 'templates']);
  });

  it('says so when the environments run exactly the same versions', () => {
    const same = { environments: matrix.environments, rows: [matrix.rows[1]] };
    render(CompareMatrix, { matrix: same, differencesOnly: true });
    expect(screen.getByText('所选环境的组件版本完全一致')).toBeTruthy();
  });

  it('speaks English when switched', () => {
    setLocale('en');
    const { container } = render(CompareMatrix, { matrix });
    expect(container.querySelector('thead th').textContent).toBe('Component');
    expect(cell(container, 'gateway', 'e2').getAttribute('title')).toBe('Behind mainline');
  });
});
