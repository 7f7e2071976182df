package e2e

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"shguide/site"
)

// The service worker: offline reading after 「オフラインで使えるように保存」,
// the offline page for a page never saved, and the 「新しい版があります」
// prompt when a new deploy is waiting. A service worker and its caches
// belong to an origin, so each test serves its site on a server of its
// own, which it can also take off the network.

// switchSite serves a built site under a base path on its own origin. The
// directory can be switched (a new deploy), and the server taken down:
// every connection is then closed without an answer, as on a network that
// is gone.
type switchSite struct {
	srv  *httptest.Server
	base string

	mu   sync.Mutex
	h    http.Handler
	down bool
}

func newSwitchSite(t *testing.T, dir, base string) *switchSite {
	t.Helper()
	s := &switchSite{base: base, h: site.Handler(dir, base)}
	s.srv = httptest.NewServer(s)
	t.Cleanup(s.srv.Close)
	return s
}

func (s *switchSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	h, down := s.h, s.down
	s.mu.Unlock()
	if down {
		if hj, ok := w.(http.Hijacker); ok {
			if c, _, err := hj.Hijack(); err == nil {
				c.Close()
				return
			}
		}
		panic(http.ErrAbortHandler)
	}
	// Nothing fresh in the browser's HTTP cache: offline, what opens comes
	// from the service worker's caches.
	w.Header().Set("Cache-Control", "no-cache")
	h.ServeHTTP(w, r)
}

func (s *switchSite) url(p string) string { return s.srv.URL + s.base + p }

func (s *switchSite) deploy(dir string) {
	s.mu.Lock()
	s.h = site.Handler(dir, s.base)
	s.mu.Unlock()
}

func (s *switchSite) setDown(down bool) {
	s.mu.Lock()
	s.down = down
	s.mu.Unlock()
}

// emulateOffline switches DevTools' offline emulation of the tab, service
// worker included, and navigator.onLine with it.
func emulateOffline(t *testing.T, ctx context.Context, offline bool) {
	t.Helper()
	conds := []*network.Conditions{}
	if offline {
		conds = append(conds, &network.Conditions{Offline: true, DownloadThroughput: -1, UploadThroughput: -1})
	}
	if _, err := chromedp.Call(ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
		EmulateOfflineServiceWorker: &offline, MatchedNetworkConditions: conds,
	}); err != nil {
		t.Fatalf("emulating offline %v: %v", offline, err)
	}
	if _, err := chromedp.Call(ctx, network.OverrideNetworkState, network.OverrideNetworkStateParams{
		Offline: offline, DownloadThroughput: -1, UploadThroughput: -1,
	}); err != nil {
		t.Fatalf("overriding the network state: %v", err)
	}
}

// visit navigates to a full URL and waits until the page has settled.
func visit(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatalf("navigating to %s: %v", url, err)
	}
	settle(t, ctx)
}

// waitControlled waits until a service worker controls the page.
func waitControlled(t *testing.T, ctx context.Context) {
	t.Helper()
	waitFor(t, ctx, `navigator.serviceWorker.controller !== null`, 20*time.Second)
}

// waitAcrossNavigation polls a boolean expression through a navigation
// (while the old page unloads, evaluation fails).
func waitAcrossNavigation(t *testing.T, ctx context.Context, expr string, timeout time.Duration) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr)); err == nil && ok {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("waiting for %s", expr)
}

