// The hosted build offline after a first visit, and a new edition offered, not
// mixed in (hosted/sw.js, hosted/edition.js). The site is a copy of dist/ in a
// temporary folder, served under /a/b/, into which the test publishes a second
// edition with `cargo xtask data`, as a newsroom would (editions.mjs). In
// Chromium, whose driver cuts the browser's network (setOffline), lists workers
// and watches every request; service-worker-engines.test.mjs runs the core of it
// in Firefox and WebKit too. These contexts allow service workers; every other
// test blocks them (WITHOUT_SERVICE_WORKER in harness.mjs) and checks the app's
// own requests.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  BASE_PATH,
  TIMEOUT,
  articles,
  articlesMatching,
  dist,
  eventually,
  expectStatus,
  hashParams,
  launchChromium,
  results,
  searchBox,
  startServer,
  watchPage,
} from './harness.mjs';
import { NEW_WORD, edition, siteCopy } from './editions.mjs';

const KOPYRKIN = /\bkopyrkin\b/;
const HASHED = /-[0-9a-f]{1,16}(_bg)?\.(js|wasm|css|bin|txt)$/;
const alert = (page) => page.getByRole('alert');

let copy;
let site;
let server;
let origin;
let chromium;
before(async () => {
  copy = siteCopy();
  site = copy.site;
  server = await startServer({ site });
  origin = `http://127.0.0.1:${server.address().port}`;
  chromium = await launchChromium();
});
after(async () => {
  await chromium?.close();
  await new Promise((ok) => (server ? server.close(ok) : ok()));
  copy?.remove();
});

/**
 * A fresh context that allows service workers, with its page and its problems
 * (see watchPage), and the calls any document in it makes to register a worker.
 */
async function open(isOwn = (url) => url.startsWith(origin + '/')) {
  const context = await chromium.browser.newContext({ serviceWorkers: 'allow' });
  context.setDefaultTimeout(TIMEOUT);
  const registered = [];
  await context.exposeBinding('__registered', (_source, url) => registered.push(url));
  await context.addInitScript(() => {
    const container = self.ServiceWorkerContainer?.prototype;
    if (!container) return;
    const register = container.register;
    container.register = function (url, ...rest) {
      self.__registered?.(String(url));
      return register.call(this, url, ...rest);
    };
  });
  const page = await context.newPage();
  const problems = await watchPage(context, page, isOwn);
  return { context, page, problems, registered };
}

/** The hashed files the page fetched that are not in its origin's caches. */
const notKept = (page) =>
  page.evaluate(async (hashed) => {
    const re = new RegExp(hashed);
    const fetched = [...new Set(performance.getEntriesByType('resource').map((e) => e.name))].filter((u) => re.test(u));
    const missing = [];
    for (const url of fetched) if (!(await caches.match(url))) missing.push(url);
    return { fetched, missing };
  }, HASHED.source);

/** [loaded, total] parts of the archive, as the app counts them. */
const parts = (page) => page.evaluate(() => [...window.wasmBindings.clippings_parts_loaded()]);

/** Search kopyrkin, check the marks, open the first article and see its marks. */
async function searchAndRead(page) {
  await searchBox(page).fill('kopyrkin');
  await expectStatus(page, articlesMatching(KOPYRKIN));
  for (const text of await results(page).locator('mark').allTextContents()) assert.equal(text.toLowerCase(), 'kopyrkin');
  await results(page).getByRole('link').first().click();
  await page.locator('article mark').first().waitFor({ state: 'visible' });
  await page.getByRole('button', { name: 'Next match' }).click();
  await page.getByRole('link', { name: 'Back to results' }).first().click();
  await expectStatus(page, articlesMatching(KOPYRKIN));
}

