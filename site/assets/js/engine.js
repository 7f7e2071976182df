// engine.js — the pages' client of the site's engine: the Go WebAssembly
// module (scoring, the worksheet, search) running in a Web Worker
// (engine-worker.js, created by engine-boot.js). Nothing here blocks the
// page: the worker fetches the module and compiles it with
// WebAssembly.compileStreaming as it arrives, starts the Go runtime and
// answers calls. Compiling on the main thread blocked it for hundreds of
// milliseconds when the bytes were already there.
//
//   import { engine } from './engine.js';
//   engine.start()          start loading (idempotent) → Promise that
//                           resolves when the engine is ready and rejects
//                           with an Error whose message is Japanese
//   engine.begin()          start() now or once the page has been drawn,
//                           as the page needs it (see begin below)
//   engine.call(group, name, ...args)
//                           → Promise of the bridge's answer: {ok: true,
//                           value} or {ok: false, error: {kind, message, …}}
//                           with a Japanese message; it never rejects. An
//                           engine that cannot run answers kind
//                           "unavailable".
//   engine.calc.score(v), .scoreMany(list)
//                           shortcuts for call('calc', …); the worksheet's
//                           and the checklist's sessions are the groups
//                           "worksheet" and "checklist" (shguide-tools.wasm)
//   engine.search.load()    fetch the search index (once) and load it
//   engine.search.query(q, limit, facet)
//   engine.state            "idle" | "loading" | "ready" | "failed" | "exited"
//   engine.supported        false without WebAssembly or Worker
//   engine.messages         the Japanese messages for those states
//   engine.addEventListener("progress" | "ready" | "exit", …)
//                           progress: event.detail = {phase: "download" |
//                           "compile" | "start" | "index", loaded, total
//                           (bytes; total 0 when unknown), message}
//   warm(withIndex)         prefetch the engine (and the index) into the HTTP
//                           cache without running it, unless Save-Data is on
//   warmOnLinkIntent()      warm when the reader points at or focuses a link
//                           to an engine page
//   scoreOf(obj, group)     one score of a scored vector, for display
//
// The performance marks shguide:engine-start (set by engine-boot.js when
// it creates the worker) and shguide:engine-ready time the start.
//
// Reading pages import this module but load nothing until the reader shows
// intent (the search box, an engine page). Asset URLs come from data
// attributes of <html> (the layout writes versioned URLs there):
// data-wasm, data-wasm-bytes (the module's size, for progress),
// data-wasm-exec, data-engine-worker, data-engine-boot, data-index,
// data-index-raw.

const root = document.documentElement;
const base = root.getAttribute('data-base') || '/';

const hasWasm = typeof WebAssembly === 'object' && typeof WebAssembly.compile === 'function';
const supported = hasWasm && typeof Worker === 'function';

const MESSAGES = {
  unsupported: 'このブラウザーは ' + (hasWasm ? 'Web Worker' : 'WebAssembly') + ' に対応していないため、検索と計算機を利用できません。最新のブラウザーでお試しください。',
  failed: '検索・計算エンジン（WebAssembly）を読み込めませんでした。ネットワーク接続を確認し、ページを再読み込みしてください。',
  exited: '検索・計算エンジンが停止しました。ページを再読み込みしてください。',
  indexFailed: '検索インデックスを読み込めませんでした。ページを再読み込みしてください。',
  download: '検索・計算エンジンを読み込んでいます…',
  compile: '検索・計算エンジンを読み込んでいます…（準備中）',
  start: '検索・計算エンジンを読み込んでいます…（起動中）',
  index: '検索インデックスを読み込んでいます…',
};

// assetURL is the URL of an asset: the data attribute attr of <html>,
// else base + "assets/" + fallbackPath.
function assetURL(attr, fallbackPath) {
  return root.getAttribute(attr) || base + 'assets/' + fallbackPath;
}

