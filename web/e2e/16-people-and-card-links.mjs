// Issue 15 (people, not strings; card links that open from Feishu): an admin adds a colleague who never logged in
// by e-mail (Feishu's contact API, the sandbox's); a customer created in the app gets that person, picked by name, as
// owner; a schedule for the customer defaults to that owner and its due reminder reaches the owner's sandbox inbox.
// Then, for each kind of card in the sandbox inbox, its link opened in a fresh logged-out browser ends, after the
// Feishu login, on the right page or download; a download link used twice says so.
import { scenario, login, nav, unique, shot, assert, eventually, inbox, toast, submitRelease, anotherBrowser, USERS, BASE, evidenceFiles, fillDeploymentForm, localInput, newSchedule, openLoggedOut } from './lib.mjs';

const SUNQI = USERS.sunqi;

/** The buttons of a card in the sandbox inbox: [{text, url}]. */
function buttons(message) {
  const found = [];
  const walk = (node) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      if (node.tag === 'button' && node.url) found.push({ text: node.text?.content, url: node.url });
      Object.values(node).forEach(walk);
    }
  };
  walk(JSON.parse(message.content));
  return found;
}

async function card(to, titlePart, timeoutMs = 120_000) {
  return eventually(async () => (await inbox(to)).find((m) => (m.title ?? '').includes(titlePart)),
    `a card "${titlePart}" in the sandbox inbox of ${to}`, timeoutMs);
}

