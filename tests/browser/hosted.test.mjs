// The hosted build under /a/b/: its Content-Security-Policy, and no request
// at all once the page has loaded. (Searching, reading and reloading under
// /a/b/ are search.test.mjs and reading.test.mjs; every test there also fails
// on any policy violation: see watchPage in harness.mjs.)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE_PATH,
  articles,
  articlesMatching,
  eventually,
  expectStatus,
  results,
  searchBox,
  useApp,
  watchPage,
  WITHOUT_SERVICE_WORKER,
} from './harness.mjs';
import { assertStrict, inlineCode, policyOf, sha256 } from './policy.mjs';

const app = useApp();
const KOPYRKIN = /\bkopyrkin\b/;

test('the page carries a strict policy that names its inline script by hash', async (t) => {
  const page = await app.open(t);
  await expectStatus(page, articles.length);
  const policy = await policyOf(page);
  assertStrict(policy);
  assert.deepEqual(policy.get('connect-src'), ["'self'"]);
  assert.deepEqual(policy.get('style-src'), ["'self'"]);
  // Its service worker and manifest, from the site itself; nothing else may start a worker.
  assert.deepEqual(policy.get('worker-src'), ["'self'"]);
  assert.deepEqual(policy.get('manifest-src'), ["'self'"]);
  const { scripts, styles } = await inlineCode(page);
  assert.ok(scripts.length > 0, "Trunk's loader is an inline script");
  for (const script of scripts) assert.ok(policy.get('script-src').includes(sha256(script)), 'inline script not hashed');
  assert.deepEqual(styles, [], 'styles come from the stylesheet file');
});

test('after loading, searching and reading make no request', async (t) => {
  const page = await app.open(t);
  await expectStatus(page, articles.length);
  const requests = [];
  page.context().on('request', (req) => requests.push(req.url()));

  await searchBox(page).fill('kopyrkin');
  await expectStatus(page, articlesMatching(KOPYRKIN));
  await results(page).getByRole('link').first().click();
  await page.locator('article mark').first().waitFor({ state: 'visible' });
  await page.getByRole('button', { name: 'Next match' }).click();
  await page.getByRole('link', { name: 'Back to results' }).first().click();
  await eventually(async () => assert.equal(await page.locator('article').count(), 0));
  await searchBox(page).fill('"peace treaty" OR armenia');
  await eventually(async () => assert.ok((await results(page).getByRole('link').count()) > 0));

  assert.deepEqual(requests, []);
});

test('a policy violation is caught (the check above is not vacuous)', async () => {
  const context = await app.browser.newContext(WITHOUT_SERVICE_WORKER);
  try {
    const page = await context.newPage();
    const problems = await watchPage(context, page, (url) => url.startsWith(app.origin + '/'));
    await page.goto(app.origin + BASE_PATH);
    await expectStatus(page, articles.length);
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.injected = true';
      document.head.append(script);
    });
    await eventually(() => assert.ok(problems.some((p) => p.includes('securitypolicyviolation: script-src'))));
    assert.equal(await page.evaluate(() => window.injected), undefined, 'the injected script must not run');
  } finally {
    await context.close();
  }
});
