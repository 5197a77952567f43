/*! <clippings-viewer>: the Clippings app inside a Shadow DOM, for pages that cannot
 * use an iframe. Load this module once, then place as many elements as you like:
 *
 *   <script type="module" src="https://example.org/clippings/clippings-viewer.js"></script>
 *   <clippings-viewer query="CSTO" height="600"></clippings-viewer>
 *
 * Attributes (all observed):
 *   src     folder of a Clippings build (default: the folder this module came from)
 *   query   the search; changing it searches again
 *   height  a fixed height (px, or any CSS length) with its own scrolling; without
 *           it the element is as tall as its content
 *   theme   "light" | "dark" (default: this page's color-scheme if it declares
 *           only one, else the reader's system setting; read when the element
 *           starts, when it has loaded and when the system setting changes)
 *   lang    the interface's language: "en", "ru", "hy", "ka", "ar" (default: the
 *           lang of the nearest element around it that has one, else the build's
 *           default, else the reader's browser's languages, else English; a
 *           language the build has no table for is passed over; changing it
 *           starts the element again, keeping its state)
 * Property `fragment` reads the state (#q=…&a=…) and sets it; every change fires a
 * "clippings-change" event whose detail is { fragment }.
 *
 * Each element keeps its own state; the articles are decoded once per build.
 * The host page's CSS does not reach inside (only the --clippings-* custom
 * properties do, to theme it), and the app never reads or writes the host's URL.
 * CSP: the same as the hosted build — script-src <clippings origin> 'wasm-unsafe-eval';
 * style-src <clippings origin>; connect-src <clippings origin>.
 */

// Filled in by `cargo xtask dist` with the hashed names of this build.
const APP_JS = '__CLIPPINGS_JS__';
const APP_WASM = '__CLIPPINGS_WASM__';
const APP_CSS = '__CLIPPINGS_CSS__';
const APP_DATA = '__CLIPPINGS_DATA__';
/** Each language's compiled table (a file beside APP_DATA's folder), its direction
 * and the page-* messages this module shows itself: { code: { file, dir, page } }. */
const LANGS = { /* __CLIPPINGS_LANGS__ */ };
/** The build's default language (cargo xtask dist --lang), or null. */
const DEFAULT_LANG = null /* __CLIPPINGS_DEFAULT_LANG__ */;

const HERE = new URL('./', import.meta.url).href;
/** One loaded app module per build folder. */
const builds = new Map();
/** One compiled table per build folder and language. */
const tables = new Map();

/** The language `tag` names (by its primary subtag) if there is a table for it, else null. */
function available(tag) {
  const code = String(tag ?? '').toLowerCase().split('-')[0];
  return Object.hasOwn(LANGS, code) ? code : null;
}

/** The compiled table of `lang` in `folder`, fetched once. */
function table(folder, lang) {
  const key = folder + ' ' + lang;
  let text = tables.get(key);
  if (!text) {
    const url = new URL(LANGS[lang].file, folder).href;
    text = fetch(url).then((r) => {
      if (!r.ok) throw new Error(`HTTP ${r.status} for ${url}`);
      return r.text();
    });
    tables.set(key, text);
    text.catch(() => tables.get(key) === text && tables.delete(key));
  }
  return text;
}

/** A page-* message of `lang` with its {values} filled in. */
function say(lang, key, values = {}) {
  const text = LANGS[lang]?.page?.[key] ?? LANGS.en?.page?.[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (all, name) => (Object.hasOwn(values, name) ? String(values[name]) : all));
}

function load(folder) {
  let app = builds.get(folder);
  if (!app) {
    app = import(new URL(APP_JS, folder).href).then(async (module) => {
      await module.default({ module_or_path: new URL(APP_WASM, folder) });
      // The archive's data file is fetched, then decoded a section per task, so
      // the host page stays responsive.
      await new Promise((done, fail) =>
        module.clippings_load(new URL(APP_DATA, folder).href, (error) =>
          error === undefined ? done() : fail(new Error(error)),
        ),
      );
      return module;
    });
    builds.set(folder, app);
    // A failure is not kept: the next attempt (Try again) starts afresh.
    app.catch(() => builds.get(folder) === app && builds.delete(folder));
  }
  return app;
}

function folderOf(src) {
  const url = new URL(src || HERE, document.baseURI);
  if (!url.pathname.endsWith('/')) url.pathname = url.pathname.replace(/[^/]*$/, '');
  url.search = '';
  url.hash = '';
  return url.href;
}

const scheme = matchMedia('(prefers-color-scheme: dark)');

function queryFragment(query) {
  return query ? '#q=' + encodeURIComponent(query) : '#';
}

class ClippingsViewer extends HTMLElement {
  static observedAttributes = ['query', 'height', 'theme', 'src', 'lang'];

  #box = null;
  #viewer = null;
  #fragment = null;
  #generation = 0;

