// A mixed folder of newsroom exports (tests/corpora/formats: WordPress export,
// RSS, Atom, ninjs, WordPress REST, JSON Lines, CSV, HTML, Markdown and a .txt)
// built into one site: a search finds articles of every format, the declared
// section and tags filter them, rows show the declared title, date and authors,
// and the reader links to the original in a new tab.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, results, squash, useApp } from '../browser/harness.mjs';

const app = useApp();

const titles = async (page) => (await results(page).locator('a.title').allTextContents()).map(squash);
const facet = (page, legend, value) =>
  page.getByRole('group', { name: legend }).getByRole('checkbox', { name: new RegExp(`^\\s*${value} \\(`) });

test('a search over every format, filtered by section and tag, opens the original', async (t) => {
  const original = 'https://ledger.example.com/2024/03/fish-market-vote/';
  const page = await app.open(t, '#q=quay', {
    // The original opens in a new tab; the test answers for the newsroom's server.
    before: (p) => p.context().route(original, (route) => route.fulfill({ contentType: 'text/html', body: '<title>Original</title>' })),
    expectProblems: [/request to another origin: https:\/\/ledger\.example\.com\/2024\/03\/fish-market-vote\//],
  });
  // WXR (two posts), Atom and WordPress REST: every article that says "quay".
  await eventually(async () =>
    assert.deepEqual((await titles(page)).sort(), [
      'Council votes to rebuild the old fish market',
      'Ferry strike ends after night of talks',
      'Night market opens on the quay – with lanterns',
      'Shipyard wins three new orders',
    ]),
  );
  // Declared date, time and co-authors in the row.
  const row = results(page).getByRole('listitem').filter({ hasText: 'Night market opens' });
  assert.equal(squash(await row.locator('.meta').textContent()), '14 Mar 2024, 10:00 UTC · By Hana Sato');

  await facet(page, 'Tags', 'markets').check();
  await eventually(async () =>
    assert.deepEqual((await titles(page)).sort(), [
      'Council votes to rebuild the old fish market',
      'Night market opens on the quay – with lanterns',
    ]),
  );
  await facet(page, 'Section', 'Politics').check();
  await eventually(async () => assert.deepEqual(await titles(page), ['Council votes to rebuild the old fish market']));
  assert.match(page.url(), /f=tag%3Amarkets/);
  assert.match(page.url(), /section%3APolitics/);
  const meta = squash(await results(page).locator('.meta').first().textContent());
  assert.equal(meta, '7 Mar 2024, 16:05 UTC · By Daniel Novak, Mariam Karapetyan');

  await results(page).getByRole('link', { name: 'Council votes to rebuild the old fish market' }).click();
  const link = page.getByRole('link', { name: 'Open original' });
  await eventually(async () => assert.equal(await link.getAttribute('href'), original));
  assert.equal(await link.getAttribute('target'), '_blank');
  assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
  assert.equal(squash(await page.locator('article .date').textContent()), '7 Mar 2024, 16:05 UTC');

  const [tab] = await Promise.all([page.waitForEvent('popup'), link.click()]);
  await tab.waitForLoadState();
  assert.equal(tab.url(), original);
  assert.equal(await tab.evaluate(() => window.opener), null, 'the original cannot reach back into the archive');
});

test('no link for an article without a URL, and a byline: search marks the row', async (t) => {
  const page = await app.open(t, '#q=byline%3Afarouk');
  await eventually(async () =>
    assert.deepEqual((await titles(page)).sort(), ['Harbour library extends opening hours', 'Swing bridge repairs finish early']),
  );
  const marks = await results(page).locator('.meta mark').allTextContents();
  assert.deepEqual(marks, ['Farouk', 'Farouk']);
  await results(page).getByRole('link', { name: 'Harbour library extends opening hours' }).click();
  await eventually(async () => assert.equal(await page.locator('article .date').textContent(), '16 Mar 2024'));
  assert.equal(await page.getByRole('link', { name: 'Open original' }).count(), 0);
});

test('the people, places and organisations a ninjs record declares are facets', async (t) => {
  const page = await app.open(t, '#q=lighthouse');
  const keeper = 'Last lighthouse keeper retires after forty years';
  await eventually(async () => assert.ok((await titles(page)).includes(keeper), 'the ninjs article is found'));
  assert.ok((await titles(page)).length > 1, 'and another that says "lighthouse"');
  for (const [legend, value] of [
    ['People', 'Ines Albrecht'],
    ['Places', 'Harbour City'],
    ['Organisations', 'Harbour Lights Trust'],
  ]) {
    await eventually(async () => assert.equal(await facet(page, legend, value).count(), 1, `${legend}: ${value}`));
  }
  await facet(page, 'Places', 'Harbour City').check();
  await eventually(async () => assert.deepEqual(await titles(page), [keeper]));
  assert.match(page.url(), /place%3AHarbour%20City|place%3AHarbour\+City/);
});

test('an article that declares German is searched with German stemming', async (t) => {
  // neue-haeuser.md says `language: de`: "haus" finds Häuser, Hauses and Häusern,
  // which English stemming would not group.
  const page = await app.open(t, '#q=haus');
  await eventually(async () => assert.deepEqual(await titles(page), ['Neue Häuser am alten Hafen']));
  await results(page).getByRole('link', { name: 'Neue Häuser am alten Hafen' }).click();
  await eventually(async () =>
    assert.deepEqual((await page.locator('article mark').allTextContents()).map(squash), ['Häuser', 'Häuser', 'Hauses', 'Häusern']),
  );
});
