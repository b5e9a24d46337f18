// Roles (issue 8) as people meet them: a newcomer starts as a viewer and sees everything but can change nothing.
// The administrator, at their own desk, makes them technical support on 用户与权限, and within seconds the
// newcomer's open app offers packaging and customer deployments, without logging in again, while the
// administration pages stay closed to them.
import { scenario, login, nav, shot, assert, eventually, anotherBrowser, USERS } from './lib.mjs';

const ROLE_LABEL = { VIEWER: '只读', SUPPORT: '技术支持' };

async function logout(page) {
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.getByTestId('login').waitFor();
}

/** 张三 (administrator) gives 王五 a role on 用户与权限; the confirmation dialog asks first. */
async function setRoleOfWangwu(page, role) {
  await login(page, USERS.zhangsan, '/admin/users');
  const select = page.getByTestId('users').locator('tr', { hasText: USERS.wangwu.name }).getByLabel('角色');
  if ((await select.inputValue()) !== role) {
    await select.selectOption(role);
    await page.getByTestId('confirm').click();
    await page.locator('.toast').filter({ hasText: `${USERS.wangwu.name} 现在是 ${ROLE_LABEL[role]}` }).first().waitFor();
  }
  await logout(page);
}

async function openFirstRelease(page) {
  await nav(page, '发布记录');
  await page.locator('table.data tbody tr a').first().click();
  await page.getByTestId('release-title').waitFor();
}

await scenario('09-roles', async (page) => {
  // 王五 has logged in once, so the administrator finds him; a rerun sets him back to viewer
  await login(page, USERS.wangwu);
  await logout(page);
  await setRoleOfWangwu(page, 'VIEWER');

  await login(page, USERS.wangwu);
  const links = await page.locator('nav.sidenav a').allTextContents();
  assert(links.includes('发布记录') && links.includes('客户版本'), 'a viewer sees the records and customers: ' + links);
  assert(!links.includes('提交发布信息') && !links.includes('用户与权限'), 'a viewer has no submit or admin pages: ' + links);
  await openFirstRelease(page);
  for (const action of ['deploy-test', 'package', 'customer-deploy']) {
    assert(await page.getByTestId(action).count() === 0, `a viewer has no ${action} button`);
  }
  await page.goto(page.url().replace(/\/releases\/.*/, '/admin/users'));
  await page.getByText('你的角色不能使用这个页面。').waitFor();
  await shot(page, 'roles-viewer');

  // meanwhile, in 张三's browser
  const admin = await anotherBrowser();
  try {
    await setRoleOfWangwu(admin.page, 'SUPPORT');
  } finally {
    await admin.close();
  }

  // 王五 goes on working: the gateway refuses his viewer token, the app renews it and gets the new role
  await eventually(async () => {
    await openFirstRelease(page);
    return (await page.getByTestId('package').count()) > 0;
  }, 'the package button appears for 王五 without a new login', 30_000);
  await page.getByTestId('customer-deploy').waitFor();
  await page.getByTestId('current-user').filter({ hasText: '技术支持' }).waitFor();
  const links2 = await page.locator('nav.sidenav a').allTextContents();
  assert(links2.includes('提交发布信息') && !links2.includes('用户与权限'), 'support can submit but not administer: ' + links2);
  await shot(page, 'roles-support');
});
