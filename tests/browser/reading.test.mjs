// Opening an article from the results, stepping through its hits, and
// getting back: by reload, by the browser's Back, by "Back to results".

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  articles,
  articlesMatching,
  eventually,
  expectStatus,
  hashParams,
  leaveWhenDrawn,
  occurrences,
  results,
  searchBox,
  squash,
  useApp,
} from './harness.mjs';

const app = useApp();
const KOPYRKIN = /\bkopyrkin\b/;

/** Index of the mark with class `current` among the article's marks (-1: none). */
const currentHit = (page) =>
  page.locator('article mark').evaluateAll((marks) => {
    const current = marks.filter((m) => m.classList.contains('current'));
    if (current.length > 1) throw new Error(`${current.length} marks are current`);
    return marks.indexOf(current[0]);
  });

/** The article view shows `id`: its text, with every hit of the query marked. */
async function expectArticle(page, id) {
  const { text } = articles.find((a) => a.id === id);
  const article = page.locator('article');
  await article.waitFor({ state: 'visible' });
  // A body paragraph of the file, as proof this is the right article.
  const paragraph = squash(text.split('\n').sort((a, b) => b.length - a.length)[0]).slice(0, 60);
  await eventually(async () => assert.ok(squash(await article.textContent()).includes(paragraph)));

  const marks = article.locator('mark');
  const withTitle = occurrences(KOPYRKIN, text);
  const withoutTitle = occurrences(KOPYRKIN, text.trimStart().split('\n').slice(1).join('\n'));
  await eventually(async () => {
    const count = await marks.count();
    assert.ok(
      count >= withoutTitle && count <= withTitle && count > 0,
      `${count} marks, expected every hit of the body (${withoutTitle}) at least`,
    );
  });
  for (const hit of await marks.allTextContents()) assert.equal(hit.toLowerCase(), 'kopyrkin');
  assert.equal(hashParams(page).get('a'), id);
  return marks;
}

