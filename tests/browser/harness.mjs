// Shared by the browser tests: serves dist/ under a sub-path on a random
// loopback port, drives Debian's Chromium through playwright-core, and records
// everything a clean run must not produce (page errors, console errors,
// dialogs, Content-Security-Policy violations, requests to any other origin,
// failed requests).

import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { basename, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../server.mjs';
import { launchOptions } from './chromium.mjs';

export const repo = resolve(fileURLToPath(import.meta.url), '../../..');
/** The build under test: CLIPPINGS_DIST, or dist/. */
export const dist = resolve(process.env.CLIPPINGS_DIST ?? join(repo, 'dist'));
const corpusDir = resolve(process.env.CLIPPINGS_CORPUS ?? join(repo, 'seeds'));

/** Where the site is mounted, to prove it works below the server root. */
export const BASE_PATH = '/a/b/';
/** Long enough for a cold wasm compile on a slow CI machine. */
export const TIMEOUT = 30_000;


// ---------------------------------------------------------------------------
// The corpus, read the plain way, so expectations never come from the app.

/** Every *.txt with text under the corpus directory as { id, text }; id is the file stem. */
export const articles = (function collect(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return collect(path);
      if (!entry.isFile() || extname(entry.name) !== '.txt') return [];
      const text = readFileSync(path, 'utf8');
      return text.trim() ? [{ id: basename(entry.name, '.txt'), text }] : []; // blank files are skipped
    });
})(corpusDir);

/** How many articles a case-insensitive pattern occurs in. */
export function articlesMatching(pattern) {
  return articles.filter(({ text }) => new RegExp(pattern.source, 'iu').test(text)).length;
}

/** How many times a pattern occurs in a text. */
export function occurrences(pattern, text) {
  return [...text.matchAll(new RegExp(pattern.source, 'giu'))].length;
}

export const squash = (text) => text.replace(/\s+/gu, ' ').trim();

// ---------------------------------------------------------------------------
// Waiting and reading.

/** Retry an assertion until it holds or `timeout` ms pass; then throw its last error. */
export async function eventually(check, timeout = TIMEOUT) {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** Wait until the status reads "<shown> of <total> articles". */
export async function expectStatus(page, shown, total = articles.length) {
  const status = page.getByRole('status');
  await eventually(async () => {
    const text = squash(await status.first().textContent({ timeout: TIMEOUT }));
    assert.match(text, new RegExp(`^${shown} of ${total} articles\\b`), `status is "${text}"`);
  });
}

/** The URL fragment as parameters: #q=...&a=... */
export function hashParams(page) {
  return new URLSearchParams(new URL(page.url()).hash.replace(/^#/, ''));
}

/**
 * In the page: goes to the fragment `from` (as a followed link does, but in
 * this task), and in the very task that draws `text` inside an element matching
 * `when`, goes on to `to`, before any frame or timer the app set while drawing
 * it. Resolves once two frames and a task have passed since: whatever the app
 * left scheduled for the part it just closed has run by then (an error it
 * throws fails the test, as every page's problems do).
 */
export const leaveWhenDrawn = (page, { from, when, text = '', to }) =>
  page.evaluate(
    ([from, when, text, to]) =>
      new Promise((done) => {
        const go = (fragment) => {
          history.replaceState(null, '', fragment);
          dispatchEvent(new HashChangeEvent('hashchange'));
        };
        const drawn = () => [...document.querySelectorAll(when)].some((e) => e.textContent.includes(text));
        new MutationObserver((_, observer) => {
          if (!drawn()) return;
          observer.disconnect();
          go(to);
          requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 0)));
        }).observe(document.body, { childList: true, subtree: true, characterData: true });
        go(from);
      }),
    [from, when, text, to],
  );

export const searchBox = (page) => page.getByRole('searchbox', { name: /Search/ });
export const results = (page) => page.getByRole('list', { name: 'Results' });

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * WCAG 2.2 AA violations axe-core finds in the page, or in each of `shadowPaths`
 * (selector paths through shadow roots), as "where rule: targets"; a context in
 * which axe found nothing to check is reported too.
 */
export async function axeViolations(page, shadowPaths = null) {
  await page.evaluate(axeSource);
  return page.evaluate(axeInPage, shadowPaths);
}

/** Runs in the page, with axe-core loaded: what {@link axeViolations} returns. Shared by every engine's tests. */
export async function axeInPage(paths) {
  const runOnly = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
  const out = [];
  for (const path of paths ?? [null]) {
    const where = path ? `${path[0]} ` : '';
    const r = await window.axe.run(path ? { include: { fromShadowDom: path } } : document, { runOnly });
    if (r.passes.length === 0) out.push(`${where}axe checked nothing`);
    out.push(...r.violations.map((v) => `${where}${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`));
  }
  return out;
}

// ---------------------------------------------------------------------------
// Server and browser.

/** The embedding demo, served at BASE_PATH + 'examples/'. */
const examplesDir = join(repo, 'examples');
/** Test pages that embed the app, served at /hosts/ (see app.openHost). */
const hostsDir = join(repo, 'tests', 'browser', 'hosts');

/**
 * Serve dist/ (or `site`) at BASE_PATH, the embedding demo beside it (as `cargo xtask serve` has
 * it) and the embedding test pages at /hosts/ (tests/server.mjs; anything else is a 404).
 * `server.requests` lists every path asked for, in order, whichever browser asked. While
 * `server.offline` is true every connection is cut, as a lost network would (for drivers that cannot cut one).
 */
