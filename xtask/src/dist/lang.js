// The page's language, chosen before the app has loaded: inline in
// dist/index.html, clippings.html and the folder edition, before the app's own
// scripts (cargo xtask dist puts it there, without these comment lines, with
// the build's languages in place of __CONFIG__, and names it in the page's
// policy by its hash). __CONFIG__ is { default: 'hy' or null, languages:
// [[code, own name], …], langs: { code: { dir, page: { 'page-…': text },
// and file: 'i18n/<code>-<hash>.txt' (hosted) or table: '<compiled table>'
// (inside the page) } } }.
//
// 1. The language: `lang=xx` in the address's fragment if there is a table for
//    it; else the build's default (cargo xtask dist --lang xx); else the first
//    of the reader's languages (navigator.languages) there is a table for, by
//    its primary subtag; else English.
// 2. Sets <html lang dir> at once, and the loading line's text.
// 3. window.clippingsLang = { lang, dir, text, page, languages }: text is a
//    promise of the compiled table's text, or of the Error that stopped its
//    download (it never rejects, like clippingsData.bytes); its download starts
//    now, beside the app shell's. page holds the page-* messages, {values} by name.
// 4. A fragment that later names another language reloads the page in it:
//    an address the reader changes (hashchange), or, in a frame, the state
//    embed.js sends once the app is ready ({ source: 'clippings-host',
//    version: 1, type: 'navigate', fragment }, from the parent window).
window.clippingsLang = (function (c) {
  'use strict';
  var langs = c.langs;
  function pick(tag) {
    var code = String(tag || '').toLowerCase().split('-')[0];
    return Object.prototype.hasOwnProperty.call(langs, code) ? code : null;
  }
  function named(fragment) {
    try {
      return pick(new URLSearchParams(String(fragment).replace(/^#/, '')).get('lang'));
    } catch (e) {
      return null;
    }
  }
  function asked() {
    return named(location.hash);
  }
  var lang = asked() || pick(c.default);
  var wanted = navigator.languages || [navigator.language];
  for (var i = 0; !lang && wanted && i < wanted.length; i++) lang = pick(wanted[i]);
  lang = lang || 'en';
  var own = langs[lang];
  document.documentElement.lang = lang;
  document.documentElement.dir = own.dir;

  function loading() {
    var line = document.querySelector('[data-clippings-app] .loading');
    if (line) line.textContent = own.page['page-loading'];
    return line;
  }
  if (!loading()) document.addEventListener('DOMContentLoaded', loading, { once: true });

  var text =
    typeof own.table === 'string'
      ? Promise.resolve(own.table)
      : fetch(own.file)
          .then(function (r) {
            if (!r.ok) throw new Error('HTTP ' + r.status + ' for ' + own.file);
            return r.text();
          })
          .catch(function (x) {
            return x instanceof Error ? x : new Error(String(x));
          });

  addEventListener('hashchange', function () {
    var now = asked();
    if (now && now !== lang) location.reload();
  });
  addEventListener('message', function (e) {
    var d = e.data;
    if (window.parent === window || e.source !== window.parent || !d || d.source !== 'clippings-host') return;
    if (d.version !== 1 || d.type !== 'navigate' || typeof d.fragment !== 'string') return;
    var now = named(d.fragment);
    if (now && now !== lang) {
      location.replace('#' + d.fragment.replace(/^#/, ''));
      location.reload();
    }
  });
  return { lang: lang, dir: own.dir, text: text, page: own.page, languages: c.languages };
})(__CONFIG__);