test('after a first visit the archive searches offline; a new edition is offered, and Reload shows it', async () => {
  const { context, page, problems, registered } = await open();
  try {
    // The first visit: the worker registers for /a/b/ and takes over.
    await page.goto(origin + BASE_PATH);
    await expectStatus(page, articles.length);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    assert.deepEqual(registered, ['sw.js']);
    assert.deepEqual(
      context.serviceWorkers().map((w) => w.url()),
      [`${origin}${BASE_PATH}sw.js`],
    );
    assert.equal(await page.evaluate(async () => (await navigator.serviceWorker.ready).scope), origin + BASE_PATH);
    // A small archive fetches all its parts after the first view; every file fetched
    // is kept, those fetched before the worker took over too.
    await eventually(async () => {
      const [loaded, total] = await parts(page);
      assert.ok(total >= 2 && loaded === total, `${loaded} of ${total} parts`);
    });
    const [, total] = await parts(page);
    await eventually(async () => {
      const { fetched, missing } = await notKept(page);
      assert.ok(fetched.filter((u) => /\/data\/p-/.test(u)).length === total, `all parts fetched: ${fetched}`);
      assert.ok(fetched.some((u) => u.endsWith('.wasm')) && fetched.some((u) => /\/data\/index-/.test(u)));
      assert.deepEqual(missing, [], 'every file the page fetched is kept');
      assert.ok(await page.evaluate((url) => caches.match(url), origin + BASE_PATH), 'the page itself is kept');
    });
    assert.deepEqual(problems, [], 'a clean first visit');

    // Files no cache holds any more (parts first fetched now, or dropped by the
    // browser) are kept once a page under the worker fetches them. In Chromium the
    // worker's static routes take them to the network without its fetch handler,
    // and the page names them to the worker (edition.js).
    const dropped = await page.evaluate(async () => {
      const urls = [];
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const request of await cache.keys()) {
          if (/\/data\/p-/.test(request.url)) urls.push(request.url) && (await cache.delete(request));
        }
      }
      return urls;
    });
    assert.equal(dropped.length, total);
    await page.reload();
    await expectStatus(page, articles.length);
    await eventually(async () => {
      const [loaded] = await parts(page);
      assert.equal(loaded, total, `${loaded} of ${total} parts`);
      const back = await page.evaluate((urls) => Promise.all(urls.map((url) => caches.match(url).then(Boolean))), dropped);
      assert.deepEqual(back, dropped.map(() => true), 'the parts fetched again are kept again');
    });
    assert.deepEqual(problems, [], 'a clean second visit');

    // Offline: the page, the shell and the archive come from the worker's cache.
    // Chromium's emulation does not always hold back the worker's own fetches
    // (playwright#2311), so the server cuts connections too, as a lost network would.
    const online = server.requests.length;
    await context.setOffline(true);
    server.offline = true;
    await page.reload();
    await expectStatus(page, articles.length);
    await searchAndRead(page);
    // A deep link too.
    await page.goto(`${origin}${BASE_PATH}#q=kopyrkin`);
    await expectStatus(page, articlesMatching(KOPYRKIN));
    // Only the worker's try of the network for the page itself, which failed.
    const reached = server.requests.slice(online).filter((url) => url !== BASE_PATH);
    assert.deepEqual(reached, [], 'offline, nothing but the worker\'s try of the page reached the server');

    // Parts it never fetched (here: dropped from the cache) fail with the app's
    // message, and no result is shown as if the answer were whole.
    await page.evaluate(async () => {
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const request of await cache.keys()) if (/\/data\/p-/.test(request.url)) await cache.delete(request);
      }
    });
    await page.reload();
    await eventually(async () => assert.match(await alert(page).textContent(), /Part of the archive could not be loaded/));
    assert.equal(await results(page).getByRole('listitem').count(), 0, 'no rows from a partial answer');
    // What failed offline: the worker's tries of the network for the page (it then
    // answered from its cache), and the parts no longer kept (the app said so).
    const page_ = new RegExp(`^request failed: ${origin}${BASE_PATH}$`);
    const part = new RegExp(`^request failed: ${origin}${BASE_PATH}data/p-[0-9a-f]{16}\\.bin$`);
    // A part the worker's fetch fails is ERR_FAILED; in Chromium its static route
    // takes a part no cache holds to the network, as if there were no worker.
    const failed = /^console error: Failed to load resource: net::(?:ERR_FAILED|ERR_INTERNET_DISCONNECTED)$/;
    for (const expected of [page_, part, failed]) {
      assert.ok(problems.some((p) => expected.test(p)), `expected a problem like ${expected}: ${problems}`);
    }
    assert.deepEqual(problems.filter((p) => ![page_, part, failed].some((re) => re.test(p))), []);
    problems.length = 0;

    // A newsroom publishes a second edition while the reader is offline.
    const first = edition(readFileSync(join(site, 'index.html'), 'utf8'));
    copy.publish();
    const second = edition(readFileSync(join(site, 'index.html'), 'utf8'));
    assert.notEqual(second, first, 'the second edition names another data file');
    assert.ok(readdirSync(join(site, 'data')).includes(first.slice('data/'.length)), 'the first edition stays one deploy');

    // Back online: the page offers the new edition, politely, and still reads its own.
    // The server first: the browser's `online` event makes the page look for a new
    // edition at once, and a server still cutting connections then would leave it
    // none to find until the next check (CI saw that once).
    server.offline = false;
    await context.setOffline(false);
    const offer = page.locator('.edition [role=status]');
    await eventually(async () => assert.match(await offer.textContent(), /A new edition of the archive is available/));
    assert.equal(await offer.getAttribute('aria-live'), null, 'role=status is polite by itself');
    await alert(page).getByRole('button', { name: 'Try again' }).click();
    await expectStatus(page, articlesMatching(KOPYRKIN));
    assert.equal(await page.evaluate(() => window.clippingsData.url), first, 'the open page keeps its edition');
    // The first edition's parts all in (Try again asked for them again): a Reload
    // that cut one short would make the browser report it as failed, in the page
    // being left, which is not what this test looks at.
    await eventually(async () => {
      const [loaded, all] = await parts(page);
      assert.ok(loaded === all, `${loaded} of ${all} parts`);
    });
    const reload = offer.getByRole('button', { name: 'Reload' });
    const inView = await reload.evaluate((b) => {
      const box = b.getBoundingClientRect();
      return box.width > 0 && box.height > 0 && box.top >= 0 && box.bottom <= innerHeight;
    });
    assert.ok(inView, 'the offer is in view');
    // Reached by the keyboard and taken with Enter.
    await reload.focus();
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Reload');
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);

    // The new edition: one more article, its word found, no offer.
    await expectStatus(page, articlesMatching(KOPYRKIN), articles.length + 1);
    assert.equal(await page.evaluate(() => window.clippingsData.url), second);
    await searchBox(page).fill(NEW_WORD);
    await expectStatus(page, 1, articles.length + 1);
    assert.equal(await page.locator('.edition').count(), 0);

    // It is kept for offline reading too; the first edition's files stay one edition more, no longer.
    await eventually(async () => {
      const [loaded, all] = await parts(page);
      assert.ok(loaded === all, `${loaded} of ${all} parts`);
      assert.deepEqual((await notKept(page)).missing, []);
    });
    const names = await page.evaluate(() => caches.keys());
    assert.equal(names.length, 2, `two generations: ${names}`);
    await eventually(() => assert.equal(hashParams(page).get('q'), NEW_WORD));
    await context.setOffline(true);
    server.offline = true;
    await page.reload();
    await expectStatus(page, 1, articles.length + 1);
    await page.locator('ol[aria-label=Results] mark').first().waitFor();
    assert.deepEqual(problems, [`request failed: ${origin}${BASE_PATH}`], "only the worker's try of the network");
  } finally {
    await context.close();
  }
});

