// Embedding in someone else's page (tests/browser/hosts/): the sandboxed,
// cross-origin iframe sized by embed.js, messages that must be ignored, and
// <clippings-viewer> elements next to hostile CSS under a strict policy. Every
// test also fails on any console error, policy violation or failed request of
// the host page and its frames (see watchPage in harness.mjs).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { articlesMatching, axeViolations, eventually, expectStatus, hashParams, squash, useApp } from './harness.mjs';

const app = useApp();

/** The frame of the app inside a host page. */
async function appFrame(page, selector = 'iframe[data-clippings]') {
  const frame = await (await page.locator(selector).elementHandle()).contentFrame();
  assert.ok(frame, 'the iframe has a document');
  return frame;
}

const frameHeight = (page, selector = 'iframe[data-clippings]') =>
  page.locator(selector).evaluate((f) => f.clientHeight);

test('a sandboxed iframe from another origin searches, and embed.js sizes it to its content', async (t) => {
  const page = await app.openHost(t, 'iframe.html', { crossOrigin: true });
  const frame = await appFrame(page);
  await expectStatus(frame, articlesMatching(/kopyrkin/));
  await frame.locator('mark').first().waitFor({ state: 'visible' });
  assert.equal(await frame.evaluate(() => origin), 'null', 'the frame runs with an opaque origin');

  // The host's theming properties reach the app; a value that could fetch does not.
  await eventually(async () => {
    const look = await frame.locator('.clippings').evaluate((b) => ({
      accent: getComputedStyle(b.querySelector('ol a.title')).color,
      bg: b.style.getPropertyValue('--clippings-bg'),
    }));
    assert.deepEqual(look, { accent: 'rgb(164, 0, 42)', bg: '' });
  });

  // The frame is as tall as the app's content, and follows it.
  const fits = async () => {
    const content = await frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
    const height = await frameHeight(page);
    assert.ok(Math.abs(height - content) <= 1, `frame ${height}px, content ${content}px`);
    return height;
  };
  const tall = await eventually(fits);
  assert.ok(tall > 400, `frame grew from the default 150px to ${tall}px`);
  await frame.getByRole('searchbox').fill('Lavrov');
  await expectStatus(frame, articlesMatching(/lavrov/));
  await frame.getByRole('searchbox').fill('zzzznothing');
  await expectStatus(frame, 0);
  const short = await eventually(async () => {
    const h = await fits();
    assert.ok(h < tall, `frame shrank below ${tall}px (now ${h}px)`);
    return h;
  });
  assert.ok(short > 100, `still shows the search box (${short}px)`);

  // The host's own page is untouched, apart from the mirrored state.
  assert.equal(squash(await page.locator('#own').textContent()), "The host's own heading");
  await eventually(async () => {
    assert.equal(hashParams(page).get('archive'), 'q=zzzznothing');
  });
});

test('a shared link with the mirrored state reopens the same search in the frame', async (t) => {
  const page = await app.openHost(t, 'iframe.html#archive=' + encodeURIComponent('q=CSTO'), { crossOrigin: true });
  const frame = await appFrame(page);
  await expectStatus(frame, articlesMatching(/csto/));
  assert.equal(await frame.getByRole('searchbox').inputValue(), 'CSTO');
  // Opening an article inside the frame keeps its state in the frame's own URL.
  await frame.getByRole('list', { name: 'Results' }).getByRole('link').first().click();
  await frame.locator('article mark').first().waitFor({ state: 'visible' });
  const frameState = hashParams(frame);
  assert.equal(frameState.get('q'), 'CSTO');
  assert.ok(frameState.get('a'), 'the article is in the frame URL');
  await eventually(async () => {
    const mirrored = new URLSearchParams(hashParams(page).get('archive') ?? '');
    assert.equal(mirrored.get('a'), frameState.get('a'));
  });
});

// Messages of the wrong shape, from the wrong window or from the wrong origin:
// engines.test.mjs, in Chromium as in Firefox and WebKit.

