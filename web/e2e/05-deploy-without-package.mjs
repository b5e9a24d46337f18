// Scenario 5 (不打包部署): only templates/config change: skip [Package], record the customer deployment directly.
// A file that is not what its name says is refused by the server, shown next to that file.
import { scenario, login, unique, shot, assert, eventually, submitRelease, evidenceFiles, fillDeploymentForm } from './lib.mjs';

await scenario('05-deploy-without-package', async (page) => {
  await login(page);
  const template = '2026.08.' + (Date.now() % 100000) + '-b200';
  const { number } = await submitRelease(page, {
    title: unique('打印模板更新'), items: [['print-templates', template], ['base-config', '1.12.1']], type: 'fe 更新', config: '新增打印机配置项 printer.dpi'
  });

  const { log, fake } = evidenceFiles();
  const form = await fillDeploymentForm(page, { customer: '深圳地铁', environments: [/UAT/, /生产/], files: [log, fake] });
  assert(await form.locator('[name=packageBuildId]').inputValue() === '', 'no package is used');
  await form.locator('[name=notes]').fill('仅更新模板与配置，未打包');
  await form.getByRole('button', { name: '确认部署' }).click();

  // the server looks at the content: the fake picture is refused, next to that file, and nothing is stored
  const refused = form.getByTestId('evidence-file').filter({ hasText: 'fake.png' });
  await refused.getByTestId('file-problem').waitFor();
  await form.getByTestId('problem').waitFor();
  await shot(page, 'evidence-refused');
  assert(await page.getByTestId('deployments').getByTestId('sync-row').count() === 0, 'nothing of the deployment was stored');
  await refused.getByRole('button', { name: '移除' }).click();
  await form.getByRole('button', { name: '确认部署' }).click();
  await page.locator('.toast').filter({ hasText: '已记录' }).first().waitFor();

  const rows = page.getByTestId('sync-row');
  await eventually(async () => (await rows.count()) === 2 && (await page.getByTestId('deployments').textContent()).split('已同步').length - 1 >= 2,
    'both environments show 已同步', 90_000);
  await page.locator('ol.timeline').getByText('版本已同步').first().waitFor();
  await page.getByTestId('release-title').waitFor();
  assert((await page.locator('.badge[data-value=COMPLETED]').count()) === 1, 'the release flow is completed');

  await rows.filter({ hasText: 'UAT' }).getByRole('link', { name: 'UAT' }).click();
  await page.locator('tr[data-component="print-templates"] [data-testid=installed-version]').filter({ hasText: template }).waitFor();
  assert((await page.locator('tr[data-component="print-templates"]').textContent()).includes(number), 'the version names its release');
});