function userError(msg, cause) {
  const e = new Error(msg);
  if (cause) e.cause = cause;
  return e;
}

function logError(what, err) {
  if (typeof console !== 'undefined') console.error('shguide engine:', what, err);
}

class Engine extends EventTarget {
  constructor() {
    super();
    this.supported = supported;
    this.messages = MESSAGES;
    this.state = 'idle';
    this.worker = null;
    this.starting = null; // Promise of start()
    this.calls = new Map(); // id → resolve
    this.nextID = 1;
    this.index = null; // Promise of search.load()
    this.begun = null; // Promise that resolves when begin() may start
    const call = (group) => (name) => (...args) => this.call(group, name, ...args);
    const calc = call('calc');
    this.calc = {
      score: calc('score'), scoreMany: calc('scoreMany'),
    };
    this.search = {
      load: () => this.loadIndex(),
      query: (q, limit, facet) => this.call('search', 'query', q, limit, facet),
    };
  }

  progress(phase, loaded, total) {
    this.dispatchEvent(new CustomEvent('progress', { detail: { phase, loaded: loaded || 0, total: total || 0, message: MESSAGES[phase] } }));
  }

  // begin starts the engine when the page needs it. A page opened with
  // something to compute (a vector in the fragment, a query in the
  // address) or that asks for it at once (the browser tools) was prepared
  // by engine-boot.js while it parsed (the worker spawned, or the module's
  // download started), and begin starts it now. Any other starts it once
  // the page has been drawn: the reader has yet to choose or type, and the
  // module's hundreds of kilobytes would share the connection with the
  // styles and scripts of the first paint. A call made before then starts
  // it at once. It returns start()'s promise.
  begin() {
    if (this.starting) return this.starting;
    if (!this.begun) {
      const boot = self.shguideEngineBoot;
      this.begun = boot && boot.waiting() ? Promise.resolve() : drawn();
    }
    return this.begun.then(() => this.start());
  }

  start() {
    if (this.starting) return this.starting;
    if (!supported) {
      this.state = 'failed';
      return Promise.reject(userError(MESSAGES.unsupported));
    }
    this.state = 'loading';
    this.progress('download', 0, Number(root.getAttribute('data-wasm-bytes')) || 0);
    this.starting = loadBoot().then((boot) => new Promise((resolve, reject) => {
      const booted = boot.take();
      const worker = booted ? booted.worker : boot.spawn();
      this.worker = worker;
      worker.onmessage = (e) => this.receive(worker, e.data, resolve, reject);
      worker.onerror = (e) => {
        e.preventDefault();
        this.fail(worker, reject, new Error('engine-worker.js: ' + (e.message || 'error')));
      };
      for (const m of booted ? booted.inbox : []) this.receive(worker, m, resolve, reject);
    }), (err) => {
      logError('loading failed', err);
      this.starting = null;
      this.state = 'failed';
      throw userError(MESSAGES.failed, err);
    });
    this.starting.catch(() => {}); // callers handle it; a later start() retries
    return this.starting;
  }

  receive(worker, m, resolve, reject) {
    if (this.worker !== worker || !m) return;
    switch (m.type) {
      case 'progress':
        this.progress(m.phase, m.loaded, m.total);
        break;
      case 'ready':
        this.state = 'ready';
        performance.mark('shguide:engine-ready');
        resolve();
        this.dispatchEvent(new CustomEvent('ready'));
        break;
      case 'failed':
        this.fail(worker, reject, new Error(m.detail));
        break;
      case 'exit':
        logError('the Go program stopped', m.detail);
        this.stop(worker, 'exited');
        this.dispatchEvent(new CustomEvent('exit', { detail: { message: MESSAGES.exited } }));
        break;
      case 'answer': {
        const done = this.calls.get(m.id);
        this.calls.delete(m.id);
        if (done) done(m.answer && m.answer.ok === false && m.answer.error && m.answer.error.kind === 'unavailable'
          ? unavailable(m.answer.error.messageEn) : m.answer);
        break;
      }
    }
  }

