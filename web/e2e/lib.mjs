// Shared helpers of the end-to-end scripts: Debian's Chromium driven by playwright-core against a running platform
// (`./inetpublish up`: gateway on :8080, sandbox standing in for Feishu and Jenkins on :8089).
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';

export const BASE = process.env.E2E_BASE_URL ?? 'http://localhost:8080';
export const SANDBOX = process.env.E2E_SANDBOX_URL ?? 'http://127.0.0.1:8089';
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
// scenario screenshots (and failed-<name>.png) go to the run directory; the README's come from ./inetpublish screenshots
export const SHOTS = process.env.E2E_SHOTS_DIR ?? join(ROOT, '.run', 'e2e-screenshots');

// the sandbox's people (demo/demo-data.json) by key: USERS.zhangsan = { name: '张三', openId: 'ou_…', email, ... }
export const USERS = Object.fromEntries(JSON.parse(readFileSync(join(ROOT, 'demo', 'demo-data.json'), 'utf8'))
  .people.map((p) => [p.key, p]));

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function unique(prefix) {
  return `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
}

export function assert(condition, message) {
  if (!condition) throw new Error('expected: ' + message);
}

/** Waits until fn() is truthy (polling), failing with message after timeoutMs. */
export async function eventually(fn, message, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  let last;
  while (Date.now() < until) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`timed out waiting for: ${message}${last ? ' (' + last.message + ')' : ''}`);
}

export async function shot(page, name) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, name + '.png'), fullPage: true });
}

/** A browser with a fresh profile (its own cookies); close() ends it and removes the profile. */
async function launch() {
  const profile = mkdtempSync(join(tmpdir(), 'inetpublish-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, args: FLAGS, acceptDownloads: true,
    viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai'
  });
  context.setDefaultTimeout(20_000);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  };
}

/** A second person's browser next to the scenario's; close() when done. */
export const anotherBrowser = launch;

/** Remembers the page's API calls, so that a failure can say which call was slow, failed or never answered. */
function watchApi(page) {
  const calls = [];
  const find = (request) => calls.find((c) => c.request === request);
  page.on('request', (request) => {
    if (request.url().includes('/api/')) calls.push({ request, started: Date.now(), outcome: null });
  });
  page.on('requestfinished', async (request) => {
    const call = find(request);
    if (!call) return;
    // the scenario may end and close the browser before this handler reads the answer: that must not fail it
    // (an unhandled rejection here ended a passed scenario's process with an error in CI, 2026-12-04 22:08)
    const response = await request.response().catch(() => null);
    call.outcome = `${response?.status() ?? '?'} in ${Date.now() - call.started} ms`;
  });
  page.on('requestfailed', (request) => {
    const call = find(request);
    if (call) call.outcome = `failed (${request.failure()?.errorText}) after ${Date.now() - call.started} ms`;
  });
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) calls.push({ navigation: frame.url(), started: Date.now() });
  });
  const path = (url) => url.replace(/^https?:\/\/[^/]+/, '');
  return () => calls.slice(-14).map((c) => c.navigation ? `  (page) ${path(c.navigation)}`
    : `  ${c.request.method()} ${path(c.request.url())}: ` + (c.outcome ?? `no answer after ${Date.now() - c.started} ms`)).join('\n');
}

/** Runs one scenario in a fresh browser profile; prints PASS/FAIL and sets the exit code. */
export async function scenario(name, fn) {
  const { context, page, close } = await launch();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  const consoleErrors = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  const apiCalls = watchApi(page);
  const started = Date.now();
  try {
    await fn(page, context);
    if (problems.length) throw new Error('script errors in the page: ' + problems.join(' | '));
    console.log(`PASS ${name} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
    process.exitCode = 0;
  } catch (e) {
    console.log(`FAIL ${name}: ${e.message}`);
    console.log(`the page's last API calls:\n${apiCalls() || '  none'}`);
    if (problems.length) console.log('script errors in the page: ' + problems.join(' | '));
    if (consoleErrors.length) console.log("the page's last console errors:\n  " + consoleErrors.slice(-5).join('\n  '));
    try {
      await shot(page, 'failed-' + name);
    } catch {
      /* nothing to show */
    }
    process.exitCode = 1;
  } finally {
    await close();
  }
}

/** Logs in the way a person does: the app's button, the (sandbox) Feishu page, pick the person. */
export async function login(page, who = USERS.zhangsan, path = '/') {
  await page.goto(BASE + path);
  await page.getByTestId('login').click();
  await page.getByRole('button', { name: new RegExp('^' + who.name) }).click();
  await page.getByTestId('current-user').filter({ hasText: who.name }).waitFor();
  // Feishu sends the browser back to the gateway (AUTH_REDIRECT_URI); when the app under test is served elsewhere
  // (E2E_BASE_URL, e.g. vite preview with /api proxied to the gateway), continue there with the same session
  if (new URL(page.url()).origin !== new URL(BASE).origin) {
    await page.goto(BASE + path);
    await page.getByTestId('current-user').filter({ hasText: who.name }).waitFor();
  }
}

