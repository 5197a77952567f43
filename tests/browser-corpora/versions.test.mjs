// Versions (tests/corpora/browser/versions): a wire story, its reprint with a
// word changed and a paragraph added, and a brief cut from it are one group
// (found at build time); an analysis of the same event in its own words is not.
// "More like this" leaves an article's versions out.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, hashParams, results, useApp } from '../browser/harness.mjs';

const app = useApp();

/** The ids of the articles listed. */
async function rows(page) {
  return results(page)
    .locator('li.result a.title')
    .evaluateAll((as) => as.map((a) => new URLSearchParams(a.getAttribute('href').replace(/^.*#/, '')).get('a')));
}

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
