// What a reader does, in every engine a reader has: Chromium, Firefox and
// WebKit (Safari's engine); see engines.mjs. Each body below runs once per
// engine. The hosted build is served under /a/b/ by the harness's server, which
// logs every request whichever browser makes it; dist/clippings.html is opened
// from file://. Every page also fails its test on a page error, console error or
// policy violation (in WebKit, from the moment the page has loaded).

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  BASE_PATH,
  articles,
  articlesMatching,
  axeInPage,
  dist,
  eventually,
  occurrences,
  squash,
  useServer,
} from './harness.mjs';
import { inEveryEngine } from './engines.mjs';

const KOPYRKIN = /\bkopyrkin\b/;
const FILE = pathToFileURL(join(dist, 'clippings.html')).href;
/** The folder edition (`cargo xtask offline`), where offline-folder.test.mjs finds it. */
const FOLDER = resolve(process.env.CLIPPINGS_OFFLINE ?? join(dirname(dist), `${dist.split(/[\\/]/).pop()}-offline`));
const SEARCH = 'input[type=search]';
const RESULT_LINKS = 'ol[aria-label=Results] a.title';
const NEXT = '.reader-bar button:last-of-type';
const PREVIOUS = '.reader-bar button:first-of-type';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * WCAG 2.2 AA violations axe-core finds in the page, or in each of `shadowPaths`
 * (selector paths through shadow roots), as "where rule: targets".
 */
async function axeViolations(page, shadowPaths = null) {
  await page.script(AXE);
  return page.eval(axeInPage, shadowPaths);
}

