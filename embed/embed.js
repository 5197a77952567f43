/*! Clippings iframe embed, protocol version 1. No dependencies; include it once:
 *
 *   <iframe src="https://example.org/clippings/clippings.html#q=CSTO" data-clippings
 *           title="Clippings: search the archive" sandbox="allow-scripts allow-popups allow-downloads"
 *           style="width: 100%; border: 0"></iframe>
 *   <script src="https://example.org/clippings/embed.js" defer></script>
 *
 * Every <iframe data-clippings> on the page (also ones added later) grows and
 * shrinks with its content. Options, as attributes of the iframe:
 *   data-clippings-mirror[="key"]  mirror the frame's state into this page's address
 *                                  as #key=… (default key "clippings"), so a copied
 *                                  link reopens the same search and article;
 *   data-clippings-theme="light" | "dark"  force a colour scheme (default: this
 *                                  page's color-scheme if it sets one, else the reader's);
 *   data-clippings-lang="ru"       the interface's language (default: this page's
 *                                  <html lang> if it has one, else the reader's):
 *                                  lang=… joins the frame's state (its src's fragment,
 *                                  or the mirrored one) unless that names one already,
 *                                  sent once the app inside is ready; a frame that
 *                                  started in another language reloads in this one.
 * The --clippings-* custom properties set on the iframe (or inherited by it) theme
 * the app inside, as they do for <clippings-viewer>; they are read when the frame starts.
 * The iframe fires "clippings:resize" (detail.height) after each resize.
 *
 * Trust: a message counts only when it comes from the iframe's own window, from
 * the origin of its src ("null" when sandboxed without allow-same-origin or
 * opened from a file) and has exactly the documented shape; anything else is
 * ignored. Messages to the frame go to that origin only ("*" only for "null").
 */