// evalAwait evaluates an expression whose value is a promise.
func evalAwait[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// h1 is the page's heading.
func h1(t *testing.T, ctx context.Context) string {
	t.Helper()
	return eval[string](t, ctx, `document.querySelector("h1")?.textContent.trim() ?? ""`)
}

const offlinePageTitle = "オフラインのため表示できません"

// TestOfflineSave saves the site with #offline-save, then reads it with
// the network gone: saved pages, the calculator from a link with a vector,
// the worksheet and the checklist, search; a page that is not in the
// site's list gets the offline page. Removing the saved site (#offline-remove)
// takes the pages away again.
func TestOfflineSave(t *testing.T) {
	m := siteModel(t)
	s := newSwitchSite(t, filepath.Join(siteDir, "site"), base)
	ctx := newTab(t)
	visit(t, ctx, s.url(""))
	waitControlled(t, ctx)

	// The control states the size before anything is downloaded.
	intro := eval[string](t, ctx, `document.querySelector(".offline-save p").textContent`)
	if !regexp.MustCompile(`約 \d+\.\d MB（\d+ ファイル）`).MatchString(intro) {
		t.Errorf("the control does not state the size first: %q", intro)
	}
	if txt := eval[string](t, ctx, `document.getElementById("offline-save").textContent`); txt != "オフラインで使えるように保存" {
		t.Errorf("#offline-save says %q", txt)
	}
	eval[bool](t, ctx, `(window.__offline = [], navigator.serviceWorker.addEventListener("message", e => __offline.push(e.data)), true)`)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("offline-save"))); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, `document.querySelector(".offline-status").textContent.includes("オフライン保存済み")`, 60*time.Second)
	type progress struct {
		Type                      string
		Done, Total, Count, Files int
	}
	msgs := eval[[]progress](t, ctx, `__offline`)
	var last progress
	for _, p := range msgs {
		if p.Type == "offline-progress" {
			last = p
		}
	}
	if last.Total == 0 || last.Done != last.Total || last.Count != last.Files {
		t.Errorf("no complete progress reported: %+v", msgs)
	}
	if eval[bool](t, ctx, `document.getElementById("offline-remove").hidden`) || !eval[bool](t, ctx, `document.getElementById("offline-save").hidden`) {
		t.Error("after saving, the control does not offer to remove")
	}

	// Offline: DevTools' emulation, and the server gone as well.
	s.setDown(true)
	emulateOffline(t, ctx, true)

	for _, p := range []struct{ path, h1 string }{
		{"chapters/3.3/", ""}, {"requirements/sr3-h-5/", "SR3-H-5"}, {"glossary/", "用語・略称"}, {"open-data/", "オープンデータ"},
	} {
		visit(t, ctx, s.url(p.path))
		got := h1(t, ctx)
		if got == "" || got == offlinePageTitle || !strings.Contains(got, p.h1) {
			t.Errorf("offline %s: <h1> %q", p.path, got)
		}
		if !eval[bool](t, ctx, `!!document.querySelector(".offline-badge")`) {
			t.Errorf("offline %s: no offline indicator", p.path)
		}
	}
	if n := evalAwait[int](t, ctx, fmt.Sprintf(`fetch(%q).then(r => r.json()).then(d => d.requirements.length)`, s.url("data/requirements.json"))); n != len(m.Requirements) {
		t.Errorf("offline data/requirements.json: %d requirements", n)
	}

	// The calculator from a shared link.
	vector := "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N/LP:Y/II:H"
	visit(t, ctx, s.url("calculator/#"+vector))
	waitFor(t, ctx, `document.getElementById("calculator").dataset.ready === "true"`, 30*time.Second)
	if got, want := readShown(t, ctx), expectShown(t, vector); got != want {
		t.Errorf("offline calculator shows %+v, want %+v", got, want)
	}

	// The worksheet, from a guideline template.
	visit(t, ctx, s.url("calculator/worksheet/"))
	eval[bool](t, ctx, `(localStorage.clear(), true)`)
	visit(t, ctx, s.url("calculator/worksheet/"))
	waitFor(t, ctx, `document.getElementById("worksheet").dataset.ready === "true"`, 30*time.Second)
	if err := chromedp.Do(ctx,
		chromedp.SetValue(chromedp.ID("ws-template"), "star2-before"),
		chromedp.Click(chromedp.ID("ws-template-load")),
		chromedp.WaitVisible(chromedp.ID("ws-preview")),
		chromedp.Click(chromedp.ID("ws-accept-replace")),
	); err != nil {
		t.Fatalf("offline worksheet: %v", err)
	}
	if rows := sheet(t, ctx); len(rows) != 47 {
		t.Errorf("offline worksheet: %d rows from the ★★ template, want 47", len(rows))
	} else {
		checkRowScores(t, rows[0])
	}

	// The checklist.
	visit(t, ctx, s.url("checklist/"))
	if got := eval[[]string](t, ctx, clVisible); len(got) == 0 {
		t.Error("offline checklist shows no items")
	}

	// Search, from the search page's URL.
	visit(t, ctx, s.url("search/?q=SR3-H-5"))
	waitFor(t, ctx, `document.querySelector("#search-results a") !== null`, 30*time.Second)
	if href := eval[string](t, ctx, `document.querySelector("#search-results a").getAttribute("href")`); !strings.HasSuffix(href, "requirements/sr3-h-5/") {
		t.Errorf("offline search for SR3-H-5: first result %s", href)
	}

	// Not a page of the site: the offline page, not the browser's error.
	visit(t, ctx, s.url("no-such-page/"))
	if got := h1(t, ctx); got != offlinePageTitle {
		t.Errorf("offline, a page never saved: <h1> %q", got)
	}
	if got := eval[string](t, ctx, `document.querySelector(".offline-url").textContent`); got != base+"no-such-page/" {
		t.Errorf("the offline page names %q", got)
	}

	// Back online: remove what was saved.
	emulateOffline(t, ctx, false)
	s.setDown(false)
	visit(t, ctx, s.url("about/"))
	waitFor(t, ctx, `!document.getElementById("offline-remove").hidden`, 10*time.Second)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("offline-remove"))); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, `document.querySelector(".offline-status").textContent.includes("削除しました")`, 20*time.Second)
	// What was saved is gone: only the offline page and what it loads are
	// left.
	left := evalAwait[[]string](t, ctx, `caches.keys().then(ks => Promise.all(ks.map(k => caches.open(k).then(c => c.keys())))).then(rs => rs.flat().map(r => new URL(r.url).pathname))`)
	for _, p := range left {
		if strings.HasSuffix(p, "/") && p != base+"offline/" || strings.Contains(p, ".wasm") {
			t.Errorf("after removing, %s is still saved", p)
		}
	}
	if len(left) == 0 || len(left) > 20 {
		t.Errorf("after removing, %d files saved: %v", len(left), left)
	}
	s.setDown(true)
	emulateOffline(t, ctx, true)
	defer emulateOffline(t, ctx, false)
	visit(t, ctx, s.url("threats/ep5/"))
	if got := h1(t, ctx); got != offlinePageTitle {
		t.Errorf("after removing, offline threats/ep5/: <h1> %q, want the offline page", got)
	}
}