  fail(worker, reject, err) {
    if (this.worker !== worker) return;
    logError('loading failed', err);
    this.stop(worker, 'failed');
    reject(userError(MESSAGES.failed, err));
  }

  // stop ends the worker; pending calls are answered "unavailable" and the
  // next start() begins afresh.
  stop(worker, state) {
    worker.terminate();
    this.worker = null;
    this.starting = null;
    this.index = null;
    this.state = state;
    const pending = Array.from(this.calls.values());
    this.calls.clear();
    for (const done of pending) done(unavailable(state));
  }

  call(group, name, ...args) {
    return this.send(group, name, args, []);
  }

  send(group, name, args, transfer) {
    return this.start().then(() => new Promise((resolve) => {
      const id = this.nextID++;
      this.calls.set(id, resolve);
      try {
        this.worker.postMessage({ type: 'call', id, group, name, args }, transfer);
      } catch (err) { // an argument that cannot be cloned
        this.calls.delete(id);
        resolve({ ok: false, error: { kind: 'argument', message: MESSAGES.failed, messageEn: String(err) } });
      }
    }), (err) => unavailable(err.message, err.message));
  }

  // loadIndex fetches the search index once (the gzip file when the browser
  // can inflate it) and loads it into the engine, in parallel with the
  // engine's start.
  loadIndex() {
    if (this.index) return this.index;
    const url = indexURL();
    this.start().catch(() => {});
    const p = fetch(url, { credentials: 'same-origin' }).then((resp) => {
      if (!resp.ok) throw new Error(url + ': HTTP ' + resp.status);
      return resp.arrayBuffer();
    }).then((buf) => {
      this.progress('index', buf.byteLength, buf.byteLength);
      return this.send('search', 'load', [buf], [buf]);
    }, (err) => {
      logError('search index', err);
      return { ok: false, error: { kind: 'index', message: MESSAGES.indexFailed, messageEn: String(err) } };
    }).then((answer) => {
      if (!answer.ok) {
        if (answer.error.kind !== 'unavailable') logError('search index', answer.error.messageEn);
        if (this.index === p) this.index = null; // a later attempt may succeed
        if (answer.error.kind === 'index') answer.error.message = MESSAGES.indexFailed;
      }
      return answer;
    });
    this.index = p;
    return p;
  }
}

// unavailable is the answer of a call the engine cannot take.
function unavailable(detail, message) {
  return { ok: false, error: { kind: 'unavailable', message: message || MESSAGES.exited, messageEn: String(detail || '') } };
}

export const engine = new Engine();

// indexURL is the search index's URL: the gzip file when the browser can
// inflate it.
function indexURL() {
  return typeof DecompressionStream === 'function' ? assetURL('data-index', 'search-index.bin.gz') : assetURL('data-index-raw', 'search-index.bin');
}

// loadBoot resolves to engine-boot.js's interface, adding the script to
// the page when it has not run: the reading pages do not load it, and an
// engine page's async copy may still be on its way (a second copy does
// nothing).
let booting = null;
function loadBoot() {
  if (self.shguideEngineBoot) return Promise.resolve(self.shguideEngineBoot);
  if (!booting) {
    booting = new Promise((resolve, reject) => {
      const s = document.createElement('script');
      s.src = assetURL('data-engine-boot', 'js/engine-boot.js');
      s.onload = () => (self.shguideEngineBoot ? resolve(self.shguideEngineBoot) : reject(new Error(s.src + ': no shguideEngineBoot')));
      s.onerror = () => reject(new Error(s.src + ': could not load'));
      document.head.appendChild(s);
    });
    booting.catch(() => { booting = null; }); // a later start() tries again
  }
  return booting;
}

