// wasm-loader.js — loads the site's Go WebAssembly module (search and
// calculator) once, on demand, and hands out its namespace object
// (globalThis.shguide). Shared by search.js and the calculator page.
//
//   shguideWasm.load()      → Promise<namespace>; starts the download the
//                              first time, rejects with an Error whose
//                              message is Japanese and user-facing
//   shguideWasm.prefetch()  → warms the HTTP cache without running anything
//   shguideWasm.state       → "idle" | "loading" | "ready" | "failed" | "exited"
//   shguideWasm.supported   → false when the browser has no WebAssembly
//   shguideWasm.assetURL(name, fallbackPath) → URL of a site asset
//
// A "shguide:exit" event is dispatched on window if the Go runtime stops;
// the next load() starts a fresh instance.
//
// Asset URLs come from the data attributes data-wasm and data-wasm-exec of
// <html> (the layout writes versioned URLs there), falling back to
// <base>assets/shguide.wasm and <base>assets/js/wasm_exec.js.
(function () {
  "use strict";

  var root = document.documentElement;
  var base = root.getAttribute("data-base") || "/";
  var state = "idle";
  var pending = null;

  var MSG_UNSUPPORTED = "このブラウザーは WebAssembly に対応していないため、検索と計算機を利用できません。最新のブラウザーでお試しください。";
  var MSG_FAILED = "検索・計算エンジン（WebAssembly）を読み込めませんでした。ネットワーク接続を確認し、ページを再読み込みしてください。";
  var MSG_EXITED = "検索・計算エンジンが停止しました。ページを再読み込みしてください。";

  var supported = typeof WebAssembly === "object" && typeof WebAssembly.instantiate === "function";

  // assetURL is the URL of an asset: the data attribute attr of <html>,
  // else base + "assets/" + fallbackPath.
  function assetURL(attr, fallbackPath) {
    return root.getAttribute(attr) || base + "assets/" + fallbackPath;
  }

  function userError(msg, cause) {
    var e = new Error(msg);
    if (cause) e.cause = cause;
    return e;
  }

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      if (typeof globalThis.Go === "function") return resolve();
      var s = document.createElement("script");
      s.src = src;
      s.async = true;
      s.onload = function () { resolve(); };
      s.onerror = function () { reject(userError(MSG_FAILED, new Error("wasm_exec.js: " + src))); };
      document.head.appendChild(s);
    });
  }

  // instantiate streams and compiles the module when the server sends
  // application/wasm, and falls back to an ArrayBuffer otherwise (some
  // static hosts send application/octet-stream, which
  // instantiateStreaming rejects).
  function instantiate(url, imports) {
    return fetch(url, { credentials: "same-origin" }).then(function (resp) {
      if (!resp.ok) throw new Error(url + ": HTTP " + resp.status);
      var type = (resp.headers.get("Content-Type") || "").split(";")[0].trim();
      if (typeof WebAssembly.instantiateStreaming === "function" && type === "application/wasm") {
        return WebAssembly.instantiateStreaming(resp, imports);
      }
      return resp.arrayBuffer().then(function (buf) { return WebAssembly.instantiate(buf, imports); });
    });
  }

  function fail(err) {
    state = "failed";
    pending = null;
    if (err && err.message !== MSG_FAILED && err.message !== MSG_UNSUPPORTED) {
      if (typeof console !== "undefined") console.error("shguide wasm:", err);
      err = userError(MSG_FAILED, err);
    }
    throw err;
  }

  function load() {
    if (pending) return pending;
    if (!supported) {
      state = "failed";
      return Promise.reject(userError(MSG_UNSUPPORTED));
    }
    state = "loading";
    pending = loadScript(assetURL("data-wasm-exec", "js/wasm_exec.js")).then(function () {
      var go = new globalThis.Go();
      return instantiate(assetURL("data-wasm", "shguide.wasm"), go.importObject).then(function (result) {
        return new Promise(function (resolve, reject) {
          var ready = false;
          // main() calls shguideReady(namespace) once its functions are set.
          globalThis.shguideReady = function (ns) {
            ready = true;
            state = "ready";
            resolve(ns);
          };
          go.run(result.instance).then(function () {
            // run() settles when the Go program exits: it should not.
            var wasReady = ready;
            state = "exited";
            pending = null;
            try { delete globalThis.shguide; } catch (e) { globalThis.shguide = undefined; }
            if (!wasReady) reject(userError(MSG_FAILED, new Error("Go program exited during start-up")));
            window.dispatchEvent(new CustomEvent("shguide:exit", { detail: { message: MSG_EXITED } }));
          }, function (err) {
            state = "exited";
            pending = null;
            if (!ready) reject(err);
            window.dispatchEvent(new CustomEvent("shguide:exit", { detail: { message: MSG_EXITED } }));
          });
        });
      });
    }).catch(fail);
    return pending;
  }

  // prefetch downloads the module and wasm_exec.js into the HTTP cache
  // without compiling anything, unless the user asked to save data.
  var prefetched = false;
  function prefetch(extra) {
    if (prefetched || !supported || state !== "idle") return;
    var c = navigator.connection;
    if (c && (c.saveData || /(^|-)2g$/.test(c.effectiveType || ""))) return;
    prefetched = true;
    var urls = [assetURL("data-wasm-exec", "js/wasm_exec.js"), assetURL("data-wasm", "shguide.wasm")].concat(extra || []);
    urls.forEach(function (u) {
      fetch(u, { credentials: "same-origin" }).then(function (r) { return r.ok ? r.arrayBuffer() : null; }).catch(function () {});
    });
  }

  globalThis.shguideWasm = {
    load: load,
    prefetch: prefetch,
    assetURL: assetURL,
    supported: supported,
    messages: { unsupported: MSG_UNSUPPORTED, failed: MSG_FAILED, exited: MSG_EXITED },
    get state() { return state; }
  };
})();
