// What a reader does, in every engine a reader has: Chromium, Firefox and
// WebKit (Safari's engine); see engines.mjs. Each body below runs once per
// engine. The hosted build is served under /a/b/ by the harness's server, which
// logs every request whichever browser makes it; dist/clippings.html is opened
// from file://. Every page also fails its test on a page error, console error or
// policy violation (in WebKit, from the moment the page has loaded).

import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BASE_PATH, articles, articlesMatching, dist, eventually, occurrences, squash, startServer } from './harness.mjs';
import { inEveryEngine } from './engines.mjs';

const KOPYRKIN = /\bkopyrkin\b/;
const FILE = pathToFileURL(join(dist, 'clippings.html')).href;
const SEARCH = 'input[type=search]';
const RESULT_LINKS = 'ol[aria-label=Results] a.title';
const NEXT = '.reader-bar button:last-of-type';
const PREVIOUS = '.reader-bar button:first-of-type';

let server;
let origin;
before(async () => {
  server = await startServer();
  origin = `http://127.0.0.1:${server.address().port}`;
});
after(() => new Promise((ok) => server.close(ok)));

const own = (url) => url.startsWith(origin + '/');
const openHosted = (t, engine, fragment = '', options = {}) =>
  engine.open(t, origin + BASE_PATH + fragment, { isOwn: own, ...options });

/** Type kopyrkin key by key and check the list, its marks and the address. */
async function searchKopyrkin(page) {
  await page.expectStatus(articles.length, articles.length);
  await page.type(SEARCH, 'kopyrkin');
  const expected = articlesMatching(KOPYRKIN);
  await page.expectStatus(expected, articles.length);
  await eventually(async () => assert.equal(await page.count(RESULT_LINKS), expected));
  await eventually(async () => assert.ok((await page.count('ol[aria-label=Results] mark')) >= expected));
  for (const text of await page.texts('ol[aria-label=Results] mark')) assert.equal(text.toLowerCase(), 'kopyrkin');
  // Marks are drawn: they have a box and a background of their own.
  const look = await page.query('ol[aria-label=Results] mark', ([m]) => {
    const box = m.getBoundingClientRect();
    return { sized: box.width > 0 && box.height > 0, bg: getComputedStyle(m).backgroundColor };
  });
  assert.ok(look.sized, 'the mark has a size');
  assert.notEqual(look.bg, 'rgba(0, 0, 0, 0)', 'the mark has a background');
  await eventually(async () => assert.equal((await page.hashParams()).get('q'), 'kopyrkin'));
}

/** Index of the current mark in the article (-1: none). */
const currentHit = (page) =>
  page.query('article mark', (marks) => marks.findIndex((m) => m.classList.contains('current')));

/** The article `id` is shown, every mark reads kopyrkin, and the address names it. */
async function expectArticle(page, id) {
  const { text } = articles.find((a) => a.id === id);
  const paragraph = squash(text.split('\n').sort((a, b) => b.length - a.length)[0]).slice(0, 60);
  await eventually(async () => assert.ok(squash((await page.text('article')) ?? '').includes(paragraph)));
  const body = occurrences(KOPYRKIN, text.trimStart().split('\n').slice(1).join('\n'));
  await eventually(async () => {
    const count = await page.count('article mark');
    assert.ok(count >= body && count > 0, `${count} marks, expected at least ${body}`);
  });
  for (const hit of await page.texts('article mark')) assert.equal(hit.toLowerCase(), 'kopyrkin');
  assert.equal((await page.hashParams()).get('a'), id);
}

