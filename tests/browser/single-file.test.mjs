// dist/clippings.html as a reporter uses it: opened from file:// with the
// network cut. Every request the page makes is recorded and all but the file
// itself are aborted; each test ends by checking that the file was the only one.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  TIMEOUT,
  articles,
  articlesMatching,
  dist,
  eventually,
  expectStatus,
  hashParams,
  launchChromium,
  results,
  searchBox,
  squash,
  watchPage,
} from './harness.mjs';
import { assertStrict, inlineCode, policyOf, sha256 } from './policy.mjs';

const FILE = pathToFileURL(join(dist, 'clippings.html')).href;
const KOPYRKIN = /\bkopyrkin\b/;
const withoutFragment = (url) => url.replace(/#.*$/s, '');

let chromium;
before(async () => {
  chromium = await launchChromium();
});
after(async () => {
  await chromium?.close();
});

/**
 * A fresh page at FILE plus `fragment`, offline but for the file, checked when `t` ends
 * (`loads`: how many times the test loads the file in all, reloads included).
 */
async function openFile(t, fragment = '', { loads = 1 } = {}) {
  const context = await chromium.browser.newContext();
  context.setDefaultTimeout(TIMEOUT);
  const requests = [];
  context.on('request', (req) => requests.push(withoutFragment(req.url())));
  await context.route('**/*', (route) =>
    withoutFragment(route.request().url()) === FILE ? route.continue() : route.abort('internetdisconnected'),
  );
  const page = await context.newPage();
  const problems = await watchPage(context, page, (url) => withoutFragment(url) === FILE);
  t.after(async () => {
    const seen = [...problems];
    await context.close();
    assert.deepEqual(seen, [], 'the page produced errors or unexpected requests');
    assert.deepEqual(requests, Array(loads).fill(FILE), 'the file should be the only request');
  });
  await page.goto(FILE + fragment);
  return page;
}

/** The article `id` is shown with every mark reading "kopyrkin", and named in the URL. */
async function expectKopyrkinArticle(page, id) {
  const { text } = articles.find((a) => a.id === id);
  const longest = squash(text.split('\n').sort((a, b) => b.length - a.length)[0]).slice(0, 60);
  const article = page.locator('article');
  await eventually(async () => assert.ok(squash(await article.textContent()).includes(longest)));
  await eventually(async () => assert.ok((await article.locator('mark').count()) > 0, 'hits are marked'));
  for (const hit of await article.locator('mark').allTextContents()) assert.equal(hit.toLowerCase(), 'kopyrkin');
  assert.equal(hashParams(page).get('a'), id);
}

test('from file://, a search marks its hits and an article opens', async (t) => {
  const page = await openFile(t);
  await expectStatus(page, articles.length);
  await searchBox(page).fill('kopyrkin');
  await expectStatus(page, articlesMatching(KOPYRKIN));
  const marks = results(page).locator('mark');
  await marks.first().waitFor({ state: 'visible' });
  for (const text of await marks.allTextContents()) assert.equal(text.toLowerCase(), 'kopyrkin');
  await eventually(() => assert.equal(hashParams(page).get('q'), 'kopyrkin'));

  const link = results(page).getByRole('link').first();
  const id = new URLSearchParams((await link.getAttribute('href')).replace(/^.*#/, '')).get('a');
  await link.click();
  await expectKopyrkinArticle(page, id);
  await page.getByRole('link', { name: 'Back to results' }).first().click();
  await expectStatus(page, articlesMatching(KOPYRKIN));
});

test('from file://, a deep link restores the query and the article', async (t) => {
  const { id } = articles.find((a) => KOPYRKIN.test(a.text.toLowerCase()));
  const page = await openFile(t, `#q=kopyrkin&a=${id}`);
  await expectKopyrkinArticle(page, id);
  assert.equal(await searchBox(page).inputValue(), 'kopyrkin');
});

test('the single file carries a strict policy, connects nowhere, and names no other file', async (t) => {
  const page = await openFile(t);
  await expectStatus(page, articles.length);
  const policy = await policyOf(page);
  assertStrict(policy);
  assert.deepEqual(policy.get('connect-src'), ["'none'"]);
  assert.ok(!policy.get('script-src').includes("'self'"));
  // No worker can start (worker-src falls back to script-src: hashes only), and
  // the page never asks for one (service-worker.test.mjs watches it try).
  assert.equal(policy.get('worker-src'), undefined);
  assert.equal(policy.get('manifest-src'), undefined);
  const { scripts, styles } = await inlineCode(page);
  assert.deepEqual(policy.get('script-src'), [...scripts.map(sha256), "'wasm-unsafe-eval'"]);
  assert.deepEqual(policy.get('style-src'), styles.map(sha256));
  const references = await page.evaluate(() =>
    [...document.querySelectorAll('[src], link[href]')].map((e) => e.getAttribute('src') ?? e.getAttribute('href')),
  );
  assert.deepEqual(references.filter((url) => !url.startsWith('data:')), []);
});

test('from file://, the single file is the workbench: a batch search runs', async (t) => {
  const page = await openFile(t);
  await page.getByRole('button', { name: 'Batch search' }).click();
  await page.getByRole('textbox', { name: 'Queries, one per line' }).fill('kopyrkin\nzzzqx');
  await page.getByRole('button', { name: 'Run the batch' }).click();
  const rows = page.getByRole('table', { name: 'Batch results' }).locator('tbody tr');
  await eventually(async () => assert.equal(await rows.count(), 2));
  const cells = await rows.evaluateAll((trs) => trs.map((tr) => [tr.cells[0].textContent, tr.cells[1].textContent]));
  assert.deepEqual(cells, [
    ['kopyrkin', String(articlesMatching(KOPYRKIN))],
    ['zzzqx', '0'],
  ]);
});

test('from file://, a saved search is there after a reload', async (t) => {
  const page = await openFile(t, '#q=kopyrkin', { loads: 2 });
  await expectStatus(page, articlesMatching(KOPYRKIN));
  await page.getByRole('button', { name: 'Saved searches' }).click();
  await page.getByRole('textbox', { name: 'Name' }).fill('on the stick');
  await page.getByRole('button', { name: 'Save this search' }).click();
  await eventually(async () => assert.equal(squash(await page.locator('section.saved [aria-live]').textContent()), 'Saved “on the stick”.'));
  await page.reload();
  await page.getByRole('button', { name: 'Saved searches' }).click();
  const link = page.getByRole('list', { name: 'Saved searches' }).getByRole('link', { name: 'on the stick' });
  assert.equal(await link.getAttribute('href'), '#q=kopyrkin');
});

test("from file://, a star and a note are there after a reload, kept under the file's own name", async (t) => {
  const id = '001_30f1672312956dc2';
  const page = await openFile(t, `#q=kopyrkin&a=${id}`, { loads: 2 });
  const star = page.getByRole('button', { name: 'Star', exact: true });
  await eventually(async () => assert.equal(await star.getAttribute('aria-pressed'), 'false'));
  await star.click();
  await page.getByRole('textbox', { name: 'Note' }).fill('Check with the embassy.');
  await page.getByRole('button', { name: 'Save note' }).click();
  const status = page.getByRole('region', { name: 'Your marks' }).locator('.status');
  await eventually(async () => assert.equal(squash(await status.textContent()), 'Saved.'));
  await page.reload();
  await eventually(async () => assert.equal(await star.getAttribute('aria-pressed'), 'true'));
  assert.equal(await page.getByRole('textbox', { name: 'Note' }).inputValue(), 'Check with the embassy.');
  // Another clippings.html on the stick (another path) has a key of its own.
  const keys = await page.evaluate(() => Object.keys(localStorage));
  assert.deepEqual(keys, [`clippings-work ${new URL(FILE).pathname}`]);
});
