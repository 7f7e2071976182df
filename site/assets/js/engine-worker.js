// engine-worker.js — runs the site's Go WebAssembly engine (scoring, the
// worksheet, search) in a dedicated Web Worker, so that starting the Go
// runtime, decoding the search index and answering never block the page.
// engine.js is its only client; the protocol, by message type:
//
//   page → worker
//     the worker's name, a JSON object {exec, wasm, total}
//                                      (engine-boot.js): load wasm_exec.js
//                                      (URL exec), fetch and compile the module
//                                      (URL wasm, total bytes when known) and
//                                      start it, as soon as this script runs
//     {type: "call", id, group, name, args}
//                                      call shguide[group][name](...args); for
//                                      search.load, args[0] is an ArrayBuffer
//                                      of the index, gzip-compressed or not
//   worker → page
//     {type: "progress", phase, loaded, total}
//                                      "download" (bytes so far), then "start"
//     {type: "ready"}                  the Go program has registered its functions
//     {type: "failed", detail}         the engine could not start
//     {type: "exit", detail}           the Go program stopped
//     {type: "answer", id, answer}     {ok, value} or {ok: false, error}
//
// Answers are the bridge's objects (wasm/bridge.go) as they are; a call
// that throws (the Go runtime has stopped) is answered with an error of
// kind "unavailable", whose message the page replaces with its own.
'use strict';

let go = null;
let ns = null;

function post(msg) { self.postMessage(msg); }

function detail(err) { return String((err && (err.stack || err.message)) || err); }

// compile fetches the module and compiles it while it downloads when the
// server sends application/wasm, from an ArrayBuffer otherwise (some static
// hosts send application/octet-stream, which compileStreaming rejects). A
// copy of the body counts the bytes for progress, at most every 50 ms. The
// download has low priority: on a first visit it starts while the page's
// styles and scripts are still arriving, and must not hold them up.
function compile(url, total) {
  return fetch(url, { credentials: 'same-origin', priority: 'low' }).then((resp) => {
    if (!resp.ok) throw new Error(url + ': HTTP ' + resp.status);
    if (resp.body && typeof resp.clone === 'function') count(resp.clone().body, total);
    const type = (resp.headers.get('Content-Type') || '').split(';')[0].trim();
    const compiled = typeof WebAssembly.compileStreaming === 'function' && type === 'application/wasm'
      ? WebAssembly.compileStreaming(resp)
      : resp.arrayBuffer().then((buf) => WebAssembly.compile(buf));
    return compiled.then((module) => {
      post({ type: 'progress', phase: 'start', loaded: total, total });
      return module;
    });
  });
}

function count(body, total) {
  const reader = body.getReader();
  let loaded = 0;
  let last = 0;
  const step = ({ done, value }) => {
    if (done) return undefined;
    loaded += value.byteLength;
    const now = Date.now();
    if (now - last >= 50) {
      last = now;
      post({ type: 'progress', phase: 'download', loaded, total });
    }
    return reader.read().then(step);
  };
  reader.read().then(step).catch(() => {});
}

function run(module) {
  if (!go) throw new Error('wasm_exec.js not loaded');
  return WebAssembly.instantiate(module, go.importObject).then((instance) => {
    let ready = false;
    // main() calls shguideReady(namespace) once its functions are set.
    self.shguideReady = (namespace) => {
      ready = true;
      ns = namespace;
      post({ type: 'ready' });
    };
    go.run(instance).then(() => {
      ns = null;
      post({ type: ready ? 'exit' : 'failed', detail: 'Go program exited' });
    }, (err) => {
      ns = null;
      post({ type: ready ? 'exit' : 'failed', detail: detail(err) });
    });
  });
}

// inflate decompresses gzip data (the index is published gzip-compressed,
// since static hosts rarely compress application/octet-stream).
function inflate(buf) {
  const head = new Uint8Array(buf, 0, Math.min(2, buf.byteLength));
  if (head[0] !== 0x1f || head[1] !== 0x8b || typeof DecompressionStream !== 'function') {
    return Promise.resolve(new Uint8Array(buf));
  }
  const stream = new Blob([buf]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream).arrayBuffer().then((b) => new Uint8Array(b));
}

function unavailable(err) {
  return { ok: false, error: { kind: 'unavailable', message: '', messageEn: detail(err) } };
}

function call(m) {
  let p;
  try {
    const fn = ns && ns[m.group] && ns[m.group][m.name];
    if (typeof fn !== 'function') throw new Error('no engine function ' + m.group + '.' + m.name);
    if (m.group === 'search' && m.name === 'load') {
      p = inflate(m.args[0]).then((bytes) => fn(bytes));
    } else {
      p = Promise.resolve(fn.apply(null, m.args));
    }
  } catch (err) {
    p = Promise.reject(err);
  }
  p.then((answer) => post({ type: 'answer', id: m.id, answer }),
    (err) => post({ type: 'answer', id: m.id, answer: unavailable(err) }));
}

self.onmessage = (e) => {
  const m = e.data || {};
  if (m.type === 'call') call(m);
};

try {
  const init = JSON.parse(self.name);
  const compiled = compile(init.wasm, init.total); // the download starts before wasm_exec.js loads
  importScripts(init.exec);
  go = new self.Go();
  compiled.then(run).catch((err) => post({ type: 'failed', detail: detail(err) }));
} catch (err) {
  post({ type: 'failed', detail: detail(err) });
}
