// `cargo xtask check [DIR]`: a newsroom's own build, whatever its articles, in
// every engine a reader has (engines.mjs: Chromium, Firefox, WebKit). Nothing
// here knows the corpus: the word searched is read off the site's own first
// result. The hosted build is served under /a/b/ (every request logged, whichever
// browser asks), the single file is opened from file://; each page also fails on
// a page error, console error or policy violation. `cargo xtask test` runs it on
// the seeds' build, so the check itself is checked.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BASE_PATH, axeInPage, dist, eventually, squash, useServer } from './harness.mjs';
import { inEveryEngine } from './engines.mjs';

const SEARCH = 'input[type=search]';
const RESULT_LINKS = 'ol[aria-label=Results] a.title';
const SINGLE_FILE = join(dist, 'clippings.html');
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let server;
let origin;
useServer((s) => ({ server, origin } = s));

/** The numbers of the status line, "<shown> of <total> articles", once it reads so. */
async function status(page, check = () => {}) {
  return eventually(async () => {
    const text = squash((await page.text('[role=status]')) ?? '');
    const m = text.match(/^([\d,]+) of ([\d,]+) articles?\b/);
    assert.ok(m, `status is "${text}"`);
    const number = (digits) => Number(digits.replaceAll(',', ''));
    const numbers = { shown: number(m[1]), total: number(m[2]) };
    check(numbers);
    return numbers;
  });
}

/**
 * The whole archive listed, then a word of its first title searched (typed key by
 * key), its hits marked in the list, the first result opened with its hits marked.
 */
async function searchAndRead(page) {
  const { total } = await status(page, (n) => assert.equal(n.shown, n.total, 'every article listed'));
  assert.ok(total > 0, 'the archive has articles');
  const title = await eventually(async () => {
    const text = await page.text(RESULT_LINKS);
    assert.ok(text, 'a first result');
    return text;
  });
  const word = [...(title.match(/\p{L}{4,}/gu) ?? [])].sort((a, b) => b.length - a.length)[0];
  assert.ok(word, `a word to search in the first title: ${title}`);
  await page.type(SEARCH, word);
  await eventually(async () => assert.equal((await page.hashParams()).get('q'), word));
  await status(page, (n) => assert.ok(n.shown >= 1 && n.total === total, `${word}: ${n.shown} of ${n.total}`));
  await eventually(async () => assert.ok((await page.count('ol[aria-label=Results] mark')) > 0, `${word} marked`));
  await page.click(RESULT_LINKS);
  await eventually(async () => assert.ok((await page.count('article mark')) > 0, `${word} marked in the article`));
  assert.ok((await page.hashParams()).get('a'), 'the address names the article');
  return word;
}

inEveryEngine({
  'the hosted build under /a/b/ asks only for its own files, searches a word of its own and reads': async (
    t,
    engine,
  ) => {
    const first = server.requests.length;
    const page = await engine.open(t, origin + BASE_PATH, { isOwn: (url) => url.startsWith(origin + '/') });
    await searchAndRead(page);
    for (const path of server.requests.slice(first)) {
      assert.ok(path.startsWith(BASE_PATH) || path === '/favicon.ico', `asked for ${path}`);
    }
    const policy = await page.attr('meta[http-equiv=Content-Security-Policy]', 'content');
    assert.match(policy ?? '', /^default-src 'none';/, 'the page carries its policy');
    assert.doesNotMatch(policy, /'unsafe-inline'|'unsafe-eval'/);
  },

  'the single file from file:// searches and reads with nothing fetched': async (t, engine) => {
    if (!existsSync(SINGLE_FILE)) {
      t.skip(`no ${SINGLE_FILE}: the archive is too large for one file`);
      return;
    }
    const file = pathToFileURL(SINGLE_FILE).href;
    const page = await engine.open(t, file, { isOwn: (url) => url.replace(/#.*$/s, '') === file });
    await searchAndRead(page);
    assert.match(await page.attr('meta[http-equiv=Content-Security-Policy]', 'content'), /connect-src 'none'/);
    assert.deepEqual((await page.resources()).filter((url) => !url.startsWith('data:')), []);
  },

  'axe-core finds no WCAG 2.2 AA violation in the list or the reader': async (t, engine) => {
    const page = await engine.open(t, origin + BASE_PATH, { isOwn: (url) => url.startsWith(origin + '/') });
    await status(page);
    await page.script(AXE);
    assert.deepEqual(await page.eval(axeInPage, null), [], 'in the list');
    await searchAndRead(page);
    assert.deepEqual(await page.eval(axeInPage, null), [], 'in the reader');
  },
});
