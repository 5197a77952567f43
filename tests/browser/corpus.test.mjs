// Reading a corpus: facets with live counts, the timeline, the concordance, exports,
// keyboard navigation, and an axe-core accessibility check of each view.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { articles, axeViolations, eventually, expectStatus, hashParams, results, squash, useApp } from './harness.mjs';

const app = useApp();
const withWord = (word) => articles.filter(({ text }) => new RegExp(word, 'iu').test(text));

test('a facet narrows the list, shows as a chip, and lives in the URL', async (t) => {
  const page = await app.open(t, '#q=russia');
  await expectStatus(page, withWord('russia').length);
  const people = page.getByRole('group', { name: 'People' });
  // A checkbox's label ends with the count a click would give.
  const box = people.getByRole('checkbox', { name: 'Nikol Pashinyan (3)', exact: true });
  await box.check();
  await expectStatus(page, 3);
  assert.equal(hashParams(page).get('f'), 'person:Nikol Pashinyan');
  // Other facets now count only Pashinyan's articles: Baku is in one of them.
  const places = page.getByRole('group', { name: 'Places' });
  await places.getByRole('checkbox', { name: 'Baku (1)', exact: true }).waitFor();
  await page.reload();
  await expectStatus(page, 3);
  await page.getByRole('button', { name: 'Remove filter People: Nikol Pashinyan' }).click();
  await expectStatus(page, withWord('russia').length);
  assert.equal(hashParams(page).get('f'), null);
});

test('the timeline states its numbers and a bar filters by week', async (t) => {
  // The seeds' only dated article is of 22 Dec 2023: a range that short is drawn by week.
  const page = await app.open(t);
  const chart = page.getByRole('img', { name: /Articles per week/ });
  assert.match(await chart.getAttribute('aria-label'), /week of 18 Dec 2023: 1 of 1/);
  await page.locator('.timeline .bar').first().click();
  await expectStatus(page, 1);
  assert.equal(hashParams(page).get('q'), 'date:2023-12-18..2023-12-24');
  await page.getByText('Timeline as a table').click();
  await page.getByRole('button', { name: 'Filter by week of 18 Dec 2023' }).click();
  await expectStatus(page, articles.length);
  assert.equal(hashParams(page).get('q'), null);
});

test('a week added to a query with a quoted phrase, and taken off, leaves the rest as typed', async (t) => {
  const typed = '"Sergey  Kopyrkin"';
  const page = await app.open(t, `#q=${encodeURIComponent(typed)}`);
  await expectStatus(page, withWord('Sergey\\s+Kopyrkin').length);
  await page.locator('.timeline .bar').first().click();
  await expectStatus(page, 1);
  assert.equal(hashParams(page).get('q'), `${typed} date:2023-12-18..2023-12-24`);
  await page.locator('.timeline .bar').first().click();
  await expectStatus(page, withWord('Sergey\\s+Kopyrkin').length);
  assert.equal(hashParams(page).get('q'), typed);
});

test('the concordance lists every hit and sorts by neighbouring words', async (t) => {
  const page = await app.open(t, '#q=kopyrkin&view=kwic');
  const table = page.getByRole('table', { name: 'Concordance' });
  const hits = table.locator('tbody td.hit');
  await eventually(async () => assert.ok((await hits.count()) > 10));
  for (const h of await hits.allTextContents()) assert.equal(h, 'Kopyrkin');
  await table.getByRole('button', { name: 'Sort by right word' }).click();
  const firstWords = async () =>
    (await table.locator('tbody td.right').allTextContents()).map((r) => (r.match(/\p{L}+/u)?.[0] ?? '').toLowerCase());
  const right = await firstWords();
  assert.deepEqual(right, [...right].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), 'sorted by right word');
  const first = table.locator('tbody tr').first().getByRole('link');
  const href = await first.getAttribute('href');
  await first.click();
  await eventually(async () => assert.equal(await page.locator('article mark.current').textContent(), 'Kopyrkin'));
  assert.match(href, /&hit=\d+|a=[^&]+$/);
});