test('an iframe that gets its src after embed.js started (a lazy loader) is sized too', async (t) => {
  const page = await app.openHost(t, 'lazy.html', { crossOrigin: true });
  await page.waitForFunction(() => window.ClippingsEmbed);
  await page.locator('iframe').evaluate((f) => (f.src = f.dataset.src));
  const frame = await appFrame(page);
  await expectStatus(frame, articlesMatching(/csto/));
  await eventually(async () => assert.ok((await frameHeight(page)) > 400, 'embed.js sized the frame'));
});

const viewer = (page, id) => page.locator(`clippings-viewer#${id}`);

test('two <clippings-viewer> elements search independently next to hostile CSS', async (t) => {
  const page = await app.openHost(t, 'element.html');
  const one = viewer(page, 'one');
  const two = viewer(page, 'two');
  await expectStatus(one, articlesMatching(/kopyrkin/));
  await expectStatus(two, articlesMatching(/csto/));

  await one.getByRole('searchbox').fill('Pashinyan');
  await expectStatus(one, articlesMatching(/pashinyan/));
  assert.equal(await two.getByRole('searchbox').inputValue(), 'CSTO', 'the other element kept its query');
  for (const [el, word] of [
    [one, 'pashinyan'],
    [two, 'csto'],
  ]) {
    const mark = el.locator('mark').first();
    await mark.waitFor({ state: 'visible' });
    assert.equal((await mark.textContent()).toLowerCase(), word);
    const box = await mark.boundingBox();
    assert.ok(box.width > 0 && box.height > 0, `<mark> has a size: ${JSON.stringify(box)}`);
    const input = await el.getByRole('searchbox').boundingBox();
    assert.ok(input.width > 100, `the search box is not 10px wide: ${input.width}`);
    const style = await el.locator('.clippings').evaluate((b) => {
      const s = getComputedStyle(b);
      return { fontStyle: s.fontStyle, fontSize: s.fontSize, color: s.color };
    });
    assert.deepEqual(
      [style.fontStyle, style.fontSize],
      ['normal', '16px'],
      "the host's font on the element does not reach inside",
    );
  }

  // The host's own elements keep the host's styles.
  assert.equal(await page.locator('#host-mark').evaluate((m) => getComputedStyle(m).display), 'none');
  assert.equal(await page.locator('#host-input').evaluate((i) => getComputedStyle(i).width), '10px');

  // Theming: the documented custom property passes the shadow boundary, the host's
  // `a { color: red !important }` does not; theme="dark" forces the dark scheme.
  const linkColor = await one.getByRole('list', { name: 'Results' }).getByRole('link').first().evaluate((a) => getComputedStyle(a).color);
  assert.equal(linkColor, 'rgb(164, 0, 42)');
  const background = (el) => el.locator('.clippings').evaluate((b) => getComputedStyle(b).backgroundColor);
  assert.equal(await background(two), 'rgb(22, 22, 22)');
  assert.equal(await background(one), 'rgb(253, 253, 251)');

  // height="500": a box of its own that scrolls.
  const oneBox = await one.locator('.clippings').evaluate((b) => [b.clientHeight, b.scrollHeight > b.clientHeight]);
  assert.deepEqual(oneBox, [500, true]);
});

