package e2e

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"shguide/site"
)

// Selectors and scripts of the header search (search.js).
const (
	boxExpanded  = `document.getElementById("site-search-input").getAttribute("aria-expanded")`
	popupLabels  = `Array.from(document.querySelectorAll("#site-search-listbox [role=option] .search-label")).map(e => e.textContent)`
	popupOptions = `document.querySelectorAll("#site-search-listbox [role=option][data-url]").length`
	activeOption = `(() => { const id = document.getElementById("site-search-input").getAttribute("aria-activedescendant"); const o = id && document.getElementById(id); return o ? o.id + "|" + o.getAttribute("aria-selected") : "" })()`
)

// waitFor polls a boolean expression until it holds or the timeout ends.
func waitFor(t *testing.T, ctx context.Context, expr string, timeout time.Duration) {
	t.Helper()
	wctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	if _, err := chromedp.Run(wctx, chromedp.Poll[bool](expr)); err != nil {
		t.Fatalf("waiting for %s: %v", expr, err)
	}
}

// typeQuery clears the header box, types q into it key by key as a user,
// and waits until the popup shows q's results.
func typeQuery(t *testing.T, ctx context.Context, q string) {
	t.Helper()
	eval[bool](t, ctx, `(() => { const i = document.getElementById("site-search-input"); i.focus(); i.value = ""; i.dispatchEvent(new Event("input", {bubbles: true})); return true })()`)
	if err := chromedp.Do(ctx, chromedp.KeyEvent(q)); err != nil {
		t.Fatalf("typing %q: %v", q, err)
	}
	waitFor(t, ctx, fmt.Sprintf(`document.getElementById("site-search-listbox").getAttribute("data-query") === %q && !document.getElementById("site-search-listbox").hidden`, q), 10*time.Second)
}

