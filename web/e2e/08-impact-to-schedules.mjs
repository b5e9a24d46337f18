// Impact search (影响范围): an urgent bug in a component up to a version → every environment running an affected
// version, with owner → update schedules for the selection in one go.
import { scenario, login, nav, shot, assert, unique, eventually, searchImpact } from './lib.mjs';

await scenario('08-impact-to-schedules', async (page) => {
  await login(page);
  await nav(page, '影响范围');
  const results = await searchImpact(page, { component: 'gateway', range: '<2.3.4', production: true });
  const rows = results.locator('tbody tr');
  const shownCount = async () => Number((await page.getByTestId('impact-count').textContent()).match(/\d+/)[0]);
  await eventually(async () => (await rows.count()) === (await shownCount()), 'the rows listed match the count shown', 10_000);
  const count = await shownCount();
  assert(count >= 2, 'several production environments run gateway below 2.3.4, found ' + count);
  for (let i = 0; i < count; i++) {
    const version = (await rows.nth(i).locator('td.mono').textContent()).trim();
    assert(!['2.3.4', '2.3.5'].includes(version), 'only affected versions are listed, saw ' + version);
  }
  await shot(page, 'impact');

  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 CSV' }).click()]);
  assert(csv.suggestedFilename().endsWith('.csv'), 'the export is a CSV file');

  await page.getByTestId('plan-updates').click();
  const form = page.getByTestId('schedule-form');
  const content = unique('紧急升级 gateway 到 2.3.4');
  await form.locator('[name=content]').fill(content);
  await form.getByRole('button', { name: new RegExp(`生成 ${count} 条更新安排`) }).click();
  await page.locator('.toast').filter({ hasText: `已生成 ${count} 条更新安排` }).first().waitFor();

  // the list holds every schedule, earliest first, 20 to a page: this run's may be on a later page
  const list = page.getByTestId('schedule-list');
  await list.waitFor();
  let planned = 0;
  for (let n = 1; ; n++) {
    const pager = page.locator('nav.pager');
    if (await pager.count()) await pager.getByText(new RegExp(`第 ${n} / \\d+ 页`)).waitFor();
    planned += await list.locator('tr', { hasText: content }).count();
    if (planned >= count || !(await pager.count()) || await pager.getByRole('button', { name: '下一页' }).isDisabled()) break;
    await pager.getByRole('button', { name: '下一页' }).click();
  }
  assert(planned === count, `one schedule per affected environment (${planned} of ${count})`);
});
