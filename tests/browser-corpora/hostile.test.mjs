// A corpus that smuggles markup and script (tests/corpora/browser/hostile): it must
// show as text in the list, the snippet, the reader and the tab title, and nothing
// may run. (harness.mjs also fails every test on a dialog, page error or console error.)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { articles, eventually, expectStatus, results, searchBox, useApp } from '../browser/harness.mjs';

const app = useApp();
const TITLE = '<script>alert("title")</script> Markup in a headline </article>';

/** Elements the corpus text would create if it were parsed as HTML. */
async function injected(page) {
  return page.evaluate(() => ({
    img: document.querySelectorAll('img').length,
    iframe: document.querySelectorAll('iframe').length,
    bold: document.querySelectorAll('main b').length,
    scripts: [...document.scripts].filter((s) => s.textContent.includes('alert')).length,
  }));
}

test('markup in titles and text is listed as text', async (t) => {
  const page = await app.open(t, '#q=zebra');
  await expectStatus(page, 1, articles.length);
  const link = results(page).getByRole('link');
  await eventually(async () => assert.equal(await link.textContent(), TITLE));
  const snippet = await results(page).locator('.snippet').textContent();
  assert.match(snippet, /<\/article> tag\. The word zebra/u);
  assert.deepEqual(await results(page).locator('mark').allTextContents(), ['zebra']);
  assert.deepEqual(await injected(page), { img: 0, iframe: 0, bold: 0, scripts: 0 });
});

test('the reader and the tab title show the markup as text', async (t) => {
  const page = await app.open(t, '#q=zebra&a=markup_in_text');
  const article = page.locator('article');
  await eventually(async () => assert.equal(await article.locator('mark').count(), 2));
  const text = await article.textContent();
  for (const piece of ['<script>alert(1)</script>', '"><img src=x onerror=alert(2)>', 'javascript:alert(3)', '{{constructor', '</article> tag', '<b>bold</b> &amp; entities']) {
    assert.ok(text.includes(piece), `reader shows ${piece}`);
  }
  assert.ok(text.includes("Mallory O'Brien"), 'byline shown');
  assert.equal(await page.title(), `${TITLE} — Clippings`);
  assert.deepEqual(await injected(page), { img: 0, iframe: 0, bold: 0, scripts: 0 });
  assert.equal(await page.locator('article a').count(), 0, 'javascript: text is not a link');
});

test('typing the hostile words searches them as words', async (t) => {
  const page = await app.open(t);
  await searchBox(page).fill('onerror');
  await expectStatus(page, 1, articles.length);
  await searchBox(page).fill('<script>'); // also "Scripts and invisible characters"
  await expectStatus(page, 2, articles.length);
  assert.deepEqual(await injected(page), { img: 0, iframe: 0, bold: 0, scripts: 0 });
});

test('the concordance, the facets and the exports carry the markup as text', async (t) => {
  const page = await app.open(t, '#q=zebra&view=kwic');
  const table = page.getByRole('table', { name: 'Concordance' });
  await eventually(async () => assert.equal(await table.locator('tbody tr').count(), 2));
  const left = await table.locator('tbody td.left').allTextContents();
  assert.ok(left.some((l) => l.includes('</article> tag. The word')), JSON.stringify(left));
  await page.getByRole('checkbox', { name: "Mallory O'Brien (1)", exact: true }).waitFor();
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export JSON' }).click(),
  ]);
  const chunks = [];
  for await (const c of await file.createReadStream()) chunks.push(c);
  const lines = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  assert.equal(lines[0].title, TITLE);
  assert.deepEqual(await injected(page), { img: 0, iframe: 0, bold: 0, scripts: 0 });
  await page.getByRole('button', { name: 'List' }).click();
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  const parts = [];
  for await (const c of await csv.createReadStream()) parts.push(c);
  // The title, quoted the CSV way (quotes doubled), and the snippet's markup.
  const text = Buffer.concat(parts).toString('utf8');
  assert.ok(text.includes('"<script>alert(""title"")</script> Markup in a headline </article>"'), text);
  assert.ok(text.includes('</article> tag. The word zebra'), text);
});