// waitPath waits for a navigation to path (below the base) to complete.
func waitPath(t *testing.T, ctx context.Context, path string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](fmt.Sprintf(`location.pathname === %q && document.readyState === "complete"`, base+path)))
		if err == nil && ok {
			return
		}
		time.Sleep(50 * time.Millisecond) // errors while the old page unloads are expected
	}
	got, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname`))
	t.Fatalf("no navigation to %s (at %s)", base+path, got)
}

func key(t *testing.T, ctx context.Context, k string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.KeyEvent(k)); err != nil {
		t.Fatalf("key %q: %v", k, err)
	}
}

// TestSearchBox types queries into the header search box: results appear as
// you type, with highlighted matches; arrow keys move through the options
// (aria-activedescendant); Escape closes; Enter opens the chosen item; "/"
// focuses the box; HTML typed into it stays text.
func TestSearchBox(t *testing.T) {
	ctx := newTab(t)
	l := loadPage(t, ctx, "requirements/")

	// The ARIA combobox pattern.
	for attr, want := range map[string]string{"role": "combobox", "aria-expanded": "false", "aria-controls": "site-search-listbox", "aria-autocomplete": "list"} {
		if got := eval[string](t, ctx, `document.getElementById("site-search-input").getAttribute("`+attr+`") || ""`); got != want {
			t.Errorf("search box %s = %q, want %q", attr, got, want)
		}
	}
	if role := eval[string](t, ctx, `document.getElementById("site-search-listbox").getAttribute("role")`); role != "listbox" {
		t.Errorf("popup role %q, want listbox", role)
	}

	// "/" focuses the box from the page.
	eval[bool](t, ctx, `(document.activeElement && document.activeElement.blur && document.activeElement.blur(), true)`)
	key(t, ctx, "/")
	if id := eval[string](t, ctx, `document.activeElement.id`); id != "site-search-input" {
		t.Fatalf("after /, focus is on %q", id)
	}
	if v := eval[string](t, ctx, `document.getElementById("site-search-input").value`); v != "" {
		t.Errorf("the / key was typed into the box: %q", v)
	}

	// Results as you type: the ID is the first option.
	if err := chromedp.Do(ctx, chromedp.KeyEvent("SR3-H-5")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, `document.getElementById("site-search-listbox").getAttribute("data-query") === "SR3-H-5" && `+popupOptions+` > 0`, 10*time.Second)
	if labels := eval[[]string](t, ctx, popupLabels); len(labels) == 0 || labels[0] != "SR3-H-5" {
		t.Errorf("options for SR3-H-5: %q", labels)
	}
	if got := eval[string](t, ctx, boxExpanded); got != "true" {
		t.Errorf("aria-expanded = %q with results", got)
	}

	// Arrow keys move the active option; it wraps around.
	key(t, ctx, kb.ArrowDown)
	if got := eval[string](t, ctx, activeOption); got != "site-search-listbox-0|true" {
		t.Errorf("after ArrowDown, active option %q", got)
	}
	n := eval[int](t, ctx, popupOptions)
	key(t, ctx, kb.ArrowUp)
	if got := eval[string](t, ctx, activeOption); got != fmt.Sprintf("site-search-listbox-%d|true", n-1) {
		t.Errorf("after ArrowUp from the first option, active option %q (of %d)", got, n)
	}
	key(t, ctx, kb.ArrowDown)
	if got := eval[string](t, ctx, activeOption); got != "site-search-listbox-0|true" {
		t.Errorf("after ArrowDown from the last option, active option %q", got)
	}

	// Escape closes the popup and keeps the text.
	key(t, ctx, kb.Escape)
	if got := eval[string](t, ctx, boxExpanded); got != "false" {
		t.Errorf("after Escape, aria-expanded = %q", got)
	}
	if hidden := eval[bool](t, ctx, `document.getElementById("site-search-listbox").hidden`); !hidden {
		t.Error("after Escape, the popup is visible")
	}
	if v := eval[string](t, ctx, `document.getElementById("site-search-input").value`); v != "SR3-H-5" {
		t.Errorf("after Escape, the box holds %q", v)
	}

	// Japanese: the match is highlighted (as a <mark>, not HTML of the query).
	typeQuery(t, ctx, "鍵管理")
	labels := eval[[]string](t, ctx, popupLabels)
	if !contains(labels, "SR3-H-7") {
		t.Errorf("options for 鍵管理: %q, want SR3-H-7", labels)
	}
	marks := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("#site-search-listbox mark")).map(m => m.textContent)`)
	if !contains(marks, "鍵管理") {
		t.Errorf("highlights for 鍵管理: %q", marks)
	}

	// A typo finds the word.
	typeQuery(t, ctx, "Etherent")
	if marks := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("#site-search-listbox mark")).map(m => m.textContent)`); !contains(marks, "Ethernet") {
		t.Errorf("highlights for Etherent: %q", marks)
	}

	// HTML typed into the box is text: nothing is created or run.
	typeQuery(t, ctx, `<img src=x onerror="window.__xss=1">`)
	if msg := eval[string](t, ctx, `document.querySelector("#site-search-listbox .search-popup-message").textContent`); msg != "一致する項目はありません。" {
		t.Errorf("no-match message %q", msg)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll("header img:not(.brand img), #site-search-listbox *:not(li):not(span):not(mark)").length`); n != 0 {
		t.Errorf("%d unexpected elements in the search popup", n)
	}
	if xss := eval[bool](t, ctx, `window.__xss === 1`); xss {
		t.Error("the query was run as HTML")
	}

	// Enter on the chosen option opens it.
	typeQuery(t, ctx, "sr3-h-5")
	if labels := eval[[]string](t, ctx, popupLabels); len(labels) == 0 || labels[0] != "SR3-H-5" {
		t.Fatalf("options for sr3-h-5: %q", labels)
	}
	key(t, ctx, kb.ArrowDown)
	key(t, ctx, kb.Enter)
	waitPath(t, ctx, "requirements/sr3-h-5/")
	l.expectClean(t)
}

// TestSearchBoxFirstKeystroke checks that the engine is ready by the time a
// user has focused the box and typed: results for the first character.
func TestSearchBoxFirstKeystroke(t *testing.T) {
	ctx := newTab(t)
	l := loadPage(t, ctx, "")
	if err := chromedp.Do(ctx, chromedp.Focus(chromedp.ID("site-search-input"))); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	key(t, ctx, "鍵")
	waitFor(t, ctx, popupOptions+` > 0`, 10*time.Second)
	d := time.Since(start)
	t.Logf("first results %v after the first keystroke (engine loaded on focus)", d.Round(time.Millisecond))
	l.expectClean(t)
}

