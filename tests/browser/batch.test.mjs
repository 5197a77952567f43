// Batch search, in the workbench build (workbench.html): a pasted list of
// queries, a row each with its articles, first and last date and a small
// timeline; sorting, a row's link, the CSV export, a CSV file's first column,
// the cap on a list's length. Counts are checked against the corpus read the
// plain way where a word's articles can be told by a pattern, and every line
// against the search box's own count for it (the app's search as the list runs it).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { articles, articlesMatching, axeViolations, eventually, expectStatus, occurrences, squash, useApp } from './harness.mjs';

const app = useApp();
const PAGE = 'workbench.html';

/** Opens the workbench, the batch panel, and runs `lines`; resolves once `rows` rows are drawn. */
async function runBatch(t, lines, rows = lines.length) {
  const page = await app.open(t, PAGE);
  await page.getByRole('button', { name: 'Batch search' }).click();
  await page.getByRole('textbox', { name: 'Queries, one per line' }).fill(lines.join('\n'));
  await page.getByRole('button', { name: 'Run the batch' }).click();
  await eventually(async () => assert.equal(await table(page).locator('tbody tr').count(), Math.min(rows, 200)));
  return page;
}

const table = (page) => page.getByRole('table', { name: 'Batch results' });

/** The table's rows as [query, articles, hits, first, last]. */
async function read(page) {
  return table(page)
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [tr.cells[0].querySelector('a').textContent, ...[1, 2, 3, 4].map((i) => tr.cells[i].textContent)]));
}

/** The words of the seeds, lower case, four letters or more: the batch's lines. */
const words = [...new Set(articles.flatMap(({ text }) => text.toLowerCase().match(/\p{L}{4,}/gu) ?? []))].sort();

test('a batch of 200 lines counts every line as the search box does, and known words as the corpus says', async (t) => {
  assert.ok(words.length >= 196, `the seeds have ${words.length} words`);
  const known = ['kopyrkin', 'azerbaijan', 'zzzqx', '"peace treaty"'];
  const lines = [...known, ...words.filter((w) => !known.includes(w)).slice(0, 196)];
  assert.equal(lines.length, 200);
  const page = await runBatch(t, lines);
  await eventually(async () => assert.equal(squash(await page.locator('.batch [aria-live]').textContent()), '200 queries searched.'));
  const rows = await read(page);
  const got = new Map(rows.map(([q, n]) => [q, Number(n.replace(/\D/gu, ''))]));
  assert.deepEqual([...got.keys()].sort(), [...lines].sort(), 'a row per line');
  // The corpus read the plain way.
  assert.equal(got.get('kopyrkin'), articlesMatching(/\bkopyrkin\b/u));
  assert.equal(got.get('azerbaijan'), articlesMatching(/\bazerbaijan/u));
  assert.equal(got.get('"peace treaty"'), articlesMatching(/\bpeace\s+treaty\b/u));
  assert.equal(got.get('zzzqx'), 0);
  assert.ok(got.get('kopyrkin') > 0 && got.get('"peace treaty"') > 0, 'the known lines tell hits from misses');
  // Every line: the search box's count (one word never relaxes into fewer of its words).
  const expected = await page.evaluate((lines) => lines.map((q) => window.wasmBindings.clippings_bench_search(q)), lines);
  assert.deepEqual(lines.map((q) => got.get(q)), expected);
  // Most articles first.
  const counts = rows.map(([, n]) => Number(n.replace(/\D/gu, '')));
  assert.deepEqual(counts, [...counts].sort((a, b) => b - a));
  assert.deepEqual(await axeViolations(page), []);
});

