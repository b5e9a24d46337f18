// Issue 16, item 5 (the platform's language): the timeline and the schedule pages are written in the person's
// language from what the server recorded (facts, not sentences; a failed build's reason as its codes): in Chinese no
// English words, and after the English/中文 toggle no Chinese characters. The data are ASCII (customer, environment, component, title) so that
// only the platform's own words are checked; people's names are names, not language, and are left out.
import { BASE, scenario, login, nav, unique, assert, eventually, submitRelease, evidenceFiles, toast, adminApi, USERS, localInput, newSchedule } from './lib.mjs';

const HAN = /\p{Script=Han}/u;

/** Latin words of three letters or more left in `text` once the data values are taken out. */
function englishIn(text, data) {
  // package file names first: a file named after the record's number would otherwise lose its stem to the data
  let rest = text.replace(/[\w.-]+\.(tar\.gz|tgz|zip|txt|log)\b/g, ' ');
  for (const value of data.filter(Boolean).sort((a, b) => b.length - a.length)) rest = rest.replaceAll(value, ' ');
  rest = rest
    .replace(/\b[0-9a-f]{8}\b/g, ' ') // a build's short id
    .replace(/Jenkins #\d+/g, ' '); // Jenkins is a name
  return rest.match(/[A-Za-z]{3,}/g) ?? [];
}

function withoutPeople(text) {
  return Object.values(USERS).reduce((s, u) => s.replaceAll(u.name, ' '), text);
}

async function toggle(page, to) {
  await page.getByTestId('lang').click();
  await page.getByTestId('lang').filter({ hasText: to === 'en' ? '中文' : 'English' }).waitFor();
}

await scenario('19-language', async (page) => {
  await login(page);
  const customer = unique('LangCo');
  const version = '7.1.' + (Date.now() % 100000);
  const title = unique('lang-fix');

  // an ASCII customer with an environment "prod"
  await nav(page, '客户版本');
  await page.getByTestId('add-customer').click();
  const customerForm = page.getByTestId('customer-form');
  await customerForm.locator('[name=name]').fill(customer);
  await customerForm.getByRole('button', { name: '保存' }).click();
  await toast(page, `已新增客户 ${customer}`);
  await page.getByTestId('customer-name').filter({ hasText: customer }).waitFor();
  const customerId = new URL(page.url()).pathname.split('/').pop();
  await page.getByTestId('add-environment').click();
  const envForm = page.getByTestId('environment-form');
  await envForm.locator('[name=name]').fill('prod');
  await envForm.locator('[name=type]').selectOption({ label: '生产' });
  await envForm.getByRole('button', { name: '保存' }).click();
  await page.getByTestId('environment-name').filter({ hasText: 'prod' }).waitFor();

  // submit, package, record the deployment with the package: the timeline gets most kinds of entries
  const { number, url } = await submitRelease(page, { title, items: [['gateway', version]] });
  await page.getByTestId('package').click();
  await page.getByTestId('download-package').waitFor({ timeout: 120_000 });
  // build-service shows the download once the bundle is stored; the record lists the package when release-service
  // has taken build.finished from its queue (a moment later): the deployment form offers the record's packages
  await eventually(async () => {
    await page.reload();
    await page.getByTestId('timeline').waitFor();
    return (await page.getByTestId('timeline').locator('li[data-action=PACKAGING_FINISHED]').count()) > 0;
  }, 'the record lists its package', 60_000);
  await page.getByTestId('customer-deploy').click();
  const form = page.getByTestId('deployment-form');
  await form.getByLabel('按名称或编码搜索').fill(customer);
  await form.getByRole('button', { name: '搜索' }).click();
  await form.getByRole('button', { name: new RegExp('^' + customer) }).click();
  await form.getByLabel(/prod/).check();
  await form.locator('[name=notes]').fill('done in the night window');
  const { png, log } = evidenceFiles();
  await form.locator('input[type=file]').setInputFiles([png, log]);
  await form.getByRole('button', { name: '确认部署' }).click();
  await page.locator('.toast').filter({ hasText: '已记录' }).first().waitFor();
  const timeline = page.getByTestId('timeline');
  await eventually(async () => (await timeline.locator('li[data-action=VERSIONS_SYNCED]').count()) > 0,
    'the versions-synced entry arrives', 90_000);

  // a test deployment cancelled while Jenkins still had it queued: its entry says why in the reader's language, worded
  // from the reason's codes that build.finished carries (not the English sentence beside them). Through the API, as
  // the admin: an internal test environment "qa" of the customer, then trigger and cancel at once (the sandbox's
  // Jenkins queues an item for 2 s; a cancel that comes too late stops a started build without a reason: tried again)
  const releaseId = new URL(url, BASE).pathname.split('/').pop();
  const call = adminApi();
  const qa = await call('POST', `/api/customers/${customerId}/environments`, { name: 'qa', type: 'TEST', internalTest: true, jenkinsTarget: 'qa' });
  let cancelledBuild = null;
  for (let attempt = 0; attempt < 3 && !cancelledBuild; attempt++) {
    const build = await call('POST', '/api/builds', { type: 'TEST_DEPLOY', releaseId, environmentId: qa.id });
    await call('POST', `/api/builds/${build.id}/cancel`).catch(() => null);
    const ended = await eventually(async () => {
      const now = await call('GET', `/api/builds/${build.id}`);
      return now.status === 'FINISHED' ? now : null;
    }, 'the cancelled test deployment ends', 60_000);
    if (ended.result === 'ABORTED' && ended.reason) cancelledBuild = build.id;
  }
  assert(cancelledBuild, 'a test deployment was cancelled in the Jenkins queue');
  const failed = timeline.locator(`li[data-action=TEST_DEPLOYMENT_FAILED]`).last();
  await eventually(async () => {
    await page.reload();
    await timeline.waitFor();
    return (await timeline.locator('li[data-action=TEST_DEPLOYMENT_FAILED]').count()) > 0;
  }, 'the cancelled test deployment reaches the timeline', 60_000);
  const failedZh = withoutPeople(await failed.innerText());
  assert(failedZh.includes('已中止') && failedZh.includes('原因：在 Jenkins 队列中被取消，尚未开始'),
    'the cancelled test deployment says why in Chinese: ' + failedZh);

  const data = [number, title, 'gateway', version, customer, 'prod', 'qa', 'Jenkins', 'Asia/Shanghai'];
  const entries = timeline.locator('li');
  const count = await entries.count();
  assert(count >= 5, `the timeline has submit, packaging and deployment entries (${count})`);
  for (let i = 0; i < count; i++) {
    const text = withoutPeople(await entries.nth(i).innerText());
    const english = englishIn(text, data);
    assert(english.length === 0, `timeline entry ${i + 1} in Chinese has no English words: ${english.join(', ')} in "${text}"`);
  }
  const deployed = withoutPeople(await timeline.locator('li[data-action=CUSTOMER_DEPLOYMENT_RECORDED]').innerText());
  assert(/使用安装包 \S+\.tar\.gz/.test(deployed) && deployed.includes('个证据文件'), 'the deployment entry says package and evidence in Chinese: ' + deployed);

  await toggle(page, 'en');
  for (let i = 0; i < count; i++) {
    const text = withoutPeople(await entries.nth(i).innerText());
    assert(!HAN.test(text), `timeline entry ${i + 1} in English has no Chinese: "${text}"`);
  }
  const failedEn = await failed.innerText();
  assert(failedEn.includes('Reason: Cancelled in the Jenkins queue before it started'), 'and in English: ' + failedEn);
  const deployedEn = await timeline.locator('li[data-action=CUSTOMER_DEPLOYMENT_RECORDED]').innerText();
  assert(/with the package \S+\.tar\.gz/.test(deployedEn) && deployedEn.includes('evidence file(s)'), 'the deployment entry in English: ' + deployedEn);
  await toggle(page, 'zh');

  // a schedule without a title: named after customer and environment in the reader's language
  await nav(page, '更新安排');
  const plan = await newSchedule(page, customer, ['prod']);
  // three days from now at 10:00, the browser's wall clock
  await plan.locator('[name=plannedAt]').fill((await localInput(page, Date.now() + 3 * 24 * 3600 * 1000)).slice(0, 10) + 'T10:00');
  await plan.locator('[name=content]').fill('upgrade gateway ' + version);
  await plan.getByRole('button', { name: '保存' }).click();
  await plan.waitFor({ state: 'detached' });
  await page.goto(`${BASE}/schedules?customerId=${customerId}`);
  const row = page.getByTestId('schedule-list').locator('tr', { hasText: customer }).first();
  await row.getByRole('link', { name: `更新 ${customer} / prod` }).click();
  const heading = page.getByTestId('schedule-title');
  await heading.filter({ hasText: `更新 ${customer} / prod` }).waitFor();
  const scheduleData = [...data, 'upgrade gateway'];
  const zh = withoutPeople(await heading.innerText() + '\n' + await page.getByTestId('schedule-detail').innerText());
  const english = englishIn(zh, scheduleData);
  assert(english.length === 0, `the schedule page in Chinese has no English words: ${english.join(', ')}`);

  await toggle(page, 'en');
  await heading.filter({ hasText: `Update ${customer} / prod` }).waitFor();
  const en = withoutPeople(await heading.innerText() + '\n' + await page.getByTestId('schedule-detail').innerText());
  assert(!HAN.test(en), 'the schedule page in English has no Chinese: ' + en);
  await toggle(page, 'zh');
});