// TestSearchPage loads /search/?q=… and checks the #search-results list:
// one <li> per result with a link (under the base) and, for requirements,
// the ID as text; and the messages for empty, no-match and HTML queries.
func TestSearchPage(t *testing.T) {
	m := siteModel(t)
	ctx := newTab(t)
	type result struct {
		Href string `json:"href"`
		Text string `json:"text"`
	}
	results := func() []result {
		return eval[[]result](t, ctx, `Array.from(document.querySelectorAll("#search-results > li")).map(li => ({href: li.querySelector("a").getAttribute("href"), text: li.textContent}))`)
	}
	status := func() string { return eval[string](t, ctx, `document.getElementById("search-status").textContent`) }
	search := func(q string) *pageLog {
		t.Helper()
		l := loadPage(t, ctx, "search/?q="+url.QueryEscape(q))
		waitStatus(t, ctx)
		return l
	}

	var citing []string
	for _, r := range m.Citing("cpsf", "CPS.AC-3") {
		citing = append(citing, r.ID)
	}
	for _, c := range []struct {
		q        string
		firstID  string   // the first result's requirement ID ("" = not a requirement)
		firstURL string   // the first result's link below the base
		ids      []string // requirement IDs among the results
	}{
		{"SR3-H-5", "SR3-H-5", "requirements/sr3-h-5/", nil},
		{"sr3-h-5", "SR3-H-5", "requirements/sr3-h-5/", nil},
		{"CPS.AC-3", "", "", citing},
		{"鍵管理", "", "", []string{"SR3-SP-11", "SR3-H-7", "SR3-D-3"}},
		{"ファームウエア", "SR2-D-5", "requirements/sr2-d-5/", nil},
		{"ＵＳＢ", "", "", []string{"SR2-H-5", "SR2-D-4"}},
		{"ZigBee", "", "chapters/3.4/#t3-6", nil},
	} {
		l := search(c.q)
		rs := results()
		if len(rs) == 0 {
			t.Errorf("%s: no results (status %q)", c.q, status())
			continue
		}
		if !strings.Contains(status(), "件") {
			t.Errorf("%s: status %q", c.q, status())
		}
		for _, r := range rs {
			if !strings.HasPrefix(r.Href, base) {
				t.Errorf("%s: result link %q ignores the base %s", c.q, r.Href, base)
			}
		}
		if c.firstID != "" {
			label := eval[string](t, ctx, `document.querySelector("#search-results > li .search-label").textContent`)
			if label != c.firstID {
				t.Errorf("%s: first result's ID %q, want %s", c.q, label, c.firstID)
			}
		}
		if c.firstURL != "" && rs[0].Href != base+c.firstURL {
			t.Errorf("%s: first result links to %s, want %s", c.q, rs[0].Href, base+c.firstURL)
		}
		for _, id := range c.ids {
			found := false
			for _, r := range rs {
				found = found || strings.Contains(r.Text, id) && strings.HasSuffix(r.Href, "requirements/"+strings.ToLower(id)+"/")
			}
			if !found {
				t.Errorf("%s: no result for %s", c.q, id)
			}
		}
		if v := eval[string](t, ctx, `document.getElementById("search-page-input").value`); v != c.q {
			t.Errorf("%s: the page's box holds %q", c.q, v)
		}
		l.expectClean(t)
	}

	// Messages.
	for _, c := range []struct{ q, want string }{
		{"", "検索語を入力してください。"},
		{"   ", "検索語を入力してください。"},
		{"xyzzyq", "「xyzzyq」に一致する項目は見つかりませんでした。"},
		{`<img src=x onerror="window.__xss=1">`, `「<img src=x onerror="window.__xss=1">」に一致する項目は見つかりませんでした。`},
	} {
		l := loadPage(t, ctx, "search/?q="+url.QueryEscape(c.q))
		if got := waitStatus(t, ctx); !strings.HasPrefix(got, c.want) {
			t.Errorf("query %q: status %q, want %q", c.q, got, c.want)
		}
		if n := len(results()); n != 0 {
			t.Errorf("query %q: %d results", c.q, n)
		}
		if n := eval[int](t, ctx, `document.querySelectorAll("main img").length`); n != 0 {
			t.Errorf("query %q: %d images in the page", c.q, n)
		}
		if xss := eval[bool](t, ctx, `window.__xss === 1`); xss {
			t.Errorf("query %q was run as HTML", c.q)
		}
		l.expectClean(t)
	}

	// Typing in the page's box updates the results and the URL.
	search("転売")
	if err := chromedp.Do(ctx, chromedp.Focus(chromedp.ID("search-page-input"))); err != nil {
		t.Fatal(err)
	}
	eval[bool](t, ctx, `(() => { const i = document.getElementById("search-page-input"); i.value = ""; return true })()`)
	key(t, ctx, "踏み台")
	waitFor(t, ctx, `location.search === "?q=" + encodeURIComponent("踏み台") && document.querySelectorAll("#search-results > li").length > 0`, 5*time.Second)
}