  #onScheme = () => this.#box && this.#applyTheme();

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
  }

  get fragment() {
    return this.#viewer ? this.#viewer.fragment() : this.#fragment ?? queryFragment(this.getAttribute('query'));
  }

  set fragment(value) {
    this.#fragment = String(value);
    this.#viewer?.navigate(this.#fragment);
  }

  get query() {
    return this.getAttribute('query') ?? '';
  }

  set query(value) {
    this.setAttribute('query', value);
  }

  /** The element's language: its own lang, the nearest around it, the page's,
   * the build's default, the reader's; each only if the build has its table. */
  #language() {
    const around = this.closest('[lang]');
    const wanted = [this.getAttribute('lang'), around?.getAttribute('lang'), document.documentElement.lang, DEFAULT_LANG];
    wanted.push(...(navigator.languages ?? [navigator.language]));
    for (const tag of wanted) {
      const lang = tag && available(tag);
      if (lang) return lang;
    }
    return 'en';
  }

  connectedCallback() {
    if (this.#box) return;
    const generation = ++this.#generation;
    const folder = folderOf(this.getAttribute('src'));
    const lang = this.#language();
    const sheet = document.createElement('link');
    sheet.rel = 'stylesheet';
    sheet.href = new URL(APP_CSS, folder).href;
    const box = document.createElement('div');
    box.className = 'clippings element';
    box.lang = lang;
    box.dir = LANGS[lang]?.dir ?? 'ltr';
    const loading = document.createElement('p');
    loading.className = 'loading';
    loading.setAttribute('role', 'status');
    loading.textContent = say(lang, 'page-loading');
    box.append(loading);
    this.shadowRoot.replaceChildren(sheet, box);
    this.#box = box;
    this.#applyHeight();
    this.#applyTheme();
    scheme.addEventListener('change', this.#onScheme);

    const styled = new Promise((done) => {
      sheet.addEventListener('load', done, { once: true });
      sheet.addEventListener('error', done, { once: true });
    });
    Promise.all([load(folder), table(folder, lang), styled])
      .then(([app, text]) => {
        if (generation !== this.#generation) return; // removed meanwhile
        box.replaceChildren();
        const start = this.#fragment ?? queryFragment(this.getAttribute('query'));
        this.#applyTheme(); // the page may have set its colour scheme meanwhile
        const onChange = (fragment) => {
          this.#fragment = fragment;
          this.dispatchEvent(new CustomEvent('clippings-change', { detail: { fragment }, bubbles: true, composed: true }));
        };
        this.#viewer = app.clippings_mount(box, start, new URL('index.html', folder).href, onChange, text);
      })
      .catch((error) => {
        if (generation !== this.#generation) return;
        loading.setAttribute('role', 'alert');
        loading.textContent = say(lang, 'page-load-failed', { folder, why: error?.message ?? error });
        const retry = document.createElement('button');
        retry.type = 'button';
        retry.textContent = say(lang, 'page-try-again');
        retry.addEventListener('click', () => {
          this.disconnectedCallback();
          this.connectedCallback();
        });
        loading.append(' ', retry);
        console.error('clippings-viewer:', error);
      });
  }

  disconnectedCallback() {
    this.#generation++;
    scheme.removeEventListener('change', this.#onScheme);
    if (this.#viewer) {
      this.#fragment = this.#viewer.fragment();
      this.#viewer.unmount();
      this.#viewer.free();
      this.#viewer = null;
    }
    this.#box = null;
    this.shadowRoot.replaceChildren();
  }

  attributeChangedCallback(name, old, value) {
    if (old === value || !this.#box) return;
    if (name === 'query') {
      if (this.#viewer) this.#viewer.set_query(value ?? '');
      else this.#fragment = null;
    } else if (name === 'height') {
      this.#applyHeight();
    } else if (name === 'theme') {
      this.#applyTheme();
    } else if ((name === 'src' || name === 'lang') && this.isConnected) {
      this.disconnectedCallback();
      this.connectedCallback();
    }
  }

  #applyHeight() {
    const raw = (this.getAttribute('height') ?? '').trim();
    const height = /^\d+(\.\d+)?$/.test(raw) ? raw + 'px' : raw;
    if (height && CSS.supports('height', height)) {
      this.#box.style.setProperty('height', height);
      this.#box.classList.add('scroll');
    } else {
      this.#box.style.removeProperty('height');
      this.#box.classList.remove('scroll');
    }
  }

  #applyTheme() {
    let theme = this.getAttribute('theme');
    if (theme !== 'light' && theme !== 'dark') {
      const declared = getComputedStyle(this).colorScheme || '';
      const dark = /\bdark\b/.test(declared);
      const light = /\blight\b/.test(declared);
      theme = dark && !light ? 'dark' : light && !dark ? 'light' : null;
    }
    if (theme) this.#box.dataset.theme = theme;
    else delete this.#box.dataset.theme;
  }
}

if (!customElements.get('clippings-viewer')) customElements.define('clippings-viewer', ClippingsViewer);

export { ClippingsViewer };
