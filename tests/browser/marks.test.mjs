// Stars, tags and notes, in the workbench (workbench.html): set in the reader,
// kept across a reload, shown on the result rows and in the Tags facet, found
// by `is:starred`, `tag:` and `note:`; flagged when their article changed or is
// gone after a rebuild, never dropped; exported, cleared and imported back;
// two pages editing one article keep both edits; storage that fails keeps the
// work in memory and says so.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BASE_PATH,
  TIMEOUT,
  WITHOUT_SERVICE_WORKER,
  articles,
  articlesMatching,
  axeViolations,
  dist,
  eventually,
  expectStatus,
  searchBox,
  squash,
  useApp,
  watchPage,
} from './harness.mjs';
import { serve } from '../server.mjs';

const app = useApp();
const PAGE = 'workbench.html';
const KEY = `clippings-work ${BASE_PATH}`;
// The ambassador's interview, and another article.
const KOPYRKIN = '001_30f1672312956dc2';
const OTHER = articles.find((a) => a.id !== KOPYRKIN && !/kopyrkin/iu.test(a.text)).id;

const marks = (page) => page.getByRole('region', { name: 'Your marks' });
const star = (page) => page.getByRole('button', { name: 'Star', exact: true });
const markStatus = (page) => marks(page).locator('.status');
const workPanel = (page) => page.locator('section.work');
const workStatus = (page) => workPanel(page).locator('p[aria-live]');
const marked = (page) => page.getByRole('list', { name: 'Marked articles' });
const stored = (page) => page.evaluate((key) => localStorage.getItem(key), KEY);

async function openWork(page) {
  const button = page.getByRole('button', { name: 'My work', exact: true });
  if ((await button.getAttribute('aria-expanded')) !== 'true') {
    await button.click();
  }
}

/** Selects the first occurrence of `text` in the article's body. */
async function select(page, text) {
  await page.evaluate((text) => {
    const walker = document.createTreeWalker(document.querySelector('article.reader'), NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.data.indexOf(text);
      if (at >= 0) {
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + text.length);
        getSelection().removeAllRanges();
        getSelection().addRange(range);
        return;
      }
    }
    throw new Error(`no "${text}" in the article`);
  }, text);
}

/** Writes a note (and tags) on the article open in the reader. */
async function note(page, text, tags = '') {
  await page.getByRole('textbox', { name: 'Tags (separated by commas)' }).fill(tags);
  await page.getByRole('textbox', { name: 'Note' }).fill(text);
  await page.getByRole('button', { name: 'Save note' }).click();
}

test('a star, tags and a note on a passage survive a reload, show on the rows, and are searched', async (t) => {
  const page = await app.open(t, `${PAGE}#q=kopyrkin&a=${KOPYRKIN}`);
  await eventually(async () => assert.equal(await star(page).getAttribute('aria-pressed'), 'false'));
  // By keyboard: the Star toggle takes Space.
  await star(page).focus();
  await page.keyboard.press('Space');
  await eventually(async () => assert.equal(await star(page).getAttribute('aria-pressed'), 'true'));
  assert.equal(squash(await markStatus(page).textContent()), 'Starred.');
  await select(page, 'single and indivisible');
  await note(page, 'Ask the ministry about\nthe CSTO exercise.', ' sanctions, CSTO ,');
  await eventually(async () => assert.equal(squash(await markStatus(page).textContent()), 'Saved.'));
  assert.equal(squash(await marks(page).locator('.passage').textContent()), 'Noted passage: “single and indivisible”');
  const text = await stored(page);
  assert.match(text, /^clippings-work 2\n/u);
  assert.match(text, new RegExp(`\nmark\t${KOPYRKIN}\t[0-9a-f]{16}\t\\d+\t1\tsanctions, CSTO\tAsk the ministry about\\\\nthe CSTO exercise\\.\tsingle and indivisible\n`, 'u'));

  await page.reload();
  await eventually(async () => assert.equal(await star(page).getAttribute('aria-pressed'), 'true'));
  assert.equal(await page.getByRole('textbox', { name: 'Note' }).inputValue(), 'Ask the ministry about\nthe CSTO exercise.');
  assert.equal(await page.getByRole('textbox', { name: 'Tags (separated by commas)' }).inputValue(), 'sanctions, CSTO');
  assert.deepEqual(await axeViolations(page), []);

  // The query language finds it, the row shows its marks.
  const kopyrkin = articlesMatching(/\bkopyrkin\b/iu);
  for (const [query, count] of [
    ['is:starred', 1],
    ['is:noted', 1],
    ['tag:Sanctions', 1],
    ['tag:"csto"', 1],
    ['note:ministry', 1],
    ['note:"csto exercise"', 1],
    ['note:minister', 0],
    ['kopyrkin -is:starred', kopyrkin - 1],
  ]) {
    await page.goto(`${app.origin}${BASE_PATH}${PAGE}#q=${encodeURIComponent(query)}`);
    await expectStatus(page, count);
  }
  await page.goto(`${app.origin}${BASE_PATH}${PAGE}#q=is%3Astarred`);
  await expectStatus(page, 1);
  const row = page.getByRole('list', { name: 'Results' }).locator('.row-marks');
  assert.equal(squash(await row.textContent()), '★ Starred · Your tags: sanctions, CSTO · Note: Ask the ministry about the CSTO exercise.');
  // The Tags facet counts the results that carry each tag; a tag's link filters by it.
  await searchBox(page).fill('');
  await expectStatus(page, articles.length);
  const tags = page.getByRole('group', { name: 'Your tags' });
  await eventually(async () => assert.deepEqual(await tags.getByRole('link').allTextContents(), ['CSTO (1)', 'sanctions (1)']));
  await tags.getByRole('link', { name: 'sanctions (1)' }).click();
  await expectStatus(page, 1);
  assert.equal(await searchBox(page).inputValue(), 'tag:sanctions');
  // The help panel of the workbench names the filters.
  await page.locator('.help-toggle').click();
  const help = page.locator('#help tr', { hasText: 'tag:sanctions is:starred' });
  assert.equal(squash(await help.locator('td').textContent()), 'your own marks: is:starred, is:tagged, is:noted; tag: one of your tags; note: words of your note');
  await page.locator('.help-toggle').click();
  // My work lists it; axe-core finds nothing there either.
  await openWork(page);
  await eventually(async () => assert.equal(await marked(page).getByRole('listitem').count(), 1));
  assert.match(squash(await marked(page).textContent()), /★ Starred · Your tags: sanctions, CSTO · Note: Ask the ministry/u);
  assert.deepEqual(await axeViolations(page), []);
});

