// The in-browser half of `cargo xtask bench`: serves one build on loopback the way
// a static host would (tests/server.mjs: hashed files cached for good, the rest
// revalidated; cross-origin isolated, for 5 µs timers), drives
// headless Chromium and measures
//   - time from navigation to the first result list in the DOM, cold and warm cache,
//   - wasm linear memory after start-up,
//   - per query: keystroke -> DOM updated (and laid out), timed inside the page,
//     right after the previous list was built and again once it has been painted,
//   - the same queries inside wasm without rendering (clippings_bench_search).
//
//   node tests/bench/browser.mjs --dist DIR --queries FILE --out FILE [--samples N]
//
// Both files are JSON, read and written on xtask's side through serde structs
// (xtask/src/bench.rs): the queries are `[{kind, queries: [query, ...]}, ...]`
// (`QueryKind`), the result is one object (`BrowserReport`, at the end of this file)
// in milliseconds and bytes.
// A benchmark, not a test: it fails only if the page does not work at all.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { launchOptions } from '../browser/chromium.mjs';
import { serve } from '../server.mjs';
import { arg } from './args.mjs';

const dist = resolve(arg('--dist'));
const out = resolve(arg('--out'));
const samples = Number(arg('--samples', '40'));
const WARM_LOADS = 5;
const TIMEOUT = 300_000; // a 50k-article wasm takes a while to compile cold

/** [{ kind, queries: [..] }], measured in this order. */
const kinds = JSON.parse(readFileSync(arg('--queries'), 'utf8'));

// Installed before any page script: note when the result list first has a row, and
// every main-thread task over 50 ms (the browser's own, such as compiling the wasm, too).
const FIRST_LIST_PROBE = `
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push(e.duration);
  }).observe({ type: 'longtask', buffered: true });
  window.__firstList = null;
  new MutationObserver((_, observer) => {
    if (document.querySelector('ol[aria-label="Results"] li')) {
      window.__firstList = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
`;

/** Opens a fresh tab, waits for the first result list; returns its timings. */
async function load(context, url) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
  await page.goto(url);
  await page.waitForFunction(() => window.__firstList !== null && window.wasmBindings, null, {
    timeout: TIMEOUT,
    polling: 50,
  });
  // A parted archive fetches its parts by need; the keystroke figures are for a
  // reader who has all of them (a warm cache), so fetch the rest now. Then the
  // app computes the common words' positions in slices; let it finish, so that
  // no query below shares its task with one of those slices.
  await page.evaluate(() => window.wasmBindings.clippings_load_all());
  await page.waitForFunction(() => window.wasmBindings.clippings_common_positions_ready(), null, {
    timeout: TIMEOUT,
    polling: 50,
  });
  if (errors.length) throw new Error(`the page reported errors: ${errors.join('; ')}`);
  const timing = await page.evaluate(() => {
    const wasm = performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'));
    return {
      firstList: window.__firstList,
      wasmFetched: wasm ? wasm.responseEnd : null,
      memory: window.wasmBindings.clippings_memory_bytes(),
      longestTask: Math.max(0, ...window.__longTasks),
      isolated: window.crossOriginIsolated,
    };
  });
  return { page, timing };
}

