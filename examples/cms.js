// The demo's switches. The iframe is made here so that its origin can be switched:
// 127.0.0.1 and localhost are two origins even on one server.
(function () {
  'use strict';
  var params = new URLSearchParams(location.search);
  var cross = params.get('cross') === '1';
  var here = location.hostname;
  var other = here === 'localhost' ? '127.0.0.1' : 'localhost';
  var base = new URL('../', location.href);
  if (cross) base.hostname = other;

  var frame = document.createElement('iframe');
  frame.src = new URL('clippings.html#q=Kopyrkin', base).href;
  frame.title = 'Clippings: search the archive';
  frame.setAttribute('data-clippings', '');
  frame.setAttribute('data-clippings-mirror', '');
  frame.setAttribute('sandbox', 'allow-scripts allow-popups allow-downloads');
  document.getElementById('frame-slot').append(frame);

  function toggle(id, on, apply) {
    var box = document.getElementById(id);
    box.checked = on;
    box.addEventListener('change', function () {
      apply(box.checked);
    });
    apply(on);
  }
  toggle('toggle-hostile', params.get('hostile') === '1', function (on) {
    document.getElementById('hostile').disabled = !on;
  });
  // Both embeds read the page's colour scheme when they start: reload to switch it.
  var dark = params.get('dark') === '1';
  document.documentElement.classList.toggle('dark', dark);
  toggle('toggle-dark', dark, function (on) {
    if (on === dark) return;
    params.set('dark', on ? '1' : '0');
    location.search = params.toString();
  });
  toggle('toggle-accent', params.get('accent') === '1', function (on) {
    document.documentElement.classList.toggle('accent', on);
  });
  toggle('toggle-cross', cross, function (on) {
    if (on === cross) return;
    params.set('cross', on ? '1' : '0');
    location.search = params.toString();
  });
})();