// TestOfflineNeverSaved: without saving, a page read once opens offline,
// and a page never opened shows the offline page, not the browser's error.
// The site is served under "/" (the others under /shguide/).
func TestOfflineNeverSaved(t *testing.T) {
	dir := buildVariant(t, "/", nil)
	s := newSwitchSite(t, dir, "/")
	ctx := newTab(t)
	visit(t, ctx, s.url(""))
	waitControlled(t, ctx)
	if scope := evalAwait[string](t, ctx, `navigator.serviceWorker.getRegistration().then(r => r.scope)`); scope != s.url("") {
		t.Errorf("service worker scope %s, want %s", scope, s.url(""))
	}
	visit(t, ctx, s.url("requirements/sr3-h-5/"))

	s.setDown(true)
	emulateOffline(t, ctx, true)
	defer emulateOffline(t, ctx, false)
	visit(t, ctx, s.url("requirements/sr3-h-5/"))
	if got := h1(t, ctx); !strings.Contains(got, "SR3-H-5") {
		t.Errorf("offline, a page read before: <h1> %q", got)
	}
	visit(t, ctx, s.url("glossary/"))
	if got := h1(t, ctx); got != offlinePageTitle {
		t.Errorf("offline, a page never opened: <h1> %q, want the offline page", got)
	}
	if !eval[bool](t, ctx, `!!document.querySelector(".offline-badge")`) {
		t.Error("the offline page has no offline indicator")
	}
	// The offline page is styled: its stylesheets are saved with it.
	if !eval[bool](t, ctx, `[...document.querySelectorAll('link[rel="stylesheet"]')].every(l => l.sheet && l.sheet.cssRules.length > 0)`) {
		t.Error("the offline page lacks a stylesheet")
	}
}