test('the single file, the iframe embed and <clippings-viewer> register no worker', async () => {
  // dist/ as it was built (the test above publishes into its own copy).
  const built = await startServer();
  const origin = `http://127.0.0.1:${built.address().port}`;
  const other = origin.replace('127.0.0.1', 'localhost');
  const file = pathToFileURL(join(dist, 'clippings.html')).href;
  const { context, page, problems, registered } = await open(
    (url) => url.startsWith(origin + '/') || url.startsWith(other + '/') || url.startsWith(file),
  );
  try {
    await page.goto(`${file}#q=kopyrkin`);
    await expectStatus(page, articlesMatching(KOPYRKIN));
    await page.goto(`${origin}${BASE_PATH}clippings.html#q=kopyrkin`);
    await expectStatus(page, articlesMatching(KOPYRKIN));
    await page.goto(`${other}/hosts/iframe.html`);
    const frame = await (await page.locator('iframe[data-clippings]').elementHandle()).contentFrame();
    await expectStatus(frame, articlesMatching(KOPYRKIN));
    await page.goto(`${origin}/hosts/element.html`);
    await page.locator('clippings-viewer#one mark').first().waitFor();
    await page.goto(`${origin}${BASE_PATH}examples/cms.html`);
    await page.locator('iframe[data-clippings]').first().waitFor();
    await page.waitForTimeout(500);
    assert.deepEqual(registered, [], 'no page asked for a worker');
    assert.deepEqual(context.serviceWorkers(), [], 'no worker started');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await new Promise((ok) => built.close(ok));
  }
});

test("the worker keeps the shell whatever the length of Trunk's hash, the archive's files and the language tables", () => {
  // The worker's own pattern, read from the worker as served. Trunk writes its
  // 64-bit hash without leading zeros: one build in 16 has 15 digits or fewer.
  const source = readFileSync(join(dist, 'sw.js'), 'utf8');
  const HASHED_BY_WORKER = new Function(`${source.match(/^const HASHED = .*$/m)[0]}; return HASHED;`)();
  for (const kept of [
    'clippings-3a49836f98c4cb8b.js',
    'clippings-3a49836f98c4cb8b_bg.wasm',
    'clippings-fff7c8e4abdb8ff.js',
    'clippings-fff7c8e4abdb8ff_bg.wasm',
    'main-de0ae20a17b3473.css',
    'data/index-0123456789abcdef.bin',
    'data/p-00000000000000ff.bin',
    'i18n/ru-0123456789abcdef.txt',
  ])
    assert.ok(HASHED_BY_WORKER.test(kept), `${kept} is kept`);
  for (const passed of ['clippings-viewer.js', 'embed.js', 'index.html', 'sw.js', 'data/p-ff.bin', 'data/index-0123.bin', 'i18n/ru.txt'])
    assert.ok(!HASHED_BY_WORKER.test(passed), `${passed} is let through`);
});