export function startServer({ site = dist } = {}) {
  // In the host pages __DIST__ is the build on 127.0.0.1, __OTHER__ the same server under a second origin.
  const fill = (text, server) => {
    const { port } = server.address();
    return text
      .replaceAll('__DIST__', `http://127.0.0.1:${port}${BASE_PATH}`)
      .replaceAll('__OTHER__', `http://localhost:${port}`);
  };
  return serve({
    mounts: [
      [BASE_PATH, site],
      [BASE_PATH + 'examples/', examplesDir],
      ['/hosts/', hostsDir, fill],
    ],
  });
}

/**
 * Serves `site` (default dist/) for one test file: starts the server before its
 * tests, hands `got` the server and its origin, and stops it after them.
 */
export function useServer(got, options) {
  let server;
  before(async () => {
    server = await startServer(options);
    got({ server, origin: `http://127.0.0.1:${server.address().port}` });
  });
  after(() => new Promise((ok) => server.close(ok)));
}

/**
 * Register before/after hooks for one test file and return the handle the
 * tests use: `await app.open(t, '#q=x')` gives a fresh page at BASE_PATH plus
 * the fragment, checked for problems when the test `t` ends.
 */
export function useApp() {
  const app = { origin: '', server: null, browser: null, chromium: null };

  before(async () => {
    statSync(join(dist, 'index.html')); // fail early, and clearly, without a build
    app.server = await startServer();
    app.origin = `http://127.0.0.1:${app.server.address().port}`;
    app.chromium = await launchChromium();
    app.browser = app.chromium.browser;
  });

  after(async () => {
    await app.chromium?.close();
    await new Promise((ok) => (app.server ? app.server.close(ok) : ok()));
  });

  // A fresh page whose problems fail the test `t` when it ends, except the
  // `expectProblems` it provokes on purpose (each of which must occur).
  const checkedPage = async (t, isOwn, expectProblems) => {
    const context = await app.browser.newContext(WITHOUT_SERVICE_WORKER);
    context.setDefaultTimeout(TIMEOUT);
    const page = await context.newPage();
    const problems = await watchPage(context, page, isOwn);
    t.after(async () => {
      const seen = [...problems]; // closing aborts requests; those are ours
      await context.close();
      for (const re of expectProblems) assert.ok(seen.some((p) => re.test(p)), `expected a problem like ${re}`);
      const unexpected = seen.filter((p) => !expectProblems.some((re) => re.test(p)));
      assert.deepEqual(unexpected, [], 'the page produced errors or unexpected requests');
    });
    return page;
  };

  // `before(page)` runs before the page is opened (to route its requests).
  app.open = async (t, fragment = '', { expectProblems = [], before = null } = {}) => {
    const page = await checkedPage(t, (url) => url.startsWith(app.origin + '/'), expectProblems);
    if (before) await before(page);
    await page.goto(app.origin + BASE_PATH + fragment);
    return page;
  };

  // A test page from tests/browser/hosts/ that embeds the app (or, for a `name`
  // starting with '/', that path of the server): on the app's own origin, or
  // (`crossOrigin`) on http://localhost:<port>, a second origin of the same server.
  // Checked for problems like `open`.
  app.openHost = async (t, name, { crossOrigin = false, expectProblems = [] } = {}) => {
    const other = app.origin.replace('127.0.0.1', 'localhost');
    const isOwn = (url) => url.startsWith(app.origin + '/') || url.startsWith(other + '/');
    const page = await checkedPage(t, isOwn, expectProblems);
    await page.goto(`${crossOrigin ? other : app.origin}${name.startsWith('/') ? name : `/hosts/${name}`}`);
    return page;
  };

  return app;
}

/**
 * Context options of every test but those of the hosted page's service worker
 * (service-worker.test.mjs): these tests check what the app itself asks for —
 * they count, route, abort and alter its requests — and a worker that starts
 * controlling a fresh context halfway through its first visit, then answers
 * from its cache and fetches files again for it, would change what they see
 * (Playwright's routes do not see requests a worker answers).
 */
export const WITHOUT_SERVICE_WORKER = { serviceWorkers: 'block' };

/** Debian's Chromium with a throwaway profile; `close()` removes both. */
export async function launchChromium() {
  const profile = mkdtempSync(join(tmpdir(), 'clippings-chromium-'));
  try {
    const browser = await chromium.launch(launchOptions(profile, TIMEOUT));
    return {
      browser,
      close: async () => {
        await browser.close();
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (err) {
    rmSync(profile, { recursive: true, force: true });
    throw err;
  }
}

/**
 * Watch a fresh context and its page, and return the list of problems it
 * collects: page errors, console errors, dialogs, Content-Security-Policy
 * violations (as `securitypolicyviolation` events, and any console message
 * about the policy), failed requests, HTTP errors, and requests to a URL for
 * which `isOwn(url)` is false (data: URLs are always the page's own).
 */
export async function watchPage(context, page, isOwn) {
  const problems = [];
  // Runs in every document before its own scripts, so no violation is missed.
  await context.addInitScript(() => {
    addEventListener(
      'securitypolicyviolation',
      (e) =>
        console.error(
          `securitypolicyviolation: ${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'}` +
            ` at ${e.sourceFile}:${e.lineNumber} ${e.sample}`,
        ),
      true,
    );
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
    else if (/Content.Security.Policy/i.test(msg.text())) problems.push(`console ${msg.type()}: ${msg.text()}`);
  });
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.type()} ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  context.on('request', (req) => {
    const url = req.url();
    if (!isOwn(url) && !url.startsWith('data:')) problems.push(`request to another origin: ${url}`);
  });
  context.on('requestfailed', (req) => problems.push(`request failed: ${req.url()}`));
  context.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  return problems;
}
