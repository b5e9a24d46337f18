// The API reference (issue 19) as an integrator meets it: /api-docs/ opens without a login, offers every service's
// description with what each endpoint does and the problem types, and "Try it out" is an ordinary client of the
// gateway: without a token it is refused (401 problem), with the reader's own access token it gets the answer.
import { scenario, login, shot, assert, BASE, USERS } from './lib.mjs';

const SERVICES = ['release-service', 'customer-service', 'build-service', 'notify-service', 'auth-service'];

/** Expands an operation by its summary, runs it with "Try it out" and answers the status it shows. */
async function tryOut(page, summary) {
  const operation = page.locator('.opblock').filter({ has: page.locator('.opblock-summary-description', { hasText: summary }) });
  if (!(await operation.locator('.try-out__btn').isVisible())) {
    await operation.locator('.opblock-summary-description', { hasText: summary }).click();
  }
  const tryButton = operation.locator('.try-out__btn');
  if ((await tryButton.textContent()).trim() === 'Try it out') await tryButton.click();
  await operation.locator('button.execute').click();
  const status = operation.locator('.live-responses-table .response .response-col_status').first();
  await status.waitFor();
  const body = await operation.locator('.live-responses-table .response-col_description .microlight').first().textContent();
  return { status: (await status.textContent()).trim(), body };
}

await scenario('26-api-reference', async (page) => {
  await page.goto(BASE + '/api-docs/');
  await page.locator('.info .title', { hasText: 'iNetPublish release-service' }).waitFor();
  const offered = await page.locator('.topbar select option').allTextContents();
  assert(SERVICES.every((s) => offered.includes(s)), 'every service to choose from: ' + offered);
  await page.locator('.opblock-summary-description', { hasText: 'Submit a release record' }).waitFor();
  // the problem types, in the description's table and as the Problem schema
  const info = await page.locator('.info').textContent();
  assert(info.includes('https://inetpublish.io/problems/') && info.includes('concurrent-edit')
    && info.includes('mainline-older'), 'the problem types are listed');
  await page.locator('.models', { hasText: 'Problem' }).waitFor();
  await shot(page, 'api-reference');

  // logged out: the reference sends no token, the gateway refuses
  const anonymous = await tryOut(page, 'List release records');
  assert(anonymous.status === '401', 'a call without a token is refused: ' + anonymous.status);
  assert(anonymous.body.includes('https://inetpublish.io/problems/unauthorized'), 'as a problem: ' + anonymous.body);

  // a person's own token, entered under Authorize: the same call answers what that person may read
  await login(page, USERS.zhangsan);
  const token = await page.evaluate(async () => {
    const answer = await fetch('/api/auth/refresh', { method: 'POST', credentials: 'same-origin' });
    return (await answer.json()).accessToken;
  });
  assert(token, 'the logged-in person has an access token');
  await page.goto(BASE + '/api-docs/');
  await page.locator('.info .title', { hasText: 'iNetPublish release-service' }).waitFor();
  await page.locator('.auth-wrapper button.authorize').click();
  await page.locator('.modal-ux input[type=text], .modal-ux input[type=password]').first().fill(token);
  await page.locator('.modal-ux button.authorize').click();
  await page.locator('.modal-ux button.btn-done').click();
  const authorized = await tryOut(page, 'List release records');
  assert(authorized.status === '200', 'with the token the call answers: ' + authorized.status);
  assert(authorized.body.includes('"items"'), 'a page of release records: ' + authorized.body.slice(0, 200));

  // another service's description through the same page
  await page.locator('.topbar select').selectOption({ label: 'customer-service' });
  await page.locator('.info .title', { hasText: 'iNetPublish customer-service' }).waitFor();
  await page.locator('.opblock-summary-description', { hasText: 'Search the operation log' }).waitFor();
});
