// Cold first results on a slow mobile network: how long a first-time reader waits
// for the first result rows of a search link, and how many bytes that costs, for a
// Clippings build or for a Pagefind site of the same articles (pagefind-site.mjs).
//
//   node tests/bench/cold.mjs --site DIR --query time --out FILE.json
//        [--kind clippings|pagefind] [--path /] [--runs 3] [--cpu 1]
//        [--latency MS] [--down KBPS]
//
// --query '': Clippings' bare address (the list of the newest articles, no `#q=`).
// --kind: default `pagefind` when DIR/pagefind/pagefind.js exists, else `clippings`.
// --path: the page to open; default `/` (Clippings) or `/search.html` (Pagefind).
// --cpu:  Chromium's CPU slowdown (Lighthouse's mobile preset uses 4); default 1.
// --latency: the added round trip per request in ms; default 562.5 (see NETWORK below).
// --down: download throughput in kbit/s (1 kbit = 1000 bit: 1638.4 is 204,800 B/s);
//         default 188,743 B/s (≈ 1509.9; see NETWORK below). The preset's plain values,
//         150 ms and 1.6 Mbit/s, as issue 14 states its targets:
//         --latency 150 --down 1638.4
//
// DIR is served on 127.0.0.1 the way a CDN would (tests/server.mjs): everything
// gzip-compressed that gzip makes smaller, file names with a content hash cached
// for good, other files revalidated. Each run launches Chromium with a fresh
// profile (empty HTTP cache), throttles the tab with Lighthouse's mobile network preset (below), opens
// `http://127.0.0.1:PORT<path>#q=<query>` and times, inside the page from
// navigation start (performance.now() = 0), until
//   clippings: the list `ol[aria-label="Results"]` has an `li` with an `a`;
//   pagefind:  that list has all the rows the page renders (the first 20 results,
//              or all if fewer; search.html says how many in data-expected).
// Bytes are what crossed the (emulated) wire until then: the encodedDataLength of
// CDP's Network.loadingFinished, headers included, compressed, for the page and its
// workers (Pagefind searches in a web worker; for a worker's own script, whose
// encodedDataLength Chromium under-reports, headers + Content-Length as sent);
// requests count those started by then.
//
// Writes FILE.json {kind, query, url, network, cpu, runs: [{ms, bytes, requests,
// status}], median_ms, median_bytes, files} (files: [path, bytes] of the first run's
// finished responses; xtask reads median_ms and median_bytes, ColdReport in
// xtask/src/cold.rs) and prints one line. A benchmark, not a test:
// it fails only if the page shows no results at all.

import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { launchOptions } from '../browser/chromium.mjs';
import { serve } from '../server.mjs';
import { arg } from './args.mjs';

const site = resolve(arg('--site'));
const kind = arg('--kind', existsSync(join(site, 'pagefind', 'pagefind.js')) ? 'pagefind' : 'clippings');
if (kind !== 'clippings' && kind !== 'pagefind') throw new Error(`--kind is clippings or pagefind, not ${kind}`);
const path = arg('--path', kind === 'pagefind' ? '/search.html' : '/');
const query = arg('--query');
const out = resolve(arg('--out'));
const runs = Number(arg('--runs', '3'));
const cpu = Number(arg('--cpu', '1'));
const TIMEOUT = 300_000; // a large build on this network takes a while