test('on a 390 px phone the concordance never cuts the hit, and its context is cut away from it', async (t) => {
  const page = await app.open(t, '#q=kopyrkin&view=kwic');
  await page.setViewportSize({ width: 390, height: 800 });
  const table = page.getByRole('table', { name: 'Concordance' });
  await eventually(async () => assert.ok((await table.locator('tbody td.hit').count()) > 10));
  const rows = await table.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => {
      const box = (el) => el.getBoundingClientRect();
      const [left, hit, right] = tr.querySelectorAll('td');
      const mark = box(hit.querySelector('mark'));
      const text = box(left.querySelector('bdi'));
      return {
        hitInside: mark.left >= box(hit).left - 0.5 && mark.right <= box(hit).right + 0.5,
        // A left context too long for its cell overflows on its far (left) side:
        // its end, next to the hit, stays in view.
        leftEndInView: left.textContent.trim() === '' || text.right <= box(left).right + 0.5,
        rightCut: right.firstElementChild.scrollWidth > right.firstElementChild.clientWidth,
      };
    }),
  );
  assert.ok(rows.every((r) => r.hitInside), 'every hit whole in its cell');
  assert.ok(rows.every((r) => r.leftEndInView), 'every left context ends next to its hit');
  assert.ok(rows.some((r) => r.rightCut), 'the contexts are the ones that give way');
  // The three sort headers side by side, none over another.
  const heads = await table.locator('thead button').evaluateAll((bs) => bs.map((b) => b.getBoundingClientRect().toJSON()));
  for (let i = 1; i < heads.length; i++) assert.ok(heads[i - 1].right <= heads[i].left + 0.5, `header ${i} clear of header ${i - 1}`);
});

async function download(page, name) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
  const stream = await file.createReadStream();
  const chunks = [];
  for await (const c of stream) chunks.push(c);
  return { name: file.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
}

test('exports the result list and the concordance as CSV and JSON', async (t) => {
  const page = await app.open(t, '#q=kopyrkin');
  await expectStatus(page, withWord('kopyrkin').length);
  const csv = await download(page, 'Export CSV');
  assert.equal(csv.name, 'clippings-results.csv');
  const lines = csv.text.trim().split('\r\n');
  assert.equal(lines[0], 'id,title,date,byline,score,snippet,group');
  assert.equal(lines.length - 1, withWord('kopyrkin').length);
  const json = JSON.parse((await download(page, 'Export JSON')).text);
  assert.deepEqual(json.map((r) => r.id).sort(), withWord('kopyrkin').map((a) => a.id).sort());
  assert.ok(json.every((r) => /kopyrkin/i.test(r.snippet)));
  await page.getByRole('button', { name: 'Concordance' }).click();
  const kwic = JSON.parse((await download(page, 'Export JSON')).text);
  assert.ok(kwic.length > 10 && kwic.every((r) => r.hit === 'Kopyrkin'));
});

test('j/k move through results and Enter opens one', async (t) => {
  const page = await app.open(t, '#q=kopyrkin');
  await expectStatus(page, withWord('kopyrkin').length);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  const links = results(page).locator('a.title');
  await page.keyboard.press('j');
  await eventually(async () => assert.ok(await links.nth(0).evaluate((el) => el === document.activeElement)));
  await page.keyboard.press('j');
  await eventually(async () => assert.ok(await links.nth(1).evaluate((el) => el === document.activeElement)));
  await page.keyboard.press('k');
  await eventually(async () => assert.ok(await links.nth(0).evaluate((el) => el === document.activeElement)));
  await page.keyboard.press('Enter');
  await eventually(async () => assert.ok(hashParams(page).get('a')));
  await eventually(async () => assert.ok((await page.locator('article mark').count()) > 0));
  // Focus is not lost with the link: it moves to the article's title.
  await eventually(async () =>
    assert.equal(await page.evaluate(() => document.activeElement?.className), 'article-title'),
  );
  await page.keyboard.press('Escape');
  await eventually(async () => assert.equal(hashParams(page).get('a'), null));
});

for (const [view, fragment, ready] of [
  ['list and timeline', '#q=kopyrkin', 'ol[aria-label="Results"] mark'],
  ['reader', '#q=kopyrkin&a=004_7291d5aacb49dd9a', 'article mark'],
  ['concordance', '#q=kopyrkin&view=kwic', 'table[aria-label="Concordance"] mark'],
]) {
  for (const scheme of ['light', 'dark']) {
    test(`axe-core finds no WCAG 2.2 AA violation: ${view}, ${scheme}`, async (t) => {
      const page = await app.open(t, fragment);
      await page.emulateMedia({ colorScheme: scheme });
      await page.locator(ready).first().waitFor();
      assert.deepEqual(await axeViolations(page), []);
    });
  }
}