/** Search for kopyrkin, open the first result, and return its id. */
async function openFirstResult(page) {
  await searchBox(page).fill('kopyrkin');
  await expectStatus(page, articlesMatching(KOPYRKIN));
  const link = results(page).getByRole('link').first();
  const href = await link.getAttribute('href');
  const id = new URLSearchParams(href.replace(/^.*#/, '')).get('a');
  assert.ok(articles.some((a) => a.id === id), `result link ${href} names an article`);
  const historyBefore = await page.evaluate(() => history.length);
  await link.click();
  await expectArticle(page, id);
  assert.equal(hashParams(page).get('q'), 'kopyrkin');
  assert.equal(
    await page.evaluate(() => history.length),
    historyBefore + 1,
    'opening an article should push a history entry',
  );
  return id;
}

test('next and previous move the current hit', async (t) => {
  const page = await app.open(t);
  await openFirstResult(page);
  const total = await page.locator('article mark').count();
  assert.ok(total >= 3, 'the first result should have several hits to step through');

  const next = page.getByRole('button', { name: 'Next match' });
  const previous = page.getByRole('button', { name: 'Previous match' });
  const start = await currentHit(page);

  await next.click();
  const first = (start + 1) % total;
  await eventually(async () => assert.equal(await currentHit(page), first));
  await next.click();
  await eventually(async () => assert.equal(await currentHit(page), (first + 1) % total));
  await previous.click();
  await eventually(async () => assert.equal(await currentHit(page), first));
});

test('reload keeps the article and the query; Back returns to the results', async (t) => {
  const page = await app.open(t);
  const id = await openFirstResult(page);

  await page.reload();
  await expectArticle(page, id);
  assert.equal(await searchBox(page).inputValue(), 'kopyrkin');

  await page.goBack();
  await eventually(() => assert.equal(hashParams(page).get('a'), null));
  await expectStatus(page, articlesMatching(KOPYRKIN));
  assert.equal(await page.locator('article').count(), 0);
  await eventually(async () =>
    assert.equal(await results(page).getByRole('link').count(), articlesMatching(KOPYRKIN)),
  );
  assert.equal(await searchBox(page).inputValue(), 'kopyrkin');
  assert.equal(hashParams(page).get('q'), 'kopyrkin');
});

test('a shared link opens the article; "Back to results" shows the list', async (t) => {
  const { id } = articles.find((a) => KOPYRKIN.test(a.text.toLowerCase()));
  const page = await app.open(t, `#q=kopyrkin&a=${id}`);
  await expectArticle(page, id);
  assert.equal(await searchBox(page).inputValue(), 'kopyrkin');

  await page.getByRole('link', { name: 'Back to results' }).click();
  await expectStatus(page, articlesMatching(KOPYRKIN));
  await eventually(async () => assert.equal(await page.locator('article').count(), 0));
  await eventually(async () =>
    assert.equal(await results(page).getByRole('link').count(), articlesMatching(KOPYRKIN)),
  );
  assert.equal(hashParams(page).get('a'), null);
  assert.equal(hashParams(page).get('q'), 'kopyrkin');
});

test('an article closed in the task that drew it leaves no error behind', async (t) => {
  // The reader moves focus and scrolls to the hit a frame after it is drawn; a
  // quick Back (or a hidden tab, where frames wait) can close it before then.
  const { id } = articles.find((a) => KOPYRKIN.test(a.text.toLowerCase()));
  const page = await app.open(t, `#q=kopyrkin&a=${id}&hit=1`);
  await expectArticle(page, id); // its text is in: opened again, it is drawn at once
  await page.getByRole('link', { name: 'Back to results' }).click();
  await expectStatus(page, articlesMatching(KOPYRKIN));
  await leaveWhenDrawn(page, { from: `#q=kopyrkin&a=${id}&hit=1`, when: 'article .article-title', to: '#q=kopyrkin' });
  await expectStatus(page, articlesMatching(KOPYRKIN));
  assert.equal(await page.locator('article').count(), 0);
  // The app still answers.
  await searchBox(page).fill('azerbaijan');
  await expectStatus(page, articlesMatching(/\bazerbaijan/u));
});

test('the dispersion strip shows where each hit falls, and a click there goes to the nearest', async (t) => {
  const page = await app.open(t);
  await openFirstResult(page);
  const total = await page.locator('article mark').count();
  const strip = page.getByRole('img', { name: `Where the ${total} matches fall in the article` });
  await strip.waitFor({ state: 'visible' });
  // One tick per mark, in reading order, within the article's length.
  const ticks = (await strip.locator('path').getAttribute('d')).match(/M\d+ /g).map((m) => Number(m.slice(1)));
  assert.equal(ticks.length, total, `ticks ${ticks}`);
  assert.deepEqual([...ticks].sort((a, b) => a - b), ticks, 'in reading order');
  assert.ok(ticks.every((x) => x >= 0 && x < 1000), `${ticks}`);
  assert.ok(ticks.at(-1) > ticks[0], 'the hits are spread over the article');

  const box = await strip.boundingBox();
  const clickAt = (x) => strip.click({ position: { x: Math.max(0.5, (x / 1006) * box.width), y: box.height / 2 } });
  const current = () => strip.locator('rect.current').getAttribute('x');
  // (Of two hits at the same thousandth, the first is the nearest.)
  const last = ticks.indexOf(ticks.at(-1));
  await clickAt(ticks.at(-1));
  await eventually(async () => assert.equal(await currentHit(page), last));
  assert.equal(Number(await current()), ticks.at(-1), 'the current tick follows');
  assert.match(await page.locator('.reader-bar .position').textContent(), new RegExp(`^Match ${last + 1} of ${total}$`));
  await clickAt(ticks[0]);
  await eventually(async () => assert.equal(await currentHit(page), 0));
  assert.equal(Number(await current()), ticks[0]);
});

test('"More like this" lists the articles on the same subject, without the article itself', async (t) => {
  const interview = articles.find((a) => a.id.startsWith('004'));
  const page = await app.open(t, `#q=kopyrkin&a=${interview.id}&s=newest`);
  await expectArticle(page, interview.id);
  const more = page.getByRole('link', { name: 'More like this' });
  await more.click();
  await eventually(() => assert.equal(hashParams(page).get('q'), `like:${interview.id}`));
  assert.equal(hashParams(page).get('a'), null);
  assert.equal(hashParams(page).get('s'), null, 'ranked by likeness, not by the sort of the list it came from');
  assert.equal(await searchBox(page).inputValue(), `like:${interview.id}`);
  // Every other seed shares a word with it; the two other articles quoting the
  // ambassador come first (crates/clippings-core/tests/seeds.rs checks the ranking).
  await expectStatus(page, articles.length - 1);
  const ids = await results(page)
    .getByRole('link')
    .evaluateAll((links) => links.map((l) => new URLSearchParams(l.hash.slice(1)).get('a')));
  assert.ok(!ids.includes(interview.id), `${ids} leaves out the article itself`);
  assert.deepEqual(ids.slice(0, 2).map((id) => id.slice(0, 3)).sort(), ['000', '001']);
  // The words it was found by are marked in the snippets.
  assert.ok((await results(page).locator('mark').count()) > 0);
});