// TestSearchPageNoJS: without JavaScript the search page says search needs
// it and links to the requirement, threat and lifecycle indexes.
func TestSearchPageNoJS(t *testing.T) {
	ctx := newTab(t)
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(siteURL(t)+"search/?q=%E9%8D%B5")); err != nil {
		t.Fatal(err)
	}
	html, err := chromedp.Run(ctx, chromedp.OuterHTML(chromedp.CSS("main")))
	if err != nil {
		t.Fatal(err)
	}
	links, err := chromedp.Run(ctx, chromedp.Nodes(chromedp.CSSAll(".search-nojs a")))
	if err != nil {
		t.Fatal(err)
	}
	var hrefs []string
	for _, n := range links {
		hrefs = append(hrefs, n.AttributeValue("href"))
	}
	for _, want := range []string{base + "requirements/", base + "threats/", base + "lifecycles/"} {
		if !contains(hrefs, want) {
			t.Errorf("no-JavaScript message links %q, want %s", hrefs, want)
		}
	}
	if !strings.Contains(html, "検索には JavaScript が必要です") {
		t.Error("no message that search needs JavaScript")
	}
}

// waitStatus waits until the search page's status line has its final text.
func waitStatus(t *testing.T, ctx context.Context) string {
	t.Helper()
	waitFor(t, ctx, `document.getElementById("search-status").textContent !== "" && !document.getElementById("search-status").textContent.includes("読み込んで")`, 10*time.Second)
	return eval[string](t, ctx, `document.getElementById("search-status").textContent`)
}

// TestSearchWithoutWebAssembly: a browser without WebAssembly gets a clear
// message on the search page and in the header box, and no error.
func TestSearchWithoutWebAssembly(t *testing.T) {
	ctx := newTab(t)
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: "delete globalThis.WebAssembly;"}); err != nil {
		t.Fatal(err)
	}
	const want = "このブラウザーは WebAssembly に対応していないため"
	l := loadPage(t, ctx, "search/?q="+url.QueryEscape("鍵管理"))
	if got := waitStatus(t, ctx); !strings.HasPrefix(got, want) {
		t.Errorf("status %q, want it to start with %q", got, want)
	}
	typeQuery(t, ctx, "USB")
	if got := eval[string](t, ctx, `document.querySelector("#site-search-listbox .search-popup-message").textContent`); !strings.HasPrefix(got, want) {
		t.Errorf("popup message %q", got)
	}
	l.expectClean(t)
}

// octetWriter serves a response as application/octet-stream, as some
// static hosts serve .wasm files.
type octetWriter struct {
	http.ResponseWriter
	done bool
}

