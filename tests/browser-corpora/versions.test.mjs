// Versions (tests/corpora/browser/versions): a wire story, its reprint with a
// word changed and a paragraph added, and a brief cut from it are one group
// (found at build time); an analysis of the same event in its own words is not.
// "More like this" leaves an article's versions out.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, eventually, expectStatus, hashParams, results, useApp } from '../browser/harness.mjs';

const app = useApp();

/** The ids of the articles listed. */
async function rows(page) {
  return results(page)
    .locator('li.result a.title')
    .evaluateAll((as) => as.map((a) => new URLSearchParams(a.getAttribute('href').replace(/^.*#/, '')).get('a')));
}

/** Each row of the list as its id, and its meta line when it names versions. */
async function metaRows(page) {
  return results(page)
    .locator('li.result')
    .evaluateAll((lis) =>
      lis.map((li) => {
        const a = li.querySelector('a.title');
        const id = new URLSearchParams(a.getAttribute('href').replace(/^.*#/, '')).get('a');
        const meta = li.querySelector('.meta')?.textContent.trim() ?? '';
        return meta.includes('version') ? `${id} ${meta}` : id;
      }),
    );
}

test('the list shows a group of versions once, as its best placed article with "+N versions"', async (t) => {
  const page = await app.open(t, '#q=grain terminal poti');
  await expectStatus(page, 4);
  await eventually(async () => {
    const got = await metaRows(page);
    assert.equal(got.length, 2, got.join(' | '));
    assert.ok(got.some((r) => /^grain_terminal(_reprint|_brief)? .*· \+2 versions( · |$)/.test(r)), got.join(' | '));
    assert.ok(got.includes('grain_exports_analysis'), got.join(' | '));
  });
  assert.deepEqual(await axeViolations(page), []);
});

test('the reader lists the other versions and underlines what differs', async (t) => {
  const page = await app.open(t, '#q=terminal&a=grain_terminal_reprint');
  const list = page.getByRole('list', { name: 'Versions' });
  await eventually(async () =>
    assert.deepEqual(await list.getByRole('link').allTextContents(), [
      'Harbour board opens the new grain terminal at Poti',
      'New grain terminal in Poti',
    ]),
  );
  const article = page.locator('article');
  assert.deepEqual(await article.locator('ins').allTextContents(), [
    'March',
    'Shipping agents welcomed the opening but warned that the road to the port still needs repairs before the lorries of the autumn harvest arrive',
  ]);
  // Above the article, a note names the version it is compared with.
  assert.match(await page.locator('section.versions p').textContent(), /Harbour board opens the new grain terminal at Poti/);
  assert.deepEqual(await axeViolations(page), []);
  await list.getByRole('link', { name: /New grain terminal in Poti/ }).click();
  await eventually(async () => assert.equal(hashParams(page).get('a'), 'grain_terminal_brief'));
  assert.equal(hashParams(page).get('q'), 'terminal');
  await eventually(async () => assert.match(await page.locator('article h2').textContent(), /New grain terminal in Poti/));
  assert.equal(await page.locator('article ins').count(), 0);
});

test('the export names each article\'s group of versions', async (t) => {
  const page = await app.open(t, '#q=grain terminal poti');
  await expectStatus(page, 4);
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
  const chunks = [];
  for await (const c of await file.createReadStream()) chunks.push(c);
  const rows = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  // Every matching article, the folded versions too, each with the id of its group's earliest.
  assert.deepEqual(Object.fromEntries(rows.map((r) => [r.id, r.group])), {
    grain_terminal: 'grain_terminal',
    grain_terminal_reprint: 'grain_terminal',
    grain_terminal_brief: 'grain_terminal',
    grain_exports_analysis: '',
  });
});

/** The analysis of the same event comes first, and no version of the story is listed. */
function likeTheStory(ids) {
  assert.equal(ids[0], 'grain_exports_analysis', ids.join(' | '));
  for (const version of ['grain_terminal', 'grain_terminal_reprint', 'grain_terminal_brief']) {
    assert.ok(!ids.includes(version), `${version} listed: ${ids.join(' | ')}`);
  }
}

test('More like this leaves the article\'s versions out', async (t) => {
  const page = await app.open(t, '#a=grain_terminal');
  await page.getByRole('link', { name: 'More like this' }).click();
  await eventually(async () => assert.equal(hashParams(page).get('q'), 'like:grain_terminal'));
  await eventually(async () => likeTheStory(await rows(page)));
  // Typed for another article of the group, the same.
  await page.goto(`${page.url().replace(/#.*$/, '')}#q=like:grain_terminal_brief`);
  await eventually(async () => likeTheStory(await rows(page)));
});
