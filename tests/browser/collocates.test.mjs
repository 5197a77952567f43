// Collocates beside the concordance: counted against the seeds' own text, ranked,
// switched, exported, and a click gives the proximity query; the concordance on a
// 390 px phone, left to right and right to left, never cuts its hits.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { articles, axeViolations, eventually, hashParams, searchBox, squash, useApp } from './harness.mjs';

const app = useApp();

/**
 * An article's body paragraphs as lists of folded words, the plain way: a first
 * line that reads as a headline (no full stop, at most 30 words) is the title.
 */
function paragraphs(text) {
  const lines = text.split('\n').filter((l) => l.trim());
  if (!lines[0].includes('.') && lines[0].trim().split(/\s+/u).length <= 30) lines.shift();
  return lines.map((l) => l.toLowerCase().replace(/’/gu, "'").match(/[\p{L}\p{N}]+(?:['.+][\p{L}\p{N}]+)*/gu) ?? []);
}
const bodyWords = (text) => paragraphs(text).flat();

/**
 * Per word, its occurrences within `window` words of a "kopyrkin" in the same
 * paragraph, and the articles where it does.
 */
function nearKopyrkin(window) {
  const freq = new Map();
  const docs = new Map();
  for (const { id, text } of articles) {
    for (const words of paragraphs(text)) {
      words.forEach((w, i) => {
        if (w !== 'kopyrkin') return;
        for (let j = Math.max(0, i - window); j <= Math.min(words.length - 1, i + window); j++) {
          if (j === i) continue;
          freq.set(words[j], (freq.get(words[j]) ?? 0) + 1);
          docs.set(words[j], (docs.get(words[j]) ?? new Set()).add(id));
        }
      });
    }
  }
  return { freq, docs };
}

/** The collocates table's rows as { word, freq, g2, mi } (numbers as English digits). */
async function rows(table) {
  const num = (s) => Number(s.replace(/,/gu, ''));
  return (await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)))).map(
    ([word, freq, g2, mi]) => ({ word, freq: num(freq), g2: num(g2), mi: num(mi) }),
  );
}

const collocates = (page) => page.getByRole('table', { name: 'Collocates' });

test('the collocates of kopyrkin are the words counted beside it in the seeds', async (t) => {
  const page = await app.open(t, '#q=kopyrkin&view=kwic&cw=1&cm=1');
  const table = collocates(page);
  await eventually(async () => assert.ok((await table.locator('tbody tr').count()) > 0));
  const { freq } = nearKopyrkin(1);
  const got = await rows(table);
  assert.equal(got.length, Math.min(30, freq.size), 'every word next to a hit, up to 30');
  for (const r of got) assert.equal(r.freq, freq.get(r.word), `"${r.word}" beside kopyrkin`);
  // Ranked by G², best first.
  for (let i = 1; i < got.length; i++) assert.ok(got[i - 1].g2 >= got[i].g2, `G² order at row ${i}`);

  // The window and the minimum frequency are controls, and the address keeps them.
  await page.getByRole('combobox', { name: /Window/ }).selectOption('5');
  await page.getByRole('spinbutton', { name: 'Minimum frequency' }).fill('3');
  await page.getByRole('spinbutton', { name: 'Minimum frequency' }).press('Enter');
  await eventually(() => assert.equal(hashParams(page).get('cm'), '3'));
  assert.equal(hashParams(page).get('cw'), null, 'the default window is left out of the address');
  const five = nearKopyrkin(5).freq;
  const want = [...five].filter(([, f]) => f >= 3).length;
  await eventually(async () => assert.equal((await rows(table)).length, Math.min(30, want)));
  for (const r of await rows(table)) assert.equal(r.freq, five.get(r.word), `"${r.word}" within 5 words`);
});

test('MI ranks by keyboard, and a row gives the proximity query', async (t) => {
  const page = await app.open(t, '#q=kopyrkin&view=kwic');
  const table = collocates(page);
  await eventually(async () => assert.ok((await table.locator('tbody tr').count()) > 0));
  // The ranking is a control beside the window's, both columns always shown.
  await page.getByRole('combobox', { name: 'Rank by' }).focus();
  await page.keyboard.press('ArrowDown');
  await eventually(() => assert.equal(hashParams(page).get('cr'), 'mi'));
  const got = await eventually(async () => {
    const now = await rows(table);
    for (let i = 1; i < now.length; i++) assert.ok(now[i - 1].mi >= now[i].mi, `MI order at row ${i}`);
    return now;
  });

  // The first row by keyboard: its link, then Enter.
  const word = got[0].word;
  await table.getByRole('link', { name: word, exact: true }).focus();
  await page.keyboard.press('Enter');
  const query = `"kopyrkin ${word}"~6`;
  await eventually(() => assert.equal(hashParams(page).get('q'), query));
  assert.equal(hashParams(page).get('view'), 'kwic');
  assert.equal(await searchBox(page).inputValue(), query);
  // Every article where the word stood within 5 words of kopyrkin, and only
  // articles that hold both.
  const near = nearKopyrkin(5).docs.get(word);
  const both = articles.filter(({ text }) => bodyWords(text).includes('kopyrkin') && bodyWords(text).includes(word)).length;
  const status = page.getByRole('status').first();
  await eventually(async () => {
    const shown = Number(squash(await status.textContent()).match(/^(\d+) of/u)?.[1]);
    assert.ok(shown >= near.size && shown <= both, `${shown} articles, want ${near.size}..${both}`);
  });
  assert.deepEqual(await axeViolations(page), []);
});

test('the collocates export as CSV, every row with its query', async (t) => {
  const page = await app.open(t, '#q=kopyrkin&view=kwic&cm=1');
  const table = collocates(page);
  await eventually(async () => assert.ok((await table.locator('tbody tr').count()) > 0));
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export collocates (CSV)' }).click(),
  ]);
  assert.equal(file.suggestedFilename(), 'clippings-collocates.csv');
  const chunks = [];
  for await (const c of await file.createReadStream()) chunks.push(c);
  const lines = Buffer.concat(chunks).toString('utf8').trim().split('\r\n');
  assert.equal(lines[0], 'word,frequency,corpus_frequency,g2,mi,query');
  assert.equal(lines.length - 1, nearKopyrkin(5).freq.size, 'every word near a hit');
  const first = (await rows(table))[0];
  assert.ok(lines[1].startsWith(`${first.word},${first.freq},`), lines[1]);
  assert.ok(lines[1].endsWith(`"""kopyrkin ${first.word}""~6"`), lines[1]);
});

