// The interface in each language of i18n/: the status line's plural forms, a
// date in the reader, the help panel and axe-core, read from the tables
// themselves (a small second implementation of their format, below, is the
// oracle); the fragment's lang= overriding, the browser's languages choosing,
// right to left for Arabic, and the embeds taking the host page's language.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { articles, axeViolations, eventually, repo, useApp, WITHOUT_SERVICE_WORKER } from './harness.mjs';

const app = useApp();

/** Every table of i18n/: { lang: { '@locale': …, key: text } }. */
const tables = Object.fromEntries(
  readdirSync(join(repo, 'i18n'))
    .filter((f) => f.endsWith('.txt'))
    .map((f) => {
      const entries = readFileSync(join(repo, 'i18n', f), 'utf8')
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith('#'))
        .map((l) => l.split(/\s*=\s*(.*)/s).slice(0, 2));
      return [f.replace(/\.txt$/, ''), Object.fromEntries(entries)];
    }),
);
const LANGS = ['en', 'ru', 'hy', 'ka', 'ar'];

/** A message of `lang` filled in with `values`, as i18n/README.md says: the oracle. */
function say(lang, key, values = {}) {
  const table = tables[lang];
  const locale = table['@locale'];
  const plural = new Intl.PluralRules(locale);
  const fill = (text) => {
    let out = '';
    for (let i = 0; i < text.length; ) {
      if (text[i] !== '{') {
        out += text[i++];
        continue;
      }
      let depth = 0;
      let j = i;
      for (; j < text.length; j++) {
        if (text[j] === '{') depth++;
        else if (text[j] === '}' && --depth === 0) break;
      }
      const inner = text.slice(i + 1, j);
      i = j + 1;
      const parts = [];
      let d = 0;
      let start = 0;
      for (let k = 0; k < inner.length; k++) {
        if (inner[k] === '{') d++;
        else if (inner[k] === '}') d--;
        else if (inner[k] === '|' && d === 0) {
          parts.push(inner.slice(start, k));
          start = k + 1;
        }
      }
      parts.push(inner.slice(start));
      const value = values[parts[0]];
      if (parts.length === 1) {
        out += typeof value === 'number' ? value.toLocaleString(locale) : value;
        continue;
      }
      const forms = Object.fromEntries(parts.slice(1).map((p) => [p.slice(0, p.indexOf(':')), p.slice(p.indexOf(':') + 1)]));
      out += fill(forms[`=${value}`] ?? forms[plural.select(value)] ?? forms.other);
    }
    return out;
  };
  assert.ok(key in table, `${lang} has ${key}`);
  return fill(table[key]);
}

const status = (page) => page.locator('.status .count');

test('every language has every key of the English table, and only those', () => {
  const keys = Object.keys(tables.en).sort();
  for (const lang of LANGS) assert.deepEqual(Object.keys(tables[lang]).sort(), keys, lang);
});

