// Issue 17 (the platform keeps the bundles): package a release record → the build is shown downloadable only once the
// platform stored the package → the manifest lists the file with its SHA-256 and the record's component versions →
// the downloaded package's SHA-256 equals the manifest's → Jenkins deletes the build (its real doDelete) → the
// download still works, from the platform's storage, and the manifest downloads as JSON.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { scenario, login, unique, shot, assert, eventually, inbox, submitRelease, USERS, SANDBOX } from './lib.mjs';

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

  // the package card's link opens the download page, which starts the download from the platform too
  await eventually(async () => JSON.stringify(await inbox(USERS.zhangsan.openId)).includes(number), `the package card for ${number} reaches 张三`, 90_000);
});
