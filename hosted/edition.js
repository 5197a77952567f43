// The hosted page's own script, inline in dist/index.html after the one that
// starts downloading the archive (cargo xtask dist puts it there, without
// these comment lines, and names it in the page's policy by its hash). It is
// in no other page: clippings.html and the embeds never register a worker.
//
// 1. Registers sw.js for this page's folder once the page has loaded, so the
//    archive works offline after a first visit. Only a page at the top of its
//    tab does: inside a frame the page belongs to someone else's site.
// 2. Once the worker controls the page, names to it the page and the files
//    it fetched without the worker's fetch handler (before the worker took
//    over, or through the worker's static routes), so those are kept too.
// 3. Looks for a new edition (index.html naming another data file) when the
//    network comes back, when the tab is shown again, and every 30 minutes,
//    and then offers to reload, politely, instead of mixing two editions, in
//    the page's language (window.clippingsLang.page, set by the script before).
(function () {
  'use strict';
  var own = window.clippingsData && window.clippingsData.url;
  var workers = navigator.serviceWorker;
  if (window.top !== window || !own) return;

  if (workers) {
    try {
      performance.setResourceTimingBufferSize(100000);
    } catch (e) {}
    // After the page has loaded, so that a first visit's downloads come first. A
    // browser that refuses (private windows, a policy) leaves the page as it was: online only.
    addEventListener('load', function () {
      workers.register('sw.js', { scope: './' }).catch(function () {});
    });
    // Names to the worker the files it has not seen whole: those fetched before it
    // took over (no workerStart), and those Chromium's static routes (sw.js) read
    // from a cache or, when none held them, from the network (workerMatchedSourceType
    // 'cache'), which its fetch handler never sees. It keeps what it lacks and
    // copies what an older generation holds into the newest.
    var follow = function () {
      var worker = workers.controller;
      var hand = function (entries) {
        var urls = entries
          .filter(function (e) {
            return !e.workerStart || e.workerMatchedSourceType === 'cache';
          })
          .map(function (e) {
            return e.name;
          });
        if (worker && urls.length) worker.postMessage({ keep: urls });
      };
      hand(performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource')));
      // Files whose download ends from now on (on a first visit, also those that
      // began before the worker took over).
      if (window.PerformanceObserver) {
        new PerformanceObserver(function (list) {
          hand(list.getEntries());
        }).observe({ type: 'resource' });
      }
    };
    if (workers.controller) follow();
    else workers.addEventListener('controllerchange', follow, { once: true });
  }

  var page = (window.clippingsLang && window.clippingsLang.page) || {};
  function say(key, english) {
    return typeof page[key] === 'string' ? page[key] : english;
  }

  var offered = false;
  function check() {
    if (offered || !navigator.onLine) return;
    fetch(location.href.replace(/#.*$/, ''), { cache: 'no-cache' })
      .then(function (r) {
        return r.ok ? r.text() : '';
      })
      .then(function (html) {
        var named = html.match(/data\/index-[0-9a-f]{16}\.bin/);
        if (named && named[0] !== own) offer();
      })
      .catch(function () {});
  }

  function offer() {
    if (offered) return;
    offered = true;
    var box = document.createElement('div');
    box.className = 'edition';
    var panel = document.createElement('div');
    panel.className = 'clippings';
    panel.setAttribute('role', 'status');
    box.appendChild(panel);
    document.body.appendChild(box);
    // The text goes in a moment after the live region exists, so it is announced.
    setTimeout(function () {
      var text = document.createElement('p');
      text.textContent = say('page-edition', 'A new edition of the archive is available.');
      var reload = document.createElement('button');
      reload.type = 'button';
      reload.textContent = say('page-reload', 'Reload');
      reload.addEventListener('click', function () {
        location.reload();
      });
      var later = document.createElement('button');
      later.type = 'button';
      later.textContent = say('page-not-now', 'Not now');
      later.addEventListener('click', function () {
        box.remove();
      });
      panel.append(text, reload, later);
    }, 100);
  }

  addEventListener('online', check);
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'visible') check();
  });
  setInterval(check, 30 * 60 * 1000);
})();