// TestServiceWorkerUpdate deploys a new version under a page that is open:
// the page says 「新しい版があります」, its reload action reloads the page
// under the new version, and the old version's cache is gone.
func TestServiceWorkerUpdate(t *testing.T) {
	const added = "この段落は更新の試験のために加えた。"
	v1 := buildVariant(t, base, nil)
	v2 := buildVariant(t, base, func(files fstest.MapFS) {
		f := files["chapters/01.md"]
		f.Data = append(bytes.TrimRight(f.Data, "\n"), []byte("\n\n"+added+"\n")...)
	})
	ver1, ver2 := siteVersion(t, v1), siteVersion(t, v2)
	if ver1 == ver2 {
		t.Fatalf("two different builds have the same version %s", ver1)
	}
	s := newSwitchSite(t, v1, base)
	ctx := newTab(t)
	visit(t, ctx, s.url("chapters/1.4/"))
	waitControlled(t, ctx)
	if v := workerVersion(t, ctx); v != ver1 {
		t.Fatalf("the worker is version %s, want %s", v, ver1)
	}
	if eval[bool](t, ctx, `!!document.querySelector(".update-banner")`) {
		t.Error("update prompt without an update")
	}

	s.deploy(v2)
	// The browser looks for a new worker when a page is opened; the page
	// itself comes from the network first, new already.
	visit(t, ctx, s.url("chapters/1.4/"))
	if !eval[bool](t, ctx, fmt.Sprintf(`document.querySelector("main").textContent.includes(%q)`, added)) {
		t.Error("online, the old worker served a saved copy of a changed page")
	}
	waitFor(t, ctx, `!!document.querySelector(".update-banner")`, 30*time.Second)
	if txt := eval[string](t, ctx, `document.querySelector(".update-banner").textContent`); !strings.Contains(txt, "新しい版があります") {
		t.Errorf("update prompt says %q", txt)
	}
	eval[bool](t, ctx, `(window.__beforeUpdate = true)`)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".update-banner button"))); err != nil {
		t.Fatal(err)
	}
	waitAcrossNavigation(t, ctx, `document.readyState === "complete" && window.__beforeUpdate === undefined && navigator.serviceWorker.controller !== null`, 20*time.Second)
	if v := workerVersion(t, ctx); v != ver2 {
		t.Errorf("after reloading, the worker is version %s, want %s", v, ver2)
	}
	keys := evalAwait[[]string](t, ctx, `caches.keys().then(k => k.filter(n => n.startsWith("shguide:") && !n.endsWith(":meta")))`)
	if len(keys) != 1 || !strings.HasSuffix(keys[0], ":"+ver2) {
		t.Errorf("caches after the update: %q, want only version %s", keys, ver2)
	}
}

// siteVersion is the version a build gives its service worker.
func siteVersion(t *testing.T, dir string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "sw.js"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`const VERSION ?= ?"([0-9a-f]+)"`).FindSubmatch(b)
	if m == nil {
		t.Fatalf("sw.js names no version: %.200s", b)
	}
	return string(m[1])
}

// workerVersion asks the worker that controls the page for its version.
func workerVersion(t *testing.T, ctx context.Context) string {
	t.Helper()
	return evalAwait[string](t, ctx, `new Promise(resolve => {
		navigator.serviceWorker.addEventListener("message", e => { if (e.data.type === "offline-status") resolve(e.data.version); });
		navigator.serviceWorker.controller.postMessage({type: "status"});
	})`)
}

// buildVariant builds the site without the WebAssembly module into a
// temporary directory, with the content changed by edit.
func buildVariant(t *testing.T, base string, edit func(fstest.MapFS)) string {
	t.Helper()
	content := fstest.MapFS{}
	root := filepath.Join(repoRoot(), "content")
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		content[filepath.ToSlash(rel)] = &fstest.MapFile{Data: b}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		edit(content)
	}
	out := filepath.Join(t.TempDir(), "site")
	if _, err := site.Build(context.Background(), site.Options{Content: content, Out: out, Base: base}); err != nil {
		t.Fatalf("building a variant of the site: %v", err)
	}
	return out
}