test('columns sort, a row opens its search, a misspelt word says what it was read as, and the table exports as CSV', async (t) => {
  const page = await runBatch(t, ['kopyrkin', 'zzzqx', '"peace treaty"', 'kopyrkn']);
  const header = (name) => table(page).getByRole('columnheader', { name: new RegExp(`^${name}`) });
  assert.equal(await header('Articles').getAttribute('aria-sort'), 'descending');
  await header('Query').getByRole('button').click();
  await eventually(async () => assert.equal(await header('Query').getAttribute('aria-sort'), 'ascending'));
  assert.deepEqual((await read(page)).map(([q]) => q), ['"peace treaty"', 'kopyrkin', 'kopyrkn', 'zzzqx']);
  await header('Query').getByRole('button').press('Enter');
  await eventually(async () => assert.equal(await header('Query').getAttribute('aria-sort'), 'descending'));
  assert.deepEqual((await read(page)).map(([q]) => q), ['zzzqx', 'kopyrkn', 'kopyrkin', '"peace treaty"']);
  // The seeds' one dated article (22 Dec 2023) is first and last date of a word it holds.
  const dated = articles.filter(({ text }) => /\bDec 22 2023\b/u.test(text));
  const row = (q) => table(page).locator('tbody tr', { has: page.getByRole('link', { name: q, exact: true }) });
  const kopyrkinDated = dated.some(({ text }) => /\bkopyrkin\b/iu.test(text));
  assert.equal(squash(await row('kopyrkin').locator('td').nth(2).textContent()), kopyrkinDated ? '22 Dec 2023' : '');
  assert.match(await row('kopyrkn').locator('th').textContent(), /^kopyrkn \(read as kopyrkin\)$/u);
  assert.equal(await row('kopyrkn').locator('td').first().textContent(), await row('kopyrkin').locator('td').first().textContent());
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export the table (CSV)' }).click()]);
  const csv = await readFile(await download.path(), 'utf8');
  const lines = csv.trimEnd().split('\r\n');
  assert.match(lines[0], /^query,read_as,articles,hits,first_date,last_date(,\d{4}-\d\d)*$/u);
  // Hits: every occurrence in the matching articles (a phrase where its words stand together).
  const count = (re) => articles.reduce((n, a) => n + occurrences(re, a.text), 0);
  const [kopyrkins, treaties] = [count(/\bkopyrkin\b/giu), count(/\bpeace\s+treaty\b/giu)];
  assert.ok(kopyrkins > articlesMatching(/\bkopyrkin\b/u) && treaties > 0);
  assert.deepEqual(lines.slice(1).map((l) => l.split(',').slice(0, 4)), [
    ['zzzqx', '', '0', '0'],
    ['kopyrkn', 'kopyrkin', String(articlesMatching(/\bkopyrkin\b/u)), String(kopyrkins)],
    ['kopyrkin', '', String(articlesMatching(/\bkopyrkin\b/u)), String(kopyrkins)],
    ['"""peace treaty"""', '', String(articlesMatching(/\bpeace\s+treaty\b/u)), String(treaties)],
  ]);
  assert.equal(squash(await row('kopyrkin').locator('td').nth(1).textContent()), String(kopyrkins));
  // A row's query opens that search.
  await row('kopyrkin').getByRole('link').click();
  await expectStatus(page, articlesMatching(/\bkopyrkin\b/u));
  assert.equal(new URL(page.url()).hash, '#q=kopyrkin');
});

test("a CSV file's first column fills the box; a list past 5,000 lines is cut, and says so", async (t) => {
  const page = await app.open(t, PAGE);
  await page.getByRole('button', { name: 'Batch search' }).press('Enter');
  const box = page.getByRole('textbox', { name: 'Queries, one per line' });
  await page.getByLabel(/fill the box from a file/u).setInputFiles({
    name: 'names.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('name,role\r\nkopyrkin,envoy\r\n"Pashinyan, Nikol","prime\nminister"\r\n'),
  });
  await eventually(async () => assert.equal(await box.inputValue(), 'name\nkopyrkin\nPashinyan, Nikol\n'));
  const lines = Array.from({ length: 5001 }, (_, i) => `kopyrkin OR "w${i}"`);
  // Set at once (typing 100 KB into the box through Playwright takes minutes).
  await box.evaluate((el, text) => (el.value = text), lines.join('\n'));
  await page.getByRole('button', { name: 'Run the batch' }).click();
  const status = page.locator('.batch [aria-live]');
  await eventually(async () => assert.equal(squash(await status.textContent()), '5,000 queries searched. Only the first 5,000 lines were searched.'), 120_000);
  // The table shows 200 rows at a time; the export has all of them.
  await eventually(async () => assert.equal(await table(page).locator('tbody tr').count(), 200));
  await page.getByRole('button', { name: 'Show 200 more (4,800 not shown yet; the export has every row)' }).click();
  await eventually(async () => assert.equal(await table(page).locator('tbody tr').count(), 400));
  const n = String(articlesMatching(/\bkopyrkin\b/u));
  const rows = await read(page);
  assert.ok(rows.every(([, count]) => count === n), 'every line finds the kopyrkin articles');
  assert.deepEqual(rows.map(([q]) => q), lines.slice(0, 400), 'ties keep the list order');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export the table (CSV)' }).click()]);
  const csv = (await readFile(await download.path(), 'utf8')).trimEnd().split('\r\n');
  assert.equal(csv.length, 1 + 5000);
  assert.equal(csv.at(-1).split(',')[0], '"kopyrkin OR ""w4999"""', 'the 5,001st line is left out');
  await page.getByRole('button', { name: 'Close batch search' }).click();
  assert.equal(await page.getByRole('button', { name: 'Batch search' }).getAttribute('aria-expanded'), 'false');
});

test("the reader's lean page has no batch search: its help links to the workbench", async (t) => {
  const page = await app.open(t, '#q=kopyrkin');
  await expectStatus(page, articlesMatching(/\bkopyrkin\b/u));
  assert.equal(await page.getByRole('button', { name: 'Batch search' }).count(), 0);
  await page.getByRole('button', { name: 'Search help' }).click();
  await page.getByRole('link', { name: /Open the workbench$/u }).click();
  await page.getByRole('button', { name: 'Batch search' }).waitFor();
  assert.match(page.url(), /\/workbench\.html$/u);
});