/** The wall-clock time (a datetime-local value) a person in the browser's time zone, not this script's, types for ms. */
export async function localInput(page, ms) {
  return page.evaluate((at) => {
    const date = new Date(at);
    const pad = (n) => String(n).padStart(2, '0');
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
  }, ms);
}

/** Opens a link in a fresh, logged-out browser; logs in as 张三 when the app asks; check(page) there; closes it. */
export async function openLoggedOut(url, check) {
  const other = await anotherBrowser();
  try {
    const p = other.page;
    await p.goto(url);
    await p.getByTestId('login').click();
    await p.getByRole('button', { name: new RegExp('^' + USERS.zhangsan.name) }).click();
    await p.getByTestId('current-user').filter({ hasText: USERS.zhangsan.name }).waitFor();
    assert(new URL(p.url()).pathname === new URL(url).pathname, `after the login the browser is on ${new URL(url).pathname}, not ${p.url()}`);
    await check(p);
  } finally {
    await other.close();
  }
}

/** On 版本对比 with nothing compared yet: picks these customers' production environments and compares; answers the matrix. */
export async function compareProduction(page, customers) {
  await page.getByLabel('搜索环境名称').fill('生产');
  await page.getByRole('button', { name: '搜索' }).click();
  const picker = page.getByTestId('env-picker');
  for (const customer of customers) {
    await picker.locator('label', { hasText: `${customer} / 生产` }).first().locator('input').check();
  }
  await page.getByTestId('selected-envs').getByText(`${customers.at(-1)} / 生产`).waitFor();
  await page.getByTestId('run-compare').click();
  const matrix = page.getByTestId('compare-matrix');
  await matrix.waitFor();
  return matrix;
}

/** On 更新安排: 新增更新安排 for the customer (found by name) with these environments (labels) ticked; answers the form. */
export async function newSchedule(page, customer, environments) {
  await page.getByRole('button', { name: '新增更新安排' }).click();
  const form = page.getByTestId('schedule-form');
  await form.getByLabel('按名称或编码搜索').fill(customer);
  await form.getByRole('button', { name: '搜索客户' }).click();
  await form.getByRole('button', { name: customer }).click();
  for (const environment of environments) await form.getByLabel(environment).check();
  return form;
}

/** On 影响范围: the environments with component in range (in production only when asked); answers the results. */
export async function searchImpact(page, { component, range, production = false }) {
  await page.locator('[name=component]').fill(component);
  await page.locator('[name=range]').fill(range);
  if (production) await page.getByLabel('生产').check();
  await page.getByTestId('impact-search').click();
  const results = page.getByTestId('impact-results');
  await results.waitFor();
  return results;
}

/**
 * On a release record's page: a rollout named title to the customers tagged 试点, one schedule per environment with
 * this content; preview(form) before creating when given. Answers the new rollout's address once its page shows.
 */
export async function rollOutToPilot(page, { title, content, preview }) {
  await page.getByTestId('new-rollout').click();
  const form = page.getByTestId('rollout-form');
  await form.locator('[name=title]').fill(title);
  await form.getByLabel('试点', { exact: true }).check();
  await form.locator('[name=scheduleContent]').fill(content);
  if (preview) await preview(form);
  await form.getByTestId('rollout-create').click();
  await page.getByTestId('rollout-title').filter({ hasText: title }).waitFor();
  return page.url();
}

export async function nav(page, label) {
  await page.locator('nav.sidenav').getByRole('link', { name: label, exact: true }).click();
}

export async function toast(page, text) {
  await page.locator('.toast').filter({ hasText: text }).first().waitFor();
}

/**
 * Fills the customer-deployment form of the release page that is open: opens it unless it is, picks the customer by
 * name, ticks the environments (labels matched as regular expressions), writes the notes and attaches the files.
 * Answers the form; the caller submits it (or does not).
 */
export async function fillDeploymentForm(page, { customer, environments, notes, files }) {
  const form = page.getByTestId('deployment-form');
  if (!(await form.count())) await page.getByTestId('customer-deploy').click();
  await form.getByLabel('按名称或编码搜索').fill(customer);
  await form.getByRole('button', { name: '搜索' }).click();
  await form.getByRole('button', { name: new RegExp('^' + customer) }).click();
  await form.getByTestId('chosen-customer').filter({ hasText: customer }).waitFor();
  for (const environment of environments) await form.getByLabel(environment).check();
  if (notes) await form.locator('[name=notes]').fill(notes);
  if (files?.length) await form.locator('input[type=file]').setInputFiles(files);
  return form;
}

/** Submits a release record through the form; answers {number, url}. */
/**
 * 集成设置 → 审批 (admin): production deployments need approval or not; adds the named approvers (people who have
 * logged in once) that the policy does not have yet; saves.
 */
