// Scenario 1 (客户管理): Home → Customer versions → [Add customer] → save → add environment → add components.
import { scenario, login, nav, unique, shot, assert, toast } from './lib.mjs';

await scenario('01-customer-management', async (page) => {
  await login(page);
  await shot(page, 'home');
  await nav(page, '客户版本');
  await page.getByTestId('customer-list').waitFor();
  await shot(page, 'customers');

  const name = unique('e2e客户');
  await page.getByTestId('add-customer').click();
  const form = page.getByTestId('customer-form');
  await form.getByRole('button', { name: '保存' }).click();
  await form.getByText('必填').waitFor(); // a person forgetting the name is told so
  await form.locator('[name=name]').fill(name);
  await form.locator('[name=code]').fill(name.toUpperCase().slice(-8));
  await form.locator('[name=contact]').fill('王工 138-0000-9999');
  await form.locator('[name=tags]').fill('华北, e2e');
  await form.getByRole('button', { name: '保存' }).click();
  await toast(page, `已新增客户 ${name}`);
  await page.getByTestId('customer-name').filter({ hasText: name }).waitFor();
  await page.getByText('这个客户还没有环境').waitFor(); // the empty state says what to do next

  // a customer has many environments
  for (const [envName, type] of [['测试', '测试'], ['生产', '生产']]) {
    if (envName === '生产') await page.goBack();
    await page.getByTestId('add-environment').click();
    const envForm = page.getByTestId('environment-form');
    await envForm.locator('[name=name]').fill(envName);
    await envForm.locator('[name=type]').selectOption({ label: type });
    await envForm.getByRole('button', { name: '保存' }).click();
    await page.getByTestId('environment-name').filter({ hasText: envName }).waitFor();
  }

  // components with their current versions
  await page.getByText('这个环境还没有组件').waitFor();
  for (const [component, version] of [['gateway', '2.3.1'], ['report-web', 'v1.8.2']]) {
    await page.locator('[data-testid=add-component] [name=component]').fill(component);
    await page.locator('[data-testid=add-component] [name=version]').fill(version);
    await page.getByRole('button', { name: '添加组件' }).click();
    await page.locator(`tr[data-component="${component}"] [data-testid=installed-version]`).filter({ hasText: version }).waitFor();
  }
  const gatewayRow = page.locator('tr[data-component="gateway"]');
  assert((await gatewayRow.textContent()).includes('落后主线'), 'gateway 2.3.1 is shown behind mainline');

  // a duplicate is refused in words
  await page.locator('[data-testid=add-component] [name=component]').fill('gateway');
  await page.locator('[data-testid=add-component] [name=version]').fill('2.3.4');
  await page.getByRole('button', { name: '添加组件' }).click();
  await page.getByTestId('problem').filter({ hasText: 'gateway' }).waitFor();

  // change a version and read its history
  await gatewayRow.getByRole('button', { name: '修改版本' }).click();
  await gatewayRow.getByRole('textbox').fill('2.3.4');
  await gatewayRow.getByRole('button', { name: '保存' }).click();
  await gatewayRow.locator('[data-testid=installed-version]').filter({ hasText: '2.3.4' }).waitFor();
  await gatewayRow.getByRole('button', { name: '历史' }).click();
  const history = page.getByTestId('history');
  await history.getByText('2.3.1 → 2.3.4').waitFor();
  assert((await history.textContent()).includes('张三'), 'history names the operator');
  await shot(page, 'environment');

  // the customer is found by search
  await nav(page, '客户版本');
  await page.getByLabel('按名称或编码搜索').fill(name);
  await page.getByRole('button', { name: '搜索' }).click();
  await page.getByTestId('customer-list').getByRole('link', { name }).waitFor();
});