// The seeds rebuilt by `cargo xtask test` (xtask/src/test.rs): this article
// gained a paragraph, that one is gone.
const REBUILT = process.env.CLIPPINGS_REBUILT;
const GONE = '004_7291d5aacb49dd9a';
const UNCHANGED = '002_a04d2bc6ab2e97e7';

test(
  'marks made on one build, the site rebuilt with one noted article changed and one gone: flagged, kept and listed',
  { skip: !REBUILT && 'CLIPPINGS_REBUILT names no rebuilt site (cargo xtask test builds one)' },
  async (t) => {
    // One server whose folder is switched to the new build in place: the same
    // address, so the same storage, as on a newsroom's host after a deploy.
    const mounts = [[BASE_PATH, dist]];
    const server = await serve({ mounts });
    const origin = `http://127.0.0.1:${server.address().port}`;
    const context = await app.browser.newContext(WITHOUT_SERVICE_WORKER);
    context.setDefaultTimeout(TIMEOUT);
    const page = await context.newPage();
    const problems = await watchPage(context, page, (url) => url.startsWith(origin + '/'));
    t.after(async () => {
      const seen = [...problems];
      await context.close();
      await new Promise((ok) => server.close(ok));
      assert.deepEqual(seen, [], 'the page produced errors or unexpected requests');
    });
    const open = (fragment) => page.goto(`${origin}${BASE_PATH}${PAGE}${fragment}`);
    for (const [id, text] of [
      [KOPYRKIN, 'Before the rebuild.'],
      [GONE, 'Noted before it was withdrawn.'],
      [UNCHANGED, 'Unchanged article.'],
    ]) {
      await open(`#q=&a=${id}`);
      await note(page, text, 'sanctions');
      await eventually(async () => assert.equal(squash(await markStatus(page).textContent()), 'Saved.'));
    }
    mounts[0][1] = REBUILT;
    await open('#q=');
    await page.reload();
    await expectStatus(page, articles.length - 1, articles.length - 1);
    await openWork(page);
    const items = marked(page).getByRole('listitem');
    await eventually(async () => assert.equal(await items.count(), 3));
    const lines = (await items.allTextContents()).map(squash);
    assert.match(lines[0], /— Your tags: sanctions · Note: Unchanged article\.$/u);
    assert.match(lines[1], new RegExp(`^${GONE} — Your tags: sanctions · Note: Noted before it was withdrawn\\. \\(no longer in this archive; your marks are kept\\)$`, 'u'));
    assert.match(lines[2], /— Your tags: sanctions · Note: Before the rebuild\. \(changed since you marked it\)$/u);
    // The changed article's reader says so and shows the note; the Tags facet counts the two still here.
    await marked(page).getByRole('link').nth(2).click();
    await eventually(async () => assert.equal(await marks(page).locator('.changed').isVisible(), true));
    assert.equal(await page.getByRole('textbox', { name: 'Note' }).inputValue(), 'Before the rebuild.');
    await open('#q=tag%3Asanctions');
    await expectStatus(page, 2, articles.length - 1);
    assert.match(await stored(page), new RegExp(`\nmark\t${GONE}\t[0-9a-f]{16}\t\\d+\t0\tsanctions\tNoted before it was withdrawn\\.\t\n`, 'u'));
  },
);

