// Scenario 6 (环境版本对比): Customer versions → Version compare → choose environments of several customers → the
// matrix with differences and behind-mainline highlighted, and the release that brought each version.
import { scenario, login, nav, shot, assert, compareProduction } from './lib.mjs';

await scenario('06-version-compare', async (page) => {
  await login(page);
  await nav(page, '客户版本');
  await page.getByRole('link', { name: '版本对比' }).first().click();
  await page.getByText('请先选择要对比的环境').waitFor();
  const matrix = await compareProduction(page, ['华东电力', '深圳地铁', '成都农商银行']);
  assert((await matrix.locator('thead th').count()) === 5, 'component, mainline and three environment columns');
  assert((await matrix.locator('td.cell.differs').count()) > 0, 'differing versions are highlighted');
  assert((await matrix.locator('td.cell.rel-behind').count()) > 0, 'versions behind mainline are highlighted');
  await shot(page, 'version-compare');

  const allRows = await matrix.locator('tbody tr').count();
  await page.getByLabel('只看差异').check();
  await page.getByTestId('run-compare').click();
  await matrix.waitFor();
  const diffRows = await matrix.locator('tbody tr').count();
  assert(diffRows <= allRows && diffRows > 0, `differences only shows fewer rows (${diffRows} of ${allRows})`);
  assert(page.url().includes('environments='), 'the choice is in the address, so the page can be shared');
  await page.reload();
  await page.getByTestId('compare-matrix').waitFor();

  // one environment alone is compared against mainline
  await page.getByTestId('selected-envs').getByRole('button', { name: '移除' }).first().click();
  await page.getByTestId('selected-envs').getByRole('button', { name: '移除' }).first().click();
  await page.getByRole('button', { name: '与主线对比' }).click();
  await page.getByRole('heading', { name: /与主线对比/ }).waitFor();
  assert(await page.locator('tr.rel-behind').count() > 0, 'rows behind mainline are marked');
});
