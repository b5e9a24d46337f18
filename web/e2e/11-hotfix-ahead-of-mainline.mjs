// Issue 16 (one version ordering): a hotfix comes after the version it fixes. The demo's 华东电力 / 生产 runs
// user-center 2.0.7-hotfix.1 while mainline is 2.0.7: version compare shows it ahead of mainline (领先主线), never
// 落后主线, both in the matrix next to an environment that is behind and alone against mainline.
import { scenario, login, nav, shot, assert } from './lib.mjs';

await scenario('11-hotfix-ahead-of-mainline', async (page) => {
  await login(page);
  await nav(page, '客户版本');
  await page.getByRole('link', { name: '版本对比' }).first().click();
  await page.getByText('请先选择要对比的环境').waitFor();
  await page.getByLabel('搜索环境名称').fill('生产');
  await page.getByRole('button', { name: '搜索' }).click();
  const picker = page.getByTestId('env-picker');
  for (const customer of ['华东电力', '深圳地铁']) {
    await picker.locator('label', { hasText: `${customer} / 生产` }).first().locator('input').check();
  }
  await page.getByTestId('selected-envs').getByText('深圳地铁 / 生产').waitFor();
  await page.getByTestId('run-compare').click();
  const matrix = page.getByTestId('compare-matrix');
  await matrix.waitFor();

  // columns: component, mainline, 华东电力 / 生产, 深圳地铁 / 生产 (in the order chosen)
  const row = matrix.locator('tbody tr').filter({ has: page.locator('th', { hasText: /^user-center/ }) });
  await row.waitFor();
  const cells = row.locator('td.cell');
  assert((await row.locator('td').nth(0).textContent()).trim() === '2.0.7', 'mainline of user-center is 2.0.7');
  const hotfix = cells.filter({ hasText: '2.0.7-hotfix.1' });
  assert(await hotfix.count() === 1, 'one environment runs 2.0.7-hotfix.1');
  assert((await hotfix.getAttribute('class')).includes('rel-ahead'), 'the hotfix cell is marked ahead of mainline');
  assert(await hotfix.getAttribute('title') === '领先主线', 'the hotfix cell says 领先主线');
  assert(await hotfix.getByLabel('领先主线').count() === 1, 'the hotfix cell carries the ahead arrow');
  const older = cells.filter({ hasText: '2.0.3' });
  assert((await older.getAttribute('class')).includes('rel-behind'), '2.0.3 next to it is behind mainline');

  // the hotfix environment alone against mainline
  await page.getByTestId('selected-envs').locator('.chip', { hasText: '深圳地铁 / 生产' })
    .getByRole('button', { name: '移除' }).click();
  await page.getByRole('button', { name: '与主线对比' }).click();
  await page.getByRole('heading', { name: /华东电力 \/ 生产.*与主线对比/ }).waitFor();
  const line = page.locator('table.data tbody tr').filter({ has: page.locator('td', { hasText: /^user-center$/ }) });
  await line.waitFor();
  const text = (await line.textContent()).replace(/\s+/g, ' ');
  assert(text.includes('2.0.7-hotfix.1') && text.includes('领先主线'), 'user-center 2.0.7-hotfix.1 is 领先主线: ' + text);
  assert(!text.includes('落后主线'), 'the hotfix is not shown as behind mainline: ' + text);
  assert((await line.getAttribute('class')).includes('rel-ahead'), 'the row is marked ahead');
  await shot(page, 'version-compare-hotfix');
});