for (const lang of ['en', 'ar']) {
  test(`on a 390 px phone the concordance never cuts a hit and its headers stand apart (${lang})`, async (t) => {
    const page = await app.open(t, `#q=kopyrkin&view=kwic&lang=${lang}`);
    await page.setViewportSize({ width: 390, height: 800 });
    const kwic = page.locator('table.kwic');
    await eventually(async () => assert.ok((await kwic.locator('tbody td.hit').count()) > 10));
    const hits = await kwic.locator('tbody td.hit').evaluateAll((tds) =>
      tds.map((td) => {
        const m = td.querySelector('mark').getBoundingClientRect();
        const cell = td.getBoundingClientRect();
        return { whole: td.scrollWidth <= td.clientWidth + 1 && m.left >= cell.left - 0.5 && m.right <= cell.right + 0.5 };
      }),
    );
    assert.ok(hits.every((h) => h.whole), 'every hit whole in its cell');
    const heads = await kwic.locator('thead button').evaluateAll((bs) => bs.map((b) => b.getBoundingClientRect().toJSON()));
    const apart = (a, b) => a.right <= b.left + 0.5 || b.right <= a.left + 0.5;
    for (let i = 1; i < heads.length; i++) assert.ok(apart(heads[i - 1], heads[i]), `header ${i} clear of header ${i - 1}`);
    // Nothing wider than the phone: the page never scrolls sideways.
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390));
    await page.locator('.colloc-table tbody tr').first().waitFor();
    if (process.env.CLIPPINGS_SCREENSHOTS) {
      await page.screenshot({ path: `${process.env.CLIPPINGS_SCREENSHOTS}/phone-concordance-${lang}.png` });
    }
  });
}

test('above the concordance, the articles holding its hits: each with its lines and a tick where each falls', async (t) => {
  const page = await app.open(t, '#q=kopyrkin&view=kwic');
  // Body hits per article, the plain way (the concordance lists body hits only).
  const want = new Map(
    articles.map(({ id, text }) => [id, bodyWords(text).filter((w) => w === 'kopyrkin').length]).filter(([, n]) => n > 0),
  );
  const plot = page.locator('details.kwic-plot');
  await eventually(async () => assert.equal(await plot.locator('summary').textContent(), `The ${want.size} articles holding the hits`));
  await plot.locator('summary').click();
  const rows = await plot.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => ({
      href: tr.querySelector('th a').getAttribute('href'),
      lines: Number(tr.cells[1].textContent),
      ticks: (tr.querySelector('path').getAttribute('d').match(/M/gu) ?? []).length,
    })),
  );
  const got = new Map(rows.map((r) => [new URLSearchParams(r.href.split('#')[1]).get('a'), r.lines]));
  assert.deepEqual(got, want);
  for (const r of rows) assert.equal(r.ticks, r.lines, 'a tick per line');
  assert.deepEqual(await axeViolations(page), []);
  // A title opens its article at its first hit there.
  const first = plot.locator('tbody th a').first();
  const id = new URLSearchParams((await first.getAttribute('href')).split('#')[1]).get('a');
  await first.click();
  await eventually(() => assert.equal(hashParams(page).get('a'), id));
  await page.getByRole('article').first().waitFor();
});