// Lighthouse's mobile preset ("Slow 4G": 150 ms RTT, 1.6 Mbit/s down, 750 kbit/s
// up) as Lighthouse itself hands it to Network.emulateNetworkConditions when it
// throttles through DevTools: DevTools throttles per request, not per packet, so
// Lighthouse scales the RTT by 3.75 and the throughput by 0.9
// (core/config/constants.js `mobileSlow4G` and core/lib/emulation.js).
// --latency and --down replace its latency and download throughput (not the upload).
const latency = arg('--latency', null);
const down = arg('--down', null);
const NETWORK = {
  offline: false,
  latency: latency === null ? 150 * 3.75 : Number(latency), // default 562.5 ms per request
  downloadThroughput:
    down === null
      ? Math.floor((1.6 * 1024 * 0.9 * 1024) / 8) // 188,743 B/s
      : Math.floor((Number(down) * 1000) / 8),
  uploadThroughput: Math.floor((750 * 0.9 * 1024) / 8), // 86,400 B/s
};
if (!(NETWORK.latency >= 0) || !(NETWORK.downloadThroughput > 0))
  throw new Error('--latency is ms >= 0 and --down kbit/s > 0');

// When the first results are in the DOM, for each kind (a page expression).
const DONE = {
  clippings: `document.querySelector('ol[aria-label="Results"] li a') !== null`,
  pagefind: `(() => {
    const list = document.querySelector('ol[aria-label="Results"][data-expected]');
    return list !== null && list.querySelectorAll(':scope > li a').length >= Number(list.dataset.expected);
  })()`,
};

// Installed before any page script: notes performance.now() at the first DOM change
// after which the results are there, or the text of an error panel that Clippings
// shows instead (`.fatal[role="alert"]`: e.g. a data file for another app version).
const PROBE = `(() => {
  window.__firstResults = null;
  window.__fatal = null;
  const observer = new MutationObserver(() => {
    const fatal = document.querySelector('.fatal[role="alert"]');
    if (fatal) window.__fatal = fatal.textContent.trim().slice(0, 300);
    if (window.__firstResults === null && ${DONE[kind]}) {
      window.__firstResults = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true });
})();`;

/**
 * Records the network traffic of the tab and of the workers it starts. Workers
 * fetch on their own CDP targets: they are auto-attached through the tab's session
 * in non-flat mode (their messages arrive as Target.receivedMessageFromTarget, as
 * Playwright keeps flat sessions for itself), their Network domain enabled, and
 * then they are let run. Throttling the tab throttles its workers too, in the same
 * bandwidth (checked: a worker's and the page's fetch share the 1.6 Mbit/s).
 */
async function recordNetwork(cdp) {
  const started = new Map(); // requestId -> { url, timestamp } (http(s) only)
  const finished = new Map(); // requestId -> { bytes, timestamp }
  const sent = new Map(); // requestId -> header bytes + Content-Length, as the server sent them
  const onEvent = (method, params) => {
    if (method === 'Network.requestWillBeSent' && /^https?:/.test(params.request.url) && !started.has(params.requestId))
      started.set(params.requestId, { url: params.request.url, timestamp: params.timestamp });
    if (method === 'Network.responseReceivedExtraInfo') {
      const length = Object.entries(params.headers).find(([k]) => k.toLowerCase() === 'content-length')?.[1];
      sent.set(params.requestId, Buffer.byteLength(params.headersText ?? '') + Number(length ?? 0));
    }
    // A worker's script is requested by the tab and finished in the worker (one
    // requestId), and there Chromium reports only the headers' bytes as the
    // encodedDataLength: such a response counts what the server sent (this server
    // always sends Content-Length).
    if (method === 'Network.loadingFinished')
      finished.set(params.requestId, { bytes: params.encodedDataLength, timestamp: params.timestamp });
  };
  const wire = (id) => Math.max(finished.get(id).bytes, sent.get(id) ?? 0);
  for (const method of ['Network.requestWillBeSent', 'Network.responseReceivedExtraInfo', 'Network.loadingFinished'])
    cdp.on(method, (params) => onEvent(method, params));

  let lastId = 0;
  const pending = new Map();
  const sendTo = (sessionId, method, params = {}) =>
    new Promise((ok, fail) => {
      const id = ++lastId;
      pending.set(id, { ok, fail });
      cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(fail);
    });
  cdp.on('Target.receivedMessageFromTarget', ({ message }) => {
    const m = JSON.parse(message);
    if (m.id !== undefined && pending.has(m.id)) {
      const { ok, fail } = pending.get(m.id);
      pending.delete(m.id);
      m.error ? fail(new Error(m.error.message)) : ok(m.result);
    } else if (m.method) onEvent(m.method, m.params);
  });
  cdp.on('Target.attachedToTarget', async ({ sessionId }) => {
    try {
      await sendTo(sessionId, 'Network.enable');
    } catch {} // a target without a Network domain
    await sendTo(sessionId, 'Runtime.runIfWaitingForDebugger').catch(() => {});
  });

  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', NETWORK);
  if (cpu !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: false });

  /** Requests started, and bytes of those finished, up to `ms` after the navigation request. */
  return (url, ms) => {
    const navigation = [...started.values()].find((r) => r.url === url);
    if (!navigation) throw new Error(`no request for ${url} was seen`);
    const until = navigation.timestamp + ms / 1000 + 0.001; // CDP timestamps are in seconds
    const requests = [...started.values()].filter((r) => r.timestamp <= until).length;
    let bytes = 0;
    const files = [];
    for (const [id, f] of finished) {
      if (!started.has(id) || f.timestamp > until) continue;
      bytes += wire(id);
      files.push([new URL(started.get(id).url).pathname, wire(id)]);
    }
    return { bytes, requests, files };
  };
}

