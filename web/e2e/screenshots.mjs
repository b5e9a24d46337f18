// The README's screenshots, taken the way a new user first meets the platform: `./inetpublish screenshots` starts a
// platform of its own on fresh demo databases and runs this walkthrough (README "What it looks like"): a release
// record submitted; the demo's gateway fix tested, packaged and recorded at a customer; compared, searched, planned. Each picture is taken
// once its page has loaded (no loading indicator left). Not a test: the browser scenarios (NN-*.mjs) are.
import { scenario, login, nav, shot, eventually, evidenceFiles, fillDeploymentForm, compareProduction, searchImpact, USERS, SANDBOX } from './lib.mjs';

/** Waits until no panel of the page shows its loading indicator any more. */
async function loaded(page) {
  await page.waitForLoadState('networkidle');
  await eventually(async () => (await page.locator('.loading').count()) === 0, 'the page has loaded', 30_000);
}

async function picture(page, name) {
  await loaded(page);
  await shot(page, name);
}

await scenario('screenshots', async (page) => {
  await login(page);

  // 提交发布信息: a fix of user-center, with its manual previewed
  await nav(page, '提交发布信息');
  await page.locator('[name=title]').fill('修复工单导出中文乱码');
  await page.locator('[name="items[0].component"]').fill('user-center');
  await page.locator('[name="items[0].version"]').fill('2.0.8');
  await page.locator('[name="tickets[0].id"]').fill('SUP-1042');
  await page.getByLabel('热更新', { exact: true }).check();
  await page.locator('[name=manual]').fill('## 升级步骤\n1. 备份 `conf/user-center.yml`\n2. 替换 jar 并重启 **user-center**\n3. 导出一张含中文的工单验证');
  await page.getByTestId('preview').click();
  await page.getByTestId('manual-preview').getByRole('heading', { name: '升级步骤' }).waitFor();
  await picture(page, 'submit-release');
  await page.getByRole('button', { name: '提交发布信息' }).click();
  await page.getByTestId('release-title').filter({ hasText: '修复工单导出中文乱码' }).waitFor();

  // the demo's record of gateway 2.3.5 and report-web v1.8.3 (mainline: CI reported those builds) goes out
  await nav(page, '发布记录');
  await page.getByTestId('release-list').getByRole('link', { name: /修复报表导出超时/ }).click();
  await page.getByTestId('release-title').filter({ hasText: '修复报表导出超时' }).waitFor();
  const url = page.url();

  // 部署测试 to the vendor's test environment A, with its log
  await page.getByTestId('deploy-test').click();
  await page.locator('[name=testEnvironment]').selectOption({ label: '本公司测试中心 / 测试环境 A' });
  await page.getByTestId('start-test-deploy').click();
  await page.locator('.toast').filter({ hasText: '已开始部署测试' }).first().waitFor();
  const row = page.locator('[data-testid=builds] tr[data-type=TEST_DEPLOY]').first();
  await row.waitFor();
  await row.getByRole('button', { name: '查看日志' }).click();
  await eventually(async () => (await page.locator('[data-testid=builds] .badge[data-value=SUCCESS]').count()) === 1,
    'the test deployment succeeds', 120_000);
  await eventually(async () => ((await page.getByTestId('build-log').textContent()) ?? '').length > 20, 'the log is shown');
  await picture(page, 'test-deployment');

  // 打包 → the package is ready to download
  await page.getByTestId('package').click();
  await page.getByTestId('download-package').waitFor({ timeout: 120_000 });
  await picture(page, 'package');

  // 客户部署 at 华东电力 / 生产 with notes and evidence → versions synced
  await page.goto(url);
  const { png, log } = evidenceFiles();
  const form = await fillDeploymentForm(page, { customer: '华东电力', environments: [/生产/], notes: '周四 22:00 维护窗口内完成，客户已验证大数据量报表导出', files: [png, log] });
  await form.getByRole('button', { name: '确认部署' }).click();
  await page.locator('.toast').filter({ hasText: '已记录' }).first().waitFor();
  await eventually(async () => (await page.getByTestId('sync-row').filter({ hasText: '生产' }).first().textContent()).includes('已同步'),
    'the environment shows 已同步', 90_000);
  await picture(page, 'customer-deployment');
  await page.goto(url);
  await page.getByTestId('release-title').waitFor();
  await picture(page, 'release-detail');

  // 客户版本: one environment's components
  await nav(page, '客户版本');
  await page.getByTestId('customer-list').getByRole('link', { name: '深圳地铁' }).click();
  await page.getByRole('link', { name: '生产' }).first().click();
  await page.getByTestId('installed-version').first().waitFor();
  await picture(page, 'environment');

  // 版本对比: the three customers' production environments against mainline
  await nav(page, '版本对比');
  await compareProduction(page, ['华东电力', '深圳地铁', '成都农商银行']);
  await picture(page, 'version-compare');

  // 影响范围: gateway below 2.3.4 in production → update schedules for all of them
  await nav(page, '影响范围');
  await searchImpact(page, { component: 'gateway', range: '<2.3.4', production: true });
  await picture(page, 'impact');
  await page.getByTestId('plan-updates').click();
  const plan = page.getByTestId('schedule-form');
  await plan.locator('[name=content]').fill('升级 gateway 到 2.3.5（修复报表导出超时）');
  await plan.getByRole('button', { name: /生成 \d+ 条更新安排/ }).click();
  await page.locator('.toast').filter({ hasText: /已生成 \d+ 条更新安排/ }).first().waitFor();
  await page.getByTestId('schedule-list').waitFor();
  await picture(page, 'schedules');

  // 组件目录 and 操作日志
  await nav(page, '组件目录');
  await page.getByText('gateway').first().waitFor();
  await picture(page, 'component-catalog');
  await nav(page, '操作日志');
  await page.getByTestId('oplog').locator('tbody tr').first().waitFor();
  await picture(page, 'operation-log');

  // 首页 after these first steps
  await nav(page, '首页');
  await page.reload(); // no toast of the last step left on the picture
  await page.getByTestId('home-drift').locator('table').waitFor();
  await picture(page, 'home');

  // the Feishu cards 张三 received, in the sandbox's inbox
  await page.goto(`${SANDBOX}/sandbox/feishu/inbox?to=${USERS.zhangsan.openId}`);
  await page.getByText(/打包成功/).first().waitFor();
  await shot(page, 'feishu-inbox');
});
