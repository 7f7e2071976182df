// engine-boot.js — creates the engine's Web Worker (engine-worker.js), the
// one place that does. A classic script that the pages that run the engine
// load with <script async> from the top of <head>: it runs as soon as it
// arrives, while the page is still being parsed and before the first
// layout keeps the main thread busy (an async module ran only after that,
// a quarter of a second later on a slow phone), and it does not hold up
// the parser (a blocking script there delayed the first paint on a slow
// connection). engine.js adds it to other pages when the reader first
// needs the engine, and to an engine page whose copy has not run yet.
//
// The worker reads what to load from its name (a JSON object: exec, wasm,
// total; see engine-worker.js), so it starts fetching the module as soon as
// its script runs, without waiting for a message.
//
//   shguideEngineBoot.spawn()   → a new worker
//   shguideEngineBoot.waiting() → whether the page needs the engine at once
//   shguideEngineBoot.take()    → {worker, inbox} of the worker the page
//                                 needs at once (spawned now if it was not
//                                 yet), or null; once: engine.js then
//                                 handles the worker's messages and replays
//                                 those kept in the inbox
//
// The performance mark shguide:engine-start, set when a worker is created,
// has the detail "load" when this script created it on loading and "asked"
// when a page's script asked for it.
//
// On loading, it acts at once when <html data-engine-start="now"> (the
// browser tools, which score saved rows on arrival) or the address asks
// for a computation (a vector in the fragment: the calculator's shared
// link; a q parameter: a search). When the service
// worker serves the page, the module comes from the saved copies and the
// worker is spawned now. Otherwise the module is preloaded now at low
// priority, which the browser schedules after the page's styles and
// scripts, and the worker, whose own requests the page does not schedule,
// is spawned when the page's script asks for it; its request for the
// module then joins the preload's. A search's index is preloaded in both
// cases.
(function () {
  'use strict';
  if (self.shguideEngineBoot) return; // loaded twice: the first copy acts
  var root = document.documentElement;
  var base = root.getAttribute('data-base') || '/';
  var booted = null; // {worker, inbox}: spawned for the page, not yet taken
  var pending = false; // the page needs the engine at once: spawned when taken

  function asset(attr, path) {
    return new URL(root.getAttribute(attr) || base + 'assets/' + path, location.href).href;
  }

  function spawn(why) {
    performance.mark('shguide:engine-start', { detail: why });
    var init = {
      exec: asset('data-wasm-exec', 'js/wasm_exec.js'),
      wasm: asset('data-wasm', 'shguide.wasm'),
      total: Number(root.getAttribute('data-wasm-bytes')) || 0,
    };
    return new Worker(asset('data-engine-worker', 'js/engine-worker.js'), { name: JSON.stringify(init) });
  }

  function boot(why) {
    pending = false;
    var worker = spawn(why);
    var inbox = [];
    worker.onmessage = function (e) { inbox.push(e.data); };
    worker.onerror = function (e) {
      e.preventDefault();
      inbox.push({ type: 'failed', detail: 'engine-worker.js: ' + (e.message || 'error') });
    };
    booted = { worker: worker, inbox: inbox };
  }

  function preload(url) {
    var link = document.createElement('link');
    link.rel = 'preload';
    link.as = 'fetch';
    link.crossOrigin = 'anonymous';
    link.fetchPriority = 'low';
    link.href = url;
    document.head.appendChild(link);
  }

  self.shguideEngineBoot = {
    spawn: function () { return spawn('asked'); },
    waiting: function () { return pending || booted !== null; },
    take: function () {
      if (pending) boot('asked');
      var b = booted;
      booted = null;
      return b;
    },
  };

  if (typeof WebAssembly !== 'object' || typeof Worker !== 'function') return;
  var q = (new URLSearchParams(location.search).get('q') || '').trim(); // as search.js reads it
  var now = root.getAttribute('data-engine-start') === 'now'; // its HTML preloads the module
  if (!now && location.hash.length <= 1 && !q) return;
  if (navigator.serviceWorker && navigator.serviceWorker.controller) {
    boot('load');
  } else {
    pending = true;
    if (!now) preload(asset('data-wasm', 'shguide.wasm'));
  }
  if (q) {
    preload(typeof DecompressionStream === 'function' ? asset('data-index', 'search-index.bin.gz') : asset('data-index-raw', 'search-index.bin'));
  }
})();