// drawn resolves once the page has shown its first text or image (the
// first-contentful-paint entry, reported once the frame is on screen), or
// after an animation frame where the browser does not report paints. A
// hidden page paints nothing, and a page that shows nothing within 3 s
// does not wait longer.
function drawn() {
  return new Promise((resolve) => {
    const types = typeof PerformanceObserver === 'function' ? PerformanceObserver.supportedEntryTypes || [] : [];
    if (document.visibilityState === 'hidden' || performance.getEntriesByName('first-contentful-paint').length) {
      resolve();
    } else if (!types.includes('paint')) {
      requestAnimationFrame(() => setTimeout(resolve, 0));
    } else {
      const done = () => {
        observer.disconnect();
        clearTimeout(timer);
        resolve();
      };
      const observer = new PerformanceObserver((list) => {
        if (list.getEntriesByName('first-contentful-paint').length) done();
      });
      observer.observe({ type: 'paint', buffered: true });
      const timer = setTimeout(done, 3000);
    }
  });
}

// saveData reports whether the reader asked the browser to save data.
function saveData() {
  const c = navigator.connection;
  return !!(c && (c.saveData || /(^|-)2g$/.test(c.effectiveType || '')));
}

const prefetched = new Set();

// prefetch adds <link rel="prefetch"> for url, once; fetched marks a file
// the engine fetch()es.
function prefetch(url, fetched) {
  if (prefetched.has(url)) return;
  prefetched.add(url);
  const link = document.createElement('link');
  link.rel = 'prefetch';
  link.href = url;
  if (fetched) { // as the engine will fetch() it
    link.as = 'fetch';
    link.crossOrigin = 'anonymous';
  }
  document.head.appendChild(link);
}

// warm asks the browser to fetch the engine (and with withIndex the search
// index) into its HTTP cache at low priority, without running anything,
// unless the reader asked to save data or the engine is loading already.
export function warm(withIndex) {
  if (!supported || engine.state !== 'idle' || saveData()) return;
  prefetch(assetURL('data-wasm', 'shguide.wasm'), true);
  prefetch(assetURL('data-engine-worker', 'js/engine-worker.js'), false);
  prefetch(assetURL('data-engine-boot', 'js/engine-boot.js'), false);
  prefetch(assetURL('data-wasm-exec', 'js/wasm_exec.js'), false);
  if (withIndex) prefetch(indexURL(), true);
}

// warmOnLinkIntent warms the engine when the pointer rests on, or the
// focus reaches, a link to a page that runs it (the calculator, the
// worksheet, the search page).
export function warmOnLinkIntent() {
  const pages = [base + 'calculator/', base + 'search/'];
  const onIntent = (e) => {
    const a = e.target instanceof Element ? e.target.closest('a[href]') : null;
    if (!a) return;
    let path;
    try { path = new URL(a.href, location.href).pathname; } catch { return; }
    if (pages.some((p) => path.startsWith(p))) warm(path.startsWith(base + 'search/'));
  };
  document.addEventListener('pointerover', onIntent, { passive: true });
  document.addEventListener('focusin', onIntent);
}

// scoreOf reads one score of a scored vector (the value of calc.score): the
// groups "base", "temporal", "environmental" from its scores object (FIRST's
// "baseScore": 9.3, "baseSeverity": "CRITICAL", "baseSeverityJa": "緊急"),
// "cvss30Base" from the value itself, and those of value.plain with
// scoreOf(value.plain, group). It returns {value: 9.3, text: "9.3",
// severity: "Critical", severityJa: "緊急"} for display.
export function scoreOf(obj, group) {
  const src = group === 'cvss30Base' || !obj.scores ? obj : obj.scores;
  const n = src[group + 'Score'];
  const sev = String(src[group + 'Severity'] || 'NONE');
  return { value: n, text: n.toFixed(1), severity: sev.charAt(0) + sev.slice(1).toLowerCase(), severityJa: src[group + 'SeverityJa'] };
}
