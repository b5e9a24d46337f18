// Rollouts with approvals (issue 18, "Done when"): a fix rolled out to the customers tagged 试点 creates their
// schedules; the production deployment asks for approval; 李四 first rejects it on his Feishu card in the sandbox inbox,
// saying why — the rollout page and the 全局进展 dashboard show the rejection and its reason; asked again, he clicks
// 批准 (the sandbox calls the platform back like Feishu); the deployment is recorded and the rollout page and the
// dashboard show the progress. The same record is then rolled out from an impact search (影响范围 → 推广发布记录).
// The approval policy is switched off again at the end.
import { scenario, login, nav, unique, shot, assert, eventually, submitRelease, evidenceFiles, fillDeploymentForm, setApprovalPolicy, dashboardFor, USERS, SANDBOX, anotherBrowser, inbox, rollOutToPilot, searchImpact } from './lib.mjs';

await scenario('29-rollout-approval', async (page) => {
  const lisi = await anotherBrowser();
  try {
    await login(lisi.page, USERS.lisi);
    await login(page);
    await setApprovalPolicy(page, { production: true, approvers: ['李四'] });
    try {
      const title = unique('鉴权修复推广');
      const { number, url } = await submitRelease(page, { title, items: [['user-center', '1.9.' + (Date.now() % 100000)]] });

      // roll out to the pilot ring, with one schedule per environment
      const rolloutUrl = await rollOutToPilot(page, { title: title + ' 试点', content: '夜间窗口升级 user-center' });
      await eventually(async () => (await page.getByTestId('count-PLANNED').textContent()).trim() === '2', 'two targets planned');

      // the production deployment needs approval: 张三 asks for it from the deployment form
      const { log } = evidenceFiles();
      const ask = async (note) => {
        await page.goto(url);
        const deployment = await fillDeploymentForm(page, { customer: '华东电力', environments: [/生产/], notes: '夜间窗口', files: [log] });
        const row = deployment.getByTestId('approval-row').filter({ hasText: '生产' });
        await row.locator('input').fill(note);
        await row.getByTestId('request-approval').click();
        await row.getByTestId('approval-status').filter({ hasText: '待审批' }).waitFor();
      };
      const cardFor = async (note) => eventually(async () => (await inbox(USERS.lisi.openId))
        .find((m) => m.title.includes('待审批') && m.title.includes(number) && m.text.includes(note)), 'the approval card reaches 李四', 60_000);
      await ask('第一次申请');
      let card = await cardFor('第一次申请');

      // 李四 rejects on the card, typing why in its reason box
      await lisi.page.goto(`${SANDBOX}/sandbox/feishu/inbox?to=${USERS.lisi.openId}`);
      let message = lisi.page.locator(`[data-message-id="${card.messageId}"]`);
      await message.locator('[data-form-input=reason]').fill('客户要求下周再升级');
      await message.getByRole('button', { name: '拒绝' }).click();
      await lisi.page.locator(`[data-message-id="${card.messageId}"] .toast`).filter({ hasText: '已拒绝' }).waitFor();

      // the rollout page and the dashboard say so, with the reason, while the target is still planned
      await page.goto(rolloutUrl);
      const target = page.getByTestId('rollout-target').filter({ hasText: '生产' });
      await eventually(async () => (await target.getByTestId('target-approval').locator('[data-value=REJECTED]').count()) === 1, 'the production target shows 已拒绝');
      assert((await target.textContent()).includes('客户要求下周再升级'), 'the rollout page shows why it was rejected');
      let table = await dashboardFor(page, { number, tag: '试点' });
      const prodCell = table.getByTestId('dashboard-row').filter({ hasText: '生产' }).getByTestId('dashboard-state');
      await prodCell.getByTestId('dashboard-approval').locator('[data-value=REJECTED]').waitFor();
      assert((await prodCell.getByTestId('dashboard-approval-reason').textContent()).includes('客户要求下周再升级'), 'the dashboard shows why');
      await shot(page, 'dashboard-approval-rejected');

      // asked again, 李四 clicks 批准 on the new card; the deployment is recorded
      await ask('客户同意本周');
      card = await cardFor('客户同意本周');
      await lisi.page.goto(`${SANDBOX}/sandbox/feishu/inbox?to=${USERS.lisi.openId}`);
      message = lisi.page.locator(`[data-message-id="${card.messageId}"]`);
      await message.getByRole('button', { name: '批准' }).click();
      await lisi.page.locator(`[data-message-id="${card.messageId}"] .toast`).filter({ hasText: '已批准' }).waitFor();
      await page.goto(url);
      const again = await fillDeploymentForm(page, { customer: '华东电力', environments: [/生产/], notes: '夜间窗口完成', files: [log] });
      await again.getByTestId('approval-row').getByTestId('approval-status').filter({ hasText: '已批准' }).waitFor();
      await again.getByRole('button', { name: '确认部署' }).click();
      await page.locator('.toast').filter({ hasText: '已记录' }).first().waitFor();

      // the rollout and the dashboard follow: the production target synced
      await page.goto(rolloutUrl);
      await eventually(async () => (await page.getByTestId('count-SYNCED').textContent()).trim() === '1', 'the production target turns 已同步', 60_000);
      table = await dashboardFor(page, { number, tag: '试点' });
      await table.getByTestId('dashboard-row').filter({ hasText: '生产' }).getByTestId('dashboard-state').locator('[data-value=SYNCED]').waitFor();
      await shot(page, 'dashboard-after-approval');

      // the same record rolled out from an impact search: the production environments on an affected gateway
      await nav(page, '影响范围');
      const hits = (await searchImpact(page, { component: 'gateway', range: '<2.3.4', production: true })).locator('tbody tr');
      await hits.first().waitFor();
      const affected = await hits.count();
      await page.getByTestId('impact-rollout').click();
      const chooser = page.getByTestId('impact-rollout-release');
      await chooser.locator('[name=rolloutReleaseQuery]').fill(number);
      await chooser.getByRole('button', { name: '搜索' }).click();
      await chooser.getByRole('button', { name: new RegExp(number) }).click();
      const fromImpact = page.getByTestId('rollout-form');
      await fromImpact.waitFor();
      await eventually(async () => (await fromImpact.locator('.chip').count()) === affected, `the ${affected} environments of the search are the targets`, 10_000);
      await fromImpact.locator('[name=title]').fill(title + ' 影响范围');
      await fromImpact.getByTestId('rollout-create').click();
      await page.getByTestId('rollout-title').filter({ hasText: title + ' 影响范围' }).waitFor();
      await eventually(async () => (await page.getByTestId('rollout-target').count()) === affected, 'the rollout has the searched environments');
    } finally {
      await page.goto(page.url().split('/').slice(0, 3).join('/') + '/');
      await setApprovalPolicy(page, { production: false });
    }
  } finally {
    await lisi.close();
  }
});
