// Issue 15 (组件目录, 主线版本): a person creates a component in the catalog and uses it in an environment and a
// release record (and creates a missing one inline); an ADMIN creates an integration token in 集成设置; a CI reports a
// main-branch build with it (client credentials → machine API) and the new mainline shows in compare and in the
// catalog's history; the same version twice changes nothing, an older one is refused, a use beyond the token's scope
// is 403, a revoked token is 401.
import { scenario, login, nav, unique, shot, assert, toast, submitRelease, eventually, BASE } from './lib.mjs';

await scenario('17-component-catalog-mainline', async (page) => {
  await login(page);

  // the catalog: create a component with kind, owner and a first mainline
  await nav(page, '组件目录');
  await page.getByTestId('component-catalog').waitFor();
  const comp = unique('e2e-web');
  await page.getByTestId('add-catalog-component').click();
  const form = page.getByTestId('component-form');
  await form.locator('[name=name]').fill('bad name');
  await form.getByRole('button', { name: '保存' }).click();
  await form.getByText('只能包含字母、数字、. _ -').waitFor(); // a bad name is explained before anything is sent
  await form.locator('[name=name]').fill(comp);
  await form.locator('[name=kind]').selectOption({ label: '前端' });
  await form.locator('[name=description]').fill('报表前端（e2e）');
  await form.locator('[name=owner]').fill('前端组');
  await form.locator('[name=mainlineVersion]').fill('1.0.0');
  await form.getByRole('button', { name: '保存' }).click();
  await toast(page, `已新建组件 ${comp}`);
  await page.getByLabel('搜索名称、说明或负责人').fill(comp);
  await page.getByRole('button', { name: '搜索' }).click();
  const row = page.locator(`tr[data-component="${comp}"]`);
  await row.getByTestId('catalog-mainline').filter({ hasText: '1.0.0' }).waitFor();
  assert((await row.textContent()).includes('前端组'), 'the owner is listed');

  // a duplicate name is refused in words
  await page.getByTestId('add-catalog-component').click();
  await form.locator('[name=name]').fill(comp.toUpperCase());
  await form.getByRole('button', { name: '保存' }).click();
  await form.getByTestId('problem').filter({ hasText: '与现有数据冲突' }).waitFor();
  await form.locator('.field-error[data-field=name]').waitFor(); // next to the name it clashes on
  await page.getByRole('dialog').getByRole('button', { name: '取消' }).click();

  // use it in an environment of a new customer, and create a missing component right there
  await nav(page, '客户版本');
  const customer = unique('e2e目录客户');
  await page.getByTestId('add-customer').click();
  const customerForm = page.getByTestId('customer-form');
  await customerForm.locator('[name=name]').fill(customer);
  await customerForm.getByRole('button', { name: '保存' }).click();
  await page.getByTestId('customer-name').filter({ hasText: customer }).waitFor();
  await page.getByTestId('add-environment').click();
  const envForm = page.getByTestId('environment-form');
  const envName = unique('e2e生产');
  await envForm.locator('[name=name]').fill(envName);
  await envForm.locator('[name=type]').selectOption({ label: '生产' });
  await envForm.getByRole('button', { name: '保存' }).click();
  await page.getByTestId('environment-name').filter({ hasText: envName }).waitFor();

  const adder = page.getByTestId('add-component');
  await adder.locator('[name=component]').fill(comp);
  await eventually(async () => (await adder.locator('[name=version]').inputValue()) === '1.0.0', 'the mainline is offered as the version', 10_000);
  await adder.getByRole('button', { name: '添加组件' }).click();
  await page.locator(`tr[data-component="${comp}"] [data-testid=installed-version]`).filter({ hasText: '1.0.0' }).waitFor();

  const missing = unique('e2e-tpl');
  await adder.locator('[name=component]').fill(missing);
  await adder.getByTestId('create-component-inline').click();
  await adder.getByTestId('inline-create').locator('select').selectOption({ label: '模板' });
  await adder.getByTestId('create-component-confirm').click();
  await toast(page, `已新建组件 ${missing}`);
  await adder.locator('[name=version]').fill('2026.11.01');
  await adder.getByRole('button', { name: '添加组件' }).click();
  await page.locator(`tr[data-component="${missing}"] [data-testid=installed-version]`).filter({ hasText: '2026.11.01' }).waitFor();
  await shot(page, 'component-picker');

  // a release record with the catalog component
  const { number } = await submitRelease(page, { title: unique('e2e 目录组件发布'), items: [[comp, '1.1.0']] });
  assert(/^REL-/.test(number), 'the release record got a number');
  assert((await page.textContent('body')).includes(comp), 'the release record lists the component');

  // 集成设置: an integration token for the CI, shown once
  await nav(page, '集成设置');
  const tokens = page.getByTestId('integration-tokens');
  const tokenName = unique('Jenkins 主干');
  await tokens.locator('[name=tokenName]').fill(tokenName);
  await tokens.getByRole('button', { name: '创建令牌' }).click();
  const clientId = (await page.getByTestId('client-id').textContent()).trim();
  const clientSecret = (await page.getByTestId('client-secret').textContent()).trim();
  assert(clientId.startsWith('inpc_') && clientSecret.startsWith('inps_'), 'client id and secret are shown');
  await shot(page, 'integration-token');
  await page.getByRole('button', { name: '我已保存' }).click();
  const tokenRow = tokens.locator(`tr[data-token="${tokenName}"]`);
  await tokenRow.getByTestId('last-used').filter({ hasText: '从未使用' }).waitFor();
  assert(!(await page.textContent('body')).includes(clientSecret), 'the secret is not shown again');

  // the CI: client credentials, then the report
  const exchange = async () => fetch(`${BASE}/api/auth/token`, {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret })
  });
  const exchanged = await exchange();
  assert(exchanged.status === 200, 'the token is exchanged, got ' + exchanged.status);
  const accessToken = (await exchanged.json()).access_token;
  const report = (version, build) => fetch(`${BASE}/api/components/${comp}/mainline/reports`, {
    method: 'POST', headers: { Authorization: `Bearer ${accessToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ version, build, commit: 'e2e0001' })
  });
  let answer = await report('1.1.0', 'main#17');
  assert(answer.status === 200 && (await answer.json()).changed === true, 'the report moves the mainline');
  answer = await report('1.1.0', 'main#18');
  assert(answer.status === 200 && (await answer.json()).changed === false, 'the same version changes nothing');
  answer = await report('1.0.5', 'main#19');
  const older = await answer.json();
  assert(answer.status === 409 && older.type.endsWith('/mainline-older'), 'an older version is refused: ' + answer.status);
  answer = await fetch(`${BASE}/api/customers`, { headers: { Authorization: `Bearer ${accessToken}` } });
  assert(answer.status === 403, 'the token reaches nothing outside its scope, got ' + answer.status);

  // compare: the environment against the new mainline
  await nav(page, '版本对比');
  await page.getByLabel('搜索环境名称').fill(envName);
  await page.getByRole('button', { name: '搜索' }).click();
  await page.getByTestId('env-picker').locator('label', { hasText: `${customer} / ${envName}` }).locator('input').check();
  await page.getByTestId('run-compare').click();
  const compared = page.locator('tr', { hasText: comp });
  await compared.waitFor();
  const cells = await compared.locator('td').allTextContents();
  assert(cells[1] === '1.0.0' && cells[2] === '1.1.0', 'compare shows the reported mainline: ' + cells.join(' | '));
  assert(cells[3].includes('落后'), 'the environment is behind the new mainline: ' + cells[3]);
  await shot(page, 'compare-mainline-ci');

  // the catalog keeps the history: by CI, with the build
  await nav(page, '组件目录');
  await page.getByLabel('搜索名称、说明或负责人').fill(comp);
  await page.getByRole('button', { name: '搜索' }).click();
  await row.getByRole('button', { name: '主线历史' }).click();
  const history = page.getByTestId('mainline-history');
  const newest = history.locator('tbody tr').first();
  await newest.filter({ hasText: 'CI 上报' }).waitFor();
  const text = await newest.textContent();
  assert(text.includes('1.0.0') && text.includes('1.1.0') && text.includes('main#17') && text.includes(tokenName), 'history: ' + text);
  assert(await history.locator('tbody tr').count() === 2, 'the same version twice left no second entry');
  await shot(page, 'component-catalog');

  // last use shows; revoked: no more exchanges
  await nav(page, '集成设置');
  await eventually(async () => !(await tokenRow.getByTestId('last-used').textContent()).includes('从未使用'), 'last use is shown', 10_000);
  await tokenRow.getByRole('button', { name: '吊销' }).click();
  await page.getByTestId('confirm').click();
  await toast(page, `已吊销 ${tokenName}`);
  const refused = await exchange();
  assert(refused.status === 401, 'a revoked token is refused, got ' + refused.status);
  await eventually(async () => (await report('1.2.0', 'main#20')).status === 401,
    'the gateway refuses the access tokens of a revoked token within seconds', 20_000);
});