func (w *octetWriter) WriteHeader(code int) {
	if !w.done {
		w.done = true
		w.Header().Set("Content-Type", "application/octet-stream")
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *octetWriter) Write(b []byte) (int, error) {
	if !w.done {
		w.WriteHeader(http.StatusOK)
	}
	return w.ResponseWriter.Write(b)
}

// TestSearchWasmWrongMIME: the module still loads (through an ArrayBuffer)
// when the server does not send application/wasm.
func TestSearchWasmWrongMIME(t *testing.T) {
	siteURL(t)
	h := site.Handler(filepath.Join(siteDir, "site"), base)
	var served atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, ".wasm") {
			served.Add(1)
			w = &octetWriter{ResponseWriter: w}
		}
		h.ServeHTTP(w, r)
	}))
	defer srv.Close()
	ctx := newTab(t)
	l := &pageLog{url: srv.URL + base + "search/?q=" + url.QueryEscape("鍵管理")}
	listen(t, ctx, l)
	if err := chromedp.Do(ctx, chromedp.Navigate(l.url)); err != nil {
		t.Fatal(err)
	}
	if got := waitStatus(t, ctx); !strings.HasPrefix(got, "「鍵管理」の検索結果") {
		t.Errorf("status %q with application/octet-stream", got)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll("#search-results > li").length`); n == 0 {
		t.Error("no results with application/octet-stream")
	}
	if served.Load() == 0 {
		t.Error("the module was not requested")
	}
	l.expectClean(t)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// pageResults returns the search page's results: the link of each and,
// for requirements, its ID.
const pageResults = `Array.from(document.querySelectorAll("#search-results > li > a.search-result-link")).map(a => a.getAttribute("href"))`

// TestSearchFacetsInURL: the search page offers the kinds of results with
// counts; choosing one narrows the results and puts kind= in the URL, a URL
// with kind= opens narrowed, and the back button returns.
func TestSearchFacetsInURL(t *testing.T) {
	ctx := newTab(t)
	l := loadPage(t, ctx, "search/?q="+url.QueryEscape("アップデート"))
	waitStatus(t, ctx)
	type facet struct {
		Kind    string `json:"kind"`
		Label   string `json:"label"`
		Count   int    `json:"count"`
		Current bool   `json:"current"`
	}
	facets := func() []facet {
		return eval[[]facet](t, ctx, `Array.from(document.querySelectorAll("#search-facets a.search-facet")).map(a => ({kind: a.getAttribute("data-kind"), label: a.firstChild.textContent.trim(), count: +a.querySelector(".search-facet-count").textContent, current: a.getAttribute("aria-current") === "page"}))`)
	}
	fs := facets()
	if len(fs) != 6 || fs[0].Kind != "" || !fs[0].Current || fs[1].Kind != "requirement" || fs[1].Label != "要件・要求事項" || fs[2].Kind != "threat" {
		t.Fatalf("facets %+v", fs)
	}
	sum := 0
	for _, f := range fs[1:] {
		sum += f.Count
	}
	if sum != fs[0].Count || fs[1].Count == 0 || fs[2].Count == 0 {
		t.Errorf("facet counts %+v do not add up", fs)
	}
	all := len(eval[[]string](t, ctx, pageResults))
	if all != fs[0].Count {
		t.Errorf("%d results, facet すべて says %d", all, fs[0].Count)
	}

	// Choose 脅威: the URL says kind=threat, only threats are listed.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#search-facets a[data-kind="threat"]`))); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, `new URLSearchParams(location.search).get("kind") === "threat" && document.querySelector('#search-facets a[data-kind="threat"][aria-current="page"]') !== null`, 5*time.Second)
	kinds := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("#search-results > li")).map(li => li.className)`)
	if len(kinds) != fs[2].Count {
		t.Errorf("threat facet lists %d results, its count is %d", len(kinds), fs[2].Count)
	}
	for _, k := range kinds {
		if !strings.Contains(k, "kind-threat") && !strings.Contains(k, "kind-entry-point") {
			t.Errorf("threat facet lists a %q", k)
		}
	}
	if st := eval[string](t, ctx, `document.getElementById("search-status").textContent`); !strings.Contains(st, "脅威") {
		t.Errorf("status %q does not name the facet", st)
	}

	// Back: all results again.
	if err := chromedp.Do(ctx, chromedp.NavigateBack()); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, `!new URLSearchParams(location.search).has("kind") && document.querySelector('#search-facets a[data-kind=""][aria-current="page"]') !== null`, 5*time.Second)
	if n := len(eval[[]string](t, ctx, pageResults)); n != all {
		t.Errorf("after back, %d results, want %d", n, all)
	}
	l.expectClean(t)

	// A URL with kind= opens narrowed; an unknown kind narrows nothing.
	l = loadPage(t, ctx, "search/?q="+url.QueryEscape("アップデート")+"&kind=requirement")
	waitStatus(t, ctx)
	for _, h := range eval[[]string](t, ctx, pageResults) {
		if !strings.HasPrefix(h, base+"requirements/") {
			t.Errorf("requirement facet links %s", h)
		}
	}
	if !eval[bool](t, ctx, `document.querySelector('#search-facets a[data-kind="requirement"]').getAttribute("aria-current") === "page"`) {
		t.Error("the requirement facet is not marked current")
	}
	l.expectClean(t)
	l = loadPage(t, ctx, "search/?q="+url.QueryEscape("アップデート")+"&kind=%3Cscript%3E")
	waitStatus(t, ctx)
	if n := len(eval[[]string](t, ctx, pageResults)); n != all {
		t.Errorf("unknown kind: %d results, want all %d", n, all)
	}
	l.expectClean(t)
}

// TestSearchSynonymNotice: a query widened by the guideline's synonyms
// says so, with a link that searches the exact words only.
func TestSearchSynonymNotice(t *testing.T) {
	ctx := newTab(t)
	l := loadPage(t, ctx, "search/?q="+url.QueryEscape("アップデート"))
	waitStatus(t, ctx)
	notice := eval[string](t, ctx, `document.getElementById("search-notice").hidden ? "" : document.getElementById("search-notice").textContent`)
	if !strings.Contains(notice, "『更新』も含めて検索しました") || !strings.Contains(notice, "『アップデート』だけで検索する") {
		t.Fatalf("notice %q", notice)
	}
	widened := eval[[]string](t, ctx, pageResults)
	if !contains(widened, base+"requirements/r2-7/") {
		t.Errorf("アップデート does not find R2-7 (最新のソフトウェアへの定期的な更新): %q", widened)
	}
	if why := eval[string](t, ctx, `Array.from(document.querySelectorAll("#search-results > li")).find(li => li.querySelector("a").getAttribute("href").endsWith("/r2-7/")).querySelector(".search-why").textContent`); why != "『更新』で一致" {
		t.Errorf("R2-7 explains its match as %q", why)
	}
	// The exact words only.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#search-notice a.search-exact`))); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, `new URLSearchParams(location.search).get("q") === '"アップデート"' && document.getElementById("search-notice").hidden`, 5*time.Second)
	exact := eval[[]string](t, ctx, pageResults)
	if len(exact) == 0 || len(exact) >= len(widened) || contains(exact, base+"requirements/r2-7/") {
		t.Errorf("exact words: %d results (widened %d), R2-7 among them: %v", len(exact), len(widened), contains(exact, base+"requirements/r2-7/"))
	}
	if v := eval[string](t, ctx, `document.getElementById("search-page-input").value`); v != `"アップデート"` {
		t.Errorf("the box holds %q", v)
	}
	l.expectClean(t)
}

