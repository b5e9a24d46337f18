// Issue 16 (one version ordering): a hotfix comes after the version it fixes. The demo's 华东电力 / 生产 runs
// user-center 2.0.7-hotfix.1 while mainline is 2.0.7: version compare shows it ahead of mainline (领先主线), never
// 落后主线, both in the matrix next to an environment that is behind and alone against mainline. And a version that
// breaks the one grammar is refused when a release record is submitted, naming the item, with the one error text.
import { scenario, login, nav, shot, assert, unique, compareProduction } from './lib.mjs';

await scenario('11-hotfix-ahead-of-mainline', async (page) => {
  await login(page);
  await nav(page, '客户版本');
  await page.getByRole('link', { name: '版本对比' }).first().click();
  await page.getByText('请先选择要对比的环境').waitFor();
  const matrix = await compareProduction(page, ['华东电力', '深圳地铁']);

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

  // a version the later steps (version sync, Jenkins) would refuse is refused at the submit form
  const title = unique('坏版本号');
  await nav(page, '提交发布信息');
  await page.locator('[name=title]').fill(title);
  await page.locator('[name="items[0].component"]').fill('user-center');
  await page.locator('[name="items[0].version"]').fill('2026.03.01/b3');
  await page.locator('[name="tickets[0].id"]').fill('BUG-11');
  await page.getByLabel('热更新', { exact: true }).check();
  await page.getByRole('button', { name: '提交发布信息' }).click();
  const problem = page.getByTestId('problem');
  await problem.waitFor();
  const said = (await problem.textContent()).replace(/\s+/g, ' ');
  assert(said.includes('不是有效的版本号') && said.includes('2024.07.01-b113'), 'the one version error text is shown: ' + said);
  assert(await page.getByTestId('release-title').count() === 0, 'no release record page opened');
  await nav(page, '发布记录');
  await page.getByLabel('标题或手册中的文字').fill(title);
  await page.getByRole('button', { name: '搜索' }).click();
  await page.getByText('没有发布记录').waitFor();
  assert(await page.locator('tr', { hasText: title }).count() === 0, 'the refused record is not listed');
});
