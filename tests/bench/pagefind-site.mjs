// The Pagefind side of the cold-load benchmark (cold.mjs): a static site with one
// HTML page per article of a Clippings-format corpus, indexed by Pagefind's CLI,
// and a search page that shows the first results the way Clippings does.
//
//   node tests/bench/pagefind-site.mjs --corpus DIR --out SITE [--no-index]
//
// writes
//   SITE/articles/<path>.html   one page per DIR/<path>.txt (every *.txt below DIR):
//                               title, date and paragraphs inside data-pagefind-body
//   SITE/search.html            imports /pagefind/pagefind.js, searches the query of
//                               `?q=` or `#q=` and renders the first 20 results'
//                               data() (title, date, excerpt) as
//                               <ol aria-label="Results"><li><a>…; the list's
//                               data-expected says how many rows that is, for cold.mjs
//   SITE/pagefind/              Pagefind's index: `pagefind --site SITE`, run with the
//                               CLI of the npm package `pagefind` in tests/node_modules
//                               (skipped with --no-index)
//
// SITE is emptied first. The corpus is read as Clippings reads it, simplified: the
// first non-blank line is the title, a date line among the first five lines is the
// date, the rest are paragraphs separated by blank lines.

import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { arg, flag } from './args.mjs';

const corpus = resolve(arg('--corpus'));
const site = resolve(arg('--out'));
const PAGE = 20; // result rows shown at first, as in Clippings (PAGE in src/components/mod.rs)
const PAGEFIND = join(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', '.bin', 'pagefind');

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const month = (word) => MONTHS.indexOf(word.slice(0, 3).toLowerCase()) + 1;

/** `Dec 22 2023`, `22 December 2023`, `2023-12-22`, `December 22, 2023` -> 2023-12-22. */
function parseDate(line) {
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(line);
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  m = /^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})$/.exec(line) ?? [];
  let [y, mo, d] = [m[3], month(m[1] ?? ''), m[2]];
  if (!m.length) {
    m = /^(\d{1,2}) ([A-Za-z]{3,9}) (\d{4})$/.exec(line);
    if (!m) return null;
    [y, mo, d] = [m[3], month(m[2]), m[1]];
  }
  if (mo < 1) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${d.padStart(2, '0')}`;
}

/** A Clippings-format article: { title, date, shownDate, paragraphs }. */
function parse(text) {
  const lines = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
  const first = lines.findIndex((l) => l.trim());
  if (first < 0) return null;
  const title = lines[first].trim();
  let date = null;
  let shownDate = null;
  const rest = lines.slice(first + 1);
  for (let i = 0; i < Math.min(5, rest.length); i++) {
    const d = parseDate(rest[i].trim());
    if (d) {
      [date, shownDate] = [d, rest[i].trim()];
      rest.splice(i, 1);
      break;
    }
  }
  const paragraphs = rest
    .join('\n')
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  return { title, date, shownDate, paragraphs };
}

const escape = (s) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function articlePage({ title, date, shownDate, paragraphs }) {
  const time = date
    ? `\n<p><time datetime="${date}" data-pagefind-meta="date">${escape(shownDate)}</time></p>`
    : '';
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escape(title)}</title></head>
<body>
<main data-pagefind-body>
<h1>${escape(title)}</h1>${time}
${paragraphs.map((p) => `<p>${escape(p)}</p>`).join('\n')}
</main>
</body>
</html>
`;
}

// The search page: the query from `#q=` or `?q=`, the first PAGE results with
// their titles and excerpts, in one batch once all their fragments have loaded.
const SEARCH_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Search (Pagefind)</title>
<link rel="icon" href="data:,">
</head>
<body>
<main>
<p role="status">Loading…</p>
<ol aria-label="Results"></ol>
</main>
<script type="module">
const query =
  new URLSearchParams(location.hash.slice(1)).get('q') ?? new URLSearchParams(location.search).get('q') ?? '';
const status = document.querySelector('[role="status"]');
const list = document.querySelector('ol[aria-label="Results"]');
const pagefind = await import('/pagefind/pagefind.js');
const search = await pagefind.search(query);
const shown = await Promise.all(search.results.slice(0, ${PAGE}).map((r) => r.data()));
list.replaceChildren(
  ...shown.map((d) => {
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = d.url;
    a.textContent = d.meta.title;
    const date = document.createElement('time');
    date.textContent = d.meta.date ?? '';
    const excerpt = document.createElement('p');
    excerpt.innerHTML = d.excerpt; // Pagefind's own markup: text and <mark>
    li.append(a, ' ', date, excerpt);
    return li;
  }),
);
list.dataset.expected = String(shown.length);
status.textContent = search.results.length + ' results';
</script>
</body>
</html>
`;

/** Every *.txt below dir, sorted, as paths relative to it. */
function textFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.name.endsWith('.txt')) out.push(relative(dir, join(d, e.name)));
    }
  };
  walk(dir);
  return out.sort();
}

rmSync(site, { recursive: true, force: true });
let pages = 0;
for (const file of textFiles(corpus)) {
  const article = parse(readFileSync(join(corpus, file), 'utf8'));
  if (!article) continue;
  const to = join(site, 'articles', file.split(sep).join('/').replace(/\.txt$/, '.html'));
  mkdirSync(dirname(to), { recursive: true });
  writeFileSync(to, articlePage(article));
  pages++;
}
writeFileSync(join(site, 'search.html'), SEARCH_PAGE);
console.log(`wrote ${pages} article pages and search.html to ${site}`);

if (!flag('--no-index')) {
  execFileSync(PAGEFIND, ['--site', site], { stdio: 'inherit' });
}
