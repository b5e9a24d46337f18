// One audit trail (issue 16, item 4): changes made in other services land in 操作日志 (customer-service) with
// operator, time, action, target and what changed. The administrator changes 王五's role on 用户与权限 (auth-service)
// and cancels a packaging build (build-service); the operation log then shows both, filtered by kind, worded from
// stored facts in Chinese and, one click away, in English.
import { scenario, login, nav, unique, shot, assert, eventually, submitRelease, USERS } from './lib.mjs';

const ROLE_LABEL = { VIEWER: '只读', DEVELOPER: '研发', TESTER: '测试', SUPPORT: '技术支持', ADMIN: '管理员' };

async function logout(page) {
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.getByTestId('login').waitFor();
}

/** Shows the log filtered by kind (and target), newest first. */
async function showLog(page, kind, target = '') {
  await nav(page, '操作日志');
  await page.getByLabel('类别').selectOption(kind);
  await page.getByLabel('对象').fill(target);
  await page.getByRole('button', { name: '搜索' }).click();
}

await scenario('18-audit-trail', async (page) => {
  // 王五 has logged in once, so the administrator finds him
  await login(page, USERS.wangwu);
  await logout(page);

  // 张三 gives 王五 another role than the one he has
  await login(page, USERS.zhangsan, '/admin/users');
  const select = page.getByTestId('users').locator('tr', { hasText: USERS.wangwu.name }).getByLabel('角色');
  const before = await select.inputValue();
  const after = before === 'TESTER' ? 'DEVELOPER' : 'TESTER';
  await select.selectOption(after);
  await page.getByTestId('confirm').click();
  await page.locator('.toast').filter({ hasText: `${USERS.wangwu.name} 现在是 ${ROLE_LABEL[after]}` }).first().waitFor();

  // ... and starts packaging a new record, then thinks better of it and cancels the build
  const { number, url } = await submitRelease(page, { title: unique('审计'), items: [['workflow-engine', '4.3.' + (Date.now() % 100000)]] });
  await page.getByTestId('package').click();
  await page.locator('.toast').filter({ hasText: '已开始打包' }).first().waitFor();
  const build = page.getByTestId('builds').locator('tr[data-type=PACKAGE]').first();
  await build.getByRole('button', { name: '取消构建' }).click();
  await page.getByTestId('confirm').click();
  await page.locator('.toast').filter({ hasText: '已请求取消' }).first().waitFor();
  await eventually(async () => {
    await page.goto(url);
    return (await page.getByTestId('builds').locator('tr[data-type=PACKAGE]').first().textContent()).includes('已中止');
  }, 'the packaging ends 已中止', 60_000);

  // the role change, as auth-service reported it
  await eventually(async () => {
    await showLog(page, 'USER', USERS.wangwu.name);
    return page.getByTestId('oplog-entry').filter({ hasText: '修改角色' }).filter({ hasText: ROLE_LABEL[after] }).count();
  }, 'the operation log shows the role change', 30_000);
  const role = page.getByTestId('oplog-entry').filter({ hasText: '修改角色' }).first();
  assert((await role.getByTestId('oplog-operator').textContent()).includes(USERS.zhangsan.name), 'the role change names 张三 as operator');
  assert((await role.getByTestId('oplog-target').textContent()).includes(USERS.wangwu.name), 'the role change names 王五 as its target');
  const roleChange = await role.getByTestId('oplog-changes').textContent();
  assert(roleChange.includes(`角色：${ROLE_LABEL[before]} → ${ROLE_LABEL[after]}`), 'the role change says from what to what: ' + roleChange);
  await shot(page, 'audit-trail-role');

  // the cancelled build, as build-service reported it: who cancelled, and its result
  await eventually(async () => {
    await showLog(page, 'BUILD');
    const rows = page.getByTestId('oplog-entry').filter({ hasText: number });
    return (await rows.filter({ hasText: '取消构建' }).count()) && (await rows.filter({ hasText: '构建结束' }).count());
  }, `the operation log shows the cancelled build of ${number} and its result`, 60_000);
  const rows = page.getByTestId('oplog-entry').filter({ hasText: number });
  const cancelled = rows.filter({ hasText: '取消构建' }).first();
  assert((await cancelled.getByTestId('oplog-operator').textContent()).includes(USERS.zhangsan.name), 'the cancellation names 张三');
  assert((await cancelled.textContent()).includes('构建类型：打包'), 'the cancellation says it was a packaging');
  assert((await rows.filter({ hasText: '构建结束' }).first().textContent()).includes('结果：已中止'), 'the result is 已中止');
  assert(await rows.filter({ hasText: '发起构建' }).count() === 1, 'starting the build is in the log too');
  await shot(page, 'audit-trail-build');

  // the same entries in English: the words are the reader's, the log keeps values
  await page.getByTestId('lang').click();
  try {
    const english = page.getByTestId('oplog-entry').filter({ hasText: number }).filter({ hasText: 'Build cancelled' }).first();
    await english.waitFor();
    assert((await english.textContent()).includes('Build type: Package'), 'the cancellation reads in English');
    const words = (await english.getByTestId('oplog-changes').textContent()).replaceAll(USERS.zhangsan.name, '');
    assert(!/[\u4e00-\u9fff]/.test(words), 'no Chinese words in the English changes (names aside): ' + words);
    await shot(page, 'audit-trail-build-en');
  } finally {
    await page.getByTestId('lang').click();
  }

  // put 王五 back as he was (also in the log)
  await nav(page, '用户与权限');
  const again = page.getByTestId('users').locator('tr', { hasText: USERS.wangwu.name }).getByLabel('角色');
  await again.selectOption(before);
  await page.getByTestId('confirm').click();
  await page.locator('.toast').filter({ hasText: `${USERS.wangwu.name} 现在是 ${ROLE_LABEL[before]}` }).first().waitFor();
});