/** Open the first result and return its id. */
async function openFirstResult(page) {
  const href = await page.attr(RESULT_LINKS, 'href');
  const id = new URLSearchParams(href.replace(/^.*#/, '')).get('a');
  assert.ok(articles.some((a) => a.id === id), `result link ${href} names an article`);
  await page.click(RESULT_LINKS);
  await expectArticle(page, id);
  return id;
}

inEveryEngine({
  'typing a word narrows the list and marks its hits': async (t, engine) => {
    const page = await openHosted(t, engine);
    await searchKopyrkin(page);
  },

  'the reader steps through the hits with Next and Previous match': async (t, engine) => {
    const page = await openHosted(t, engine);
    await searchKopyrkin(page);
    await openFirstResult(page);
    const total = await page.count('article mark');
    assert.ok(total >= 3, 'the first result should have several hits to step through');
    const start = await currentHit(page);
    const first = (start + 1) % total;
    await page.click(NEXT);
    await eventually(async () => assert.equal(await currentHit(page), first));
    await eventually(async () => assert.equal(squash(await page.text('.reader-bar .position')), `Match ${first + 1} of ${total}`));
    await page.click(NEXT);
    await eventually(async () => assert.equal(await currentHit(page), (first + 1) % total));
    await page.click(PREVIOUS);
    await eventually(async () => assert.equal(await currentHit(page), first));
  },

  'reload keeps the query and the article; Back returns to the list': async (t, engine) => {
    const page = await openHosted(t, engine);
    await searchKopyrkin(page);
    const id = await openFirstResult(page);
    await page.reload();
    await expectArticle(page, id);
    assert.equal(await page.query(SEARCH, ([i]) => i.value), 'kopyrkin');
    await page.back();
    await eventually(async () => assert.equal((await page.hashParams()).get('a'), null));
    await page.expectStatus(articlesMatching(KOPYRKIN), articles.length);
    await eventually(async () => assert.equal(await page.count('article'), 0));
    assert.equal((await page.hashParams()).get('q'), 'kopyrkin');
  },

  'under /a/b/, the page loads only its own files, then searches and reads without a request': async (t, engine) => {
    const first = server.requests.length;
    const page = await openHosted(t, engine);
    await page.expectStatus(articles.length, articles.length);
    await eventually(async () => assert.ok((await page.count(RESULT_LINKS)) > 0));
    const loaded = server.requests.slice(first);
    assert.ok(loaded.length > 0, 'the server saw the page load');
    for (const path of loaded) assert.ok(path.startsWith(BASE_PATH) || path === '/favicon.ico', `asked for ${path}`);
    const before = server.requests.length;
    await searchKopyrkin(page);
    await openFirstResult(page);
    await page.click(NEXT);
    await page.click('.reader-bar a.back');
    await eventually(async () => assert.equal(await page.count('article'), 0));
    await page.fill(SEARCH, '"peace treaty" OR armenia');
    await eventually(async () => assert.ok((await page.count(RESULT_LINKS)) > 0));
    assert.deepEqual(server.requests.slice(before), [], 'no request after loading');
  },

  'the single file from file:// searches, reads and asks for nothing': async (t, engine) => {
    const withoutFragment = (url) => url.replace(/#.*$/s, '');
    const page = await engine.open(t, FILE, { isOwn: (url) => withoutFragment(url) === FILE });
    await searchKopyrkin(page);
    await openFirstResult(page);
    // Its policy cuts every connection; the app works under it.
    const policy = await page.attr('meta[http-equiv=Content-Security-Policy]', 'content');
    assert.match(policy, /connect-src 'none'/);
    assert.deepEqual((await page.resources()).filter((url) => !url.startsWith('data:')), []);
    if (page.requests) {
      const asked = page.requests.map(withoutFragment).filter((url) => !url.startsWith('data:') && url !== FILE);
      assert.deepEqual(asked, [], 'the file should be the only request');
    }
  },

  'two <clippings-viewer> elements search on their own, themed, next to hostile CSS': async (t, engine) => {
    const other = origin.replace('127.0.0.1', 'localhost');
    const page = await engine.open(t, `${origin}/hosts/element.html`, {
      isOwn: (url) => own(url) || url.startsWith(other + '/'),
    });
    const one = 'clippings-viewer#one >>> ';
    const two = 'clippings-viewer#two >>> ';
    await page.expectStatus(articlesMatching(/kopyrkin/), articles.length, one);
    await page.expectStatus(articlesMatching(/csto/), articles.length, two);
    await page.fill(`${one}${SEARCH}`, 'Pashinyan');
    await page.expectStatus(articlesMatching(/pashinyan/), articles.length, one);
    assert.equal(await page.query(`${two}${SEARCH}`, ([i]) => i.value), 'CSTO', 'the other element kept its query');
    for (const [scope, word] of [
      [one, 'pashinyan'],
      [two, 'csto'],
    ]) {
      await eventually(async () => assert.equal((await page.text(`${scope}mark`))?.toLowerCase(), word));
      const look = await page.query(`${scope}.clippings`, ([b]) => {
        const mark = b.querySelector('mark').getBoundingClientRect();
        const s = getComputedStyle(b);
        return {
          mark: mark.width > 0 && mark.height > 0,
          input: b.querySelector('input[type=search]').getBoundingClientRect().width > 100,
          font: [s.fontStyle, s.fontSize],
        };
      });
      assert.deepEqual(look, { mark: true, input: true, font: ['normal', '16px'] }, `inside ${scope}`);
    }
    // The host keeps its own styles; the documented custom property and theme="dark" reach inside.
    assert.equal(await page.query('#host-mark', ([m]) => getComputedStyle(m).display), 'none');
    const link = await page.query(`${one}ol[aria-label=Results] a.title`, ([a]) => getComputedStyle(a).color);
    assert.equal(link, 'rgb(164, 0, 42)');
    const background = (scope) => page.query(`${scope}.clippings`, ([b]) => getComputedStyle(b).backgroundColor);
    assert.equal(await background(two), 'rgb(22, 22, 22)', 'theme="dark" (light-dark())');
    assert.equal(await background(one), 'rgb(253, 253, 251)');
    // A 320px column gets the compact layout (a container query); a wide one keeps two columns.
    const columns = (scope) =>
      page.query(`${scope}.layout`, ([l]) => getComputedStyle(l).gridTemplateColumns.split(' ').length);
    await page.expectStatus(articlesMatching(/pashinyan/), articles.length, 'clippings-viewer#three >>> ');
    assert.equal(await columns('clippings-viewer#three >>> '), 1);
    assert.equal(await columns(two), 2);
    const overflow = await page.query('clippings-viewer#three >>> .clippings', ([b]) => b.scrollWidth - b.clientWidth);
    assert.equal(overflow, 0, 'nothing sticks out of the 320px column');
  },

  'an iframe on another origin, sandboxed, is sized to its content and mirrors its state': async (t, engine) => {
    const other = origin.replace('127.0.0.1', 'localhost');
    const page = await engine.open(t, `${other}/hosts/iframe.html`, {
      isOwn: (url) => own(url) || url.startsWith(other + '/'),
    });
    // embed.js grows the frame from 150px when the app (opaque origin) says how tall it is…
    await eventually(async () => assert.ok((await page.query('iframe', ([f]) => f.clientHeight)) > 400, 'frame sized'));
    // …and mirrors its state into the host's address.
    await eventually(async () => assert.equal((await page.hashParams()).get('archive'), 'q=Kopyrkin'));
    assert.equal(squash(await page.text('#own')), "The host's own heading");
  },

  'a policy violation is caught in this engine too (the checks above are not vacuous)': async (t, engine) => {
    const page = await openHosted(t, engine, '', { expectProblems: [/script-src/] });
    await page.expectStatus(articles.length, articles.length);
    await page.eval(() => {
      const script = document.createElement('script');
      script.textContent = 'window.injected = true';
      document.head.append(script);
    });
    assert.equal(await page.eval(() => window.injected ?? null), null, 'the injected script must not run');
    await eventually(async () =>
      assert.ok((await page.problems()).some((p) => /securitypolicyviolation: script-src/.test(p)), 'the event was seen'),
    );
  },
});