(function () {
  'use strict';
  if (window.ClippingsEmbed) return;

  var VERSION = 1;
  var MAX_HEIGHT = 100000;
  var MAX_FRAGMENT = 20000;
  var frames = [];

  function expectedOrigin(iframe) {
    var sandbox = iframe.getAttribute('sandbox');
    if (sandbox !== null && !/(^|\s)allow-same-origin(\s|$)/i.test(sandbox)) return 'null';
    try {
      var url = new URL(iframe.getAttribute('src') || '', document.baseURI);
      return url.protocol === 'file:' ? 'null' : url.origin;
    } catch (e) {
      return null;
    }
  }

  function mirrorKey(iframe) {
    var key = iframe.getAttribute('data-clippings-mirror');
    return key === null ? null : key || 'clippings';
  }

  /** "light", "dark" or "auto": the attribute, else this page's own color-scheme. */
  function theme(iframe) {
    var forced = iframe.getAttribute('data-clippings-theme');
    if (forced === 'light' || forced === 'dark') return forced;
    var scheme = getComputedStyle(iframe).colorScheme || '';
    var dark = /\bdark\b/.test(scheme);
    var light = /\blight\b/.test(scheme);
    return dark && !light ? 'dark' : light && !dark ? 'light' : 'auto';
  }

  var THEME_VARS = ['accent', 'bg', 'fg', 'muted', 'line', 'mark-bg', 'mark-fg', 'current-bg', 'font',
    'reading-font', 'font-size', 'radius', 'max-width'];

  /** The --clippings-* theming properties the page sets on (or above) the iframe. */
  function themeVars(iframe) {
    var style = getComputedStyle(iframe);
    var vars = {};
    THEME_VARS.forEach(function (name) {
      var value = style.getPropertyValue('--clippings-' + name).trim();
      if (value) vars['--clippings-' + name] = value;
    });
    return vars;
  }

  /** The frame's language, "ru": its data-clippings-lang, else this page's <html lang>; or null. */
  function language(iframe) {
    var tag = iframe.getAttribute('data-clippings-lang') || document.documentElement.getAttribute('lang') || '';
    var code = tag.trim().toLowerCase().split('-')[0];
    return /^[a-z]{2,3}$/.test(code) ? code : null;
  }

  /** `fragment` ("#q=…", or "") with lang=… added for `iframe`, unless it names a language. */
  function withLang(iframe, fragment) {
    var lang = language(iframe);
    var state = fragment.replace(/^#/, '');
    if (!lang || new URLSearchParams(state).has('lang')) return fragment;
    return '#' + (state ? state + '&' : '') + 'lang=' + lang;
  }

  /** The fragment of the iframe's src ("#q=…", or ""): the state the app inside started in. */
  function srcFragment(iframe) {
    var src = iframe.getAttribute('src') || '';
    var at = src.indexOf('#');
    return at < 0 ? '' : src.slice(at);
  }

  function hostParams() {
    return new URLSearchParams(location.hash.replace(/^#/, ''));
  }

  function send(frame, message) {
    var target = frame.iframe.contentWindow;
    var origin = expectedOrigin(frame.iframe);
    if (!target || origin === null) return;
    message.source = 'clippings-host';
    message.version = VERSION;
    target.postMessage(message, origin === 'null' ? '*' : origin);
  }

  function hello(frame) {
    send(frame, { type: 'hello', mirror: frame.key !== null, theme: theme(frame.iframe), vars: themeVars(frame.iframe) });
    // The frame's language joins its state (the src is not changed: that would
    // cancel the frame's first download). The page inside reloads itself when
    // a navigate names another language than the one it started in.
    var saved = frame.key === null ? null : hostParams().get(frame.key);
    if (saved !== null && saved.length <= MAX_FRAGMENT) {
      send(frame, { type: 'navigate', fragment: withLang(frame.iframe, '#' + saved) });
    } else {
      var start = srcFragment(frame.iframe);
      var wanted = withLang(frame.iframe, start);
      if (wanted !== start && wanted.length <= MAX_FRAGMENT) send(frame, { type: 'navigate', fragment: wanted });
    }
  }

  function mirror(frame, fragment) {
    var params = hostParams();
    var state = fragment.replace(/^#/, '');
    if (state) params.set(frame.key, state);
    else params.delete(frame.key);
    var hash = params.toString();
    var url = location.pathname + location.search + (hash ? '#' + hash : '');
    if (url !== location.pathname + location.search + location.hash) history.replaceState(history.state, '', url);
  }

  function attach(iframe) {
    for (var i = 0; i < frames.length; i++) if (frames[i].iframe === iframe) return;
    frames.push({ iframe: iframe, key: mirrorKey(iframe) });
  }

  function scan(root) {
    if (root.matches && root.matches('iframe[data-clippings]')) attach(root);
    if (root.querySelectorAll) Array.prototype.forEach.call(root.querySelectorAll('iframe[data-clippings]'), attach);
  }

  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || typeof data !== 'object' || data.source !== 'clippings' || data.version !== VERSION) return;
    var frame = null;
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].iframe.contentWindow === event.source) frame = frames[i];
    }
    // The origin the page asked for, from the src attribute as it is now (a lazy
    // loader may set it late); a frame that navigated itself elsewhere does not
    // change that attribute, so it is not trusted.
    var origin = frame && expectedOrigin(frame.iframe);
    if (!origin || event.origin !== origin) return;
    if (data.type === 'ready') {
      hello(frame);
    } else if (data.type === 'height') {
      var h = data.height;
      if (typeof h !== 'number' || !isFinite(h) || h < 0 || h > MAX_HEIGHT) return;
      frame.iframe.style.height = Math.ceil(h) + 'px';
      frame.iframe.dispatchEvent(new CustomEvent('clippings:resize', { detail: { height: Math.ceil(h) } }));
    } else if (data.type === 'state') {
      var f = data.fragment;
      if (frame.key === null || typeof f !== 'string' || f.charAt(0) !== '#' || f.length > MAX_FRAGMENT) return;
      mirror(frame, f);
    }
  });

  scan(document);
  new MutationObserver(function (records) {
    records.forEach(function (r) {
      Array.prototype.forEach.call(r.addedNodes, scan);
    });
  }).observe(document.documentElement, { childList: true, subtree: true });

  window.ClippingsEmbed = { version: VERSION, attach: attach };
})();
