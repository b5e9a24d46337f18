// Scenario 3 (部署测试): Release records → a record → [Deploy test] → choose a test environment → Jenkins deploys;
// the person who triggered it gets a Feishu message. The same record goes to a second test environment.
import { scenario, login, unique, shot, assert, eventually, inbox, submitRelease, USERS, SANDBOX } from './lib.mjs';

await scenario('03-test-deployment', async (page) => {
  await login(page);
  const { number } = await submitRelease(page, { title: unique('部署测试'), items: [['gateway', '2.3.5'], ['user-center', '2.0.8']] });
  const before = (await inbox(USERS.zhangsan.openId)).length;

  for (const env of ['测试环境 A', '测试环境 B']) {
    await page.getByTestId('deploy-test').click();
    await page.locator('[name=testEnvironment]').selectOption({ label: `本公司测试中心 / ${env}` });
    await page.getByTestId('start-test-deploy').click();
    await page.locator('.toast').filter({ hasText: '已开始部署测试' }).first().waitFor();
  }
  const rows = page.locator('[data-testid=builds] tr[data-type=TEST_DEPLOY]');
  await eventually(async () => (await rows.count()) === 2, 'two test deployments are listed');
  await shot(page, 'test-deployment-running');
  await rows.first().getByRole('button', { name: '查看日志' }).click();
  await eventually(async () => ((await page.getByTestId('build-log').textContent()) ?? '').length > 20, 'the console log grows');
  await eventually(async () => (await page.locator('[data-testid=builds] .badge[data-value=SUCCESS]').count()) === 2,
    'both test deployments finish with success', 120_000);
  await shot(page, 'test-deployment');
  await page.locator('ol.timeline').getByText('部署测试完成').first().waitFor({ timeout: 60_000 });

  // the Feishu card reaches the person who triggered it (as the sandbox inbox shows it)
  await eventually(async () => {
    const messages = await inbox(USERS.zhangsan.openId);
    return messages.length >= before + 2 && JSON.stringify(messages).includes(number);
  }, `two Feishu messages about ${number} in 张三's inbox`, 90_000);
  await page.goto(`${SANDBOX}/sandbox/feishu/inbox?to=${USERS.zhangsan.openId}`);
  await page.getByText(number).first().waitFor();
  await shot(page, 'feishu-inbox');
  assert(true, '');
});