// TestSearchEnglish: English queries find the Japanese pages, say how they
// were read, and work in the header box too.
func TestSearchEnglish(t *testing.T) {
	ctx := newTab(t)
	l := loadPage(t, ctx, "search/?q="+url.QueryEscape("firmware update"))
	waitStatus(t, ctx)
	rs := eval[[]string](t, ctx, pageResults)
	if len(rs) == 0 || rs[0] != base+"requirements/sr2-d-5/" {
		t.Errorf("firmware update: %q, want SR2-D-5 first", rs)
	}
	for _, want := range []string{"requirements/sr2-h-6/", "requirements/r2-7/"} {
		if !contains(rs, base+want) {
			t.Errorf("firmware update does not find %s", want)
		}
	}
	if notice := eval[string](t, ctx, `document.getElementById("search-notice").textContent`); !strings.Contains(notice, "英語の『firmware』を『ファームウェア』") {
		t.Errorf("notice %q", notice)
	}
	l.expectClean(t)

	l = loadPage(t, ctx, "requirements/")
	typeQuery(t, ctx, "key management")
	waitFor(t, ctx, popupOptions+` > 0`, 10*time.Second) // the engine loads on focus
	if labels := eval[[]string](t, ctx, popupLabels); !contains(labels, "SR3-H-7") {
		t.Errorf("key management in the header box: %q", labels)
	}
	typeQuery(t, ctx, "default password")
	waitFor(t, ctx, popupOptions+` > 0`, 10*time.Second)
	if n := eval[int](t, ctx, popupOptions); n < 2 {
		t.Errorf("default password in the header box: %d options", n)
	}
	l.expectClean(t)
}

