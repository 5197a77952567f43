// Memory stays flat: 10,000 successive queries through the real search box must
// not grow the wasm linear memory once the app has warmed up.
//
// Wasm memory grows in 64 KiB pages and never shrinks. The test allows one page
// of growth over the 10,000 queries (6.5 bytes a query): the allocator's free
// lists still shift a little that late (seen: one page after ~9,000 queries,
// whatever the warm-up), while anything retained per query — even one leaked
// 4-byte box costs 12+ bytes with the allocator's header — passes two pages and
// fails. (Leptos's keyed <For> leaked about 300 bytes a query; this caught it.)
// The DOM must also come back to the same number of elements for the same query.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { articles, results, useApp } from './harness.mjs';

const WARM_UP = 500;
const RUNS = 10_000;
const ONE_PAGE = 65_536;

/**
 * 100 queries of every kind the parser knows, built from the corpus's own
 * words so most of them find something. WARM_UP and RUNS are multiples of
 * 100, so both phases end on the same query and the same page.
 */
function queries() {
  const words = [...new Set(articles.flatMap(({ text }) => text.toLowerCase().match(/\p{L}{4,}/gu) ?? []))];
  words.length = Math.min(words.length, 40);
  const forms = [
    (a) => a,
    (a, b) => `${a} ${b}`,
    (a, b) => `"${a} ${b}"`,
    (a) => `${a.slice(0, 3)}*`,
    (a) => `${a.slice(0, -1)}x~`,
    (a, b) => `${a} OR ${b}`,
    (a, b) => `(${a} | ${b}) -${a.slice(0, 4)}`,
    (a) => `title:${a}`,
    (a) => `${a} date:2020..`,
    () => '',
  ];
  return Array.from({ length: 100 }, (_, i) =>
    forms[i % forms.length](words[i % words.length], words[(i * 7 + 3) % words.length]),
  );
}

const app = useApp();

test('wasm memory stays flat over 10,000 queries after warm-up', { timeout: 120_000 }, async (t) => {
  const page = await app.open(t);
  await results(page).locator('li').first().waitFor();

  const outcome = await page.evaluate(
    async ({ queries, warmUp, runs, ONE_PAGE }) => {
      const input = document.querySelector('input[type="search"]');
      const memory = () => window.wasmBindings.clippings_memory_bytes();
      const elements = () => document.getElementsByTagName('*').length;
      // Yield a macrotask after each query, so Leptos runs its effects and
      // updates the page exactly as it does for a reader typing.
      const channel = new MessageChannel();
      const macrotask = () =>
        new Promise((done) => {
          channel.port1.onmessage = () => done();
          channel.port2.postMessage(0);
        });
      const type = (i) => {
        input.value = queries[i % queries.length];
        input.dispatchEvent(new Event('input', { bubbles: true }));
      };
      const start = performance.now();
      for (let i = 0; i < warmUp; i++) {
        type(i);
        await macrotask();
      }
      const warm = { memory: memory(), elements: elements() };
      // Stop past the allowance: the test has failed, and a leak that also
      // slows every query down would otherwise take minutes to run out.
      let done = 0;
      while (done < runs && memory() <= warm.memory + ONE_PAGE) {
        type(warmUp + done);
        await macrotask();
        done++;
      }
      return {
        warm,
        end: { memory: memory(), elements: elements() },
        done,
        seconds: (performance.now() - start) / 1000,
        status: document.querySelector('[role="status"]').textContent,
      };
    },
    { queries: queries(), warmUp: WARM_UP, runs: RUNS, ONE_PAGE },
  );

  t.diagnostic(
    `${WARM_UP} + ${outcome.done} queries in ${outcome.seconds.toFixed(1)} s; ` +
      `wasm memory ${outcome.warm.memory} bytes after warm-up, ${outcome.end.memory} at the end`,
  );
  assert.equal(outcome.done, RUNS, 'every query ran');
  assert.ok(
    outcome.end.memory <= outcome.warm.memory + ONE_PAGE,
    `wasm memory grew by ${outcome.end.memory - outcome.warm.memory} bytes ` +
      `within ${outcome.done} queries after a warm-up of ${WARM_UP}`,
  );
  assert.equal(outcome.end.elements, outcome.warm.elements, 'the same query left a different number of elements');
  assert.match(outcome.status, /\d+ of \d+ articles/, 'the page still shows results');
});
