// The archive travels apart from the app shell, as a content-hashed data file
// that the page starts downloading before the shell has arrived. When that file
// fails — offline, a 404 after a redeploy, damaged or truncated bytes, a format
// newer than the shell — the page says so and offers what can help (try again,
// or reload), and never shows results as if nothing were wrong.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { articles, eventually, expectStatus, results, useApp } from './harness.mjs';

const app = useApp();
const DATA = /\/data\/index-[0-9a-f]{16}\.bin$/;
const alert = (page) => page.getByRole('alert');

test('the data file is requested once, before the app shell, and the shell names no corpus', async (t) => {
  const requests = [];
  const page = await app.open(t, '#q=kopyrkin', {
    before: (p) => p.context().on('request', (r) => requests.push(new URL(r.url()).pathname)),
  });
  await expectStatus(page, 3);
  const data = requests.filter((r) => DATA.test(r));
  assert.equal(data.length, 1, `one download of the data file: ${requests.join(', ')}`);
  const wasm = requests.findIndex((r) => r.endsWith('.wasm'));
  assert.ok(wasm >= 0, 'the shell is fetched');
  assert.ok(requests.indexOf(data[0]) < wasm, `the data is asked for before the wasm: ${requests.join(', ')}`);
  // The word's posting list and stem-table part too, by the page's inline
  // script, which the app then takes instead of asking again.
  const early = requests.slice(0, wasm).filter((r) => /\/data\/p-[0-9a-f]{16}\.bin$/.test(r));
  assert.ok(early.length >= 2, `the word's parts are asked for before the wasm: ${requests.join(', ')}`);
  const once = requests.filter((r) => early.includes(r));
  assert.equal(once.length, early.length, `each early part downloaded once: ${requests.join(', ')}`);
});

test('a link to an article asks for its part of the id table before the app shell', async (t) => {
  const requests = [];
  const page = await app.open(t, '#a=002_a04d2bc6ab2e97e7', {
    before: (p) => p.context().on('request', (r) => requests.push(new URL(r.url()).pathname)),
  });
  // The reader opens: the id found in its part, then the article's text part.
  await page.locator('article.reader').waitFor();
  const wasm = requests.findIndex((r) => r.endsWith('.wasm'));
  const early = requests.slice(0, wasm).filter((r) => /\/data\/p-[0-9a-f]{16}\.bin$/.test(r));
  assert.equal(early.length, 1, `the id table's part, and only it, before the wasm: ${requests.join(', ')}`);
  const once = requests.filter((r) => r === early[0]);
  assert.equal(once.length, 1, `downloaded once, then taken by the app: ${requests.join(', ')}`);
  const missing = await page.getByRole('alert').count();
  assert.equal(missing, 0, 'the article is found, not reported missing');
});

test('the bare address asks for its first list\'s parts before the app shell, and the list needs no other', async (t) => {
  // Parts asked for once the shell is on its way are held back until the list
  // is drawn: the list can only appear from the parts the page asked for early.
  const early = [];
  const held = [];
  let shell = false;
  const page = await app.open(t, '', {
    before: async (p) => {
      await p.route(/\.wasm$/, (route) => {
        shell = true;
        return route.continue();
      });
      await p.route(/\/data\/p-[0-9a-f]{16}\.bin$/, (route) => {
        if (shell) return held.push(route);
        early.push(new URL(route.request().url()).pathname);
        return route.continue();
      });
    },
  });
  await eventually(async () => assert.equal(await results(page).locator('a.title').count(), articles.length));
  const titles = await results(page).locator('a.title').allTextContents();
  assert.ok(titles.every((title) => title.trim()), `every row has its title: ${JSON.stringify(titles)}`);
  assert.ok(early.length >= 1, 'the first list\'s text parts are asked for before the shell');
  assert.equal(new Set(early).size, early.length, `each asked for once: ${early.join(', ')}`);
  const late = held.map((r) => new URL(r.request().url()).pathname);
  assert.ok(late.every((path) => !early.includes(path)), `the app took the early parts, not fetched again: ${late.join(', ')}`);
  for (const route of held) await route.continue();
});

