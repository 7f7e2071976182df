// search.js — the site search. It turns the header search form into an
// ARIA combobox with results as you type, and fills the search page
// (/search/?q=…&kind=…): results narrowed by kind (facets), the synonyms or
// English terms a query was also searched as, with a link to search the
// exact words only; both boxes show the same ranking. Queries run in the
// Go WebAssembly engine, in a Web Worker
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
    count: function (q, shown, total, facet) {
      return "「" + q + "」の検索結果: " + (facet ? facet + " " : "") + total + " 件" + (shown < total ? "（上位 " + shown + " 件を表示）" : "");
    },
    noMatchFacet: function (q, facet) { return "「" + q + "」に一致する" + facet + "はありません。"; },
    synonyms: function (words) { return words.map(quote).join("") + "も含めて検索しました。"; },
    english: function (en, ja) { return "英語の" + quote(en) + "を" + ja.map(quote).join("") + "として検索しました。"; },
    exactOnly: function (words) { return words.map(quote).join("") + "だけで検索する"; },
    partial: "すべての語を含む項目はないため、一部の語に一致する項目を表示しています。",
    via: function (words) { return words.map(quote).join("") + "で一致"; },
    code: function (code) { return code + " に対応"; },
    same: "同じ内容:",
    sameCount: function (n) { return "ほか " + n + " 件（同じ内容）"; },
    facetAll: "すべて",
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

  // query resolves to the engine's answer {query, empty, total, all,
  // facet, facets, partial, expansions, exact, results} or to
  // {error: message}; facet narrows the results ("" for all).
  function query(q, limit, facet) {
    return engine.search.query(q, limit, facet || "").then(function (res) {
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

  // quote marks a word inside a notice: 『更新』も含めて検索しました。
  function quote(w) { return "『" + w + "』"; }

  // searchQuery is the query string of the search page for q, narrowed to
  // facet. URLSearchParams encodes any text, a lone surrogate included
  // (encodeURIComponent throws on one).
  function searchQuery(q, facet) {
    var p = new URLSearchParams();
    p.set("q", q);
    if (facet) p.set("kind", facet);
    return "?" + p.toString();
  }

  function searchPageURL(q, facet) { return base + "search/" + searchQuery(q, facet); }

  // resultBody fills parent with a result's kind, label, title, excerpt and
  // why it matched: the code it cites, the synonyms it matched through.
  function resultBody(parent, r, titleTag) {
    var head = el(titleTag, "search-result-head");
    head.appendChild(el("span", "search-kind kind-" + r.kind, r.kindLabel));
    if (r.label) head.appendChild(el("span", "search-label", r.label));
    head.appendChild(appendMarked(el("span", "search-title"), r.title, r.titleHighlights));
    parent.appendChild(head);
    if (r.excerpt) parent.appendChild(appendMarked(el("span", "search-excerpt"), r.excerpt, r.highlights));
    var why = [];
    if (r.code) why.push(MSG.code(r.code));
    if (r.via && r.via.length) why.push(MSG.via(r.via));
    if (why.length) parent.appendChild(el("span", "search-why", why.join("・")));
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
      query(q, POPUP_LIMIT, "").then(function (v) {
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
        addOption(i, resultURL(r), function (li) {
          resultBody(li, r, "span");
          if (r.same && r.same.length) li.appendChild(el("span", "search-same", MSG.sameCount(r.same.length)));
        });
      });
      addOption(v.results.length, searchPageURL(q, ""), function (li) {
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

  // SearchPage fills the search page from its URL (?q=…&kind=…) and keeps
  // the URL in step with the box and the facet chosen.
  function SearchPage(list, status, input) {
    var title = document.title;
    var facetsNav = document.getElementById("search-facets");
    var notice = document.getElementById("search-notice");

    var current = null; // the query and facet shown or being answered
    var q = "", facet = "";

    function readURL() {
      var p = new URLSearchParams(location.search);
      q = p.get("q") || "";
      facet = p.get("kind") || "";
      if (!/^(requirement|threat|section|lifecycle|term)$/.test(facet)) facet = "";
    }

    function writeURL(push) {
      var url = q ? searchQuery(q, facet) : location.pathname;
      if (push) history.pushState(null, "", url); else history.replaceState(null, "", url);
    }

    function clear() {
      list.replaceChildren();
      if (facetsNav) { facetsNav.replaceChildren(); facetsNav.hidden = true; }
      if (notice) { notice.replaceChildren(); notice.hidden = true; }
    }

    function render() {
      var text = q, kind = facet, key = kind + "\n" + text;
      current = key;
      document.title = text.trim() ? "「" + text + "」の検索結果 | " + title : title;
      if (!text.trim()) {
        clear();
        status.textContent = MSG.empty;
        return;
      }
      if (!engineReady) {
        status.textContent = MSG.loading;
        loadEngine().then(function () { if (current === key) render(); }, function (err) { if (current === key) status.textContent = err.message; });
        return;
      }
      query(text, PAGE_LIMIT, kind).then(function (v) {
        if (current === key) show(text, key, v);
      });
    }

    // show renders an answer: the facets, the notice, and the results a
    // few at a time, one batch per frame, so that building and laying out
    // a hundred of them never blocks the page; the status line counts them
    // once all are in.
    function show(text, key, v) {
      clear();
      if (v.error) { status.textContent = v.error; return; }
      if (v.empty) { status.textContent = MSG.nothing(text); return; }
      if (v.all === 0) { status.textContent = MSG.noMatch(text); return; }
      showFacets(text, v);
      showNotice(v);
      var facetLabel = "";
      (v.facets || []).forEach(function (f) { if (f.name === v.facet) facetLabel = f.label; });
      if (v.total === 0) { status.textContent = MSG.noMatchFacet(text, facetLabel); return; }
      var done = 0;
      (function batch() {
        if (current !== key) return; // a newer query took over
        var frag = document.createDocumentFragment();
        for (var end = Math.min(done + 20, v.results.length); done < end; done++) {
          frag.appendChild(resultItem(v.results[done]));
        }
        list.appendChild(frag);
        if (done < v.results.length) window.requestAnimationFrame(batch);
        else status.textContent = MSG.count(text, v.results.length, v.total, facetLabel);
      })();
    }

    // resultItem is a result of the page: a link, and under it the items
    // with the same title and text collapsed into it.
    function resultItem(r) {
      var li = el("li", "search-result kind-" + r.kind);
      var a = el("a", "search-result-link");
      a.href = resultURL(r);
      resultBody(a, r, "span");
      li.appendChild(a);
      if (r.same && r.same.length) {
        var same = el("p", "search-same", MSG.same + " ");
        r.same.forEach(function (d, i) {
          if (i > 0) same.appendChild(document.createTextNode("・"));
          var link = el("a", null, d.label || d.id);
          link.href = resultURL(d);
          same.appendChild(link);
        });
        li.appendChild(same);
      }
      return li;
    }

    // showFacets lists the kinds with their counts as links to the page
    // narrowed to each; the one shown is marked aria-current.
    function showFacets(text, v) {
      if (!facetsNav) return;
      var ul = el("ul", "search-facet-list");
      var add = function (name, label, count) {
        var li = el("li");
        var a = el("a", "search-facet");
        a.href = searchQuery(text, name);
        a.setAttribute("data-kind", name);
        a.appendChild(document.createTextNode(label + " "));
        a.appendChild(el("span", "search-facet-count", String(count)));
        if (name === (v.facet || "")) a.setAttribute("aria-current", "page");
        if (count === 0 && name !== (v.facet || "")) a.classList.add("search-facet-empty");
        li.appendChild(a);
        ul.appendChild(li);
      };
      add("", MSG.facetAll, v.all);
      (v.facets || []).forEach(function (f) { add(f.name, f.label, f.count); });
      facetsNav.appendChild(ul);
      facetsNav.hidden = false;
    }

    // showNotice says what the query was also searched as (synonyms,
    // English terms) with a link searching the exact words only, and when
    // the results hold only some of the words.
    function showNotice(v) {
      if (!notice) return;
      var parts = [];
      var syn = [];
      (v.expansions || []).forEach(function (x) {
        if (x.english) parts.push(el("span", null, MSG.english(x.word, x.also)));
        else syn = syn.concat(x.also);
      });
      if (syn.length) parts.unshift(el("span", null, MSG.synonyms(syn)));
      if (v.partial) parts.push(el("span", null, MSG.partial));
      if (!parts.length) return;
      parts.forEach(function (p, i) {
        if (i > 0) notice.appendChild(document.createTextNode(" "));
        notice.appendChild(p);
      });
      if (v.exact) {
        var words = (v.expansions || []).map(function (x) { return x.word; });
        var a = el("a", "search-exact", MSG.exactOnly(words));
        a.href = searchQuery(v.exact, facet);
        a.setAttribute("data-query", v.exact);
        notice.appendChild(document.createTextNode(" "));
        notice.appendChild(a);
      }
      notice.hidden = false;
    }

    // Facet and exact-words links change the page in place; the URL
    // follows, and the browser's back button returns.
    document.addEventListener("click", function (e) {
      var a = e.target.closest ? e.target.closest("a.search-facet, a.search-exact") : null;
      if (!a || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
      e.preventDefault();
      if (a.classList.contains("search-facet")) {
        facet = a.getAttribute("data-kind") || "";
      } else {
        q = a.getAttribute("data-query") || "";
        if (input) input.value = q;
      }
      writeURL(true);
      render();
    });
    window.addEventListener("popstate", function () {
      readURL();
      if (input) input.value = q;
      render();
    });

    // The search page is an engine page: the engine starts at once for a
    // query in the address, else once the page is drawn (engine.begin), and
    // loading shows progress.
    engine.addEventListener("progress", function (e) {
      if (engineReady || current === null || !q.trim()) return;
      var d = e.detail;
      status.textContent = d.phase === "download" && d.total ? d.message + " " + Math.min(99, Math.floor(d.loaded * 100 / d.total)) + "%" : d.message;
    });
    if (engine.supported) engine.begin().then(loadEngine).catch(function () {});

    readURL();
    var timer = 0;
    var form = input && input.form;
    if (form) {
      form.addEventListener("submit", function (e) {
        e.preventDefault();
        clearTimeout(timer);
        q = input.value;
        writeURL(true);
        render();
      });
    }
    if (input) {
      input.value = q;
      input.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(function () {
          q = input.value;
          writeURL(false);
          render();
        }, 120);
      });
    }
    render();
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
