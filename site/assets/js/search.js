// search.js — the site search. It turns the header search form into an
// ARIA combobox with results as you type, and fills the search page
// (/search/?q=…). Queries run in the Go WebAssembly module (wasm-loader.js)
// over the index the generator wrote (assets/search-index.bin.gz).
//
// Security: every text (query, titles, excerpts) is inserted with
// textContent or createTextNode; highlights are [start, end] offsets
// into the text, never HTML.
(function () {
  "use strict";

  var loader = globalThis.shguideWasm;
  var root = document.documentElement;
  var base = root.getAttribute("data-base") || "/";

  var MSG = {
    loading: "検索エンジンを読み込んでいます…",
    empty: "検索語を入力してください。",
    nothing: function (q) { return "「" + q + "」には検索できる文字（文字や数字）が含まれていません。"; },
    noMatch: function (q) { return "「" + q + "」に一致する項目は見つかりませんでした。別の語句や表記でもお試しください。"; },
    count: function (q, shown, total) {
      return "「" + q + "」の検索結果: " + total + " 件" + (shown < total ? "（上位 " + shown + " 件を表示）" : "");
    },
    popupCount: function (total) { return total + " 件の候補があります。上下の矢印キーで選び、Enter キーで移動します。"; },
    popupNone: "一致する項目はありません。",
    all: function (total) { return "すべての検索結果を見る（" + total + " 件）"; },
    indexFailed: "検索インデックスを読み込めませんでした。ページを再読み込みしてください。"
  };

  // ---- engine -------------------------------------------------------------

  var engine = null;        // globalThis.shguide.search once the index is loaded
  var enginePromise = null; // pending load

  function indexBytes() {
    var gz = typeof DecompressionStream === "function";
    var url = gz ? loader.assetURL("data-index", "search-index.bin.gz")
                 : loader.assetURL("data-index-raw", "search-index.bin");
    return fetch(url, { credentials: "same-origin" }).then(function (resp) {
      if (!resp.ok) throw new Error(url + ": HTTP " + resp.status);
      return resp.arrayBuffer();
    }).then(function (buf) {
      var head = new Uint8Array(buf, 0, Math.min(2, buf.byteLength));
      if (!gz || head[0] !== 0x1f || head[1] !== 0x8b) return new Uint8Array(buf);
      var stream = new Blob([buf]).stream().pipeThrough(new DecompressionStream("gzip"));
      return new Response(stream).arrayBuffer().then(function (b) { return new Uint8Array(b); });
    });
  }

  function loadEngine() {
    if (engine) return Promise.resolve(engine);
    if (enginePromise) return enginePromise;
    if (!loader) return Promise.reject(new Error(MSG.indexFailed));
    enginePromise = Promise.all([loader.load(), indexBytes().catch(function (err) {
      if (typeof console !== "undefined") console.error("shguide search:", err);
      throw new Error(MSG.indexFailed);
    })]).then(function (r) {
      var api = r[0].search;
      return api.load(r[1]).then(function (res) {
        if (!res.ok) {
          if (typeof console !== "undefined") console.error("shguide search:", res.error);
          throw new Error(MSG.indexFailed);
        }
        engine = api;
        return api;
      });
    });
    enginePromise.catch(function () { enginePromise = null; }); // a later attempt may succeed
    return enginePromise;
  }

  window.addEventListener("shguide:exit", function () {
    engine = null;
    enginePromise = null;
  });

  // query returns the engine's answer {query, empty, total, results} or
  // {error: message}.
  function query(q, limit) {
    var res;
    try {
      res = engine.query(q, limit);
    } catch (e) { // the Go runtime has stopped
      engine = null;
      return { error: loader.messages.exited };
    }
    return res.ok ? res.value : { error: res.error.message };
  }

  // ---- rendering ----------------------------------------------------------

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text != null) e.textContent = text;
    return e;
  }

  // appendMarked appends text with <mark> around the [start, end] ranges
  // (UTF-16 offsets, ascending).
  function appendMarked(parent, text, ranges) {
    var pos = 0;
    (ranges || []).forEach(function (r) {
      var s = Math.max(r[0] | 0, pos), e = Math.min(r[1] | 0, text.length);
      if (e <= s) return;
      if (s > pos) parent.appendChild(document.createTextNode(text.slice(pos, s)));
      parent.appendChild(el("mark", null, text.slice(s, e)));
      pos = e;
    });
    if (pos < text.length) parent.appendChild(document.createTextNode(text.slice(pos)));
    return parent;
  }

  // resultURL resolves a result's site-relative URL; anything that would
  // leave the site becomes the search page.
  function resultURL(r) {
    try {
      var u = new URL(base + String(r.url).replace(/^\/+/, ""), location.href);
      if (u.origin === location.origin) return u.pathname + u.search + u.hash;
    } catch (e) { /* fall through */ }
    return base + "search/";
  }

  function searchPageURL(q) { return base + "search/?q=" + encodeURIComponent(q); }

  // resultBody fills parent with a result's kind, label, title and excerpt.
  function resultBody(parent, r, titleTag) {
    var head = el(titleTag, "search-result-head");
    head.appendChild(el("span", "search-kind kind-" + r.kind, r.kindLabel));
    if (r.label) head.appendChild(el("span", "search-label", r.label));
    head.appendChild(appendMarked(el("span", "search-title"), r.title, r.titleHighlights));
    parent.appendChild(head);
    if (r.excerpt) parent.appendChild(appendMarked(el("span", "search-excerpt"), r.excerpt, r.highlights));
    return parent;
  }

  // ---- header combobox ----------------------------------------------------

  var POPUP_LIMIT = 8;

  function Combobox(form, input) {
    var listId = "site-search-listbox";
    var list = el("ul", "search-popup");
    list.id = listId;
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "検索候補");
    list.hidden = true;
    var live = el("div", "visually-hidden search-live");
    live.setAttribute("role", "status");
    live.setAttribute("aria-live", "polite");
    form.appendChild(list);
    form.appendChild(live);
    form.classList.add("search-enhanced");

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);

    var options = []; // {el, url}
    var active = -1;
    var scheduled = false;
    // slashPending swallows the "/" that focused the box if the browser
    // still inserts it (synthetic key events do).
    var slashPending = false;
    input.addEventListener("beforeinput", function (e) {
      if (slashPending && e.data === "/") e.preventDefault();
      slashPending = false;
    });


    function setOpen(open) {
      list.hidden = !open;
      input.setAttribute("aria-expanded", open ? "true" : "false");
      if (!open) setActive(-1);
    }

    function setActive(i) {
      if (active >= 0 && options[active]) options[active].el.setAttribute("aria-selected", "false");
      active = i;
      if (i < 0) {
        input.removeAttribute("aria-activedescendant");
        return;
      }
      var o = options[i];
      o.el.setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", o.el.id);
      if (o.el.scrollIntoView) o.el.scrollIntoView({ block: "nearest" });
    }

    function message(text) {
      list.replaceChildren();
      options = [];
      var li = el("li", "search-popup-message", text);
      li.setAttribute("role", "option");
      li.setAttribute("aria-disabled", "true");
      li.id = listId + "-msg";
      list.appendChild(li);
      live.textContent = text;
      setOpen(true);
    }

    function addOption(i, url, fill) {
      var li = el("li", "search-option");
      li.id = listId + "-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.setAttribute("data-url", url);
      fill(li);
      list.appendChild(li);
      options.push({ el: li, url: url });
    }

    function render() {
      scheduled = false;
      var q = input.value;
      list.setAttribute("data-query", q); // what the popup shows (for tests and styles)
      if (!q.trim()) {
        list.replaceChildren();
        options = [];
        live.textContent = "";
        setOpen(false);
        return;
      }
      if (!engine) {
        message(MSG.loading);
        loadEngine().then(function () { if (input.value === q) render(); }, function (err) { message(err.message); });
        return;
      }
      var v = query(q, POPUP_LIMIT);
      if (v.error) return message(v.error);
      if (v.empty) return message(MSG.nothing(q));
      if (v.total === 0) return message(MSG.popupNone);
      list.replaceChildren();
      options = [];
      active = -1;
      input.removeAttribute("aria-activedescendant");
      v.results.forEach(function (r, i) {
        addOption(i, resultURL(r), function (li) { resultBody(li, r, "span"); });
      });
      addOption(v.results.length, searchPageURL(q), function (li) {
        li.classList.add("search-option-all");
        li.textContent = MSG.all(v.total);
      });
      live.textContent = MSG.popupCount(v.total);
      setOpen(true);
    }

    function schedule() {
      if (scheduled) return;
      scheduled = true;
      window.requestAnimationFrame(render);
    }

    function go(i) {
      var o = options[i];
      if (o) location.assign(o.url);
    }

    input.addEventListener("input", schedule);
    input.addEventListener("focus", function () {
      loadEngine().catch(function () {});
      if (input.value.trim()) schedule();
    });
    input.addEventListener("blur", function () { setOpen(false); });
    input.addEventListener("keydown", function (e) {
      slashPending = false;
      if (e.isComposing || e.keyCode === 229) return; // the IME owns the keys
      var n = options.length;
      switch (e.key) {
        case "ArrowDown":
        case "Down":
          e.preventDefault();
          if (list.hidden) { render(); return; }
          if (n) setActive(active + 1 >= n ? 0 : active + 1);
          break;
        case "ArrowUp":
        case "Up":
          e.preventDefault();
          if (list.hidden) { render(); return; }
          if (n) setActive(active <= 0 ? n - 1 : active - 1);
          break;
        case "Enter":
          if (!list.hidden && active >= 0) {
            e.preventDefault();
            go(active);
          } // otherwise the form submits to the search page
          break;
        case "Escape":
        case "Esc":
          if (!list.hidden) {
            e.preventDefault();
            setOpen(false);
          } else if (input.value) {
            e.preventDefault();
            input.value = "";
          }
          break;
        case "Tab":
          setOpen(false);
          break;
      }
    });
    // Enter with an active option opens it, also when the browser goes on
    // to submit the form (synthetic key events do).
    form.addEventListener("submit", function (e) {
      if (!list.hidden && active >= 0) {
        e.preventDefault();
        go(active);
      }
    });
    // Keep the focus in the box while clicking an option.
    list.addEventListener("mousedown", function (e) { e.preventDefault(); });
    list.addEventListener("click", function (e) {
      var li = e.target.closest ? e.target.closest("li[data-url]") : null;
      if (li) location.assign(li.getAttribute("data-url"));
    });
    // Start the engine as soon as the user shows interest.
    ["pointerenter", "touchstart"].forEach(function (t) {
      input.addEventListener(t, function () { loadEngine().catch(function () {}); }, { passive: true, once: true });
    });

    return {
      // focusBySlash focuses the box for the "/" shortcut.
      focusBySlash: function () {
        input.focus();
        input.select();
        slashPending = true;
      }
    };
  }

  // ---- search page --------------------------------------------------------

  var PAGE_LIMIT = 100;

  function SearchPage(list, status, input) {
    var title = document.title;

    function render(q) {
      list.replaceChildren();
      document.title = q.trim() ? "「" + q + "」の検索結果 | " + title : title;
      if (!q.trim()) {
        status.textContent = MSG.empty;
        return;
      }
      if (!engine) {
        status.textContent = MSG.loading;
        loadEngine().then(function () { render(q); }, function (err) { status.textContent = err.message; });
        return;
      }
      var v = query(q, PAGE_LIMIT);
      if (v.error) { status.textContent = v.error; return; }
      if (v.empty) { status.textContent = MSG.nothing(q); return; }
      if (v.total === 0) { status.textContent = MSG.noMatch(q); return; }
      v.results.forEach(function (r) {
        var li = el("li", "search-result kind-" + r.kind);
        var a = el("a");
        a.href = resultURL(r);
        resultBody(a, r, "span");
        li.appendChild(a);
        list.appendChild(li);
      });
      status.textContent = MSG.count(q, v.results.length, v.total);
    }

    var q = new URLSearchParams(location.search).get("q") || "";
    if (input) {
      input.value = q;
      var timer = 0;
      input.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(function () {
          var v = input.value;
          history.replaceState(null, "", v ? "?q=" + encodeURIComponent(v) : location.pathname);
          render(v);
        }, 120);
      });
    }
    render(q);
  }

  // ---- start ---------------------------------------------------------------

  function start() {
    var form = document.querySelector("form.site-search");
    var input = document.getElementById("site-search-input");
    var box = form && input ? Combobox(form, input) : null;

    // "/" focuses the search box, unless the user is typing somewhere.
    document.addEventListener("keydown", function (e) {
      if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || e.isComposing || !box) return;
      var t = e.target;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
      e.preventDefault();
      box.focusBySlash();
    });

    var results = document.getElementById("search-results");
    if (results) {
      SearchPage(results, document.getElementById("search-status"), document.getElementById("search-page-input"));
    } else if (loader) {
      // Warm the HTTP cache when the browser is idle, so that the first
      // keystroke finds the engine ready.
      var idle = window.requestIdleCallback || function (f) { return setTimeout(f, 1500); };
      var warm = function () {
        idle(function () {
          loader.prefetch([typeof DecompressionStream === "function"
            ? loader.assetURL("data-index", "search-index.bin.gz")
            : loader.assetURL("data-index-raw", "search-index.bin")]);
        });
      };
      if (document.readyState === "complete") warm(); else window.addEventListener("load", warm, { once: true });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