test('after a rebuild, a mark whose article changed is flagged and one whose article is gone is kept and listed', async (t) => {
  // Marks as an earlier build of the archive left them: one article's text hash
  // is not the text's today, one id is no longer in the archive.
  const earlier = [
    'clippings-work 2',
    `mark\t${KOPYRKIN}\t0123456789abcdef\t1000\t1\t\tSaid more in the first version.\t`,
    'mark\t2019-01-01-withdrawn-story\t00000000000000ff\t900\t0\tsanctions\tThe story we noted, since withdrawn.\t',
    `mark\t${OTHER}\t\t800\t1\t\t\t`,
    '',
  ].join('\n');
  const before = (page) => page.addInitScript(([key, text]) => localStorage.getItem(key) || localStorage.setItem(key, text), [KEY, earlier]);
  const page = await app.open(t, `${PAGE}#q=`, { before });
  await openWork(page);
  const items = marked(page).getByRole('listitem');
  await eventually(async () => assert.equal(await items.count(), 3));
  const lines = (await items.allTextContents()).map(squash);
  assert.match(lines[0], /\(changed since you marked it\)$/u);
  assert.match(lines[1], /^2019-01-01-withdrawn-story — Your tags: sanctions · Note: The story we noted, since withdrawn\. \(no longer in this archive; your marks are kept\)$/u);
  assert.doesNotMatch(lines[2], /\(/u);
  // The changed one's reader says so; a new edit keeps the note and the gone mark.
  await marked(page).getByRole('link').first().click();
  await eventually(async () => assert.equal(await marks(page).locator('.changed').isVisible(), true));
  assert.equal(await page.getByRole('textbox', { name: 'Note' }).inputValue(), 'Said more in the first version.');
  await star(page).click();
  await eventually(async () => assert.equal(squash(await markStatus(page).textContent()), 'Star removed.'));
  const text = await stored(page);
  assert.match(text, /\nmark\t2019-01-01-withdrawn-story\t00000000000000ff\t900\t0\tsanctions\tThe story we noted, since withdrawn\.\t\n/u);
  assert.match(text, /\tSaid more in the first version\.\t/u);
});

test('export, clear the storage, import: everything is back; a foreign or broken file changes nothing', async (t) => {
  const page = await app.open(t, `${PAGE}#q=kopyrkin&a=${KOPYRKIN}`);
  await star(page).click();
  await note(page, 'First note.', 'sanctions');
  await eventually(async () => assert.equal(squash(await markStatus(page).textContent()), 'Saved.'));
  await page.goto(`${app.origin}${BASE_PATH}${PAGE}#q=&a=${OTHER}`);
  await note(page, 'Second note.');
  await eventually(async () => assert.equal(squash(await markStatus(page).textContent()), 'Saved.'));
  await page.getByRole('button', { name: 'Saved searches', exact: true }).click();
  await page.getByRole('textbox', { name: 'Name' }).fill('mine');
  await page.getByRole('button', { name: 'Save this search' }).click();
  const before = await stored(page);

  await openWork(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export my work' }).click()]);
  assert.equal(download.suggestedFilename(), 'clippings-work.json');
  const exported = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(exported.format, 'clippings-work');
  assert.equal(exported.archive.articles, articles.length);
  assert.deepEqual(exported.marks.map((m) => [m.id, m.starred, m.note]).sort(), [
    [KOPYRKIN, true, 'First note.'],
    [OTHER, false, 'Second note.'],
  ].sort());
  const dir = await mkdtemp(join(tmpdir(), 'clippings-work-'));
  const file = join(dir, 'clippings-work.json');
  await writeFile(file, JSON.stringify(exported));

  // A foreign file and a broken one are refused whole.
  await page.evaluate((key) => localStorage.removeItem(key), KEY);
  await page.reload();
  await openWork(page);
  await eventually(async () => assert.equal(squash(await marked(page).textContent()), 'No article is starred, tagged or noted yet: open one and use Star, Tags or Note.'));
  const refused = [
    ['notes.json', '{"notes": []}', /^Not imported: notes\.json is not an export of Clippings work\. Nothing was changed\.$/u],
    ['broken.json', '{"format": "clippings-work", "version": 2,', /^Not imported: broken\.json is not a JSON file \(EOF while parsing [a-z ]+ at line 1 column \d+\)\. Nothing was changed\.$/u],
    ['newer.json', '{"format": "clippings-work", "version": 7}', /^Not imported: newer\.json was written by a newer Clippings\. Nothing was changed\.$/u],
  ];
  for (const [name, text, said] of refused) {
    const path = join(dir, name);
    await writeFile(path, text);
    await page.locator('#work-file').setInputFiles(path);
    await eventually(async () => assert.match(squash(await workStatus(page).textContent()), said));
    assert.equal(await stored(page), null);
  }
  // The export comes back whole.
  await page.locator('#work-file').setInputFiles(file);
  await eventually(async () => assert.equal(squash(await workStatus(page).textContent()), 'Imported clippings-work.json: 3 new items, 0 newer edits.'));
  assert.equal(await stored(page), before);
  await eventually(async () => assert.equal(await marked(page).getByRole('listitem').count(), 2));
  // Again, with one mark edited later in the file: the newer edit wins, and the disagreement is listed.
  const newer = structuredClone(exported);
  newer.marks.find((m) => m.id === OTHER).note = 'Second note, rewritten.';
  newer.marks.find((m) => m.id === OTHER).edited += 60_000;
  await writeFile(file, JSON.stringify(newer));
  await page.locator('#work-file').setInputFiles(file);
  await eventually(async () => assert.equal(squash(await workStatus(page).textContent()), 'Imported clippings-work.json: 0 new items, 1 newer edit.'));
  const conflicts = page.getByRole('list', { name: 'Where the file and this browser disagreed' });
  assert.deepEqual((await conflicts.getByRole('listitem').allTextContents()).map(squash), [`“${OTHER}”: the file's newer edit kept.`]);
  assert.match(await stored(page), /\tSecond note, rewritten\.\t/u);
  assert.deepEqual(await axeViolations(page), []);
});

test('two pages editing one article keep both edits', async (t) => {
  const a = await app.open(t, `${PAGE}#q=&a=${KOPYRKIN}`);
  const b = await a.context().newPage();
  await b.goto(`${app.origin}${BASE_PATH}${PAGE}#q=&a=${KOPYRKIN}`);
  await eventually(async () => assert.equal(await star(b).getAttribute('aria-pressed'), 'false'));
  // One page stars it, the other writes a note: both stay, and each page shows the star.
  await star(a).click();
  await note(b, 'From the second page.');
  await eventually(async () => assert.equal(squash(await markStatus(b).textContent()), 'Saved.'));
  for (const page of [a, b]) {
    await eventually(async () => assert.equal(await star(page).getAttribute('aria-pressed'), 'true'));
  }
  // Both write the note, each from what it read: the second write keeps the first's text too.
  await note(a, 'From the first page.');
  await eventually(async () => assert.equal(squash(await markStatus(a).textContent()), 'Saved. Another tab had changed this note meanwhile: both texts are kept.'));
  assert.equal(await a.getByRole('textbox', { name: 'Note' }).inputValue(), 'From the second page.\n\nFrom the first page.');
  assert.match(await stored(a), /\t1\t\tFrom the second page\.\\n\\nFrom the first page\.\t/u);
});

test('storage that fails says so, and the marks stay in memory and are searched', async (t) => {
  const before = (page) =>
    page.addInitScript(() => {
      Storage.prototype.setItem = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
  const page = await app.open(t, `${PAGE}#q=&a=${KOPYRKIN}`, { before });
  await star(page).click();
  await eventually(async () => assert.match(squash(await markStatus(page).textContent()), /^Not saved: the browser's storage for this page is full\. .*Export my work/u));
  assert.equal(await star(page).getAttribute('aria-pressed'), 'true');
  await searchBox(page).fill('is:starred');
  await expectStatus(page, 1);
  await openWork(page);
  await eventually(async () => assert.equal(await marked(page).getByRole('listitem').count(), 1));
});

test('where the browser keeps nothing (a frame without storage), the reader says so at once and the work goes on in memory', async (t) => {
  const before = (page) =>
    page.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', {
        get() {
          throw new DOMException('The document is sandboxed and lacks the allow-same-origin flag.', 'SecurityError');
        },
      });
    });
  const page = await app.open(t, `${PAGE}#q=&a=${KOPYRKIN}`, { before });
  await eventually(async () => assert.match(squash(await markStatus(page).textContent()), /^This browser does not let the page keep data/u));
  await note(page, 'Only in this tab.');
  await eventually(async () => assert.match(squash(await markStatus(page).textContent()), /^This browser does not let the page keep data/u));
  await searchBox(page).fill('is:noted');
  await expectStatus(page, 1);
  // Export still offers the work.
  await openWork(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export my work' }).click()]);
  const exported = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.deepEqual(exported.marks.map((m) => [m.id, m.note]), [[KOPYRKIN, 'Only in this tab.']]);
});
