// Builds belong to what they built (issue 16): submit → package → edit the versions → the package shows 已过期 and
// the customer-deployment form does not offer it. Then a double click on 确认部署 records ONE deployment: the form
// sends one Idempotency-Key per submission (the server's answer to a repeated key is CustomerDeploymentsIT's).
import { scenario, login, unique, shot, assert, eventually, submitRelease, evidenceFiles, fillDeploymentForm } from './lib.mjs';

await scenario('12-outdated-package-and-one-deployment', async (page) => {
  await login(page);
  const minor = Date.now() % 100000;
  const { url } = await submitRelease(page, { title: unique('过期的包'), items: [['workflow-engine', `4.3.${minor}`]], type: 'dev 更新' });

  await page.getByTestId('package').click();
  await page.getByTestId('download-package').waitFor({ timeout: 120_000 });
  await page.locator('.badge[data-value=PACKAGED]').first().waitFor({ timeout: 60_000 });
  await page.getByTestId('customer-deploy').click();
  let form = page.getByTestId('deployment-form');
  assert(await form.locator('[name=packageBuildId] option').count() === 2, 'the fresh package is offered');
  await form.getByRole('button', { name: '取消' }).click();

  // the record's version changes after it was packaged
  await page.getByRole('link', { name: '编辑' }).click();
  await page.locator('[name="items[0].version"]').fill(`4.3.${minor + 1}`);
  await page.getByRole('button', { name: '保存' }).click();
  await page.locator('.toast').filter({ hasText: '发布记录已保存' }).first().waitFor();
  if (!page.url().endsWith(new URL(url).pathname)) await page.goto(url);

  await page.getByTestId('builds').getByTestId('build-outdated').waitFor();
  await page.getByTestId('timeline').getByTestId('timeline-outdated').first().waitFor();
  await page.locator('.badge[data-value=SUBMITTED]').first().waitFor();
  await shot(page, 'outdated-package');

  await page.getByTestId('customer-deploy').click();
  form = page.getByTestId('deployment-form');
  const options = await form.locator('[name=packageBuildId] option').evaluateAll((os) => os.map((o) => o.value));
  assert(options.length === 1 && options[0] === '', 'the outdated package cannot be chosen, got ' + JSON.stringify(options));

  await fillDeploymentForm(page, { customer: '华东电力', environments: [/测试/], notes: '不打包部署：包已过期，按新版本手工更新', files: [evidenceFiles().log] });

  // a double click: every request the page sends is recorded (Chromium cannot hand an intercepted file upload to a
  // second delivery, so the network-level repeat is CustomerDeploymentsIT's: same key, same content -> first answer)
  const sent = [];
  await page.route('**/api/releases/*/deployments', async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    sent.push(route.request().headers()['idempotency-key']);
    await route.continue();
  });
  await form.getByRole('button', { name: '确认部署' }).dblclick();
  await page.locator('.toast').filter({ hasText: '已记录' }).first().waitFor();
  await page.unroute('**/api/releases/*/deployments');

  assert(sent.length >= 1, 'the deployment was sent');
  assert(sent.every((k) => /^"[0-9a-f-]{36}"$/.test(k ?? '')), 'each request carries an Idempotency-Key: ' + JSON.stringify(sent));
  assert(new Set(sent).size === 1, 'one key for the one submission: ' + JSON.stringify(sent));
  await page.reload();
  await page.getByTestId('release-title').waitFor();
  await eventually(async () => (await page.getByTestId('deployments').locator('.deployment').count()) === 1, 'one deployment is recorded');
  await page.waitForTimeout(1000);
  assert(await page.getByTestId('deployments').locator('.deployment').count() === 1, 'still one deployment');
  assert(await page.locator('ol.timeline li[data-action=CUSTOMER_DEPLOYMENT_RECORDED]').count() === 1, 'one timeline entry for it');
});
