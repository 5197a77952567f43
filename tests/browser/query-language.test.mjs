// The query language as a reader meets it: typo hints, exclusion, phrases of common
// words, the sort switch and the help panel.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { articles, eventually, expectStatus, results, searchBox, squash, useApp } from './harness.mjs';

const app = useApp();
const count = (re) => articles.filter(({ text }) => re.test(text)).length;

test('a typo is corrected and the status line says so', async (t) => {
  const page = await app.open(t);
  await searchBox(page).fill('kopyrkn');
  await expectStatus(page, count(/kopyrkin/i));
  await eventually(async () =>
    assert.match(squash(await page.getByRole('status').textContent()), /showing results for kopyrkin/),
  );
  assert.deepEqual([...new Set(await results(page).locator('mark').allTextContents())], ['Kopyrkin']);
});

test('excluded words are not highlighted and remove articles', async (t) => {
  const page = await app.open(t, '#q=csto%20-kopyrkin');
  await expectStatus(page, articles.filter(({ text }) => /csto/i.test(text) && !/kopyrkin/i.test(text)).length);
  const marks = await results(page).locator('mark').allTextContents();
  assert.ok(marks.length > 0 && marks.every((m) => /^csto$/i.test(m)), JSON.stringify(marks));
});

test('the sort switch orders by date and is kept in the URL', async (t) => {
  const page = await app.open(t, '#q=russia');
  await page.getByRole('combobox', { name: 'Sort' }).selectOption('oldest');
  await eventually(() => assert.match(page.url(), /s=oldest/));
  // The only dated article (Dec 2023) comes first when oldest first: undated go last.
  await eventually(async () =>
    assert.match(await results(page).getByRole('link').first().textContent(), /Interview with Ambassador/),
  );
});

test('the positions of words in most articles are computed after start-up, and phrases with them are found', async (t) => {
  const page = await app.open(t);
  await eventually(async () =>
    assert.equal(await page.evaluate(() => window.wasmBindings.clippings_common_positions_ready()), true),
  );
  // `the` and `russian` are in more than half of the seed articles: neither ships positions.
  await searchBox(page).fill('"the Russian"');
  await expectStatus(page, count(/\bthe russian\b/i));
  const marks = await results(page).locator('mark').allTextContents();
  assert.ok(marks.length > 0 && marks.every((m) => /^the russian$/i.test(m)), JSON.stringify(marks));
});

test('the ? button opens the syntax help', async (t) => {
  const page = await app.open(t);
  await page.getByRole('button', { name: 'Search help' }).click();
  const help = page.getByRole('region', { name: 'Search help' });
  await eventually(async () => assert.match(await help.textContent(), /exact phrase/));
  assert.equal(await page.getByRole('button', { name: 'Search help' }).getAttribute('aria-expanded'), 'true');
  await page.getByRole('button', { name: 'Close help' }).click();
  await eventually(async () => assert.equal(await help.count(), 0));
});
