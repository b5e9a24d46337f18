// Rollouts (issue 18): a fix rolled out to the customers tagged 试点 creates their update schedules in one step;
// the production deployment is recorded and the rollout page and the 全局进展 dashboard show the progress; one
// target is skipped with a reason.
import { scenario, login, unique, shot, assert, eventually, submitRelease, evidenceFiles, fillDeploymentForm, dashboardFor, rollOutToPilot } from './lib.mjs';

await scenario('24-rollout', async (page) => {
  await login(page);
  const title = unique('网关修复推广');
  const { number, url } = await submitRelease(page, { title, items: [['gateway', '2.3.6']] });

  // roll out to the pilot ring, with one schedule per environment
  const rolloutUrl = await rollOutToPilot(page, { title: title + ' 试点', content: '夜间窗口升级 gateway 到 2.3.6', preview: async (form) => {
    await form.getByTestId('rollout-preview-button').click();
    await form.getByTestId('rollout-preview').getByText('将推广到 2 个环境').waitFor();
    assert(await form.getByTestId('rollout-preview').getByText('华东电力 / 生产').count() === 1, 'the preview names 华东电力 / 生产');
  } });
  assert(/\/rollouts\/[0-9a-f-]{36}$/.test(rolloutUrl), 'the new rollout opens: ' + rolloutUrl);
  await eventually(async () => (await page.getByTestId('count-PLANNED').textContent()).trim() === '2', 'two targets planned');
  const rows = page.getByTestId('rollout-target');
  assert(await rows.count() === 2, 'two targets listed');

  // the schedules exist, owned by the customer's owner (李四 looks after 华东电力)
  const prod = rows.filter({ hasText: '生产' });
  await prod.getByRole('link', { name: '查看' }).click();
  await page.getByTestId('schedule-detail').waitFor();
  assert((await page.getByTestId('schedule-owner').textContent()).includes('李四'), 'the schedule belongs to 李四');
  assert(await page.getByTestId('schedule-detail').getByRole('link', { name: number }).count() === 1, 'the schedule links the record');

  // the production deployment is recorded on the record's page
  await page.goto(url);
  await page.getByTestId('release-rollouts').getByRole('link', { name: title + ' 试点' }).waitFor();
  const { png, log } = evidenceFiles();
  const deployment = await fillDeploymentForm(page, { customer: '华东电力', environments: [/生产/], notes: '夜间窗口完成', files: [png, log] });
  await deployment.getByRole('button', { name: '确认部署' }).click();
  await page.locator('.toast').filter({ hasText: '已记录' }).first().waitFor();

  // the rollout follows: deployed, then synced once customer-service applied the versions
  await page.goto(rolloutUrl);
  await eventually(async () => (await page.getByTestId('count-SYNCED').textContent()).trim() === '1', 'the production target turns 已同步', 60_000);
  assert((await rows.filter({ hasText: '生产' }).getAttribute('data-state')) === 'SYNCED', 'the production row is SYNCED');
  await shot(page, 'rollout');

  // skip the test environment, saying why
  await rows.filter({ hasText: '测试' }).getByTestId('skip-target').click();
  const reasonForm = page.getByTestId('reason-form');
  await reasonForm.getByTestId('confirm-reason').click();
  await reasonForm.getByTestId('problem').waitFor(); // no reason: refused, naming the field
  await reasonForm.locator('[name=reason]').fill('测试环境本周冻结');
  await reasonForm.getByTestId('confirm-reason').click();
  await page.locator('.toast').filter({ hasText: '已跳过' }).first().waitFor();
  await eventually(async () => (await rows.filter({ hasText: '测试' }).getAttribute('data-state')) === 'SKIPPED', 'the test target is skipped');
  assert((await rows.filter({ hasText: '测试' }).getByTestId('target-reason').textContent()).includes('测试环境本周冻结'), 'the reason is shown');
  // filter by state
  await page.locator('select[name=state]').selectOption('SKIPPED');
  await eventually(async () => (await rows.count()) === 1, 'the filter leaves the skipped target');

  // the dashboard: the pilot customers for this record, the version and the rollout state per environment
  const table = await dashboardFor(page, { number, tag: '试点' });
  await eventually(async () => (await table.getByTestId('dashboard-row').count()) === 2, 'the pilot customer has two environments');
  const prodRow = table.getByTestId('dashboard-row').filter({ hasText: '生产' });
  assert((await prodRow.locator('td.cell').first().textContent()).includes('2.3.6'), 'production runs 2.3.6');
  assert(await prodRow.getByTestId('dashboard-state').locator('[data-value=SYNCED]').count() === 1, 'production shows 已同步');
  const testRow = table.getByTestId('dashboard-row').filter({ hasText: '测试' });
  assert(await testRow.getByTestId('dashboard-state').locator('[data-value=SKIPPED]').count() === 1, 'the test environment shows 已跳过');
  await shot(page, 'dashboard');
});
