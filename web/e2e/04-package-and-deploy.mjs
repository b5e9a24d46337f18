// Scenario 4 (打包、部署): Record detail → [Package] → Feishu message when done → [Download package] →
// [Record customer deployment] with evidence and notes, customer and environment → versions synced, operation log.
import { readFileSync } from 'node:fs';
import { scenario, login, nav, unique, shot, assert, eventually, inbox, submitRelease, evidenceFiles, fillDeploymentForm, USERS } from './lib.mjs';

await scenario('04-package-and-deploy', async (page) => {
  await login(page);
  const version = '4.2.' + (Date.now() % 100000);
  const { number, url } = await submitRelease(page, { title: unique('打包部署'), items: [['workflow-engine', version]], type: 'dev 更新' });
  const before = (await inbox(USERS.zhangsan.openId)).length;

  await page.getByTestId('package').click();
  await page.locator('.toast').filter({ hasText: '已开始打包' }).first().waitFor();
  const download = page.getByTestId('download-package');
  await download.waitFor({ timeout: 120_000 });
  await shot(page, 'package');
  const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
  assert(/\.tar\.gz$|\.tgz$|\.zip$/.test(file.suggestedFilename()), 'the package downloads as an archive, got ' + file.suggestedFilename());
  const saved = await file.path();
  assert(readFileSync(saved).length > 100, 'the downloaded package has content');
  await eventually(async () => JSON.stringify(await inbox(USERS.zhangsan.openId)).includes(number)
    && (await inbox(USERS.zhangsan.openId)).length > before, `the package card for ${number} reaches 张三`, 90_000);

  // deployed at the customer site; now record it with the evidence
  await page.goto(url);
  const { png, log } = evidenceFiles();
  const form = await fillDeploymentForm(page, { customer: '华东电力', environments: [/生产/], notes: '夜间窗口完成，已验证报表', files: [png, log] });
  assert(await form.getByTestId('evidence-file').count() === 2, 'two evidence files are listed');
  await shot(page, 'customer-deployment-form');
  await form.getByRole('button', { name: '确认部署' }).click();
  await page.locator('.toast').filter({ hasText: '已记录' }).first().waitFor();

  const sync = page.getByTestId('sync-row').filter({ hasText: '生产' }).first();
  await eventually(async () => (await sync.textContent()).includes('已同步'), 'the environment shows 已同步', 90_000);
  await page.getByTestId('deployments').getByRole('button', { name: /部署截图\.png/ }).waitFor();
  // the record says which package was shipped, by the file a person downloaded, and its link opens that build
  const used = page.getByTestId('deployment-package').first();
  assert((await used.textContent()).includes(file.suggestedFilename()),
    `the deployment names the package ${file.suggestedFilename()}, got: ${await used.textContent()}`);
  await eventually(async () => (await page.getByTestId('timeline-text').allTextContents())
    .some((t) => t.includes(`使用安装包 ${file.suggestedFilename()}`)), 'the timeline names the package used', 20_000);
  await shot(page, 'customer-deployment');

  await used.getByRole('link').click();
  await page.getByTestId('build-download').waitFor();
  await page.goBack();

  // the environment's component versions are now the release's
  await sync.getByRole('link', { name: '生产' }).click();
  await page.locator('tr[data-component="workflow-engine"] [data-testid=installed-version]').filter({ hasText: version }).waitFor();
  assert((await page.locator('tr[data-component="workflow-engine"]').textContent()).includes(number), 'the row names the release that set it');

  // and the operation log says who did it
  await nav(page, '操作日志');
  await page.getByLabel('组件').fill('workflow-engine');
  await page.getByRole('button', { name: '搜索' }).click();
  const entry = page.getByTestId('oplog').locator('tr', { hasText: number }).first();
  await entry.waitFor();
  assert((await entry.textContent()).includes('张三'), 'the log names 张三 as operator');
  await shot(page, 'operation-log');
});
