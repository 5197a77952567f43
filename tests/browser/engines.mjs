// One small interface over three browser engines, so that a test body is
// written once and runs in each: Chromium through playwright-core, Firefox ESR
// through puppeteer-core (WebDriver BiDi) and WebKitGTK, the engine of Safari,
// through selenium-webdriver and WebKitWebDriver (its MiniBrowser under Xvfb).
// All three are Debian's browsers (`cargo xtask setup`); nothing is downloaded.
//
// Selectors are CSS; ' >>> ' steps into the shadow root of the element before
// it (`clippings-viewer#one >>> mark`). Reads run in the page; clicks and typing
// go through each driver, as a reader's would.
//
// Set CLIPPINGS_ENGINES=chromium,firefox,webkit (the default) to choose engines.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { Builder, Key } from 'selenium-webdriver';
import { TIMEOUT, WITHOUT_SERVICE_WORKER, eventually, launchChromium, squash, watchPage } from './harness.mjs';

export const ENGINES = (process.env.CLIPPINGS_ENGINES ?? 'chromium,firefox,webkit').split(',').filter(Boolean);

/** Playwright's default viewport, which the Chromium tests have always had. */
const VIEWPORT = { width: 1280, height: 720 };
const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';
const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER ?? 'WebKitWebDriver';

/**
 * Register every `[title, body]` of `tests` once per engine, as `<engine>: <title>`
 * under one `describe` per engine that starts the engine before its tests and
 * stops it after: `await body(t, engine)`, where `engine.open(t, url, { isOwn })`
 * gives a fresh page whose problems fail `t` when it ends: page errors, console
 * errors, policy violations, requests for which `isOwn(url)` is false, failed
 * requests; `expectProblems` must each occur, `allowProblems` may. Service
 * workers are off (see WITHOUT_SERVICE_WORKER in harness.mjs) unless `serviceWorkers`.
 */
export function inEveryEngine(tests, { serviceWorkers = false } = {}) {
  for (const name of ENGINES) {
    describe(name, () => {
      const engine = { name };
      before(async () => Object.assign(engine, await LAUNCH[name]({ serviceWorkers })));
      after(async () => engine.close?.());
      for (const [title, body] of Object.entries(tests)) {
        test(`${name}: ${title}`, async (t) => {
          try {
            await body(t, engine);
          } catch (err) {
            // The browser itself went away (WebKitGTK's MiniBrowser has, once in
            // a few hundred runs under a loaded CI machine): start it again and
            // run this test once more, so one crash is reported, not a failure of
            // every later test. A second crash, or any other error, fails.
            if (!engine.died?.(err)) throw err;
            t.diagnostic(`${name} died during this test (${err.name}); started again. ${engine.log?.() ?? ''}`);
            console.error(`${name}: the browser died during "${title}" (${err.name}); started again and ran the test once more`);
            await engine.close?.();
            Object.assign(engine, await LAUNCH[name]({ serviceWorkers }));
            await body(t, engine);
          }
        });
      }
    });
  }
}

// ---------------------------------------------------------------------------
// What runs in the page.

/** In the page: every element `selector` names, through shadow roots at ' >>> '. */
const FIND_ALL = `((selector) => {
  const steps = selector.split(' >>> ');
  let roots = [document];
  for (const step of steps.slice(0, -1)) {
    roots = roots.flatMap((r) => [...r.querySelectorAll(step)].map((e) => e.shadowRoot).filter(Boolean));
  }
  return roots.flatMap((r) => [...r.querySelectorAll(steps.at(-1))]);
})`;

/** In the page: collect what must not happen (for WebKit, whose driver reports no events). */
const WATCH = `(() => {
  if (window.__clippingsProblems) return;
  const problems = (window.__clippingsProblems = []);
  addEventListener('securitypolicyviolation', (e) =>
    problems.push('securitypolicyviolation: ' + e.effectiveDirective + ' blocked ' + (e.blockedURI || '(inline)')), true);
  addEventListener('error', (e) => problems.push('page error: ' + (e.message || e.target?.src || e.type)), true);
  addEventListener('unhandledrejection', (e) => problems.push('page error: ' + e.reason));
  const error = console.error;
  console.error = (...args) => { problems.push('console error: ' + args.join(' ')); error.apply(console, args); };
})()`;

