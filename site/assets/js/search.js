// search.js — the site search. It turns the header search form into an
// ARIA combobox with results as you type, and fills the search page
// (/search/?q=…). Queries run in the Go WebAssembly engine, in a Web Worker
// reached through engine.js, over the index the generator wrote
// (assets/search-index.bin.gz). A reading page loads neither until the
// reader shows intent: focus, a pointer or a touch on the search box.
//
// Security: every text (query, titles, excerpts) is inserted with
// textContent or createTextNode; highlights are [start, end] offsets
// into the text, never HTML.
import { engine, warm, warmOnLinkIntent } from "./engine.js";

(function () {
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

  var engineReady = false; // the index is loaded

  // loadEngine starts the engine and loads the index (once); it resolves
  // when queries can be answered and rejects with a Japanese message.
  function loadEngine() {
    if (!engine.supported) return Promise.reject(new Error(engine.messages.unsupported));
    return engine.search.load().then(function (res) {
      if (!res.ok) throw new Error(res.error.message || MSG.indexFailed);
      engineReady = true;
    });
  }

  engine.addEventListener("exit", function () { engineReady = false; });

  // query resolves to the engine's answer {query, empty, total, results} or
  // {error: message}.
  function query(q, limit) {
    return engine.search.query(q, limit).then(function (res) {
      if (!res.ok && res.error.kind === "unavailable") engineReady = false;
      return res.ok ? res.value : { error: res.error.message };
    });
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
      if (!q.trim()) {
        list.setAttribute("data-query", q); // what the popup shows (for tests and styles)
        list.replaceChildren();
        options = [];
        live.textContent = "";
        setOpen(false);
        return;
      }
      if (!engineReady) {
        list.setAttribute("data-query", q);
        message(MSG.loading);
        loadEngine().then(function () { if (input.value === q) render(); }, function (err) { if (input.value === q) message(err.message); });
        return;
      }
      query(q, POPUP_LIMIT).then(function (v) {
        if (input.value === q) show(q, v);
      });
    }

    function show(q, v) {
      list.setAttribute("data-query", q);
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
    // A pointer resting on the box or a touch foretells a search: warm the
    // HTTP cache (not with Save-Data); focus loads the engine.
    input.addEventListener("pointerenter", function () { warm(true); }, { passive: true, once: true });
    input.addEventListener("touchstart", function () { loadEngine().catch(function () {}); }, { passive: true, once: true });

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

    var current = null; // the query shown or being answered

    function render(q) {
      current = q;
      document.title = q.trim() ? "「" + q + "」の検索結果 | " + title : title;
      if (!q.trim()) {
        list.replaceChildren();
        status.textContent = MSG.empty;
        return;
      }
      if (!engineReady) {
        status.textContent = MSG.loading;
        loadEngine().then(function () { if (current === q) render(q); }, function (err) { if (current === q) status.textContent = err.message; });
        return;
      }
      query(q, PAGE_LIMIT).then(function (v) {
        if (current === q) show(q, v);
      });
    }

    // show renders the results a few at a time, one batch per frame, so
    // that building and laying out a hundred of them never blocks the page;
    // the status line counts them once all are in.
    function show(q, v) {
      list.replaceChildren();
      if (v.error) { status.textContent = v.error; return; }
      if (v.empty) { status.textContent = MSG.nothing(q); return; }
      if (v.total === 0) { status.textContent = MSG.noMatch(q); return; }
      var done = 0;
      (function batch() {
        if (current !== q) return; // a newer query took over
        var frag = document.createDocumentFragment();
        for (var end = Math.min(done + 20, v.results.length); done < end; done++) {
          var r = v.results[done];
          var li = el("li", "search-result kind-" + r.kind);
          var a = el("a");
          a.href = resultURL(r);
          resultBody(a, r, "span");
          li.appendChild(a);
          frag.appendChild(li);
        }
        list.appendChild(frag);
        if (done < v.results.length) window.requestAnimationFrame(batch);
        else status.textContent = MSG.count(q, v.results.length, v.total);
      })();
    }

    // The search page is an engine page: start at once, with progress.
    engine.addEventListener("progress", function (e) {
      if (engineReady || current === null || !current.trim()) return;
      var d = e.detail;
      status.textContent = d.phase === "download" && d.total ? d.message + " " + Math.min(99, Math.floor(d.loaded * 100 / d.total)) + "%" : d.message;
    });
    loadEngine().catch(function () {});

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
    } else {
      warmOnLinkIntent();
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
