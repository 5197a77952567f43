// The test corpus (tests/corpora/browser) in every engine (see
// ../browser/engines.mjs): markup and script in the articles show as text and
// nothing runs, and other scripts are found and marked.

import assert from 'node:assert/strict';
import { BASE_PATH, articles, eventually, useServer } from '../browser/harness.mjs';
import { inEveryEngine } from '../browser/engines.mjs';

const TITLE = '<script>alert("title")</script> Markup in a headline </article>';
const RESULTS = 'ol[aria-label=Results]';

let origin;
useServer((s) => ({ origin } = s));

const open = (t, engine, fragment) =>
  engine.open(t, origin + BASE_PATH + fragment, { isOwn: (url) => url.startsWith(origin + '/') });

/** Elements the corpus text would create if it were parsed as HTML. */
const injected = (page) =>
  page.eval(() => ({
    img: document.querySelectorAll('img').length,
    iframe: document.querySelectorAll('iframe').length,
    bold: document.querySelectorAll('main b').length,
    scripts: [...document.scripts].filter((s) => s.textContent.includes('alert')).length,
    alerted: window.__alerted ?? 0,
  }));
const NOTHING = { img: 0, iframe: 0, bold: 0, scripts: 0, alerted: 0 };

inEveryEngine({
  'markup in titles and text is listed, read and titled as text; nothing runs': async (t, engine) => {
    const page = await open(t, engine, '#q=zebra');
    await page.eval(() => {
      window.alert = () => (window.__alerted = (window.__alerted ?? 0) + 1);
    });
    await page.expectStatus(1, articles.length);
    await eventually(async () => assert.equal(await page.text(`${RESULTS} a.title`), TITLE));
    assert.match(await page.text(`${RESULTS} .snippet`), /<\/article> tag\. The word zebra/u);
    assert.deepEqual(await page.texts(`${RESULTS} mark`), ['zebra']);
    assert.deepEqual(await injected(page), NOTHING);

    await page.click(`${RESULTS} a.title`);
    await eventually(async () => assert.equal(await page.count('article mark'), 2));
    const text = await page.text('article');
    for (const piece of ['<script>alert(1)</script>', '"><img src=x onerror=alert(2)>', 'javascript:alert(3)', '{{constructor', '<b>bold</b> &amp; entities']) {
      assert.ok(text.includes(piece), `reader shows ${piece}`);
    }
    assert.equal(await page.eval(() => document.title), `${TITLE} — Clippings`);
    assert.equal(await page.count('article a'), 0, 'javascript: text is not a link');
    assert.deepEqual(await injected(page), NOTHING);
  },

  'typing the hostile words searches them as words': async (t, engine) => {
    const page = await open(t, engine, '');
    await page.expectStatus(articles.length, articles.length);
    await page.type('input[type=search]', 'onerror');
    await page.expectStatus(1, articles.length);
    await page.fill('input[type=search]', '<script>');
    await page.expectStatus(2, articles.length);
    assert.deepEqual(await injected(page), NOTHING);
  },

  'other scripts are found and marked: Armenian case folding, Chinese pairs': async (t, engine) => {
    for (const [query, id, marked] of [
      ['երևան', 'hy_erevan', 'ԵՐԵՎԱՆ'],
      ['东京', 'zh_tokyo', '东京'],
    ]) {
      const page = await open(t, engine, `#q=${encodeURIComponent(query)}&a=${id}`);
      await eventually(async () => {
        const marks = await page.texts('article mark');
        assert.ok(marks.some((m) => m.includes(marked)), `${query}: reader marks ${JSON.stringify(marks)}`);
      });
    }
  },
});
