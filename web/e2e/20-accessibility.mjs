// Accessible pages: every page of the app, as an admin sees it, passes axe-core (WCAG 2.1 A/AA and best practices)
// with no violation at all (critical, serious, moderate or minor); a route change moves the focus to the page's main heading and names the
// document after it; a dialog keeps the focus inside while open and gives it back when closed.
import { scenario, login, nav, unique, assert, eventually, submitRelease, checkAccessibility, compareProduction, newSchedule, searchImpact, localInput } from './lib.mjs';

const found = [];

/** Waits until the page's content has loaded (its heading is there and nothing says 加载中), then runs axe. */
async function check(page, label) {
  await page.locator('main.content h1').first().waitFor();
  await eventually(async () => (await page.locator('main.content .loading').count()) === 0, `${label} finished loading`, 20_000);
  found.push(...await checkAccessibility(page, label));
}

/** After a route change: focus on the main heading, and the document's title starts with it. */
async function assertRouteAnnounced(page, label) {
  await eventually(async () => page.evaluate(() => {
    const h1 = document.querySelector('main.content h1');
    const name = h1?.textContent.replace(/\s+/g, ' ').trim();
    return !!name && document.activeElement === h1 && document.title.startsWith(name);
  }), `${label}: the focus is on the main heading and the title names the page`, 10_000);
}

async function go(page, navLabel, label) {
  await nav(page, navLabel);
  await assertRouteAnnounced(page, label);
  await check(page, label);
}

await scenario('20-accessibility', async (page) => {
  await login(page);
  await check(page, 'home');

  await go(page, '发布记录', 'releases');
  await go(page, '提交发布信息', 'submit');
  // release detail, with a package ready: the build panel and its badges
  const { number } = await submitRelease(page, { title: unique('无障碍检查'), items: [['workflow-engine', '4.9.' + (Date.now() % 100000)]] });
  await assertRouteAnnounced(page, 'release detail');
  const [built] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/builds') && r.request().method() === 'POST'),
    page.getByTestId('package').click()
  ]);
  const buildId = (await built.json()).id;
  await page.getByTestId('download-package').waitFor({ timeout: 120_000 });
  await check(page, 'release detail ' + number);

  // a dialog keeps the focus: it starts inside, Tab and Shift+Tab stay inside, Escape gives it back to the opener
  await page.getByTestId('deploy-test').click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  const inDialog = () => page.evaluate(() => !!document.activeElement?.closest('[role=dialog]'));
  assert(await inDialog(), 'the focus moves into the dialog when it opens');
  await check(page, 'test deployment dialog');
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Tab');
    assert(await inDialog(), 'Tab keeps the focus inside the dialog');
  }
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press('Shift+Tab');
    assert(await inDialog(), 'Shift+Tab keeps the focus inside the dialog');
  }
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert(await page.evaluate(() => document.activeElement?.dataset?.testid === 'deploy-test'),
    'closing the dialog gives the focus back to the button that opened it');

  await go(page, '客户版本', 'customers');
  await page.getByTestId('customer-list').getByRole('link', { name: '华东电力' }).click();
  await assertRouteAnnounced(page, 'customer detail');
  await check(page, 'customer detail');
  await page.locator('main.content').getByRole('link', { name: '生产', exact: true }).first().click();
  await assertRouteAnnounced(page, 'environment');
  await check(page, 'environment');

  await go(page, '版本对比', 'compare (empty)');
  await compareProduction(page, ['华东电力', '深圳地铁']);
  await check(page, 'compare');

  await go(page, '组件目录', 'components');

  await go(page, '更新安排', 'schedules');
  const form = await newSchedule(page, '成都农商银行', ['生产']);
  await form.locator('[name=plannedAt]').fill(await localInput(page, Date.now() + 2 * 3600_000));
  const content = unique('无障碍更新');
  await form.locator('[name=content]').fill(content);
  await check(page, 'schedule form');
  await form.getByRole('button', { name: '保存' }).click();
  await form.waitFor({ state: 'detached' });
  const row = page.getByTestId('schedule-list').locator('tr', { hasText: content });
  await row.waitFor();
  await check(page, 'schedules');
  await page.getByTestId('week-view').click();
  await check(page, 'schedules (week)');
  await page.getByRole('button', { name: '列表' }).click();
  await row.getByRole('link').first().click();
  await assertRouteAnnounced(page, 'schedule detail');
  await check(page, 'schedule detail');

  await go(page, '操作日志', 'operation log');
  await go(page, '影响范围', 'impact (empty)');
  await searchImpact(page, { component: 'gateway', range: '<2.3.4' });
  await check(page, 'impact');
  await go(page, '通知记录', 'notifications');
  await go(page, '用户与权限', 'users');
  await go(page, '集成设置', 'settings');

  await page.goto(`${page.url().replace(/\/admin\/settings.*$/, '')}/builds/${buildId}/download`);
  await page.getByTestId('build-download').waitFor();
  await check(page, 'build download');

  if (found.length) {
    throw new Error(`${found.length} accessibility violation(s): `
      + found.map((v) => `${v.page}: ${v.impact} ${v.id} x${v.nodes.length} (${v.nodes.map((n) => n.target).slice(0, 3).join(' | ')})`).join('; '));
  }
});
