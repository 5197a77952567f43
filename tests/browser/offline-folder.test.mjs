// The folder edition (`cargo xtask offline`) as a reporter uses it at archive
// scale: `clippings.html` double-clicked in its folder, opened from file:// with
// the network cut. Its data files load as classic scripts from `data/` beside it
// (file:// allows those, not fetch): every request must be a file inside the
// folder, and the page's strict policy must hold.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  TIMEOUT,
  articlesMatching,
  dist,
  expectStatus,
  launchChromium,
  results,
  searchBox,
  watchPage,
} from './harness.mjs';
import { assertStrict, policyOf } from './policy.mjs';

const folder = resolve(process.env.CLIPPINGS_OFFLINE ?? join(dirname(dist), `${dist.split(/[\\/]/).pop()}-offline`));
const FILE = pathToFileURL(join(folder, 'clippings.html')).href;
const FOLDER = pathToFileURL(folder).href + '/';
const withoutFragment = (url) => url.replace(/#.*$/s, '');

let chromium;
before(async () => {
  assert.ok(existsSync(join(folder, 'clippings.html')), `no folder edition in ${folder}: run cargo xtask offline`);
  chromium = await launchChromium();
});
after(async () => {
  await chromium?.close();
});

async function openFolder(t, fragment = '') {
  const context = await chromium.browser.newContext();
  context.setDefaultTimeout(TIMEOUT);
  const requests = [];
  context.on('request', (req) => requests.push(withoutFragment(req.url())));
  await context.route('**/*', (route) =>
    route.request().url().startsWith(FOLDER) ? route.continue() : route.abort('internetdisconnected'),
  );
  const page = await context.newPage();
  const problems = await watchPage(context, page, (url) => url.startsWith(FOLDER));
  t.after(async () => {
    const seen = [...problems];
    await context.close();
    assert.deepEqual(seen, [], 'the page produced errors, policy violations or requests outside its folder');
  });
  await page.goto(FILE + fragment);
  return { page, requests };
}

test('searches from file:// with its data loaded as scripts from its own folder', async (t) => {
  const { page, requests } = await openFolder(t, '#q=kopyrkin');
  await expectStatus(page, articlesMatching(/\bkopyrkin\b/));
  await page.locator('mark').first().waitFor({ state: 'visible' });
  await searchBox(page).fill('lavrov');
  await expectStatus(page, articlesMatching(/\blavrov\b/));
  assert.ok(await results(page).getByRole('link').count() > 0);
  const data = requests.filter((r) => /\/data\/(index|p)-[0-9a-f]{16}\.js$/.test(r));
  assert.ok(data.some((r) => /\/index-/.test(r)) && data.some((r) => /\/p-/.test(r)), `start file and parts: ${requests}`);
  assert.ok(requests.every((r) => r.startsWith(FOLDER)), `only files in the folder: ${requests}`);
  assert.ok(!requests.some((r) => r.endsWith('.bin')), 'no fetch of the hosted build\'s files');
  const policy = await policyOf(page);
  assertStrict(policy);
  assert.deepEqual(policy.get('connect-src'), ["'none'"]);
});