await scenario('16-people-and-card-links', async (page) => {
  await login(page);

  // an admin adds a colleague who has not logged in yet, by e-mail
  await nav(page, '用户与权限');
  const add = page.getByTestId('add-person');
  await add.getByLabel('飞书邮箱').fill('nobody-' + Date.now() + '@example.com');
  await add.getByRole('button', { name: '按邮箱添加成员' }).click();
  await add.locator('.field-error[data-field=email]').waitFor(); // Feishu knows nobody with it: said in words
  await add.getByLabel('飞书邮箱').fill(SUNQI.email);
  await add.getByRole('button', { name: '按邮箱添加成员' }).click();
  await page.locator('.toast').filter({ hasText: SUNQI.name }).first().waitFor();

  // a customer created in the app, its owner picked by name
  const customer = unique('人员客户');
  await nav(page, '客户版本');
  await page.getByTestId('add-customer').click();
  const form = page.getByTestId('customer-form');
  await form.locator('[name=name]').fill(customer);
  const picker = form.getByTestId('person-picker-owner');
  if (await picker.getByTestId('person-chosen-owner').count()) await picker.getByRole('button', { name: '清除' }).click();
  await picker.locator('[name=owner]').fill('孙');
  await picker.getByRole('option', { name: new RegExp(SUNQI.name) }).click();
  await picker.getByTestId('person-chosen-owner').filter({ hasText: SUNQI.name }).waitFor();
  await form.getByRole('button', { name: '保存' }).click();
  await toast(page, `已新增客户 ${customer}`);
  await page.getByTestId('customer-owner').filter({ hasText: SUNQI.name }).waitFor();
  await page.getByTestId('add-environment').click();
  const envForm = page.getByTestId('environment-form');
  await envForm.locator('[name=name]').fill('生产');
  await envForm.locator('[name=type]').selectOption({ label: '生产' });
  await envForm.getByRole('button', { name: '保存' }).click();
  await page.getByTestId('environment-name').filter({ hasText: '生产' }).waitFor();

  // a schedule for that customer, due within the reminder window; its owner defaults to the customer's owner
  const content = unique('升级人员客户');
  await nav(page, '更新安排');
  const sf = await newSchedule(page, customer, ['生产']);
  await sf.locator('[name=plannedAt]').fill(await localInput(page, Date.now() + 2 * 60 * 60 * 1000));
  await sf.locator('[name=content]').fill(content);
  await sf.getByRole('button', { name: '保存' }).click();
  await sf.waitFor({ state: 'detached' });
  const row = page.getByTestId('schedule-list').locator('tr', { hasText: content });
  await row.waitFor();
  assert((await row.textContent()).includes(SUNQI.name), 'the schedule row names the owner 孙七');

  // the due reminder reaches that owner in the sandbox inbox (the release-service checks every minute)
  const due = await card(SUNQI.openId, customer, 150_000);
  assert(due.title.includes('即将到期'), 'the reminder says the schedule is due soon: ' + due.title);
  const scheduleLink = buttons(due).find((b) => b.text === '查看更新计划');
  assert(scheduleLink && /\/schedules\/[0-9a-f-]{36}$/.test(scheduleLink.url), 'the reminder links to the schedule page');

  // a release through test deployment, package and customer deployment gives the other kinds of card
  const { number } = await submitRelease(page, { title: unique('卡片链接'), items: [['gateway', '2.3.' + (Date.now() % 100000)]] });
  await page.getByTestId('deploy-test').click();
  await page.locator('[name=testEnvironment]').selectOption({ label: '本公司测试中心 / 测试环境 A' });
  await page.getByTestId('start-test-deploy').click();
  await toast(page, '已开始部署测试');
  await page.getByTestId('package').click();
  await toast(page, '已开始打包');
  const tested = await card(USERS.zhangsan.openId, '测试部署成功 · ' + number);
  const packaged = await card(USERS.zhangsan.openId, '打包成功 · ' + number);

  await page.reload();
  const df = await fillDeploymentForm(page, { customer, environments: [/生产/], notes: '按计划更新网关', files: [evidenceFiles().log] });
  await df.getByRole('button', { name: '确认部署' }).click();
  await toast(page, '已记录');
  const synced = await card(USERS.zhangsan.openId, '客户部署已记录，版本已同步 · ' + customer);

  // every card's link, opened logged out, lands on its page after the Feishu login
  await openLoggedOut(scheduleLink.url, async (p) => {
    await p.getByTestId('schedule-detail').waitFor();
    assert((await p.getByTestId('schedule-owner').textContent()).includes(SUNQI.name), 'the schedule page names the owner');
    await shot(p, 'schedule-detail');
  });
  await openLoggedOut(buttons(tested).find((b) => b.text === '查看发布记录').url, async (p) => {
    await p.getByTestId('release-title').waitFor();
    assert((await p.locator('p.mono').first().textContent()).includes(number), 'the test deployment card opens its release');
  });
  await openLoggedOut(buttons(synced).find((b) => b.text === '查看客户环境').url, async (p) => {
    await p.getByTestId('customer-name').filter({ hasText: customer }).waitFor();
  });
  const download = buttons(packaged).find((b) => b.text === '下载安装包');
  assert(download && download.url.startsWith(BASE + '/builds/') && !download.url.includes('/api/'), 'the package card links to the download page, not the API: ' + download?.url);
  let spent;
  await openLoggedOut(buttons(packaged).find((b) => b.text === '查看发布记录').url, async (p) => {
    await p.getByTestId('release-title').waitFor();
  });
  {
    const other = await anotherBrowser();
    try {
      const p = other.page;
      await p.goto(download.url);
      await p.getByTestId('login').click();
      const [file] = await Promise.all([
        p.waitForEvent('download', { timeout: 60_000 }),
        p.getByRole('button', { name: new RegExp('^' + USERS.zhangsan.name) }).click()
      ]);
      assert(/\.(tar\.gz|tgz|zip)$/.test(file.suggestedFilename()), 'the package downloads: ' + file.suggestedFilename());
      spent = file.url();
      assert(spent.includes('/api/builds/downloads/'), 'through a download link: ' + spent);
      await p.getByTestId('download-state').filter({ hasText: '下载已开始' }).waitFor();
      await shot(p, 'package-download');
    } finally {
      await other.close();
    }
  }

  // the link that was used cannot be used again: a page says so (no error page, no 500)
  const again = await anotherBrowser();
  try {
    const res = await again.page.goto(spent);
    assert(res.status() === 410, 'a used link answers 410, got ' + res.status());
    await again.page.getByTestId('download-refused').filter({ hasText: '已使用过' }).waitFor();
  } finally {
    await again.close();
  }
});
