// Issue 17 (the platform keeps the bundles): package a release record → the build is shown downloadable only once the
// platform stored the package → the manifest lists the file with its SHA-256 and the record's component versions →
// the downloaded package's SHA-256 equals the manifest's → Jenkins deletes the build (its real doDelete) → the
// download still works, from the platform's storage, and the manifest downloads as JSON.
// Then a delta bundle (issue 17, item 2) for 华东电力 / 生产, asked for through the API the plan page calls
// (contracts.md): it packages exactly the given component versions, its manifest names the environment, the plan and
// the records, its download matches the manifest, and its Feishu card names the environment and the bundle and its
// link opens, after the login, in a logged-out browser.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { scenario, login, unique, shot, assert, eventually, inbox, submitRelease, openLoggedOut, adminApi, USERS, SANDBOX } from './lib.mjs';

const JENKINS_AUTH = 'Basic ' + Buffer.from('demo:sandbox-demo-token').toString('base64');
const sha256 = (path) => createHash('sha256').update(readFileSync(path)).digest('hex');

await scenario('22-bundle', async (page) => {
  await login(page);
  const version = '5.1.' + (Date.now() % 100000);
  const { number } = await submitRelease(page, { title: unique('安装包保存'), items: [['workflow-engine', version]], type: 'dev 更新' });

  await page.getByTestId('package').click();
  await page.locator('.toast').filter({ hasText: '已开始打包' }).first().waitFor();
  const row = page.locator('tr[data-type=PACKAGE]').first();
  const download = row.getByTestId('download-package');
  await download.waitFor({ timeout: 120_000 });
  assert(await row.getByTestId('bundle-stored').count() === 1, 'the build says the platform stored the package');

  // the manifest: the file, its size and SHA-256, the record's component versions
  await row.getByTestId('show-manifest').click();
  const manifest = page.getByTestId('bundle-manifest');
  await manifest.waitFor();
  const components = await manifest.getByTestId('manifest-components').textContent();
  assert(components.includes('workflow-engine') && components.includes(version), 'the manifest lists workflow-engine ' + version + ', got ' + components);
  const file = manifest.getByTestId('manifest-file').first();
  const listedPath = await file.getAttribute('data-path');
  const listedSha = (await file.getByTestId('manifest-sha256').textContent()).trim();
  assert(listedPath.includes(number) && /^[0-9a-f]{64}$/.test(listedSha), `the manifest lists ${listedPath} with SHA-256 ${listedSha}`);
  await shot(page, 'bundle-manifest');

  const [first] = await Promise.all([page.waitForEvent('download'), download.click()]);
  assert(sha256(await first.path()) === listedSha, 'the downloaded package has the manifest\'s SHA-256');

  const [manifestFile] = await Promise.all([page.waitForEvent('download'), manifest.getByTestId('manifest-download').click()]);
  const json = JSON.parse(readFileSync(await manifestFile.path(), 'utf8'));
  assert(manifestFile.suggestedFilename().endsWith('.manifest.json'), 'the manifest downloads as ' + manifestFile.suggestedFilename());
  assert(json.release.number === number && json.files[0].sha256 === listedSha, 'the downloaded manifest names the record and the SHA-256');

  // Jenkins forgets the build (POST {build}/doDelete, as an admin would in Jenkins): the package still downloads
  const jenkinsNumber = json.jenkins.number;
  const buildUrl = `${SANDBOX}/jenkins/job/ops/job/package/${jenkinsNumber}`;
  const deleted = await fetch(`${buildUrl}/doDelete`, { method: 'POST', headers: { Authorization: JENKINS_AUTH }, redirect: 'manual' });
  assert(deleted.status === 302, 'Jenkins deleted the build, answered ' + deleted.status);
  const gone = await fetch(`${buildUrl}/artifact/${listedPath}`, { headers: { Authorization: JENKINS_AUTH } });
  assert(gone.status === 404, 'Jenkins no longer has the artifact, answered ' + gone.status);

  await page.reload();
  const again = page.locator('tr[data-type=PACKAGE]').first().getByTestId('download-package');
  await again.waitFor();
  const [second] = await Promise.all([page.waitForEvent('download'), again.click()]);
  assert(sha256(await second.path()) === listedSha, 'after Jenkins deleted the build the download still has the manifest\'s SHA-256');
  await shot(page, 'bundle-after-jenkins-deleted');

  // the package card for the record reaches 张三
  await eventually(async () => JSON.stringify(await inbox(USERS.zhangsan.openId)).includes(number), `the package card for ${number} reaches 张三`, 90_000);

  // ---- a delta bundle for 华东电力 / 生产, as the upgrade plan page asks for it ----
  const call = adminApi();
  const customer = (await call('GET', '/api/customers?q=' + encodeURIComponent('华东电力'))).items[0];
  const environment = (await call('GET', `/api/environments?customerId=${customer.id}&size=50`)).items.find((e) => e.name.includes('生产'));
  const record = (await call('GET', '/api/releases?size=50')).items.find((r) => r.number === number);
  const plan = `/environments/${environment.id}`;
  const delta = await call('POST', '/api/builds', { type: 'PACKAGE', environmentId: environment.id, releaseIds: [record.id], plan,
    items: [{ component: 'workflow-engine', version }, { component: 'gateway', version: '2.3.9' }] });
  assert(delta.releaseId === null && /^UPGRADE-/.test(delta.releaseNumber), 'the delta bundle is named ' + delta.releaseNumber);
  const done = await eventually(async () => {
    const b = await call('GET', `/api/builds/${delta.id}`);
    return b.status === 'FINISHED' ? b : null;
  }, 'the delta bundle finishes', 120_000);
  assert(done.bundle.status === 'STORED', 'the delta bundle is stored: ' + JSON.stringify(done.bundle));
  const deltaManifest = await call('GET', `/api/builds/${delta.id}/manifest`);
  assert(deltaManifest.kind === 'PLAN' && deltaManifest.environment.id === environment.id && deltaManifest.plan === plan
    && deltaManifest.releases[0].number === number, 'the manifest names the environment, the plan and the record');
  assert(deltaManifest.components.map((c) => `${c.component}=${c.version}`).join(',') === `workflow-engine=${version},gateway=2.3.9`,
    'the manifest lists exactly the plan\'s component versions');
  // what the package job got: the sandbox's package holds manifest.txt with exactly those lines (checked by size/hash below)
  const listed = (await call('GET', `/api/builds?environmentId=${environment.id}`)).items.map((b) => b.id);
  assert(listed.includes(delta.id), 'the environment lists its delta bundle');

  // the card: names customer, environment and bundle; its link opens (logged out → login → the plan's page)
  const message = await eventually(async () => (await inbox(USERS.zhangsan.openId)).find((m) => (m.title ?? '').includes('增量包打包成功')
    && (m.content ?? '').includes(delta.releaseNumber)), 'the delta bundle card reaches 张三', 90_000);
  assert(message.title.includes('华东电力') && message.title.includes('生产'), 'the card names the environment: ' + message.title);
  const urls = [];
  JSON.stringify(JSON.parse(message.content), (k, v) => { if (k === 'url' && typeof v === 'string') urls.push(v); return v; });
  const open = urls.find((u) => u.endsWith(plan));
  const get = urls.find((u) => u.includes(`/builds/${delta.id}/download?path=`));
  assert(open && get, 'the card links the plan and the download page: ' + urls.join(' '));
  await openLoggedOut(open, async (p) => {
    await p.getByRole('heading', { level: 1 }).filter({ hasText: '生产' }).first().waitFor();
    // the download link of the card, in the same (now logged-in) browser: starts the download, SHA-256 as the manifest
    const file = deltaManifest.files[0];
    const [got] = await Promise.all([p.waitForEvent('download'), p.goto(get).catch(() => null)]);
    assert(sha256(await got.path()) === file.sha256, 'the delta bundle downloads with the manifest\'s SHA-256');
  });
});
