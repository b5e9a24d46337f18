import { describe, it, expect, beforeEach } from 'vitest';
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { fakeServer } from './fake-api.js';
import { setLocale } from '../lib/i18n.svelte.js';
import ApprovalPanel from '../components/ApprovalPanel.svelte';

const release = { id: 'rel-1', number: 'REL-2026-0007' };
const prod = { id: 'env-prod', name: '生产', type: 'PROD' };
const test = { id: 'env-test', name: '测试', type: 'TEST' };

describe('ApprovalPanel (审批 in the deployment form)', () => {
  beforeEach(() => setLocale('zh'));

  it('shows which chosen environment needs approval and requests it', async () => {
    let latest = null;
    const { calls } = fakeServer({
      'GET /api/approvals/requirement': ({ query }) => query.get('environmentId') === 'env-prod'
        ? [200, { required: true, reasons: ['PRODUCTION', 'CONFIG_CHANGE'], latest }]
        : [200, { required: false, reasons: [], latest: null }],
      'POST /api/approvals': ({ body }) => {
        latest = { id: 'ap-1', status: 'REQUESTED', reasons: ['PRODUCTION'], requestedBy: { id: 'ou_1', name: '张三' } };
        return [201, { ...latest, releaseId: body.releaseId, environmentId: body.environmentId }];
      }
    });
    const user = userEvent.setup();
    render(ApprovalPanel, { release, environments: [prod, test] });

    const row = await screen.findByTestId('approval-row');
    expect(row.textContent).toContain('需要审批（生产环境、包含配置变更）');
    expect(screen.getAllByTestId('approval-row')).toHaveLength(1);
    await user.type(screen.getByLabelText('给审批人的说明（可选）'), '今晚窗口');
    await user.click(screen.getByRole('button', { name: '申请审批' }));

    await waitFor(() => expect(screen.getByTestId('approval-status').textContent).toBe('待审批'));
    const sent = calls.find((c) => c.method === 'POST');
    expect(sent.body).toEqual({ releaseId: 'rel-1', environmentId: 'env-prod', note: '今晚窗口' });
    expect(screen.queryByRole('button', { name: '申请审批' })).toBeNull();
  });

  it('shows who rejected it and why, and offers a new request', async () => {
    fakeServer({
      'GET /api/approvals/requirement': () => [200, { required: true, reasons: ['PRODUCTION'], latest: {
        id: 'ap-1', status: 'REJECTED', decidedBy: { id: 'ou_2', name: '李四' }, decidedAt: '2026-12-03T02:00:00Z',
        decisionReason: '本周冻结变更', reasons: ['PRODUCTION'] } }]
    });
    render(ApprovalPanel, { release, environments: [prod] });
    expect((await screen.findByTestId('approval-reason')).textContent).toContain('本周冻结变更');
    expect(screen.getByTestId('approval-status').textContent).toBe('已拒绝');
    expect(screen.getByTestId('approval-row').textContent).toContain('李四');
    expect(screen.getByRole('button', { name: '重新申请审批' })).toBeTruthy();
  });
});
