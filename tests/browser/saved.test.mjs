// Saved and recent searches, in the workbench (workbench.html): a search saved
// under a name reopens exactly what was on screen after a reload; two pages
// keep each other's saves; storage that fails, or that holds a newer version's
// data, is said to and the work stays in memory, the stored data untouched.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_PATH, articlesMatching, axeViolations, eventually, expectStatus, hashParams, squash, useApp } from './harness.mjs';

const app = useApp();
const PAGE = 'workbench.html';
const KEY = `clippings-work ${BASE_PATH}`;

const panel = (page) => page.locator('section.saved');
const savedList = (page) => page.getByRole('list', { name: 'Saved searches' });
const status = (page) => panel(page).locator('[aria-live]');

/** Opens the panel and saves the state on screen as `name`. */
async function save(page, name) {
  if ((await page.getByRole('button', { name: 'Saved searches', exact: true }).getAttribute('aria-expanded')) !== 'true') {
    await page.getByRole('button', { name: 'Saved searches', exact: true }).click();
  }
  await page.getByRole('textbox', { name: 'Name' }).fill(name);
  await page.getByRole('button', { name: 'Save this search' }).click();
}

test('a search saved under a name reopens what was on screen, after a reload; recent searches are listed', async (t) => {
  const page = await app.open(t, `${PAGE}#q=kopyrkin&s=newest`);
  await expectStatus(page, articlesMatching(/\bkopyrkin\b/u));
  await save(page, 'Kopyrkin, newest first');
  await eventually(async () => assert.equal(squash(await status(page).textContent()), 'Saved “Kopyrkin, newest first”.'));
  const stored = await page.evaluate((key) => localStorage.getItem(key), KEY);
  assert.match(stored, /^clippings-work 2\nsaved\tKopyrkin, newest first\t#q=kopyrkin&s=newest\n/u);
  // A new search, then the page opened afresh: the saved one reopens it.
  await page.getByRole('searchbox').fill('azerbaijan');
  await expectStatus(page, articlesMatching(/\bazerbaijan/u));
  await eventually(() => assert.equal(hashParams(page).get('q'), 'azerbaijan'));
  await page.goto(`${app.origin}${BASE_PATH}${PAGE}`);
  await page.getByRole('button', { name: 'Saved searches', exact: true }).click();
  await savedList(page).getByRole('link', { name: 'Kopyrkin, newest first' }).click();
  await expectStatus(page, articlesMatching(/\bkopyrkin\b/u));
  assert.equal(new URL(page.url()).hash, '#q=kopyrkin&s=newest');
  assert.equal(await page.getByRole('combobox', { name: /sort/iu }).inputValue(), 'newest');
  const recent = page.getByRole('list', { name: 'Recent searches' }).getByRole('link');
  await eventually(async () => assert.deepEqual((await recent.allTextContents()).slice(0, 2), ['kopyrkin', 'azerbaijan']));
  // Removing it says so and leaves the list empty.
  await savedList(page).getByRole('button', { name: 'Remove “Kopyrkin, newest first”' }).click();
  await eventually(async () => assert.equal(await savedList(page).getByRole('link').count(), 0));
  assert.equal(squash(await status(page).textContent()), 'Removed “Kopyrkin, newest first”.');
  // A blank name saves nothing.
  await save(page, '   ');
  assert.equal(squash(await status(page).textContent()), 'Give the search a name first.');
  // Every control is reached and used by keyboard; axe-core finds nothing.
  await page.getByRole('textbox', { name: 'Name' }).fill('by keyboard');
  await page.getByRole('textbox', { name: 'Name' }).press('Enter');
  await eventually(async () => assert.deepEqual(await savedList(page).getByRole('link').allTextContents(), ['by keyboard']));
  assert.deepEqual(await axeViolations(page), []);
});

test("two pages keep each other's saves, and show them as they happen", async (t) => {
  const a = await app.open(t, `${PAGE}#q=kopyrkin`);
  const b = await a.context().newPage();
  await b.goto(`${app.origin}${BASE_PATH}${PAGE}#q=azerbaijan`);
  await b.getByRole('button', { name: 'Saved searches', exact: true }).click();
  await save(a, 'first');
  await save(b, 'second');
  for (const page of [a, b]) {
    await eventually(async () => assert.deepEqual((await savedList(page).getByRole('link').allTextContents()).sort(), ['first', 'second']));
  }
});

test('storage that fails says so, and keeps the searches in memory', async (t) => {
  const before = (page) =>
    page.addInitScript(() => {
      Storage.prototype.setItem = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
  const page = await app.open(t, `${PAGE}#q=kopyrkin`, { before });
  await save(page, 'kept in memory');
  await eventually(async () => assert.match(squash(await status(page).textContent()), /^Not saved: the browser's storage for this page is full\./u));
  assert.deepEqual(await savedList(page).getByRole('link').allTextContents(), ['kept in memory']);
});

test("a newer version's data is left untouched", async (t) => {
  const newer = 'clippings-work 9\nnote\tsomething we cannot read\n';
  const before = (page) => page.addInitScript(([key, text]) => localStorage.setItem(key, text), [KEY, newer]);
  const page = await app.open(t, `${PAGE}#q=kopyrkin`, { before });
  await save(page, 'today');
  await eventually(async () => assert.match(squash(await status(page).textContent()), /written by a newer Clippings/u));
  assert.deepEqual(await savedList(page).getByRole('link').allTextContents(), ['today']);
  assert.equal(await page.evaluate((key) => localStorage.getItem(key), KEY), newer);
});