for (const lang of LANGS) {
  test(`${lang}: the status line's plural forms for 1, 3 and 5 results`, async (t) => {
    const page = await app.open(t, `#lang=${lang}`);
    const root = page.locator('[data-clippings-app]');
    await eventually(async () => assert.equal(await root.getAttribute('lang'), lang));
    assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
    const total = articles.length;
    for (const [query, shown] of [['', 5], ['kopyrkin', 3], ['lavrov', 1]]) {
      await page.goto(`${app.origin}/a/b/#q=${query}&lang=${lang}`);
      const want = say(lang, 'status-count', { shown, total });
      await eventually(async () => assert.equal(await status(page).textContent(), want));
    }
  });

  test(`${lang}: a date in the reader, the help panel, and axe-core`, async (t) => {
    const dated = articles.find((a) => /^Dec 22 2023$/m.test(a.text));
    assert.ok(dated, "the seeds have an article dated 22 Dec 2023");
    const page = await app.open(t, `#q=kopyrkin&lang=${lang}`);
    await eventually(async () => assert.equal(await status(page).textContent(), say(lang, 'status-count', { shown: 3, total: 5 })));
    // The help panel: its button and captions in the language.
    await page.getByRole('button', { name: say(lang, 'help-label') }).click();
    const help = page.getByRole('region', { name: say(lang, 'help-label') });
    await eventually(async () => {
      const text = await help.textContent();
      for (const key of ['help-syntax', 'help-keyboard', 'help-or', 'key-focus', 'help-close']) {
        assert.ok(text.includes(say(lang, key)), `${lang}: the help panel says ${key}: ${text}`);
      }
    });
    assert.deepEqual(await axeViolations(page), [], `${lang}: results with help`);
    // The dated article in the reader: its date as the browser's Intl writes it in the language.
    await page.goto(`${app.origin}/a/b/#q=kopyrkin&a=${dated.id}&lang=${lang}`);
    await page.locator('article').waitFor();
    // As this browser's own Intl writes it for the table's locale (its CLDR
    // data, not node's), or, where it has no data for the locale (Chromium for
    // hy and ka), as the table's own month names and pattern: in that language
    // either way (an English month name only in English).
    const locale = tables[lang]['@locale'];
    const [supported, intl] = await page.evaluate(
      (locale) => [
        Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0,
        new Date(Date.UTC(2023, 11, 22)).toLocaleDateString(locale, {
          day: 'numeric',
          month: 'short',
          year: 'numeric',
          timeZone: 'UTC',
        }),
      ],
      locale,
    );
    const december = tables[lang]['date-months'].split(',')[11].trim();
    const date = supported ? intl : say(lang, 'date-day', { day: '22', month: december, year: '2023' });
    await eventually(async () => {
      const shown = await page.locator('article .date').textContent();
      assert.ok(shown.startsWith(date), `${lang}: ${shown} starts with ${date}`);
      assert.equal(/Dec/.test(shown), lang === 'en', shown);
    });
    await eventually(async () =>
      assert.equal(await page.locator('.reader-bar .back').textContent(), say(lang, 'reader-back')),
    );
    assert.deepEqual(await axeViolations(page), [], `${lang}: the reader`);
  });
}

test('the Russian status line reads "3 из 5 статей" for kopyrkin (the UI contract)', async (t) => {
  const page = await app.open(t, '#q=kopyrkin&lang=ru');
  await eventually(async () => assert.match(await status(page).textContent(), /^3 из 5 статей$/));
});

test('lang=ar puts dir="rtl" on the app root; the address keeps lang= as the app writes it', async (t) => {
  const page = await app.open(t, '#q=kopyrkin&lang=ar');
  const root = page.locator('[data-clippings-app]');
  await eventually(async () => assert.equal(await root.getAttribute('dir'), 'rtl'));
  assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
  await page.getByRole('searchbox').fill('csto');
  await eventually(async () => assert.match(page.url(), /q=csto.*lang=ar/));
  // Another language in the address: the page follows it.
  await page.evaluate(() => (location.hash = '#q=csto&lang=hy'));
  await eventually(async () => assert.equal(await root.getAttribute('lang'), 'hy'));
  assert.equal(await root.getAttribute('dir'), 'ltr');
});

test("without lang= the browser's languages choose, then English", async (t) => {
  for (const [locale, lang] of [['ka-GE', 'ka'], ['ru-RU', 'ru'], ['de-DE', 'en']]) {
    const context = await app.browser.newContext({ ...WITHOUT_SERVICE_WORKER, locale });
    t.after(() => context.close());
    const page = await context.newPage();
    await page.goto(`${app.origin}/a/b/#q=kopyrkin`);
    await eventually(async () => assert.equal(await page.locator('[data-clippings-app]').getAttribute('lang'), lang));
    await eventually(async () => assert.equal(await status(page).textContent(), say(lang, 'status-count', { shown: 3, total: 5 })));
  }
});

test("the embeds take the host page's language", async (t) => {
  const page = await app.openHost(t, 'lang.html');
  // <clippings-viewer> in a <html lang="ru"> page; one with lang="ka" of its own.
  const ru = page.locator('#ru .status .count');
  await eventually(async () => assert.equal(await ru.textContent(), say('ru', 'status-count', { shown: 3, total: 5 })));
  const ka = page.locator('#ka .status .count');
  await eventually(async () => assert.equal(await ka.textContent(), say('ka', 'status-count', { shown: 3, total: 5 })));
  assert.equal(await page.locator('#ka [lang]').first().getAttribute('lang'), 'ka');
  // The iframe with data-clippings-lang="hy".
  const frame = page.frameLocator('iframe');
  await eventually(async () =>
    assert.equal(await frame.locator('.status .count').textContent(), say('hy', 'status-count', { shown: 3, total: 5 })),
  );
});