// TestSearchLoneSurrogate: text with a lone surrogate (pasted, or typed
// through some IMEs) in either box throws nothing: the header box lists
// and submits, the search page answers and keeps its URL.
func TestSearchLoneSurrogate(t *testing.T) {
	ctx := newTab(t)
	l := loadPage(t, ctx, "requirements/")
	set := func(id, v string) {
		eval[bool](t, ctx, fmt.Sprintf(`(() => { const i = document.getElementById(%q); i.focus(); i.value = %s; i.dispatchEvent(new Event("input", {bubbles: true})); return true })()`, id, v))
	}
	set("site-search-input", `"鍵管理\uD800"`)
	waitFor(t, ctx, `document.getElementById("site-search-listbox").getAttribute("data-query") === "鍵管理\uD800" && document.querySelector("#site-search-listbox .search-option-all") !== null`, 10*time.Second)
	if href := eval[string](t, ctx, `document.querySelector("#site-search-listbox .search-option-all").getAttribute("data-url")`); !strings.HasPrefix(href, base+"search/?q=") {
		t.Errorf("link to all results %q", href)
	}
	set("site-search-input", `"\uDC00"`)
	waitFor(t, ctx, `document.getElementById("site-search-listbox").getAttribute("data-query") === "\uDC00"`, 10*time.Second)
	set("site-search-input", `"SR3\uD83D-H-5"`)
	waitFor(t, ctx, `document.getElementById("site-search-listbox").getAttribute("data-query") === "SR3\uD83D-H-5"`, 10*time.Second)
	key(t, ctx, kb.Enter) // submits the form to the search page
	waitPath(t, ctx, "search/")
	waitStatus(t, ctx)
	l.expectClean(t)

	l = loadPage(t, ctx, "search/?q="+url.QueryEscape("鍵管理"))
	waitStatus(t, ctx)
	set("search-page-input", `"鍵管理\uD800"`)
	waitFor(t, ctx, `new URLSearchParams(location.search).get("q") === "鍵管理\uFFFD" && document.getElementById("search-status").textContent.includes("鍵管理")`, 5*time.Second)
	set("search-page-input", `"\uD800\uD800"`)
	waitFor(t, ctx, `new URLSearchParams(location.search).get("q") === "\uFFFD\uFFFD"`, 5*time.Second)
	waitStatus(t, ctx)
	l.expectClean(t)
}

// TestSearchDropdownMatchesPage: the header box lists the first results of
// the search page, in the same order.
func TestSearchDropdownMatchesPage(t *testing.T) {
	ctx := newTab(t)
	for _, q := range []string{"アップデート", "鍵管理", "ホームゲートウェイ 認証", "UK3", "firmware update", "ﾛｸﾞ", "DoS"} {
		l := loadPage(t, ctx, "search/?q="+url.QueryEscape(q))
		waitStatus(t, ctx)
		page := eval[[]string](t, ctx, pageResults)
		typeQuery(t, ctx, q)
		waitFor(t, ctx, popupOptions+` > 0`, 10*time.Second)
		popup := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("#site-search-listbox [role=option][data-url]:not(.search-option-all)")).map(o => o.getAttribute("data-url"))`)
		if len(popup) == 0 || len(popup) > len(page) || !slices.Equal(popup, page[:len(popup)]) {
			t.Errorf("%s: header box %q, search page begins %q", q, popup, page[:min(len(page), len(popup)+1)])
		}
		l.expectClean(t)
	}
}