/** One cold load in a fresh browser and profile: { ms, bytes, requests, status }. */
async function coldRun(url) {
  const profile = mkdtempSync(join(tmpdir(), 'clippings-cold-'));
  const context = await chromium.launchPersistentContext(join(profile, 'user-data'), launchOptions(profile, TIMEOUT));
  try {
    context.setDefaultTimeout(TIMEOUT);
    await context.addInitScript(PROBE);
    const page = context.pages()[0] ?? (await context.newPage());
    const errors = [];
    page.on('pageerror', (err) => errors.push(err.message));
    const traffic = await recordNetwork(await context.newCDPSession(page));
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(() => window.__firstResults !== null || window.__fatal !== null, null, {
      timeout: TIMEOUT,
      polling: 100,
    });
    const { ms, fatal, status } = await page.evaluate(() => ({
      ms: window.__firstResults,
      fatal: window.__fatal,
      status: document.querySelector('[role="status"]')?.textContent.trim().slice(0, 80) ?? '',
    }));
    if (ms === null) throw new Error(`the page shows an error instead of results: ${fatal}`);
    if (errors.length) throw new Error(`the page reported errors: ${errors.join('; ')}`);
    await page.waitForTimeout(1000); // let the CDP events of the last responses arrive
    const pageUrl = await page.evaluate(() => location.href.split('#')[0]);
    return { ms: Math.round(ms), ...traffic(pageUrl, ms), status };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

const server = await serve({ mounts: [['/', site]], caching: 'host', gzip: true });
try {
  const fragment = query === '' ? '' : `#q=${encodeURIComponent(query)}`;
  const url = `http://127.0.0.1:${server.address().port}${path}${fragment}`;
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await coldRun(url));
  const files = results[0].files;
  for (const r of results) delete r.files;
  const report = {
    kind,
    query,
    url: `${path}${fragment}`,
    network: NETWORK,
    cpu,
    runs: results,
    median_ms: median(results.map((r) => r.ms)),
    median_bytes: median(results.map((r) => r.bytes)),
    files,
  };
  writeFileSync(out, JSON.stringify(report, null, 2) + '\n');
  const kb = (report.median_bytes / 1024).toFixed(0);
  console.log(
    `${kind} "${query}": first results ${report.median_ms} ms (median of ${runs} cold runs: ` +
      `${results.map((r) => r.ms).join(', ')} ms), ${kb} KiB over the wire in ` +
      `${median(results.map((r) => r.requests))} requests; status "${results[0].status}"`,
  );
} finally {
  await new Promise((ok) => server.close(ok));
}
