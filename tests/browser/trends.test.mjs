// Trends under the timeline: words compared over its bars, from the address and
// from the textbox, as counts or shares, with a table twin and a CSV export.
// Expectations come from the seeds read the plain way: their one dated article
// (22 Dec 2023, so the bars are weeks) holds a word or it does not.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { articles, axeViolations, eventually, hashParams, useApp } from './harness.mjs';

const app = useApp();

const dated = articles.filter(({ text }) => /\bDec 22 2023\b/u.test(text));
/** Articles of the week of 18 Dec 2023 that hold `word` (as a whole word, any case). */
const inWeek = (word) => dated.filter(({ text }) => new RegExp(`(?<![\\p{L}\\p{N}])${word}(?![\\p{L}\\p{N}])`, 'iu').test(text)).length;

const table = (page) => page.locator('.trends table');

/** The table's header cells and rows of cells, as text. */
async function read(page) {
  await page.locator('.trends summary').click();
  const head = await table(page).locator('thead th').allTextContents();
  const rows = await table(page).locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
  return { head, rows };
}

test('words named in the address are counted per week, with their share, in a table and a legend', async (t) => {
  assert.equal(dated.length, 1, 'the seeds have one dated article');
  const words = ['kopyrkin', 'azerbaijan', 'zzzqx'];
  const page = await app.open(t, `#tr=${encodeURIComponent(words.join(', '))}`);
  const region = page.getByRole('heading', { name: 'Trends' });
  await region.waitFor();
  await eventually(async () => assert.equal(await page.locator('.trends li').count(), words.length));
  const legend = await page.locator('.trends li').allTextContents();
  assert.deepEqual(
    legend,
    words.map((w) => `${w}: ${inWeek(w) === 1 ? '1 article' : `${inWeek(w)} articles`}`),
  );
  assert.equal(await page.locator('.trends svg path').count(), words.length, 'a line per word');
  const { head, rows } = await read(page);
  assert.deepEqual(head, ['Week', ...words]);
  assert.deepEqual(rows, [['week of 18 Dec 2023', ...words.map((w) => `${inWeek(w)} (${inWeek(w) * 100} %)`)]]);
  assert.ok(inWeek('kopyrkin') === 1 && inWeek('zzzqx') === 0, 'the words tell a hit from a miss');
  assert.deepEqual(await axeViolations(page), []);
});

test('typing words and ticking "share" write the address; a filter narrows the counts', async (t) => {
  const page = await app.open(t);
  const box = page.getByRole('textbox', { name: /Compare words over time/ });
  await box.fill('kopyrkin, "peace treaty", kopyrkin, a, b, c, d');
  await box.press('Enter');
  await eventually(() => assert.equal(hashParams(page).get('tr'), 'kopyrkin, "peace treaty", kopyrkin, a, b, c, d'));
  // Repeats go, and at most five words are compared.
  await eventually(async () => assert.equal(await page.locator('.trends li').count(), 5));
  assert.match(await page.locator('.trends li').first().textContent(), /^kopyrkin: /u);
  await page.getByRole('checkbox', { name: /share of the articles/ }).check();
  await eventually(() => assert.equal(hashParams(page).get('tm'), 'share'));
  // A filter the dated article does not pass (it never names him): every count falls to 0.
  assert.ok(!/Pashinyan/u.test(dated[0].text) && articles.some(({ text }) => /Pashinyan/u.test(text)));
  await page.goto(`${page.url().split('#')[0]}#tr=kopyrkin&f=${encodeURIComponent('person:Nikol Pashinyan')}`);
  await eventually(async () => assert.match(await page.locator('.trends li').first().textContent(), /^kopyrkin: 0 articles$/u));
  await page.getByRole('textbox', { name: /Compare words over time/ }).fill('');
  await page.getByRole('textbox', { name: /Compare words over time/ }).press('Enter');
  await eventually(() => assert.equal(hashParams(page).get('tr'), null));
  assert.equal(await page.locator('.trends li').count(), 0, 'no words, no lines');
});

test('the export is the table as CSV', async (t) => {
  const page = await app.open(t, '#tr=kopyrkin,zzzqx');
  await eventually(async () => assert.equal(await page.locator('.trends li').count(), 2));
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export trends (CSV)' }).click(),
  ]);
  const csv = await readFile(await download.path(), 'utf8');
  const k = inWeek('kopyrkin');
  assert.equal(
    csv,
    'period,word,articles,all_articles,share_percent\r\n' +
      `2023-12-18,kopyrkin,${k},1,${k * 100}.0\r\n` +
      '2023-12-18,zzzqx,0,1,0.0\r\n',
  );
});

test('back and forward bring the words and the measure back into the controls', async (t) => {
  const page = await app.open(t, '#tr=kopyrkin');
  const box = page.getByRole('textbox', { name: /Compare words over time/ });
  const share = page.getByRole('checkbox', { name: /share of the articles/ });
  await eventually(async () => assert.equal(await page.locator('.trends li').count(), 1));
  await page.goto(`${page.url().split('#')[0]}#tr=${encodeURIComponent('armenia, zzzqx')}&tm=share`);
  await eventually(async () => assert.equal(await page.locator('.trends li').count(), 2));
  assert.equal(await box.inputValue(), 'armenia, zzzqx');
  assert.equal(await share.isChecked(), true);
  await page.goBack();
  await eventually(async () => assert.equal(await page.locator('.trends li').count(), 1));
  assert.equal(await box.inputValue(), 'kopyrkin');
  assert.equal(await share.isChecked(), false);
});