/** Runs in the page: every query through the search box, timed from the input event. */
async function measureInPage({ kinds, samples }) {
  const PAGE = 20; // result rows shown at first: PAGE in src/components/mod.rs
  const input = document.querySelector('input[type="search"]');
  const statusCount = () => {
    // "1,000 of 50,000 articles": English groups digits (the interface's en table).
    const m = /^([\d,]+) of/.exec(document.querySelector('[role="status"]').textContent.trim());
    return m ? Number(m[1].replaceAll(',', '')) : -1;
  };
  const rows = () => document.querySelectorAll('ol[aria-label="Results"] > li').length;
  // A macrotask: Leptos runs its effects in microtasks, so by then the DOM is updated.
  const channel = new MessageChannel();
  const macrotask = () =>
    new Promise((done) => {
      channel.port1.onmessage = () => done();
      channel.port2.postMessage(0);
    });
  // The next frame painted, then a task: as between two keystrokes of a typist.
  const painted = () => new Promise((done) => requestAnimationFrame(() => macrotask().then(done)));
  const type = (value) => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  };
  const settle = async (expected) => {
    const deadline = performance.now() + 60_000;
    do {
      await macrotask();
      if (performance.now() > deadline) throw new Error(`the page never showed ${expected} results`);
      // Versions fold into one row (`+2 versions`), so a page may show fewer rows
      // than PAGE; none only when nothing matches.
    } while (statusCount() !== expected || (rows() === 0) !== (expected === 0) || rows() > Math.min(expected, PAGE));
  };
  const bench = window.wasmBindings.clippings_bench_search;
  const total = bench('');
  const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.round((sorted.length - 1) * p))];
  const summary = (times) => {
    times.sort((a, b) => a - b);
    return { p50: percentile(times, 0.5), p95: percentile(times, 0.95) };
  };

  const results = [];
  for (const { kind, queries } of kinds) {
    const expected = queries.map((q) => bench(q)); // also warms the query
    for (const [i, q] of queries.entries()) {
      type(q); // warm the rendering path once
      await settle(expected[i]);
    }
    const runs = Math.max(1, Math.ceil(samples / queries.length));
    const dom = [];
    const laidOut = [];
    const paced = [];
    const wasm = [];
    for (let r = 0; r < runs; r++) {
      for (const [i, q] of queries.entries()) {
        type(''); // start every measurement from the full list, untimed
        await settle(total);
        const start = performance.now();
        type(q);
        await settle(expected[i]);
        dom.push(performance.now() - start);
        void document.body.offsetHeight; // force style and layout of the new rows
        laidOut.push(performance.now() - start);
        // Again with the full list painted first: the figure above includes the
        // end of that list's work (its layout, paint and deferred effects).
        type('');
        await settle(total);
        await painted();
        const again = performance.now();
        type(q);
        await settle(expected[i]);
        paced.push(performance.now() - again);
      }
    }
    for (let r = 0; r < Math.max(runs, Math.ceil(100 / queries.length)); r++) {
      for (const q of queries) {
        const start = performance.now();
        bench(q);
        wasm.push(performance.now() - start);
      }
    }
    const meanHits = Math.round(expected.reduce((a, b) => a + b, 0) / expected.length);
    results.push({ kind, dom: summary(dom), laid_out: summary(laidOut), paced: summary(paced), wasm: summary(wasm), mean_hits: meanHits });
  }
  return results;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

// COOP/COEP make the page cross-origin isolated, which gives performance.now()
// 5 µs resolution instead of 100 µs.
const server = await serve({
  mounts: [['/', dist]],
  caching: 'host',
  headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' },
});
const profile = mkdtempSync(join(tmpdir(), 'clippings-bench-'));
// A persistent profile, so the HTTP cache is on disk: an incognito context keeps
// it in memory and does not store files as large as a 70 MB wasm.
const context = await chromium.launchPersistentContext(join(profile, 'user-data'), launchOptions(profile, TIMEOUT));
try {
  const url = `http://127.0.0.1:${server.address().port}/`;
  context.setDefaultTimeout(TIMEOUT);
  await context.addInitScript(FIRST_LIST_PROBE);

  const cold = await load(context, url);
  await cold.page.close();
  const warm = [];
  let last;
  for (let i = 0; i < WARM_LOADS; i++) {
    await last?.page.close();
    last = await load(context, url);
    warm.push(last.timing);
  }
  const startupMemory = last.timing.memory;
  const queries = await last.page.evaluate(measureInPage, { kinds, samples });
  const afterMemory = await last.page.evaluate(() => window.wasmBindings.clippings_memory_bytes());

  const fetched = warm.map((t) => t.wasmFetched);
  // BrowserReport in xtask/src/bench.rs.
  const report = {
    cross_origin_isolated: warm[0].isolated,
    first_list_cold_ms: cold.timing.firstList,
    first_list_warm_ms: median(warm.map((t) => t.firstList)),
    wasm_fetched_warm_ms: fetched.includes(null) ? null : median(fetched),
    longest_task_cold_ms: cold.timing.longestTask,
    longest_task_warm_ms: median(warm.map((t) => t.longestTask)),
    memory_startup_bytes: startupMemory,
    memory_after_queries_bytes: afterMemory,
    kinds: queries,
  };
  writeFileSync(out, JSON.stringify(report, null, 2) + '\n');
} finally {
  await context.close();
  await new Promise((ok) => server.close(ok));
  rmSync(profile, { recursive: true, force: true });
}
