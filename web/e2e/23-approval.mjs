// Approvals (issue 18, item 3): an admin asks for approval of production deployments with 李四 as approver; a
// production deployment is refused until approved; 张三 requests it from the deployment form; 李四 clicks 批准 on the
// Feishu card in the sandbox inbox (the sandbox calls the platform back signed and encrypted, like Feishu); the card
// shows the decision and the deployment is then recorded. A second request, rejected by 李四 in the web app with a
// reason, shows why in the form and in the refusal. The policy is switched off again at the end.
import { scenario, login, unique, shot, assert, eventually, submitRelease, evidenceFiles, fillDeploymentForm, nav, USERS, SANDBOX, anotherBrowser, inbox } from './lib.mjs';

async function setPolicy(page, { production, approver }) {
  await nav(page, '集成设置');
  const form = page.getByTestId('approval-policy');
  await form.waitFor();
  const box = form.locator('[name=production]');
  if ((await box.isChecked()) !== production) await box.click();
  if (approver && !(await form.getByTestId('approver').filter({ hasText: approver }).count())) {
    await form.locator('[name=approver]').fill(approver);
    await form.getByRole('option', { name: new RegExp('^' + approver) }).click();
    await form.getByTestId('approver').filter({ hasText: approver }).waitFor();
  }
  await form.getByRole('button', { name: '保存' }).click();
  await page.locator('.toast').filter({ hasText: '已保存' }).first().waitFor();
}

await scenario('23-approval', async (page) => {
  // 李四 has logged in once (a person the platform knows); he stays a viewer and approves as a named approver
  const lisi = await anotherBrowser();
  try {
    await login(lisi.page, USERS.lisi);
    await login(page);
    await setPolicy(page, { production: true, approver: '李四' });
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

      // 李四's Feishu: the card with 批准 / 拒绝 arrives; he clicks 批准 (the sandbox calls the platform back)
      let card;
      await eventually(async () => {
        card = (await inbox(USERS.lisi.openId)).find((m) => m.title.includes('待审批') && m.title.includes(number));
        return !!card;
      }, 'the approval card reaches 李四', 60_000);
      await lisi.page.goto(`${SANDBOX}/sandbox/feishu/inbox?to=${USERS.lisi.openId}`);
      const message = lisi.page.locator(`[data-message-id="${card.messageId}"]`);
      await message.getByRole('button', { name: '批准' }).click();
      await lisi.page.locator(`[data-message-id="${card.messageId}"] .toast`).filter({ hasText: '已批准' }).waitFor();
      const updated = await lisi.page.locator(`[data-message-id="${card.messageId}"]`).textContent();
      assert(updated.includes('已批准') && updated.includes('李四'), 'the card shows the decision and who made it: ' + updated);
      assert(!(await lisi.page.locator(`[data-message-id="${card.messageId}"]`).getByRole('button', { name: '批准' }).count()), 'the decided card has no buttons');
      await shot(lisi.page, 'approval-card-approved');

      // a second click on the same card (here: 王五 chosen as the clicker) decides nothing more
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
      await setPolicy(page, { production: false });
    }
  } finally {
    await lisi.close();
  }
});