/**
 * Fail unless every `expected` pattern matches one of the problems `seen`, and
 * nothing else was seen but what an `allowed` pattern matches.
 */
function checkProblems(seen, expected = [], allowed = []) {
  for (const re of expected) assert.ok(seen.some((p) => re.test(p)), `expected a problem like ${re}: ${seen}`);
  const unexpected = seen.filter((p) => ![...expected, ...allowed].some((re) => re.test(p)));
  assert.deepEqual(unexpected, [], 'the page produced errors, policy violations or unexpected requests');
}

/** The downloads in `dir` (Firefox and WebKit save them there) once all are finished; then `dir` is emptied. */
function takeDownloads(dir) {
  const entries = readdirSync(dir, { withFileTypes: true });
  // Firefox writes to name.part beside an empty placeholder named for the file
  // (an export is never empty: it has a header, or brackets).
  const unfinished = (f) => /\.(part|download)$/.test(f.name) || statSync(join(dir, f.name)).size === 0;
  if (entries.some(unfinished)) return [];
  const files = entries
    .filter((f) => f.isFile())
    .map((f) => ({ name: f.name, text: readFileSync(join(dir, f.name), 'utf8') }));
  for (const { name } of files) rmSync(join(dir, name));
  return files;
}

/** An expression calling `fn` with JSON arguments. */
const call = (fn, args) => `(${fn})(${args.map((a) => JSON.stringify(a)).join(', ')})`;

/**
 * A page in any engine. A driver `d` provides: run(expression) → its value
 * (promises awaited), script(statements) → runs them, element(expression)
 * → a handle, click(handle), type(handle, text), press(key) (a key name as
 * Playwright spells it: '/', 'n', 'Escape', 'Enter'), goto(url), url(),
 * reload(), back().
 */