test('an element keeps its state to itself: links, keys, the address and the query attribute', async (t) => {
  const page = await app.openHost(t, 'element.html');
  const one = viewer(page, 'one');
  const two = viewer(page, 'two');
  await expectStatus(one, articlesMatching(/kopyrkin/));
  await expectStatus(two, articlesMatching(/csto/));
  await page.evaluate(() => {
    window.changes = [];
    document.addEventListener('clippings-change', (e) => window.changes.push([e.target.id, e.detail.fragment]));
  });

  // A result opens inside the element; the host's address does not change.
  const link = one.getByRole('list', { name: 'Results' }).getByRole('link').first();
  const href = await link.getAttribute('href');
  assert.match(href, /^http:\/\/127\.0\.0\.1:\d+\/a\/b\/index\.html#q=Kopyrkin&a=/, 'a new tab opens the full app');
  await link.click();
  await one.locator('article mark').first().waitFor({ state: 'visible' });
  assert.equal(new URL(page.url()).hash, '');
  assert.equal(await two.locator('article').count(), 0, 'the other element still lists results');
  // Keys reach only the element they are typed in.
  await one.getByRole('button', { name: 'Next match' }).focus();
  await page.keyboard.press('?');
  await one.locator('#help').waitFor({ state: 'visible' });
  assert.equal(await two.locator('#help').count(), 0);
  await page.keyboard.press('Escape');
  await eventually(async () => assert.equal(await one.locator('article').count(), 0, 'Esc went back to the list'));

  // Changing the query attribute searches again.
  await page.locator('#two').evaluate((el) => el.setAttribute('query', 'Lavrov'));
  await expectStatus(two, articlesMatching(/lavrov/));
  assert.equal(await two.getByRole('searchbox').inputValue(), 'Lavrov');
  assert.equal(await one.getByRole('searchbox').inputValue(), 'Kopyrkin');
  const changes = await page.evaluate(() => window.changes);
  assert.ok(changes.some(([id, f]) => id === 'two' && f === '#q=Lavrov'), JSON.stringify(changes));
  assert.ok(changes.some(([id, f]) => id === 'one' && /^#q=Kopyrkin&a=/.test(f)), JSON.stringify(changes));

  // Removed and put back, an element starts again from its last state.
  await page.locator('#two').evaluate((el) => {
    const parent = el.parentNode;
    el.remove();
    parent.append(el);
  });
  await expectStatus(two, articlesMatching(/lavrov/));
});

test('in a 320px column the element switches to its compact layout', async (t) => {
  const page = await app.openHost(t, 'element.html');
  const three = viewer(page, 'three');
  await expectStatus(three, articlesMatching(/pashinyan/));
  const layout = await three.locator('.clippings').evaluate((b) => ({
    width: b.getBoundingClientRect().width,
    overflow: b.scrollWidth - b.clientWidth,
    columns: getComputedStyle(b.querySelector('.layout')).gridTemplateColumns.split(' ').length,
  }));
  assert.deepEqual(layout, { width: 320, overflow: 0, columns: 1 });
  // The wide element beside it keeps filters and results side by side.
  const wide = await viewer(page, 'two')
    .locator('.layout')
    .evaluate((l) => getComputedStyle(l).gridTemplateColumns.split(' ').length);
  assert.equal(wide, 2);
});

test('inside each element, axe-core finds no WCAG 2.2 AA violation (house colour, forced dark)', async (t) => {
  // axe-core measures contrast with <style> elements of its own, which the host's
  // policy blocks (line 12 of the script it is evaluated as); nothing else may fail.
  const axeStyles = [/Applying inline style violates/, /securitypolicyviolation: style-src-elem blocked inline at :12 /];
  const page = await app.openHost(t, 'element.html', { expectProblems: axeStyles });
  await expectStatus(viewer(page, 'one'), articlesMatching(/kopyrkin/));
  await expectStatus(viewer(page, 'two'), articlesMatching(/csto/));
  await viewer(page, 'one').locator('mark').first().waitFor();
  // Context paths through each shadow root: only the app, not the hostile host page.
  const paths = ['one', 'two', 'three'].map((id) => [`clippings-viewer#${id}`, '.clippings']);
  const violations = await axeViolations(page, paths);
  assert.deepEqual(violations, []);
});

test('the demo page examples/cms.html shows both embeds working next to its hostile stylesheet', async (t) => {
  const page = await app.openHost(t, '/a/b/examples/cms.html?hostile=1&cross=1&accent=1');
  assert.equal(await page.locator('#hostile').evaluate((l) => l.disabled), false, 'the hostile sheet is on');
  const frame = await appFrame(page);
  assert.match(frame.url(), /^http:\/\/localhost:\d+\/a\/b\/clippings\.html/, 'the iframe comes from the other origin');
  await expectStatus(frame, articlesMatching(/kopyrkin/));
  await eventually(async () => assert.ok((await frameHeight(page)) > 400, 'embed.js sized the frame'));
  const viewers = page.locator('clippings-viewer');
  assert.equal(await viewers.count(), 2);
  for (const [i, word] of [
    [0, /csto/],
    [1, /pashinyan/],
  ]) {
    await expectStatus(viewers.nth(i), articlesMatching(word));
    const box = await viewers.nth(i).locator('mark').first().boundingBox();
    assert.ok(box && box.width > 0, `a visible <mark> in element ${i}`);
  }
});