export async function setApprovalPolicy(page, { production, approvers = [] }) {
  await nav(page, '集成设置');
  const form = page.getByTestId('approval-policy');
  await form.waitFor();
  const box = form.locator('[name=production]');
  if ((await box.isChecked()) !== production) await box.click();
  for (const approver of approvers) {
    if (await form.getByTestId('approver').filter({ hasText: approver }).count()) continue;
    await form.locator('[name=approver]').fill(approver);
    await form.getByRole('option', { name: new RegExp('^' + approver) }).click();
    await form.getByTestId('approver').filter({ hasText: approver }).waitFor();
  }
  await form.getByRole('button', { name: '保存' }).click();
  await page.locator('.toast').filter({ hasText: '已保存' }).first().waitFor();
}

/** 全局进展 for one release record (found by its number), filtered by a customer tag: answers the table. */
export async function dashboardFor(page, { number, tag }) {
  await nav(page, '全局进展');
  await page.locator('[name=releaseQuery]').fill(number);
  await page.getByRole('button', { name: '搜索' }).first().click();
  await page.getByRole('button', { name: new RegExp(number) }).click();
  await page.locator('select[name=tag]').selectOption(tag);
  const table = page.getByTestId('dashboard');
  await table.waitFor();
  return table;
}

export async function submitRelease(page, { title, items, ticket = 'BUG-' + Date.now() % 100000, type = '热更新', manual = '## 步骤\n1. 重启', config = null }) {
  await nav(page, '提交发布信息');
  await page.locator('[name=title]').fill(title);
  for (let i = 0; i < items.length; i++) {
    if (i > 0) await page.getByRole('button', { name: '+ 添加组件' }).click();
    await page.locator(`[name="items[${i}].component"]`).fill(items[i][0]);
    await page.locator(`[name="items[${i}].version"]`).fill(items[i][1]);
  }
  await page.locator('[name="tickets[0].id"]').fill(ticket);
  await page.getByLabel(type, { exact: true }).check();
  if (config) {
    await page.locator('[name=configChange]').check();
    await page.locator('[name=configNotes]').fill(config);
  }
  await page.locator('[name=manual]').fill(manual);
  await page.getByRole('button', { name: '提交发布信息' }).click();
  await page.getByTestId('release-title').filter({ hasText: title }).waitFor();
  const number = (await page.locator('p.mono').first().textContent()).trim();
  return { number, url: page.url() };
}

/**
 * The platform's API as the demo's admin, 张三, with an access token of his own (scripts/sandbox-login.sh logs in the
 * way a person does): call(method, path, body) answers the parsed JSON and throws on an answer that is not 2xx.
 */
export function adminApi() {
  const token = execFileSync(join(ROOT, 'scripts', 'sandbox-login.sh'), { env: { ...process.env, GATEWAY: BASE }, encoding: 'utf8' }).trim();
  return async (method, path, body) => {
    const res = await fetch(BASE + path, { method, headers: { Authorization: 'Bearer ' + token, 'Content-Type': 'application/json' }, body: body && JSON.stringify(body) });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
    return JSON.parse(text);
  };
}

/** The Feishu messages the sandbox received for one open_id or group token (what its inbox page shows). */
export async function inbox(to) {
  const res = await fetch(`${SANDBOX}/sandbox/feishu/inbox.json?to=${encodeURIComponent(to)}`);
  if (!res.ok) throw new Error('sandbox inbox answered ' + res.status);
  return res.json();
}

/** A tiny real PNG (1x1) for evidence uploads, and a fake one (text named .png). */
export function evidenceFiles() {
  const dir = mkdtempSync(join(tmpdir(), 'inetpublish-evidence-'));
  const png = join(dir, '部署截图.png');
  writeFileSync(png, Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'));
  const log = join(dir, 'deploy.log');
  writeFileSync(log, 'deploy finished at ' + new Date().toISOString() + '\nall services healthy\n');
  const fake = join(dir, 'fake.png');
  writeFileSync(fake, 'MZ this is not a picture');
  return { png, log, fake };
}

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/**
 * Runs axe-core (from npm, injected into the page) over the whole page as it is now and answers its violations:
 * [{id, impact, help, nodes: [{target, summary}]}]. WCAG 2.x A and AA rules plus axe's best practices.
 */
export async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      resultTypes: ['violations']
    });
    return result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary }))
    }));
  });
}

/** Prints what axe found on the page (every impact) and answers all of it: each is a failure. */
export async function checkAccessibility(page, label) {
  const violations = await axeViolations(page);
  const nodes = (list) => list.reduce((n, v) => n + v.nodes.length, 0);
  const serious = violations.filter((v) => v.impact === 'critical' || v.impact === 'serious');
  console.log(`  axe ${label}: ${nodes(serious)} critical/serious, ${nodes(violations) - nodes(serious)} moderate/minor`);
  for (const v of violations) {
    console.log(`    ${v.impact} ${v.id} (${v.help}) x${v.nodes.length}`);
    for (const n of v.nodes.slice(0, 5)) console.log(`      ${n.target}: ${(n.summary ?? '').replace(/\s+/g, ' ').slice(0, 240)}`);
  }
  // every page is clean of moderate and minor findings too (since 2026-12-03): any violation now fails
  return violations.map((v) => ({ page: label, ...v }));
}
