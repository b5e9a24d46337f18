// Approvals (issue 18, item 3): an admin asks for approval of production deployments with 李四 and 王五 as approvers;
// a production deployment is refused until approved; 张三 requests it from the deployment form; 李四 clicks 批准 on
// the Feishu card in the sandbox inbox (the sandbox calls the platform back signed and encrypted, like Feishu); his
// card shows the decision, 王五's card is updated to it too (PATCH of his message, docs/feishu-card-callback.md §7),
// and the deployment is then recorded. A second request, rejected by 李四 in the web app with a reason, shows why in
// the form and in the refusal, and on 王五's card. The policy is switched off again at the end.
import { scenario, login, unique, shot, assert, eventually, submitRelease, evidenceFiles, fillDeploymentForm, setApprovalPolicy, USERS, SANDBOX, anotherBrowser, inbox } from './lib.mjs';

await scenario('23-approval', async (page) => {
  // 李四 and 王五 have logged in once (people the platform knows); they stay viewers and approve as named approvers
  const lisi = await anotherBrowser();
  try {
    await login(lisi.page, USERS.lisi);
    const wangwu = await anotherBrowser();
    try {
      await login(wangwu.page, USERS.wangwu);
    } finally {
      await wangwu.close();
    }
    await login(page);
    await setApprovalPolicy(page, { production: true, approvers: ['李四', '王五'] });
    try {
      const { number } = await submitRelease(page, { title: unique('网关限流修复'), items: [['gateway', '2.3.' + (Date.now() % 100000)]] });
      const releaseUrl = page.url();
      const { log } = evidenceFiles();

      // without approval the production deployment is refused, and the form says what is missing
      let form = await fillDeploymentForm(page, { customer: '华东电力', environments: [/生产/], notes: '晚间窗口升级网关', files: [log] });
      const row = form.getByTestId('approval-row').filter({ hasText: '生产' });
      await row.filter({ hasText: '需要审批' }).waitFor();
      await form.getByRole('button', { name: '确认部署' }).click();
      await form.getByTestId('problem').filter({ hasText: '需要审批' }).waitFor();
      await shot(page, 'approval-missing');
      assert(await page.getByTestId('deployments').getByTestId('sync-row').count() === 0, 'nothing was recorded');

      await row.locator('input').fill('今晚 22:00 窗口');
      await row.getByTestId('request-approval').click();
      await row.getByTestId('approval-status').filter({ hasText: '待审批' }).waitFor();

      // 李四's and 王五's Feishu: the card with 批准 / 拒绝 arrives; 李四 clicks 批准 (the sandbox calls the platform back)
      const cardOf = async (who, where) => (await inbox(who.openId))
        .find((m) => m.title.includes('待审批') && m.title.includes(number) && m.title.includes(where));
      const card = await eventually(() => cardOf(USERS.lisi, '华东电力'), 'the approval card reaches 李四', 60_000);
      const wangwuCard = await eventually(() => cardOf(USERS.wangwu, '华东电力'), 'the approval card reaches 王五', 60_000);
      await lisi.page.goto(`${SANDBOX}/sandbox/feishu/inbox?to=${USERS.lisi.openId}`);
      const message = lisi.page.locator(`[data-message-id="${card.messageId}"]`);
      await message.getByRole('button', { name: '批准' }).click();
      await lisi.page.locator(`[data-message-id="${card.messageId}"] .toast`).filter({ hasText: '已批准' }).waitFor();
      const updated = await lisi.page.locator(`[data-message-id="${card.messageId}"]`).textContent();
      assert(updated.includes('已批准') && updated.includes('李四'), 'the card shows the decision and who made it: ' + updated);
      assert(!(await lisi.page.locator(`[data-message-id="${card.messageId}"]`).getByRole('button', { name: '批准' }).count()), 'the decided card has no buttons');
      await shot(lisi.page, 'approval-card-approved');

      // 王五's card is updated to the decision, who made it, and has no buttons left: nobody decides twice
      const shownTo = async (who, messageId, title) => (await inbox(who.openId))
        .find((m) => m.messageId === messageId && m.title.startsWith(title));
      await eventually(() => shownTo(USERS.wangwu, wangwuCard.messageId, '已批准'), "王五's card shows the decision", 60_000);
      await lisi.page.goto(`${SANDBOX}/sandbox/feishu/inbox?to=${USERS.wangwu.openId}`);
      const other = lisi.page.locator(`[data-message-id="${wangwuCard.messageId}"]`);
      await other.filter({ hasText: '已更新' }).waitFor();
      const otherText = await other.textContent();
      assert(otherText.includes('已批准') && otherText.includes('李四') && otherText.includes('在飞书中'),
        "王五's card names the decision and who made it: " + otherText);
      assert(!(await other.getByRole('button', { name: '批准' }).count()), "王五's updated card has no buttons");
      await shot(lisi.page, 'approval-card-updated-for-other-approver');

      // the requester gets the decision
      await eventually(async () => (await inbox(USERS.zhangsan.openId)).some((m) => m.title.includes('审批已通过') && m.title.includes(number)),
        '张三 gets the decision card', 60_000);

      // now the deployment is recorded
      await page.goto(releaseUrl);
      await page.getByTestId('approval-list').getByTestId('approval').filter({ hasText: '已批准' }).waitFor();
      await page.locator('ol.timeline li[data-action=APPROVAL_APPROVED]').filter({ hasText: '李四' }).waitFor();
      form = await fillDeploymentForm(page, { customer: '华东电力', environments: [/生产/], notes: '晚间窗口升级网关', files: [log] });
      await form.getByTestId('approval-row').getByTestId('approval-status').filter({ hasText: '已批准' }).waitFor();
      await form.getByRole('button', { name: '确认部署' }).click();
      await page.locator('.toast').filter({ hasText: '已记录' }).first().waitFor();
      await page.getByTestId('deployments').getByTestId('sync-row').first().waitFor();

      // another production environment: 李四 rejects it in the web app with a reason; the requester sees why
      form = await fillDeploymentForm(page, { customer: '深圳地铁', environments: [/生产/], notes: '同一修复', files: [log] });
      const metro = form.getByTestId('approval-row').filter({ hasText: '生产' });
      await metro.getByTestId('request-approval').click();
      await metro.getByTestId('approval-status').filter({ hasText: '待审批' }).waitFor();
      await lisi.page.goto(releaseUrl);
      const pending = lisi.page.getByTestId('approval').filter({ hasText: '深圳地铁' });
      await pending.getByTestId('reject').click();
      await pending.locator('[name=rejectReason]').fill('深圳地铁本周冻结变更');
      await pending.getByTestId('confirm-reject').click();
      await lisi.page.getByTestId('approval').filter({ hasText: '深圳地铁' }).filter({ hasText: '已拒绝' }).waitFor();
      // decided in the web app: both approvers' cards show it (in the platform, with the reason)
      for (const who of [USERS.lisi, USERS.wangwu]) {
        const decided = await eventually(async () => (await inbox(who.openId)).find((m) => m.title.startsWith('已拒绝')
          && m.title.includes(number) && m.title.includes('深圳地铁')), `${who.name}'s 深圳地铁 card shows the rejection`, 60_000);
        assert(decided.updatedAt && decided.text.includes('深圳地铁本周冻结变更') && decided.text.includes('在平台中'),
          'the card sent for approval says what was decided, why and where: ' + JSON.stringify(decided));
      }

      await page.goto(releaseUrl);
      form = await fillDeploymentForm(page, { customer: '深圳地铁', environments: [/生产/], notes: '同一修复', files: [log] });
      const rejected = form.getByTestId('approval-row').filter({ hasText: '生产' });
      await rejected.getByTestId('approval-reason').filter({ hasText: '深圳地铁本周冻结变更' }).waitFor();
      await form.getByRole('button', { name: '确认部署' }).click();
      await form.getByTestId('problem').filter({ hasText: '深圳地铁本周冻结变更' }).waitFor();
      await shot(page, 'approval-rejected');
      const log2 = await page.getByTestId('approval-list').textContent();
      assert(log2.includes('深圳地铁本周冻结变更'), 'the release page shows why it was rejected');
    } finally {
      await page.goto(page.url().split('/').slice(0, 3).join('/') + '/');
      await setApprovalPolicy(page, { production: false });
    }
  } finally {
    await lisi.close();
  }
});
