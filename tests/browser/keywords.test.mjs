// Distinctive words: on request, the words that set the results apart from the
// rest of the archive, as buttons that narrow the query, with a CSV export and
// a deep link (`kw=1`). Expectations come from the seeds read the plain way.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import {
  articles,
  articlesMatching,
  axeViolations,
  eventually,
  expectStatus,
  hashParams,
  searchBox,
  useApp,
} from './harness.mjs';

const app = useApp();
const KOPYRKIN = /\bkopyrkin\b/;

const region = (page) => page.getByRole('region', { name: 'Distinctive words' });
const words = (page) => region(page).getByRole('listitem').getByRole('button');

test('asked for, the distinctive words of a query come as buttons, its own word first', async (t) => {
  const page = await app.open(t, '#q=kopyrkin');
  await expectStatus(page, articlesMatching(KOPYRKIN));
  const find = region(page).getByRole('button', { name: 'Find the words that set these results apart' });
  await find.click();
  await eventually(() => assert.equal(hashParams(page).get('kw'), '1'));
  await eventually(async () => assert.ok((await words(page).count()) > 0));
  // Every result holds "kopyrkin" and no other article does: nothing sets them
  // apart more, so the first word is one such (ties go in dictionary order).
  const list = await words(page).allTextContents();
  const held = articlesMatching(KOPYRKIN);
  const all = new RegExp(`^in ${held} of these results and 0 other articles`);
  assert.ok(list.includes('kopyrkin'), list.join(' '));
  assert.match(await words(page).nth(list.indexOf('kopyrkin')).getAttribute('title'), all);
  assert.match(await words(page).first().getAttribute('title'), all);
  assert.match(await region(page).textContent(), new RegExp(`Results read: ${held}; compared with the other ${articles.length - held}`));
  assert.deepEqual(await axeViolations(page), []);

  // The export is the list as a table.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    region(page).getByRole('button', { name: 'Export distinctive words (CSV)' }).click(),
  ]);
  const csv = (await readFile(await download.path(), 'utf8')).trim().split(/\r\n/u);
  assert.equal(csv[0], 'word,results_holding_it,other_articles_holding_it,log_likelihood,log_ratio');
  assert.equal(csv.length, list.length + 1);
  assert.match(csv[1 + list.indexOf('kopyrkin')], new RegExp(`^kopyrkin,${held},0,\\d+\\.\\d{4},\\d+\\.\\d{4}$`));

  // A click narrows the query to the articles holding the word too.
  const second = list.find((w) => w !== 'kopyrkin');
  await words(page).nth(list.indexOf(second)).click();
  await eventually(async () => assert.equal(await searchBox(page).inputValue(), `kopyrkin ${second.includes("'") ? `"${second}"` : second}`));
  assert.equal(hashParams(page).get('kw'), '1', 'the words stay open for the narrower query');
});

test('a link with kw=1 opens them; the whole archive has none; Hide closes them', async (t) => {
  const page = await app.open(t, '#q=kopyrkin&kw=1');
  await eventually(async () => assert.ok((await words(page).count()) > 0));
  const hide = region(page).getByRole('button', { name: 'Hide the distinctive words' });
  assert.equal(await hide.getAttribute('aria-expanded'), 'true');
  await hide.click();
  await eventually(async () => assert.equal(await words(page).count(), 0));
  assert.equal(hashParams(page).get('kw'), null);
  // No query and no filter: every article is a result, with nothing to compare with.
  await searchBox(page).fill('');
  await expectStatus(page, articles.length);
  await eventually(async () => assert.equal(await region(page).count(), 0));
});
