// Searching from the results view: the status line, the list, the
// highlights, and the query kept in the URL.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  articles,
  articlesMatching,
  eventually,
  expectStatus,
  hashParams,
  results,
  searchBox,
  squash,
  useApp,
} from './harness.mjs';

const app = useApp();
const KOPYRKIN = /\bkopyrkin\b/;
const PEACE_TREATY = /\bpeace\s+treaty\b/;

test('the start page lists every article', async (t) => {
  const page = await app.open(t);
  await expectStatus(page, articles.length);
  await eventually(async () =>
    assert.equal(await results(page).getByRole('link').count(), articles.length),
  );
  assert.match(await page.title(), /Clippings/);
});

test('the tab title follows the address: the query once typing pauses, then the article read', async (t) => {
  const page = await app.open(t);
  await expectStatus(page, articles.length);
  assert.equal(await page.title(), 'Clippings');
  await searchBox(page).pressSequentially('kopyrkin');
  await expectStatus(page, articlesMatching(KOPYRKIN));
  await eventually(async () => assert.equal(await page.title(), 'kopyrkin — Clippings'));
  assert.match(page.url(), /#q=kopyrkin/, 'written with the address');
  await results(page).getByRole('link').first().click();
  const heading = squash(await page.locator('article h2, article h1').first().textContent());
  await eventually(async () => assert.equal(await page.title(), `${heading} — Clippings`));
});

test('the / key focuses the search box', async (t) => {
  const page = await app.open(t);
  await expectStatus(page, articles.length);
  await page.evaluate(() => document.activeElement?.blur());
  await page.keyboard.press('/');
  await eventually(async () =>
    assert.equal(
      await page.evaluate(() => document.activeElement?.getAttribute('aria-label')),
      'Search articles',
    ),
  );
});

test('a word narrows the list and is highlighted', async (t) => {
  const expected = articlesMatching(KOPYRKIN);
  assert.ok(expected > 0 && expected < articles.length, 'the corpus should make this a real filter');

  const page = await app.open(t);
  await expectStatus(page, articles.length);
  const historyBefore = await page.evaluate(() => history.length);

  await searchBox(page).pressSequentially('kopyrkin', { delay: 20 });

  await expectStatus(page, expected);
  await eventually(async () =>
    assert.equal(await results(page).getByRole('link').count(), expected),
  );
  const marks = results(page).locator('mark');
  await marks.first().waitFor({ state: 'visible' });
  for (const text of await marks.allTextContents()) {
    assert.equal(text.toLowerCase(), 'kopyrkin');
  }
  await eventually(() => assert.equal(hashParams(page).get('q'), 'kopyrkin'));
  assert.equal(
    await page.evaluate(() => history.length),
    historyBefore,
    'typing should replace the history entry, not push new ones',
  );
});

test('a phrase matches only adjacent words', async (t) => {
  const expected = articlesMatching(PEACE_TREATY);
  assert.ok(expected > 0, 'the corpus should contain the phrase');
  // The phrase is rarer than its words apart, or this proves nothing.
  assert.ok(articlesMatching(/\btreaty\b/) > expected);

  const page = await app.open(t);
  await expectStatus(page, articles.length);
  await searchBox(page).fill('"peace treaty"');

  await expectStatus(page, expected);
  const marks = results(page).locator('mark');
  await marks.first().waitFor({ state: 'visible' });
  for (const text of await marks.allTextContents()) {
    assert.ok(
      ['peace', 'treaty', 'peace treaty'].includes(squash(text).toLowerCase()),
      `unexpected highlight "${text}"`,
    );
  }
  await eventually(() => assert.equal(hashParams(page).get('q'), '"peace treaty"'));
});

test('a question no article answers word for word shows the best matches, and says so', async (t) => {
  const LAVROV = /\blavrov\b/;
  const both = articles.filter(
    ({ text }) => new RegExp(KOPYRKIN.source, 'iu').test(text) && new RegExp(LAVROV.source, 'iu').test(text),
  ).length;
  const either = articlesMatching(new RegExp(`${KOPYRKIN.source}|${LAVROV.source}`));
  assert.equal(both, 0, 'the corpus should have no article naming both');
  assert.ok(either > articlesMatching(KOPYRKIN), 'each word should find articles of its own');

  const page = await app.open(t);
  await expectStatus(page, articles.length);
  await searchBox(page).fill('what about Kopyrkin and Lavrov');
  await expectStatus(page, either);
  await eventually(async () => {
    const text = squash(await page.getByRole('status').first().textContent());
    assert.match(text, /No article has all 5 words; showing the best matches/);
  });
  // Only the words that carry the question are highlighted, never "what", "about" or "and".
  const marks = results(page).locator('mark');
  await marks.first().waitFor({ state: 'visible' });
  for (const text of await marks.allTextContents()) {
    assert.ok(['kopyrkin', 'lavrov'].includes(squash(text).toLowerCase()), `unexpected highlight "${text}"`);
  }
  // An explicit AND keeps its meaning: nothing.
  await searchBox(page).fill('Kopyrkin AND Lavrov');
  await expectStatus(page, 0);
});

test('queries made only of syntax leave the page working', async (t) => {
  const page = await app.open(t);
  await expectStatus(page, articles.length);
  for (const query of ['"', '-', '!!!', '""', '-"', '" -']) {
    await searchBox(page).fill(query);
    await eventually(async () => {
      const text = squash(await page.getByRole('status').first().textContent());
      assert.match(text, /^\d+ of \d+ articles\b/, `status after ${JSON.stringify(query)}`);
      assert.equal(hashParams(page).get('q'), query);
    });
  }
  await searchBox(page).fill('kopyrkin');
  await expectStatus(page, articlesMatching(KOPYRKIN));
});
