// The hosted build's service worker in every engine (engines.mjs, with service
// workers on): offline after a first visit, and a new edition offered. Neither
// Firefox's nor WebKit's driver can cut a browser's network, so the test's
// server cuts every connection instead (the browser still believes it is
// online, so the page is told the network is back with an 'online' event, as
// the browser would). Chromium's own test (service-worker.test.mjs) cuts the
// browser's network and checks more.

import assert from 'node:assert/strict';
import { BASE_PATH, articles, articlesMatching, eventually, startServer } from './harness.mjs';
import { inEveryEngine } from './engines.mjs';
import { NEW_WORD, siteCopy } from './editions.mjs';

const KOPYRKIN = /\bkopyrkin\b/;
const SEARCH = 'input[type=search]';

inEveryEngine(
  {
    'after a first visit the hosted build searches offline, and a new edition is offered': async (t, engine) => {
      const copy = siteCopy();
      const server = await startServer({ site: copy.site });
      t.after(async () => {
        await new Promise((ok) => server.close(ok));
        copy.remove();
      });
      const origin = `http://127.0.0.1:${server.address().port}`;
      const page = await engine.open(t, origin + BASE_PATH, {
        isOwn: (url) => url.startsWith(origin + '/'),
        // Offline, the worker tries the network for the page first (some drivers report it).
        allowProblems: [new RegExp(`request failed: ${origin}${BASE_PATH}$`)],
      });
      await page.expectStatus(articles.length, articles.length);
      await eventually(async () => assert.ok(await page.eval(() => !!navigator.serviceWorker?.controller), 'controlled'));
      await eventually(async () => {
        const kept = await page.eval(async () => {
          const [loaded, total] = [...window.wasmBindings.clippings_parts_loaded()];
          const fetched = performance
            .getEntriesByType('resource')
            .map((e) => e.name)
            .filter((u) => /-[0-9a-f]{1,16}(_bg)?\.(js|wasm|css|bin)$/.test(u));
          const missing = [];
          for (const url of [location.href.replace(/#.*$/, ''), ...fetched]) if (!(await caches.match(url))) missing.push(url);
          return { loaded, total, missing };
        });
        assert.ok(kept.total >= 2 && kept.loaded === kept.total, `${kept.loaded} of ${kept.total} parts`);
        assert.deepEqual(kept.missing, [], 'the page and every file it fetched are kept');
      });

      server.offline = true;
      await page.reload();
      await page.expectStatus(articles.length, articles.length);
      await page.type(SEARCH, 'kopyrkin');
      await page.expectStatus(articlesMatching(KOPYRKIN), articles.length);
      await eventually(async () => assert.ok((await page.count('ol[aria-label=Results] mark')) > 0));

      copy.publish();
      server.offline = false;
      await page.eval(() => dispatchEvent(new Event('online')));
      await eventually(async () =>
        assert.match((await page.text('.edition [role=status]')) ?? '', /A new edition of the archive is available/),
      );
      await page.click('.edition button');
      await page.expectStatus(articlesMatching(KOPYRKIN), articles.length + 1);
      await page.fill(SEARCH, NEW_WORD);
      await page.expectStatus(1, articles.length + 1);
    },
  },
  { serviceWorkers: true },
);
