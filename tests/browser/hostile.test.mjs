// Input an attacker controls — the query and the URL fragment — is shown as
// text and never breaks the page. (Every test also fails on any page error,
// console error, dialog or request to another origin: see harness.mjs.)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { articles, eventually, hashParams, searchBox, squash, useApp } from './harness.mjs';

const app = useApp();

async function expectAlive(page) {
  await eventually(async () => {
    const text = squash(await page.getByRole('status').first().textContent());
    assert.match(text, /^\d+ of \d+ articles\b/);
  });
}

test('markup typed into the search box stays text', async (t) => {
  const page = await app.open(t);
  await expectAlive(page);
  const query = '<img src=x onerror=alert(1)><script>alert(2)</script> kopyrkin';
  await searchBox(page).fill(query);
  await eventually(() => assert.equal(hashParams(page).get('q'), query));
  await expectAlive(page);
  assert.equal(await page.locator('img, script:not([src]):has-text("alert")').count(), 0);
});

test('a crafted fragment cannot inject markup', async (t) => {
  const page = await app.open(t, '#q=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&a=%3Cb%3E');
  await expectAlive(page);
  assert.equal(await page.locator('img').count(), 0);
});

test('unknown ids and broken escapes in the fragment are survived', async (t) => {
  for (const fragment of ['#a=no_such_article', '#q=%E0%A4%A&a=', '#q=&a=../../etc/passwd', '#&&==']) {
    const page = await app.open(t, fragment);
    await expectAlive(page);
    assert.ok(articles.length > 0);
  }
});

test('a very long query is handled', async (t) => {
  const page = await app.open(t);
  await expectAlive(page);
  await searchBox(page).fill('russia armenia '.repeat(200));
  await expectAlive(page);
});
