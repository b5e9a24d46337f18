// Scenario 7 (更新安排管理): plan an update (content, agreed time, environments, linked release and ticket), see it
// in this week's view, mark one done and cancel another.
import { scenario, login, nav, unique, shot, assert, submitRelease, localInput, newSchedule } from './lib.mjs';

/** The day of the week in the browser's time zone. */
async function weekday(page, ms) {
  return page.evaluate((at) => new Date(at).getDay(), ms);
}

async function plan(page, { content, when, releaseNumber }) {
  const form = await newSchedule(page, '成都农商银行', ['生产', '灾备']);
  await form.locator('[name=plannedAt]').fill(await localInput(page, when));
  await form.locator('[name=content]').fill(content);
  if (releaseNumber) {
    await form.getByLabel('按编号或标题查找发布记录').fill(releaseNumber);
    await form.getByRole('button', { name: '搜索发布记录' }).click();
    await form.getByRole('button', { name: new RegExp('^\\+ ' + releaseNumber) }).click();
  }
  await form.locator('[name=tickets]').fill('BUG-2048');
  await form.getByRole('button', { name: '保存' }).click();
  await page.locator('.toast').filter({ hasText: '已保存' }).first().waitFor();
  await form.waitFor({ state: 'detached' }); // the toast of an earlier save may still show: the form closes once saved
}

await scenario('07-update-schedules', async (page) => {
  await login(page);
  const { number } = await submitRelease(page, { title: unique('计费修复'), items: [['billing-service', '3.1.1']] });
  await nav(page, '更新安排');

  // today plus one hour stays inside this week unless it is Sunday night; then plan for the same day
  const soon = Date.now() + 60 * 60 * 1000;
  const inWeek = (await weekday(page, soon)) === 1 && (await weekday(page, Date.now())) === 0 ? Date.now() + 5 * 60 * 1000 : soon;
  const first = unique('升级计费服务');
  const second = unique('升级基础配置');
  await plan(page, { content: first, when: inWeek, releaseNumber: number });
  await plan(page, { content: second, when: inWeek });

  const list = page.getByTestId('schedule-list');
  const row = list.locator('tr', { hasText: first });
  await row.waitFor();
  const text = await row.textContent();
  assert(text.includes(number) && text.includes('BUG-2048') && text.includes('计划中'), 'the row shows release, ticket and status');
  assert(text.includes('生产') && text.includes('灾备'), 'the row shows both environments');
  await shot(page, 'schedules');

  await page.getByTestId('week-view').click();
  await page.getByTestId('week').locator('.schedule-card', { hasText: '成都农商银行' }).first().waitFor();
  await shot(page, 'schedules-week');
  await page.getByRole('button', { name: '列表' }).click();

  await list.locator('tr', { hasText: first }).getByRole('button', { name: '标记完成' }).click();
  await page.getByTestId('confirm').click();
  await list.locator('tr', { hasText: first }).locator('.badge[data-value=DONE]').waitFor();

  await list.locator('tr', { hasText: second }).getByRole('button', { name: '取消安排' }).click();
  await page.getByRole('alertdialog').getByText('确定取消').waitFor(); // destructive actions ask first
  await page.getByTestId('confirm').click();
  await list.locator('tr', { hasText: second }).locator('.badge[data-value=CANCELLED]').waitFor();
});
