// Scenario 2 (提交发布信息): Home → Submit release → components and versions, manual, ticket, type, config → save;
// it appears in Release records. A script in the manual never runs.
import { scenario, login, nav, unique, shot, assert } from './lib.mjs';

await scenario('02-submit-release', async (page) => {
  await login(page);
  await nav(page, '提交发布信息');
  const title = unique('修复报表导出超时');
  await page.locator('[name=title]').fill(title);
  await page.locator('[name="items[0].component"]').fill('gateway');
  await page.getByTestId('mainline').filter({ hasText: '2.3.5' }).waitFor(); // the picker shows the mainline version
  await page.locator('[name="items[0].version"]').fill('2.3.5');
  await page.getByRole('button', { name: '+ 添加组件' }).click();
  await page.locator('[name="items[1].component"]').fill('report-web');
  await page.locator('[name="items[1].version"]').fill('v1.8.3');
  await page.locator('[name="tickets[0].id"]').fill('BUG-1024');
  await page.locator('[name="tickets[0].url"]').fill('https://tickets.example.com/BUG-1024');
  await page.getByLabel('热更新', { exact: true }).check();
  await page.locator('[name=configChange]').check();
  await page.locator('[name=configNotes]').fill('report.export.timeout 调整为 60s');
  await page.locator('[name=manual]').fill('## 升级步骤\n1. 备份 `conf/app.yml`\n2. 重启 **gateway**\n\n<img src="x" onerror="window.__pwned = 1"><script>window.__pwned = 2</script>\n[危险链接](javascript:window.__pwned=3)');
  await page.getByTestId('preview').click();
  await page.getByTestId('manual-preview').getByRole('heading', { name: '升级步骤' }).waitFor();
  await shot(page, 'submit-release');
  await page.getByRole('button', { name: '提交发布信息' }).click();

  await page.getByTestId('release-title').filter({ hasText: title }).waitFor();
  const number = (await page.locator('p.mono').first().textContent()).trim();
  assert(/^REL-/.test(number), 'the record got a human-readable number, got ' + number);
  await page.getByTestId('manual').getByRole('heading', { name: '升级步骤' }).waitFor();
  await page.getByTestId('manual').getByRole('link', { name: '危险链接' }).click().catch(() => {});
  const pwned = await page.evaluate(() => window.__pwned);
  assert(pwned === undefined, 'no script from the manual ran (window.__pwned = ' + pwned + ')');
  assert(await page.locator('[data-testid=manual] script, [data-testid=manual] [onerror]').count() === 0, 'the manual has no script or handler');
  assert((await page.getByTestId('release-items').textContent()).includes('v1.8.3'), 'items are shown');
  await page.locator('ol.timeline').getByText('提交').first().waitFor();
  await shot(page, 'release-detail');

  await nav(page, '发布记录');
  await page.getByLabel('标题或手册中的文字').fill(title);
  await page.getByRole('button', { name: '搜索' }).click();
  const row = page.getByTestId('release-list').locator('tr', { hasText: title });
  await row.waitFor();
  assert((await row.textContent()).includes(number), 'the list shows the number');
  await page.getByLabel('标题或手册中的文字').fill('');
  await page.getByRole('button', { name: '搜索' }).click();
  await page.getByTestId('release-list').waitFor();
  await shot(page, 'releases');

  // English is one click away
  await page.getByTestId('lang').click();
  await page.locator('nav.sidenav').getByRole('link', { name: 'Release records' }).waitFor();
  await page.getByTestId('lang').click();
});
