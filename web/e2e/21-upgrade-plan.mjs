// Issue 17 (升级计划): a support engineer opens a customer's PROD environment, asks for its plan to mainline, reads the
// ordered manual (and downloads it as Markdown), skips one record on purpose with a reason, records the deployment of
// the plan once with evidence, and sees every covered record completed and the environment at mainline.
// Then it packages the plan's delta bundle (build-service, h2), checks the manifest and the download's SHA-256, and
// records the deployment with that bundle.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { scenario, login, unique, shot, assert, eventually, evidenceFiles, toast, BASE } from './lib.mjs';

await scenario('21-upgrade-plan', async (page) => {
  await login(page);

  // The data the scenario needs, through the API as the logged-in admin (the screens for these are scenarios 1, 2
  // and 17): three components with mainlines, a customer whose PROD runs older versions, four release records.
  const setup = await page.evaluate(async (u) => {
    const refreshed = await fetch('/api/auth/refresh', { method: 'POST', credentials: 'same-origin', headers: { Accept: 'application/json' } });
    const { accessToken } = await refreshed.json();
    const call = async (method, path, body) => {
      const res = await fetch(path, {
        method, headers: { Authorization: 'Bearer ' + accessToken, 'Content-Type': 'application/json', Accept: 'application/json' },
        body: body ? JSON.stringify(body) : undefined
      });
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return res.status === 204 ? null : res.json();
    };
    const gw = 'plan-gw-' + u, web = 'plan-web-' + u;
    await call('POST', '/api/components', { name: gw, kind: 'SERVICE', mainlineVersion: '1.0.3' });
    await call('POST', '/api/components', { name: web, kind: 'FRONTEND', mainlineVersion: '2.1.0' });
    const customer = await call('POST', '/api/customers', { name: '升级计划客户-' + u, code: 'PLAN' + u.slice(-6).toUpperCase() });
    const prod = await call('POST', `/api/customers/${customer.id}/environments`, { name: '生产', type: 'PROD' });
    await call('PUT', `/api/environments/${prod.id}/components`, { items: [{ component: gw, version: '1.0.1' }, { component: web, version: '2.0.0' }] });
    const submit = (title, items, extra = {}) => call('POST', '/api/releases', {
      title, tickets: [{ id: 'PLAN-' + title.slice(0, 1) }], items, updateType: 'HOT', configChange: false,
      manual: `## ${title} 的步骤\n1. 执行 ${title}`, ...extra
    });
    // submitted in an order that is not the order to apply them in
    const c = await submit('C 报表前端升级', [{ component: web, version: '2.1.0' }]);
    const b = await submit('B 网关修复', [{ component: gw, version: '1.0.3' }]);
    const d = await submit('D 报表前端试验版', [{ component: web, version: '2.0.5' }]);
    const a = await submit('A 网关与报表联合修复', [{ component: gw, version: '1.0.2' }, { component: web, version: '2.0.1' }],
      { configChange: true, configNotes: 'gateway.timeout 改为 30s' });
    return { customer, prod, gw, web, a, b, c, d };
  }, unique('x').slice(2));

  // the customer's PROD environment → 升级计划
  await page.goto(`${BASE}/customers/${setup.customer.id}`);
  await page.getByTestId('environment-list').getByRole('link', { name: '生产' }).click();
  await page.getByTestId('environment-name').filter({ hasText: '生产' }).waitFor();
  await page.getByTestId('plan-to-mainline').click();
  const plan = page.locator(`[data-testid=plan-environment][data-env="${setup.prod.id}"]`);
  await plan.getByTestId('plan-steps').waitFor();
  assert(page.url().includes(`/plans?environments=${setup.prod.id}&target=mainline`), 'the plan has a shareable link: ' + page.url());

  const order = async () => plan.locator('.plan-step').evaluateAll((steps) => steps.map((s) => s.dataset.number));
  // by version order: A (gateway 1.0.2, web 2.0.1) before B (gateway 1.0.3) and before D then C (web 2.0.5, 2.1.0);
  // B and D/C are not ordered by a version, so the earlier submitted goes first (B before D)
  const expected = [setup.a.number, setup.b.number, setup.d.number, setup.c.number];
  assert(JSON.stringify(await order()) === JSON.stringify(expected),
    `the steps are in version order: ${JSON.stringify(await order())}, expected ${JSON.stringify(expected)}`);
  await plan.getByTestId('plan-config-change').filter({ hasText: 'gateway.timeout 改为 30s' }).waitFor();
  const changes = await plan.getByTestId('plan-changes').textContent();
  assert(changes.includes('1.0.1') && changes.includes('1.0.3') && changes.includes('2.0.0') && changes.includes('2.1.0'), 'changes show from → to');
  const manual = await plan.getByTestId('plan-steps').textContent();
  assert(manual.indexOf('执行 A') < manual.indexOf('执行 B') && manual.indexOf('执行 B') < manual.indexOf('执行 D')
    && manual.indexOf('执行 D') < manual.indexOf('执行 C'), 'the manuals read in order');
  await shot(page, 'upgrade-plan');

  // the Markdown download for an offline site has the same order, config change called out
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('plan-markdown').click()]);
  const markdown = readFileSync(await download.path(), 'utf8');
  assert(markdown.startsWith('# 升级计划'), 'the download is the plan in Markdown');
  assert(markdown.indexOf(`#### 1. ${setup.a.number}`) >= 0 && markdown.indexOf(`#### 1. ${setup.a.number}`) < markdown.indexOf(`#### 4. ${setup.c.number}`),
    'the Markdown keeps the order');
  assert(markdown.includes('> **配置变更**: gateway.timeout 改为 30s'), 'the Markdown calls out the config change');

  // D is not for this customer: skipped with a reason, the plan goes on without it
  await plan.locator(`.plan-step[data-number="${setup.d.number}"]`).getByRole('button', { name: '标记跳过' }).click();
  const skipForm = page.getByTestId('skip-form');
  await skipForm.getByRole('button', { name: '标记跳过' }).click();
  await skipForm.locator('[name=reason]:invalid').waitFor(); // a reason is required
  await skipForm.locator('[name=reason]').fill('试验版，客户生产不装');
  await skipForm.getByRole('button', { name: '标记跳过' }).click();
  await toast(page, `${setup.d.number} 已标记为跳过`);
  await plan.getByTestId('plan-skipped').filter({ hasText: '试验版，客户生产不装' }).waitFor();
  // without D nothing orders C after B: C (submitted first) follows A
  assert(JSON.stringify(await order()) === JSON.stringify([setup.a.number, setup.c.number, setup.b.number]),
    'D left the steps: ' + JSON.stringify(await order()));

  // package the delta bundle: exactly the components and versions the plan installs
  await plan.getByTestId('plan-package').click();
  await toast(page, '已开始打包增量包');
  const bundleRow = plan.getByTestId('plan-bundles').locator('tr[data-type=PACKAGE]').first();
  const bundleDownload = bundleRow.getByTestId('download-package');
  await bundleDownload.waitFor({ timeout: 120_000 });
  const bundleId = await bundleRow.getAttribute('data-build');
  await bundleRow.getByTestId('show-manifest').click();
  const manifest = plan.getByTestId('bundle-manifest');
  await manifest.waitFor();
  const listed = await manifest.getByTestId('manifest-components').textContent();
  assert(listed.includes(setup.gw) && listed.includes('1.0.3') && listed.includes(setup.web) && listed.includes('2.1.0'),
    'the bundle holds gateway 1.0.3 and web 2.1.0: ' + listed);
  const listedSha = (await manifest.getByTestId('manifest-file').first().getByTestId('manifest-sha256').textContent()).trim();
  const [bundleFile] = await Promise.all([page.waitForEvent('download'), bundleDownload.click()]);
  assert(createHash('sha256').update(readFileSync(await bundleFile.path())).digest('hex') === listedSha,
    'the downloaded delta bundle has the manifest\'s SHA-256');
  await shot(page, 'upgrade-plan-bundle');

  // record the deployment of the plan once, with evidence and the delta bundle
  await plan.getByTestId('plan-record').click();
  const form = page.getByTestId('plan-deployment-form');
  await form.getByRole('button', { name: '确认部署' }).click();
  await form.locator('.field-error').first().waitFor(); // notes and evidence are required
  await form.locator(`[name=bundleBuildId] option[value="${bundleId}"]`).waitFor({ state: 'attached' });
  await form.locator('[name=bundleBuildId]').selectOption(bundleId);
  await form.locator('[name=notes]').fill('按升级计划升级到主线，冒烟测试通过');
  await form.locator('input[type=file]').setInputFiles([evidenceFiles().log]);
  await form.getByRole('button', { name: '确认部署' }).click();
  await toast(page, '已记录部署，覆盖 3 条发布记录');

  // every covered record completes once customer-service has synced the versions
  for (const record of [setup.a, setup.c, setup.b]) {
    await eventually(async () => {
      await page.goto(`${BASE}/releases/${record.id}`);
      await page.getByTestId('release-title').waitFor();
      return (await page.locator('.badge[data-value=COMPLETED]').count()) === 1;
    }, `${record.number} is completed`, 90_000);
    await page.locator('ol.timeline').getByText('版本已同步').first().waitFor();
    await page.getByTestId('part-of-plan').first().waitFor();
    assert((await page.locator('ol.timeline').textContent()).includes(bundleId.slice(0, 8)), `${record.number}'s timeline names the delta bundle`);
  }
  const skipped = await page.goto(`${BASE}/releases/${setup.d.id}`).then(() => page.getByTestId('release-title').waitFor())
    .then(() => page.locator('.badge[data-value=COMPLETED]').count());
  assert(skipped === 0, 'the skipped record is not deployed');

  // the environment runs mainline now, and its plan has nothing left but the skipped record
  await page.goto(`${BASE}/environments/${setup.prod.id}`);
  await page.locator(`tr[data-component="${setup.gw}"] [data-testid=installed-version]`).filter({ hasText: '1.0.3' }).waitFor();
  await page.locator(`tr[data-component="${setup.web}"] [data-testid=installed-version]`).filter({ hasText: '2.1.0' }).waitFor();
  assert((await page.locator(`tr[data-component="${setup.gw}"]`).textContent()).includes(setup.b.number), 'gateway names the record that brought it');
  await page.getByTestId('plan-to-mainline').click();
  await plan.getByText('没有需要执行的发布记录。').waitFor();
  assert((await plan.textContent()).includes('没有需要更新的组件。'), 'nothing is left to update');
  await shot(page, 'upgrade-plan-done');

  // the skip mark shows in compare (against mainline)
  await page.goto(`${BASE}/compare?environments=${setup.prod.id}`);
  await page.getByTestId('skip-mark').filter({ hasText: setup.d.number }).first().waitFor();
});