test('a fragment other than a language asks for no first list early', async (t) => {
  const early = [];
  let shell = false;
  const page = await app.open(t, '#view=kwic', {
    before: async (p) => {
      p.context().on('request', (r) => {
        const path = new URL(r.url()).pathname;
        if (path.endsWith('.wasm')) shell = true;
        if (!shell && /\/data\/p-[0-9a-f]{16}\.bin$/.test(path)) early.push(path);
      });
    },
  });
  await page.locator('.kwic, .empty').first().waitFor();
  assert.deepEqual(early, [], 'nothing but the data file before the shell');
});

/**
 * Serves the files `pattern` matches through `change(bytes)` (a Buffer in, a Buffer out). A file
 * still on its way when the test has ended and closed its page is let go (a `#q=` link asks for
 * parts early, so one may be); any other failure is the test's.
 */
function alter(pattern, change) {
  return (page) =>
    page.route(pattern, async (route) => {
      try {
        const response = await route.fetch();
        await route.fulfill({ response, body: change(Buffer.from(await response.body())) });
      } catch (e) {
        if (!page.isClosed()) throw e;
      }
    });
}
const alterData = (change) => alter(DATA, change);

for (const [name, failure, problems] of [
  [
    'offline',
    (route) => route.abort('internetdisconnected'),
    [/request failed: .*\/data\/index-/, /console error: Failed to load resource: net::ERR_INTERNET_DISCONNECTED/],
  ],
  [
    'a 404 after a redeploy',
    (route) => route.fulfill({ status: 404, body: 'gone' }),
    [/HTTP 404: .*\/data\/index-/, /console error: Failed to load resource: .*404/],
  ],
]) {
  test(`a data file that cannot be downloaded (${name}) says so, and Try again loads it`, async (t) => {
    let failing = true;
    const page = await app.open(t, '#q=kopyrkin', {
      expectProblems: problems,
      before: (p) => p.route(DATA, (route) => (failing ? failure(route) : route.continue())),
    });
    await eventually(async () => assert.match(await alert(page).textContent(), /The archive could not be loaded/));
    assert.match(await alert(page).textContent(), /could not be downloaded \(data\/index-[0-9a-f]{16}\.bin/);
    assert.equal(await results(page).count(), 0, 'no result list without the archive');
    failing = false;
    await alert(page).getByRole('button', { name: 'Try again' }).click();
    await expectStatus(page, 3);
    assert.equal(await alert(page).count(), 0);
  });
}

for (const [name, change, message] of [
  ['damaged', (b) => ((b[b.length >> 1] ^= 0x20), b), /damaged \(checksum mismatch\)/],
  ['truncated', (b) => b.subarray(0, b.length - 100), /ends early/],
  ['written by a newer Clippings', (b) => (b.writeUInt32LE(b.readUInt32LE(8) + 1, 8), b), /newer version of Clippings/],
  ['not an index at all', () => Buffer.from('<!doctype html><title>Not found</title>'), /not a Clippings index/],
]) {
  test(`a data file that is ${name} is refused with a message, never read`, async (t) => {
    const page = await app.open(t, '#q=kopyrkin', { before: alterData(change) });
    await eventually(async () => assert.match(await alert(page).textContent(), message));
    assert.match(await alert(page).textContent(), /The archive could not be loaded/);
    assert.equal(await results(page).count(), 0, 'no result list from a bad file');
    // Another download of the same file cannot help: the button reloads the page.
    await alert(page).getByRole('button', { name: 'Reload' }).waitFor();
  });
}

// The start file lists part files (posting lists, stored words) fetched when an
// answer needs them; on the seeds a query needs both kinds.
const PART = /\/data\/p-[0-9a-f]{16}\.bin$/;

test('a part that cannot be downloaded shows no results as final, and Try again completes them', async (t) => {
  let failing = true;
  const page = await app.open(t, '#q=kopyrkin', {
    expectProblems: [/request failed: .*\/data\/p-/, /console error: Failed to load resource/],
    before: (p) => p.route(PART, (route) => (failing ? route.abort('internetdisconnected') : route.continue())),
  });
  await eventually(async () => assert.match(await alert(page).textContent(), /Part of the archive could not be loaded/));
  assert.match(await alert(page).textContent(), /p-[0-9a-f]{16}\.bin/);
  assert.equal(await results(page).getByRole('listitem').count(), 0, 'no rows from a partial answer');
  assert.doesNotMatch(await page.locator('.status .count').textContent(), /^0 of/, 'no count given as final');
  failing = false;
  await alert(page).getByRole('button', { name: 'Try again' }).click();
  await expectStatus(page, 3);
  assert.equal(await alert(page).count(), 0);
});

test('a damaged part is refused with a message, not read', async (t) => {
  const page = await app.open(t, '#q=kopyrkin', {
    before: alter(PART, (body) => ((body[body.length - 1] ^= 0x01), body)),
  });
  await eventually(async () => assert.match(await alert(page).textContent(), /damaged \(checksum mismatch\)/));
  assert.equal(await results(page).getByRole('listitem').count(), 0);
});

test('the parts a query needs are fetched together, and a small archive then fetches the rest', async (t) => {
  const parts = [];
  const page = await app.open(t, '#q=kopyrkin', {
    before: (p) => p.context().on('request', (r) => PART.test(new URL(r.url()).pathname) && parts.push(r.url())),
  });
  await expectStatus(page, 3);
  await eventually(async () => {
    const [loaded, total] = await page.evaluate(() => [...window.wasmBindings.clippings_parts_loaded()]);
    assert.ok(total >= 2 && loaded === total, `${loaded} of ${total} parts`);
  });
  assert.equal(new Set(parts).size, parts.length, `no part fetched twice: ${parts.join(', ')}`);
});

test('while the parts a first view needs are on their way, no count, list, timeline or facet is drawn', async (t) => {
  let release;
  const held = new Promise((ok) => (release = ok));
  const page = await app.open(t, '#q=kopyrkin', {
    before: (p) =>
      p.route(PART, async (route) => {
        await held;
        route.continue();
      }),
  });
  const status = page.locator('.status .count');
  await eventually(async () => assert.match(await status.textContent(), /^Loading the archive… \d+ of \d+ parts$/));
  await page.waitForTimeout(300); // the side panel would be drawn a task after the list
  for (const what of ['.timeline', '.facets', 'ol[aria-label="Results"] li']) {
    assert.equal(await page.locator(what).count(), 0, `${what} drawn while loading`);
  }
  release();
  await expectStatus(page, 3);
  await page.locator('.timeline').first().waitFor();
});

// A part file's kind: the first byte after its 28-byte header (magic, format
// version, checksum, length); 3 is the articles' facet values.
const FACET_PART = 3;
const partKind = (body) => body[28];

test('the facet values come after the first results: until then the filters say they are loading', async (t) => {
  let release;
  const held = new Promise((ok) => (release = ok));
  const facetParts = [];
  const page = await app.open(t, '#q=kopyrkin', {
    before: (p) =>
      p.route(PART, async (route) => {
        const response = await route.fetch();
        const body = await response.body();
        if (partKind(body) === FACET_PART) {
          facetParts.push(route.request().url());
          await held;
        }
        await route.fulfill({ response, body }).catch(() => {}); // the page may be gone
      }),
  });
  // The rows and their count, while the facet values are held back.
  await eventually(async () => {
    assert.equal(await results(page).getByRole('listitem').count(), 3);
    assert.ok(facetParts.length > 0, 'the facet values are asked for once the rows are there');
  });
  const side = page.getByRole('complementary', { name: 'Filters' });
  await eventually(async () => assert.match(await side.getByRole('status').textContent(), /Loading the filters/));
  assert.equal(await side.locator('fieldset').count(), 0, 'no facet counts before their values');
  release();
  await expectStatus(page, 3);
  await eventually(async () => {
    assert.equal(await side.getByRole('status').count(), 0);
    assert.ok((await side.locator('fieldset:not([hidden])').count()) > 0, 'the facets are drawn');
    assert.match(await side.locator('fieldset:not([hidden]) label').first().textContent(), /\(\d+\)$/);
  });
});