let server;
let origin;
useServer((s) => ({ server, origin } = s));

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
  'typing a word narrows the list and marks its hits; the history gets one entry per article': async (t, engine) => {
    const page = await openHosted(t, engine);
    await page.expectStatus(articles.length, articles.length);
    const before = await page.eval(() => history.length);
    await searchKopyrkin(page);
    await new Promise((r) => setTimeout(r, 400)); // the address is written once typing pauses
    assert.equal(await page.eval(() => history.length), before, 'typing replaces the history entry');
    await openFirstResult(page);
    assert.equal(await page.eval(() => history.length), before + 1, 'opening an article adds one');
  },

  'lang= speaks Russian (its plural, a date by Intl) and Arabic (right to left)': async (t, engine) => {
    const page = await openHosted(t, engine, '#q=kopyrkin&lang=ru');
    await eventually(async () => assert.equal(squash(await page.text('.status .count')), '3 из 5 статей'));
    assert.equal(await page.attr('[data-clippings-app]', 'lang'), 'ru');
    const dated = articles.find((a) => /^Dec 22 2023$/m.test(a.text));
    await page.eval((id) => (location.hash = `#q=kopyrkin&a=${id}&lang=ru`), dated.id);
    await eventually(async () => assert.match(squash(await page.text('article .date')), /^22 дек\.? 2023/));
    // Another language in the address: the page starts again in it.
    await page.eval(() => (location.hash = '#q=kopyrkin&lang=ar'));
    await eventually(async () => assert.equal(await page.attr('[data-clippings-app]', 'dir'), 'rtl'));
    await eventually(async () => assert.match(squash(await page.text('.status .count')), /^[3٣] من [5٥] /, 'three of five, in either digits'));
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
    // Stepping back from the first hit goes to the last, scrolled into view.
    for (let i = 0; i <= first; i++) await page.click(PREVIOUS);
    await eventually(async () => assert.equal(await currentHit(page), total - 1));
    await eventually(async () => {
      const where = await page.query('article mark.current', ([m]) => {
        const r = m.getBoundingClientRect();
        return { top: r.top, bottom: r.bottom, height: innerHeight };
      });
      assert.ok(where.top >= 0 && where.bottom <= where.height, `the current hit is in view: ${JSON.stringify(where)}`);
    });
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

  'the keyboard: / to search, j and Enter to open, n and N between matches, Escape back': async (t, engine) => {
    const page = await openHosted(t, engine, '#q=kopyrkin');
    await page.expectStatus(articlesMatching(KOPYRKIN), articles.length);
    await eventually(async () => assert.ok((await page.count(RESULT_LINKS)) > 0));
    await page.eval(() => document.activeElement?.blur());
    await page.press('/');
    await eventually(async () => assert.equal(await page.focused((e) => e?.getAttribute('aria-label')), 'Search articles'));
    await page.eval(() => document.activeElement?.blur());
    await page.press('j');
    await eventually(async () => assert.equal(await page.focused((e) => e?.className), 'title'));
    await page.press('Enter');
    await eventually(async () => assert.ok((await page.hashParams()).get('a'), 'Enter opened the article'));
    await eventually(async () => assert.ok((await page.count('article mark')) >= 3));
    await eventually(async () => assert.equal(await page.focused((e) => e?.className), 'article-title'));
    const start = await currentHit(page);
    const total = await page.count('article mark');
    await page.press('n');
    await eventually(async () => assert.equal(await currentHit(page), (start + 1) % total));
    await page.press('N');
    await eventually(async () => assert.equal(await currentHit(page), start));
    await page.press('Escape');
    await eventually(async () => assert.equal((await page.hashParams()).get('a'), null));
    await eventually(async () => assert.equal(await page.count('article'), 0));
  },

  'axe-core finds no WCAG 2.2 AA violation in the list and the reader, light and dark': async (t, engine) => {
    const { id } = articles.find((a) => KOPYRKIN.test(a.text.toLowerCase()));
    for (const [fragment, ready] of [
      ['#q=kopyrkin', 'ol[aria-label=Results] mark'],
      [`#q=kopyrkin&a=${id}`, 'article mark'],
    ]) {
      const page = await openHosted(t, engine, fragment);
      await eventually(async () => assert.ok((await page.count(ready)) > 0));
      assert.deepEqual(await axeViolations(page), [], `${fragment}, light`);
      // Dark as light-dark() resolves it for a reader whose system is dark (the
      // scheme forced the way an embedding page's theme="dark" does, as not every
      // driver can emulate the system's preference).
      await page.query('.clippings', ([b]) => b.setAttribute('data-theme', 'dark'));
      const bg = await page.query('.clippings', ([b]) => getComputedStyle(b).backgroundColor);
      assert.equal(bg, 'rgb(22, 22, 22)', 'dark background');
      assert.deepEqual(await axeViolations(page), [], `${fragment}, dark`);
    }
  },

  'a facet checkbox filters the list and a timeline bar adds a date range': async (t, engine) => {
    const page = await openHosted(t, engine);
    await page.expectStatus(articles.length, articles.length);
    // The first value that would narrow the list: its label ends with the count a
    // click gives. The side panel is drawn a frame after the list, so wait for it.
    let labels = [];
    let n = -1;
    await eventually(async () => {
      labels = await page.texts('.facets li:not([hidden]) label');
      n = labels.findIndex((l) => Number(/\((\d+)\)\s*$/.exec(l)?.[1]) < articles.length);
      assert.ok(n >= 0, `a value that narrows: ${labels}`);
    });
    const count = Number(/\((\d+)\)\s*$/.exec(labels[n])[1]);
    await page.click('.facets li:not([hidden]) input[type=checkbox]', n);
    await page.expectStatus(count, articles.length);
    await eventually(async () => assert.ok((await page.hashParams()).get('f'), 'the filter is in the address'));
    await eventually(async () => assert.equal(await page.count('.facets li:not([hidden]) input:checked'), 1));
    await page.click('.facets li:not([hidden]) input:checked');
    await page.expectStatus(articles.length, articles.length);

    // A bar: a month filter or a week's date range, whichever the timeline draws.
    const bars = await page.count('.timeline .bar');
    assert.ok(bars > 0, 'the timeline has bars');
    await page.click('.timeline .bar .hitbox', 0);
    await eventually(async () => {
      const params = await page.hashParams();
      assert.ok(params.get('f')?.startsWith('month:') || /date:/.test(params.get('q') ?? ''), `${params}`);
    });
    await eventually(async () => assert.equal(await page.count('.timeline .bar.selected'), 1));
  },

  'the folder edition from file:// loads its data from its folder and searches': async (t, engine) => {
    assert.ok(existsSync(join(FOLDER, 'clippings.html')), `no folder edition in ${FOLDER}: run cargo xtask offline`);
    const folder = pathToFileURL(FOLDER).href + '/';
    const page = await engine.open(t, `${folder}clippings.html#q=kopyrkin`, { isOwn: (url) => url.startsWith(folder) });
    await page.expectStatus(articlesMatching(KOPYRKIN), articles.length);
    await eventually(async () => assert.ok((await page.count('ol[aria-label=Results] mark')) > 0));
    await page.fill(SEARCH, 'lavrov');
    await page.expectStatus(articlesMatching(/\blavrov\b/), articles.length);
    if (page.requests) {
      const outside = page.requests.filter((url) => !url.startsWith(folder) && !url.startsWith('data:'));
      assert.deepEqual(outside, [], 'only files in the folder');
      assert.ok(page.requests.some((url) => /\/data\/p-[0-9a-f]{16}\.js$/.test(url)), `the parts came from data/: ${page.requests}`);
    }
  },

  'an element keeps its state and its keys to itself, and shows where the focus is': async (t, engine) => {
    const page = await engine.open(t, `${origin}/hosts/element.html`, { isOwn: own });
    const one = 'clippings-viewer#one >>> ';
    const two = 'clippings-viewer#two >>> ';
    await page.expectStatus(articlesMatching(/kopyrkin/), articles.length, one);
    await page.expectStatus(articlesMatching(/csto/), articles.length, two);
    await page.click(`${one}ol[aria-label=Results] a.title`);
    await eventually(async () => assert.ok((await page.count(`${one}article mark`)) > 0));
    assert.equal(new URL(await page.url()).hash, '', "the host's address does not change");
    assert.equal(await page.count(`${two}article`), 0, 'the other element still lists results');
    // The focus moved to the article's title, inside the element's shadow root.
    await eventually(async () => assert.equal(await page.focused((e) => e?.className), 'article-title'));
    const hit = () => page.query(`${one}article mark`, (marks) => marks.findIndex((m) => m.classList.contains('current')));
    const start = await hit();
    await page.press('n');
    await eventually(async () => assert.equal(await hit(), start + 1, 'n reached the element'));
    // Keys typed in one element reach only that element.
    await page.query(`${one}.reader-bar button:last-of-type`, ([b]) => b.focus());
    await page.press('?');
    await eventually(async () => assert.equal(await page.query(`${one}#help`, ([h]) => !!h && !h.hidden && h.getBoundingClientRect().height > 0), true));
    assert.equal(await page.count(`${two}#help`), 0, 'the key reached only its own element');
    await page.press('Escape');
    await page.press('Escape');
    await eventually(async () => assert.equal(await page.count(`${one}article`), 0, 'Esc went back to the list'));
    // Tab from the search box moves to the sort switch beside it, which shows a focus ring.
    await page.click(`${two}${SEARCH}`);
    await page.press('Tab');
    await eventually(async () => assert.equal(await page.focused((e) => e?.getAttribute('aria-label')), 'Sort'));
    const ring = await page.focused((e) => getComputedStyle(e).outlineStyle);
    assert.notEqual(ring, 'none', 'the focused control inside the element shows a focus ring');
  },

  'Export CSV and Export JSON download the list, and the concordance its lines': async (t, engine) => {
    const expected = articlesMatching(KOPYRKIN);
    const page = await openHosted(t, engine, '#q=kopyrkin');
    await page.expectStatus(expected, articles.length);
    await eventually(async () => assert.equal(await page.count(RESULT_LINKS), expected));
    const download = async (button) => {
      await page.click('.exports button', button);
      return eventually(async () => {
        const files = await page.downloads();
        assert.equal(files.length, 1, `one download: ${files.map((f) => f.name)}`);
        return files[0];
      });
    };
    const csv = await download(0);
    assert.equal(csv.name, 'clippings-results.csv');
    const rows = csv.text.trim().split(/\r?\n/);
    assert.equal(rows[0], 'id,title,date,byline,score,snippet,group');
    assert.equal(rows.length, expected + 1, 'a row per result');
    const json = await download(1);
    assert.equal(json.name, 'clippings-results.json');
    const list = JSON.parse(json.text);
    assert.equal(list.length, expected);
    assert.ok(list.every((r) => /kopyrkin/i.test(r.snippet)), 'each snippet has the word');

    await page.click('.views button', 1); // Concordance
    // The table fills in slices, with a note below it until the last one is drawn.
    await eventually(async () => {
      assert.ok((await page.count('table[aria-label=Concordance] tbody tr')) > 0);
      assert.equal(await page.count('table[aria-label=Concordance] + p.note'), 0, 'every line is drawn');
    });
    const lines = await page.count('table[aria-label=Concordance] tbody tr');
    const kwic = JSON.parse((await download(1)).text);
    assert.equal(kwic.length, lines, 'a line per hit');
    assert.ok(kwic.every((l) => l.hit.toLowerCase() === 'kopyrkin'), JSON.stringify(kwic[0]));
  },

  'on a 320px phone nothing scrolls sideways, in the list and in the reader': async (t, engine) => {
    // hosts/phone.html: the app at #q=kopyrkin in a 320 × 640 frame on its own origin.
    const page = await engine.open(t, `${origin}/hosts/phone.html`, { isOwn: own });
    const phone = (body) =>
      page.eval(
        (body) => {
          const w = document.querySelector('#phone').contentWindow;
          const d = w.document;
          const all = (s) => [...d.querySelectorAll(s)];
          return {
            width: w.innerWidth,
            scroll: d.documentElement.scrollWidth,
            status: d.querySelector('[role=status]')?.textContent ?? '',
            marks: all(body).length,
            columns: d.querySelector('.layout') ? getComputedStyle(d.querySelector('.layout')).gridTemplateColumns.split(' ').length : 0,
            search: d.querySelector('input[type=search]')?.getBoundingClientRect().width ?? 0,
          };
        },
        body,
      );
    const list = await eventually(async () => {
      const now = await phone('ol[aria-label=Results] mark');
      assert.match(squash(now.status), new RegExp(`^${articlesMatching(KOPYRKIN)} of ${articles.length} articles`));
      assert.ok(now.marks > 0, 'marks in the list');
      return now;
    });
    assert.equal(list.width, 320);
    assert.ok(list.scroll <= list.width, `the list is ${list.scroll}px wide in a ${list.width}px viewport`);
    assert.equal(list.columns, 1, 'results and filters in one column');
    assert.ok(list.search > 100, `the search box is ${list.search}px wide`);
    const { id } = articles.find((a) => KOPYRKIN.test(a.text.toLowerCase()));
    await page.eval((id) => (document.querySelector('#phone').contentWindow.location.hash = `#q=kopyrkin&a=${id}`), id);
    const reader = await eventually(async () => {
      const now = await phone('article mark');
      assert.ok(now.marks > 0, 'marks in the reader');
      return now;
    });
    assert.ok(reader.scroll <= reader.width, `the reader is ${reader.scroll}px wide in a ${reader.width}px viewport`);
  },

  'the demo page examples/cms.html shows both embeds working next to its hostile stylesheet': async (t, engine) => {
    const other = origin.replace('127.0.0.1', 'localhost');
    const page = await engine.open(t, `${origin}${BASE_PATH}examples/cms.html?hostile=1&cross=1&accent=1`, {
      isOwn: (url) => own(url) || url.startsWith(other + '/'),
    });
    assert.equal(await page.query('#hostile', ([l]) => l.disabled), false, 'the hostile sheet is on');
    assert.match(await page.attr('iframe', 'src'), /^http:\/\/localhost:\d+\/a\/b\/clippings\.html/, 'the iframe comes from the other origin');
    await eventually(async () => assert.ok((await page.query('iframe', ([f]) => f.clientHeight)) > 400, 'embed.js sized the frame'));
    assert.equal(await page.count('clippings-viewer'), 2);
    for (const [n, word] of [
      [0, /csto/],
      [1, /pashinyan/],
    ]) {
      await eventually(async () => {
        const box = await page.query(`clippings-viewer >>> mark`, (marks, i, w) => {
          const m = marks.find((x) => x.getRootNode().host === document.querySelectorAll('clippings-viewer')[i]);
          const r = m?.getBoundingClientRect();
          return m && new RegExp(w, 'i').test(m.textContent) ? r.width : 0;
        }, n, word.source);
        assert.ok(box > 0, `a visible <mark> for ${word} in element ${n}`);
      });
    }
  },

  'inside each <clippings-viewer>, axe-core finds no WCAG 2.2 AA violation (house colour, forced dark)': async (t, engine) => {
    // axe-core measures contrast with <style> elements of its own, which the host's
    // policy blocks in Chromium (not where the driver's scripts are exempt from it);
    // nothing else may fail.
    const page = await engine.open(t, `${origin}/hosts/element.html`, { isOwn: own, allowProblems: [/style-src|inline style/i] });
    await page.expectStatus(articlesMatching(/kopyrkin/), articles.length, 'clippings-viewer#one >>> ');
    await page.expectStatus(articlesMatching(/csto/), articles.length, 'clippings-viewer#two >>> ');
    await page.expectStatus(articlesMatching(/pashinyan/), articles.length, 'clippings-viewer#three >>> ');
    const paths = ['one', 'two', 'three'].map((id) => [`clippings-viewer#${id}`, '.clippings']);
    assert.deepEqual(await axeViolations(page, paths), []);
  },

  'messages of the wrong shape, from the wrong window or from the wrong origin are ignored': async (t, engine) => {
    // hosts/impostor.html: #target is the app (from 127.0.0.1, registered with embed.js),
    // #sibling an unregistered page of another origin (localhost).
    const other = origin.replace('127.0.0.1', 'localhost');
    const page = await engine.open(t, `${other}/hosts/impostor.html`, {
      isOwn: (url) => own(url) || url.startsWith(other + '/'),
    });
    const target = await page.frame('#target');
    const sibling = await page.frame('#sibling');
    await target.expectStatus(articlesMatching(/kopyrkin/), articles.length);
    await eventually(async () => assert.ok((await page.query('#target', ([f]) => f.clientHeight)) > 400));
    await page.eval(() => {
      window.resizes = [];
      for (const f of document.querySelectorAll('iframe')) {
        f.addEventListener('clippings:resize', (e) => window.resizes.push(e.detail.height));
      }
    });
    const resizes = () => page.eval(() => window.resizes);

    // Host side: the registered frame, at its own origin, but malformed.
    await target.eval(() => {
      const bad = [
        'height 5',
        { type: 'height', height: 5 },
        { source: 'clippings', version: 2, type: 'height', height: 5 },
        { source: 'clippings', version: 1, type: 'height', height: '5' },
        { source: 'clippings', version: 1, type: 'height', height: 1e9 },
        { source: 'clippings', version: 1, type: 'height', height: -5 },
        { source: 'clippings', version: 1, type: 'height', height: NaN },
        { source: 'clippings', version: 1, type: 'state', fragment: '#q=x' }, // mirroring was not asked for
      ];
      for (const m of bad) parent.postMessage(m, '*');
    });
    // An unregistered frame of another origin, well-formed.
    await sibling.eval(() => parent.postMessage({ source: 'clippings', version: 1, type: 'height', height: 77 }, '*'));
    // Frame side: a window that is not the frame's parent tries to steer it.
    await sibling.eval(() => {
      for (const type of ['hello', 'navigate']) {
        parent.frames[0].postMessage({ source: 'clippings-host', version: 1, type, fragment: '#q=evil' }, '*');
      }
    });
    // The control: a well-formed message from the right window and origin is obeyed.
    await target.eval(() => parent.postMessage({ source: 'clippings', version: 1, type: 'height', height: 321 }, '*'));
    await eventually(async () => assert.ok((await resizes()).includes(321), 'the control message resized the frame'));
    for (const h of [5, 77, 1e9, 0]) assert.ok(!(await resizes()).includes(h), `resized to ${h}: ${await resizes()}`);
    assert.equal(await target.query('input[type=search]', ([i]) => i.value), 'Kopyrkin', 'the frame ignored the sibling');
    assert.equal(new URL(await page.url()).hash, '', 'nothing was mirrored');

    // The same window after it navigated to another origin is not trusted any more.
    await target.eval((url) => (location.href = url), `${other}/hosts/blank.html`);
    await eventually(async () => assert.match(await target.url(), /blank\.html$/));
    await target.eval(() => parent.postMessage({ source: 'clippings', version: 1, type: 'height', height: 123 }, '*'));
    await target.eval(() => parent.postMessage({ source: 'clippings', version: 1, type: 'ready' }, '*'));
    await new Promise((r) => setTimeout(r, 300));
    assert.ok(!(await resizes()).includes(123), `a frame now on another origin resized it: ${await resizes()}`);
  },
});