class Page {
  constructor(engine, d) {
    this.engine = engine;
    this.d = d;
  }
  goto(url) {
    return this.d.goto(url);
  }
  url() {
    return this.d.url();
  }
  reload() {
    return this.d.reload();
  }
  back() {
    return this.d.back();
  }
  /** The value of `fn(...args)` in the page (a function without free variables). */
  eval(fn, ...args) {
    return this.d.run(call(fn, args));
  }
  /** `fn(elements, ...args)` in the page, over the elements `selector` names. */
  query(selector, fn, ...args) {
    return this.d.run(`(${fn})(${FIND_ALL}(${JSON.stringify(selector)})${args.map((a) => ', ' + JSON.stringify(a)).join('')})`);
  }
  count(selector) {
    return this.query(selector, (els) => els.length);
  }
  /** Text of the first element `selector` names (null: none). */
  text(selector) {
    return this.query(selector, (els) => els[0]?.textContent ?? null);
  }
  texts(selector) {
    return this.query(selector, (els) => els.map((e) => e.textContent));
  }
  attr(selector, name) {
    return this.query(selector, (els, n) => els[0]?.getAttribute(n) ?? null, name);
  }
  /** Element `n` (the first: 0) of those `selector` names, once it exists, as a driver handle. */
  async element(selector, n = 0) {
    await eventually(async () => assert.ok((await this.count(selector)) > n, `no element ${selector} [${n}]`));
    return this.d.element(`${FIND_ALL}(${JSON.stringify(selector)})[${n}]`);
  }
  /** Run statements in the page (a whole script, such as axe-core's). */
  script(source) {
    return this.d.script(source);
  }
  /** Press one key wherever the focus is. */
  press(key) {
    return this.d.press(key);
  }
  /** What document.activeElement is, looking into shadow roots: `fn(element)` in the page. */
  focused(fn) {
    return this.d.run(`(${fn})((() => {
      let e = document.activeElement;
      while (e?.shadowRoot?.activeElement) e = e.shadowRoot.activeElement;
      return e;
    })())`);
  }
  /** Click element `n` of those `selector` names, with the mouse, where the reader would. */
  async click(selector, n = 0) {
    await this.d.click(await this.element(selector, n));
  }
  /** Type `text` key by key into the field `selector` names, after what it holds. */
  async type(selector, text) {
    await this.d.type(await this.element(selector), text);
  }
  /** Empty the field (as a reader selecting all and deleting would), then type `text`. */
  async fill(selector, text) {
    await this.element(selector);
    await this.query(selector, ([input]) => {
      input.value = '';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await this.type(selector, text);
  }
  /** Wait until the status line (in `scope`, e.g. 'clippings-viewer#one >>> ') reads "<shown> of <total> articles". */
  async expectStatus(shown, total, scope = '') {
    await eventually(async () => {
      const text = squash((await this.text(`${scope}[role=status]`)) ?? '');
      assert.match(text, new RegExp(`^${shown} of ${total} articles\\b`), `status is "${text}"`);
    });
  }
  /** The URL fragment as parameters. */
  async hashParams() {
    return new URLSearchParams(new URL(await this.url()).hash.replace(/^#/, ''));
  }
  /**
   * The document in the iframe `selector` names, as a Page that reads and
   * evaluates there (no clicks or keys: a test drives frames by script).
   */
  async frame(selector) {
    await this.element(selector);
    const run = await this.d.frame(`${FIND_ALL}(${JSON.stringify(selector)})[0]`);
    return new Page(this.engine, { run, script: run, url: () => run('location.href') });
  }
  /** Files the page has downloaded so far, complete, as [{ name, text }]. */
  downloads() {
    return this.d.downloads();
  }
  /** Resources the page fetched, as the page itself saw them (Resource Timing; every engine). */
  resources() {
    return this.eval(() => performance.getEntriesByType('resource').map((e) => e.name));
  }
}

// ---------------------------------------------------------------------------
// Chromium: playwright-core.

async function chromium({ serviceWorkers }) {
  const browser = await launchChromium();
  return {
    version: `Chromium ${browser.browser.version()}`,
    close: () => browser.close(),
    async open(t, url, { isOwn, expectProblems, allowProblems }) {
      const context = await browser.browser.newContext(serviceWorkers ? {} : WITHOUT_SERVICE_WORKER);
      context.setDefaultTimeout(TIMEOUT);
      const page = await context.newPage();
      const problems = await watchPage(context, page, isOwn);
      const requests = [];
      context.on('request', (req) => requests.push(req.url()));
      const downloads = [];
      page.on('download', (d) =>
        downloads.push(d.path().then((path) => ({ name: d.suggestedFilename(), text: readFileSync(path, 'utf8') }))),
      );
      t.after(async () => {
        const seen = [...problems];
        await context.close();
        checkProblems(seen, expectProblems, allowProblems);
      });
      const p = new Page(this, {
        run: (expr) => page.evaluate(expr),
        script: (source) => page.evaluate(source),
        press: (key) => page.keyboard.press(key),
        element: async (expr) => (await page.evaluateHandle(expr)).asElement(),
        click: (h) => h.click(),
        type: async (h, text) => {
          await h.focus();
          await page.keyboard.type(text, { delay: 20 });
        },
        goto: (u) => page.goto(u),
        url: () => page.url(),
        reload: () => page.reload(),
        back: () => page.goBack(),
        downloads: async () => Promise.all(downloads.splice(0)),
        frame: async (expr) => {
          const frame = await (await page.evaluateHandle(expr)).asElement().contentFrame();
          return (e) => frame.evaluate(e);
        },
      });
      p.requests = requests;
      p.problems = async () => [...problems];
      await p.goto(url);
      return p;
    },
  };
}

// ---------------------------------------------------------------------------
// Firefox ESR: puppeteer-core over WebDriver BiDi.

async function firefox({ serviceWorkers }) {
  const home = mkdtempSync(join(tmpdir(), 'clippings-firefox-'));
  const downloadDir = join(home, 'downloads');
  mkdirSync(downloadDir);
  let browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: true,
      timeout: TIMEOUT,
      defaultViewport: VIEWPORT,
      env: { ...process.env, HOME: home, TMPDIR: home, MOZ_CRASHREPORTER_DISABLE: '1' },
      extraPrefsFirefox: {
        // No update checks, telemetry or remote settings on a closed network.
        'app.update.enabled': false,
        'network.connectivity-service.enabled': false,
        'toolkit.telemetry.enabled': false,
        // Downloads go, unasked, to downloads/ in the throwaway home.
        'browser.download.folderList': 2,
        'browser.download.dir': downloadDir,
        'browser.download.useDownloadDir': true,
        'browser.download.always_ask_before_handling_new_types': false,
        'browser.download.alwaysOpenPanel': false,
        'browser.helperApps.neverAsk.saveToDisk': 'text/csv,application/json',
        // No service worker unless asked, as in Chromium's contexts (WITHOUT_SERVICE_WORKER in harness.mjs).
        'dom.serviceWorkers.enabled': serviceWorkers,
      },
    });
  } catch (err) {
    rmSync(home, { recursive: true, force: true });
    throw err;
  }
  return {
    version: `Firefox ${(await browser.version()).replace(/^firefox\//, '')}`,
    close: async () => {
      await browser.close();
      rmSync(home, { recursive: true, force: true });
    },
    async open(t, url, { isOwn, expectProblems, allowProblems }) {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      page.setDefaultTimeout(TIMEOUT);
      const problems = [];
      const requests = [];
      await page.evaluateOnNewDocument(() => {
        addEventListener(
          'securitypolicyviolation',
          (e) => console.error(`securitypolicyviolation: ${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'}`),
          true,
        );
      });
      page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
      page.on('console', (msg) => {
        if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
      });
      page.on('dialog', (dialog) => {
        problems.push(`dialog: ${dialog.type()} ${dialog.message()}`);
        dialog.dismiss().catch(() => {});
      });
      page.on('request', (req) => {
        requests.push(req.url());
        if (!isOwn(req.url()) && !req.url().startsWith('data:')) problems.push(`request to another origin: ${req.url()}`);
      });
      page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()}`));
      page.on('response', (res) => {
        if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
      });
      t.after(async () => {
        const seen = [...problems];
        await context.close();
        checkProblems(seen, expectProblems, allowProblems);
      });
      const p = new Page(this, {
        run: (expr) => page.evaluate(expr),
        script: (source) => page.evaluate(source),
        press: (key) => page.keyboard.press(key),
        element: (expr) => page.evaluateHandle(expr),
        click: (h) => h.click(),
        type: (h, text) => h.type(text, { delay: 20 }),
        goto: (u) => page.goto(u),
        url: () => page.url(),
        reload: () => page.reload(),
        back: () => page.goBack(),
        downloads: async () => takeDownloads(downloadDir),
        frame: async (expr) => {
          const frame = await (await page.evaluateHandle(expr)).contentFrame();
          return (e) => frame.evaluate(e);
        },
      });
      // Over BiDi, puppeteer reports http(s) and data: requests, not those for
      // file:// URLs: from file://, requests are not observed in Firefox.
      p.requests = url.startsWith('file:') ? null : requests;
      p.problems = async () => [...problems];
      await p.goto(url);
      return p;
    },
  };
}

// ---------------------------------------------------------------------------
// WebKitGTK: WebKitWebDriver (under xvfb-run, which gives MiniBrowser a display)
// and selenium-webdriver. WebKitWebDriver reports neither requests nor console
// messages, so the page watches itself from the moment it has loaded (WATCH)
// and requests are seen only as the page sees them (Page.resources) or as the
// test's own server logs them.

/** Key names as Playwright and Puppeteer spell them, for selenium-webdriver. */
const SELENIUM_KEYS = { Escape: Key.ESCAPE, Enter: Key.ENTER, Tab: Key.TAB, ArrowDown: Key.ARROW_DOWN, ArrowUp: Key.ARROW_UP };

/** The MiniBrowser of WebKitGTK, where Debian's libwebkit2gtk-4.1-0 puts it. */
function miniBrowser() {
  if (process.env.MINIBROWSER) return process.env.MINIBROWSER;
  const files = spawnSync('dpkg', ['-L', 'libwebkit2gtk-4.1-0'], { encoding: 'utf8' }).stdout ?? '';
  const found = files.split('\n').find((f) => f.endsWith('/MiniBrowser'));
  if (!found) throw new Error('no MiniBrowser: run `cargo xtask setup` (apt-get install webkit2gtk-driver)');
  return found;
}

const freePort = () =>
  new Promise((ok, fail) => {
    const server = createServer().on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });

async function webkit({ serviceWorkers }) {
  const binary = miniBrowser();
  const port = await freePort();
  const home = mkdtempSync(join(tmpdir(), 'clippings-webkit-'));
  // MiniBrowser saves downloads, unasked, to the XDG download directory.
  const downloadDir = join(home, 'downloads');
  mkdirSync(downloadDir);
  mkdirSync(join(home, '.config'));
  writeFileSync(join(home, '.config', 'user-dirs.dirs'), `XDG_DOWNLOAD_DIR="${downloadDir}"\n`);
  // Its own process group, so that stopping it stops Xvfb, the driver and MiniBrowser.
  // What the driver and the browser print, to show if the browser dies.
  const logFile = join(home, 'webkit.log');
  const logFd = openSync(logFile, 'w');
  const server = spawn('xvfb-run', ['-a', WEBKIT_DRIVER, `--port=${port}`, '--host=127.0.0.1'], {
    stdio: ['ignore', logFd, logFd],
    detached: true,
    env: { ...process.env, HOME: home, TMPDIR: home },
  });
  closeSync(logFd);
  let stopped = false;
  const stop = () => {
    stopped = true;
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    rmSync(home, { recursive: true, force: true });
  };
  let driver;
  try {
    await eventually(async () => assert.ok((await fetch(`http://127.0.0.1:${port}/status`)).ok), TIMEOUT);
    driver = await new Builder()
      .usingServer(`http://127.0.0.1:${port}`)
      .withCapabilities({
        browserName: 'MiniBrowser',
        // No service worker unless asked, as in Chromium's contexts (WITHOUT_SERVICE_WORKER in harness.mjs).
        'webkitgtk:browserOptions': {
          binary,
          args: serviceWorkers ? ['--automation'] : ['--automation', '--features=-ServiceWorkers'],
        },
      })
      .build();
    await driver.manage().setTimeouts({ script: TIMEOUT, pageLoad: TIMEOUT });
    await driver.manage().window().setRect(VIEWPORT); // the window, a little more than the viewport
  } catch (err) {
    stop();
    throw err;
  }
  const caps = await driver.getCapabilities();
  const watched = async () => driver.executeScript(`${WATCH}; return true`);
  return {
    version: `WebKitGTK ${caps.get('browserVersion')}`,
    close: async () => {
      await driver.quit().catch(() => {});
      stop();
    },
    died: (err) => err?.name === 'NoSuchSessionError',
    log: () => {
      try {
        return `Its last words: ${readFileSync(logFile, 'utf8').slice(-2000) || '(none)'}`;
      } catch {
        return '';
      }
    },
    async open(t, url, { expectProblems, allowProblems }) {
      t.after(async () => {
        // A browser that died and was started again has nothing left to check.
        if (stopped) return;
        const seen = await driver.executeScript('return window.__clippingsProblems ?? []').catch((e) => [`${e}`]);
        await driver.get('about:blank');
        checkProblems(seen, expectProblems, allowProblems);
      });
      const p = new Page(this, {
        run: (expr) => driver.executeScript(`return ${expr}`),
        script: (source) => driver.executeScript(source),
        press: (key) => driver.actions().sendKeys(SELENIUM_KEYS[key] ?? key).perform(),
        element: (expr) => driver.executeScript(`return ${expr}`),
        click: async (h) => {
          try {
            await h.click();
          } catch (err) {
            // WebKitWebDriver 2.50 finds some elements inside a shadow root (a
            // <clippings-viewer>'s search box) "intercepted" by their own shadow
            // host, though they are on top; the mouse clicks them the same.
            if (err.name !== 'ElementClickInterceptedError') throw err;
            await driver.actions().move({ origin: h }).click().perform();
          }
        },
        type: (h, text) => h.sendKeys(text),
        goto: async (u) => {
          // A fresh document even when only the fragment differs from the last page's.
          await driver.get('about:blank');
          await driver.get(u);
          await watched();
        },
        url: () => driver.getCurrentUrl(),
        reload: async () => {
          await driver.navigate().refresh();
          await watched();
        },
        back: async () => {
          await driver.navigate().back();
          await watched();
        },
        downloads: async () => takeDownloads(downloadDir),
        // WebDriver evaluates in one browsing context at a time: switch into the frame and back.
        frame: async (expr) => {
          const element = await driver.executeScript(`return ${expr}`);
          return async (e) => {
            await driver.switchTo().frame(element);
            try {
              return await driver.executeScript(`return ${e}`);
            } finally {
              await driver.switchTo().defaultContent();
            }
          };
        },
      });
      p.requests = null;
      p.problems = () => driver.executeScript('return window.__clippingsProblems ?? []');
      await p.goto(url);
      return p;
    },
  };
}

const LAUNCH = { chromium, firefox, webkit };
