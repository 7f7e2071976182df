package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/tracing"
	"github.com/chromedp/chromedp"

	"shguide/site"
)

// The engine (Go WebAssembly: scoring, worksheet, search) runs in a Web
// Worker reached through assets/js/engine.js. Reading pages load it only
// when the reader shows intent; engine pages start it at the top of the
// page; nothing it does blocks the main thread.

// requests records the paths a server of the site was asked for: the
// page's requests, its workers' and its prefetches alike.
type requests struct {
	mu    sync.Mutex
	paths []string
}

// recordingServer serves the built site at a new origin (so that nothing
// is in the browser's cache for it) and records what is requested.
func recordingServer(t *testing.T) (string, *requests) {
	t.Helper()
	siteURL(t)
	r := &requests{}
	h := site.Handler(filepath.Join(siteDir, "site"), base)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		r.mu.Lock()
		r.paths = append(r.paths, req.URL.Path)
		r.mu.Unlock()
		h.ServeHTTP(w, req)
	}))
	t.Cleanup(srv.Close)
	return srv.URL + base, r
}

// engineFiles are the files that load the engine or the index.
var engineFiles = []string{"shguide.wasm", "search-index.bin", "engine-boot.js", "engine-worker.js", "wasm_exec.js"}

// reAssetHash is the content hash in an asset's file name
// ("shguide.0123456789.wasm").
var reAssetHash = regexp.MustCompile(`\.[0-9a-f]{10}(\.|$)`)

// unhashed is the name of an asset file without its content hash:
// "shguide.0123456789.wasm" → "shguide.wasm".
func unhashed(file string) string {
	return reAssetHash.ReplaceAllString(file, "$1")
}

// engineRequests returns the recorded requests for engine files.
func (r *requests) engineRequests() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, p := range r.paths {
		for _, f := range engineFiles {
			if strings.HasPrefix(unhashed(path.Base(p)), f) {
				out = append(out, p)
			}
		}
	}
	return out
}

func (r *requests) has(name string) bool {
	for _, p := range r.engineRequests() {
		if unhashed(path.Base(p)) == name {
			return true
		}
	}
	return false
}

// TestReadingPagesLoadNoEngine: the home page, a chapter and a requirement
// page fetch neither the engine nor the index, even after a while and a
// click in the text; focusing the search box and typing loads both, and
// the header search then answers through the worker.
func TestReadingPagesLoadNoEngine(t *testing.T) {
	for _, p := range []string{"", "chapters/3/", "requirements/sr3-h-5/"} {
		t.Run(strings.TrimSuffix(p, "/"), func(t *testing.T) {
			root, r := recordingServer(t)
			ctx := newTab(t)
			l := &pageLog{url: root + p}
			listen(t, ctx, l)
			if err := chromedp.Do(ctx, chromedp.Navigate(l.url)); err != nil {
				t.Fatal(err)
			}
			settle(t, ctx)
			if err := chromedp.Do(ctx, chromedp.MouseClickXY(600, 400), chromedp.Sleep(1500*time.Millisecond)); err != nil {
				t.Fatal(err)
			}
			if got := r.engineRequests(); len(got) != 0 {
				t.Fatalf("a reading page fetched %q before any intent", got)
			}
			if err := chromedp.Do(ctx, chromedp.Focus(chromedp.ID("site-search-input"))); err != nil {
				t.Fatal(err)
			}
			waitFor(t, ctx, `document.getElementById("site-search-input") === document.activeElement`, 5*time.Second)
			if err := chromedp.Do(ctx, chromedp.KeyEvent("鍵")); err != nil {
				t.Fatal(err)
			}
			waitFor(t, ctx, popupOptions+` > 0`, 20*time.Second)
			for _, f := range []string{"shguide.wasm", "search-index.bin.gz", "engine-boot.js", "engine-worker.js", "wasm_exec.js"} {
				if !r.has(f) {
					t.Errorf("focus and typing did not load %s (requests %q)", f, r.engineRequests())
				}
			}
			expectWorker(t, ctx)
			l.expectClean(t)
		})
	}
}

// expectWorker checks that the engine runs in a worker: nothing of it on
// the page's main thread, and a worker target running engine-worker.js.
func expectWorker(t *testing.T, ctx context.Context) {
	t.Helper()
	if onMain := eval[bool](t, ctx, `typeof globalThis.shguide !== "undefined" || typeof globalThis.Go !== "undefined"`); onMain {
		t.Error("the engine's globals exist on the page's main thread")
	}
	targets, err := chromedp.Targets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, ti := range targets {
		if ti.Type == "worker" && strings.Contains(ti.URL, "/assets/js/") && unhashed(path.Base(ti.URL)) == "engine-worker.js" {
			return
		}
	}
	var seen []string
	for _, ti := range targets {
		seen = append(seen, ti.Type+" "+ti.URL)
	}
	t.Errorf("no worker running engine-worker.js among %q", seen)
}

// TestWarmOnLinkIntent: pointing at a link to the calculator prefetches
// the engine (without running it); with Save-Data it does not.
func TestWarmOnLinkIntent(t *testing.T) {
	for _, saveData := range []bool{false, true} {
		t.Run(fmt.Sprintf("save-data=%v", saveData), func(t *testing.T) {
			root, r := recordingServer(t)
			ctx := newTab(t)
			if saveData {
				if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
					Source: `Object.defineProperty(Navigator.prototype, "connection", {get: () => ({saveData: true, effectiveType: "4g"})})`,
				}); err != nil {
					t.Fatal(err)
				}
			}
			l := &pageLog{url: root}
			listen(t, ctx, l)
			if err := chromedp.Do(ctx, chromedp.Navigate(l.url)); err != nil {
				t.Fatal(err)
			}
			settle(t, ctx)
			sel := `a[href$="/calculator/"]`
			if err := chromedp.Do(ctx, chromedp.ScrollIntoView(sel), chromedp.Sleep(200*time.Millisecond)); err != nil {
				t.Fatal(err)
			}
			// Hover: move the mouse onto the link's centre.
			box := eval[[]float64](t, ctx, `(() => { const r = document.querySelector('`+sel+`').getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()`)
			if err := chromedp.Do(ctx, chromedp.MouseEvent("mouseMoved", box[0], box[1]), chromedp.Sleep(1500*time.Millisecond)); err != nil {
				t.Fatal(err)
			}
			warmed := r.has("shguide.wasm")
			if warmed == saveData {
				t.Errorf("save-data %v: the engine was prefetched: %v (%q)", saveData, warmed, r.engineRequests())
			}
			if eval[bool](t, ctx, `performance.getEntriesByName("shguide:engine-start").length > 0`) {
				t.Error("warming started the engine")
			}
			l.expectClean(t)
		})
	}
}

// mainThreadProbe records long tasks and layout shifts from the start.
const mainThreadProbe = `
window.__perf = { long: [], cls: 0, shifts: [] };
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.__perf.long.push([e.startTime, e.duration]);
}).observe({ type: "longtask", buffered: true });
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    if (e.hadRecentInput) continue;
    window.__perf.cls += e.value;
    window.__perf.shifts.push([e.startTime, e.value]);
  }
}).observe({ type: "layout-shift", buffered: true });
`

type perfProbe struct {
	Long   [][2]float64 `json:"long"`
	CLS    float64      `json:"cls"`
	Shifts [][2]float64 `json:"shifts"`
	Start  float64      `json:"start"`
	Ready  float64      `json:"ready"`
}

func readProbe(t *testing.T, ctx context.Context) perfProbe {
	t.Helper()
	return eval[perfProbe](t, ctx, `({...window.__perf,
		start: (performance.getEntriesByName("shguide:engine-start")[0] || {startTime: -1}).startTime,
		ready: (performance.getEntriesByName("shguide:engine-ready")[0] || {startTime: -1}).startTime})`)
}

// traceEvent is an event of a Chrome trace (times in microseconds).
type traceEvent struct {
	Name string  `json:"name"`
	Ph   string  `json:"ph"`
	Pid  int     `json:"pid"`
	Tid  int     `json:"tid"`
	Ts   float64 `json:"ts"`
	Dur  float64 `json:"dur"`
	Tdur float64 `json:"tdur"` // CPU time of the thread
}

// startTrace records a Chrome trace of the tab's tasks; the function it
// returns stops it and returns the events.
func startTrace(t *testing.T, ctx context.Context) func() []traceEvent {
	t.Helper()
	var mu sync.Mutex
	var events []traceEvent
	done := make(chan struct{})
	err := chromedp.Listen(ctx, func(ev any) {
		switch e := ev.(type) {
		case *tracing.EventDataCollected:
			mu.Lock()
			defer mu.Unlock()
			for _, v := range e.Value {
				var te traceEvent
				if json.Unmarshal(v, &te) == nil {
					events = append(events, te)
				}
			}
		case *tracing.EventTracingComplete:
			close(done)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, tracing.Start, tracing.StartParams{TraceConfig: &tracing.TraceConfig{
		IncludedCategories: []string{"devtools.timeline", "disabled-by-default-devtools.timeline", "blink.user_timing"},
	}}); err != nil {
		t.Fatal(err)
	}
	return func() []traceEvent {
		t.Helper()
		if _, err := chromedp.Call(ctx, tracing.End, cdp.Empty{}); err != nil {
			t.Fatal(err)
		}
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			t.Fatal("the trace did not complete")
		}
		mu.Lock()
		defer mu.Unlock()
		return events
	}
}

// mainThreadTasks returns, from a trace, the tasks of the page's main thread
// (the thread that marked shguide:engine-start) that ran after that mark,
// with the main thread's CPU time in them, longest first.
func mainThreadTasks(t *testing.T, events []traceEvent) []traceEvent {
	t.Helper()
	var mark *traceEvent
	for i, e := range events {
		if e.Name == "shguide:engine-start" {
			mark = &events[i]
			break
		}
	}
	if mark == nil {
		t.Fatal("no shguide:engine-start mark in the trace")
	}
	var tasks []traceEvent
	for _, e := range events {
		if e.Name == "RunTask" && e.Ph == "X" && e.Pid == mark.Pid && e.Tid == mark.Tid && e.Ts+e.Dur > mark.Ts {
			tasks = append(tasks, e)
		}
	}
	sort.Slice(tasks, func(i, j int) bool { return tasks[i].Tdur > tasks[j].Tdur })
	return tasks
}

// reportLongTasks logs every task of the page's main thread, from the
// engine's start on, that kept the thread busy for 50 ms or more (CPU time),
// with what ran in it, and the long tasks the page's PerformanceObserver saw
// in wall-clock time. It reports rather than fails: durations depend on the
// machine and its load, and are measured by make perf; the tests assert
// what does not, that the engine's work runs in the worker.
func reportLongTasks(t *testing.T, ctx context.Context, events []traceEvent) {
	t.Helper()
	tasks := mainThreadTasks(t, events)
	p := readProbe(t, ctx)
	var wall []string
	for _, lt := range p.Long {
		if lt[0]+lt[1] > p.Start {
			wall = append(wall, fmt.Sprintf("%.0f ms", lt[1]))
		}
	}
	longest := 0.0
	if len(tasks) > 0 {
		longest = tasks[0].Tdur / 1000
	}
	t.Logf("main thread after the engine started: %d tasks, the longest %.1f ms of CPU; long tasks by the PerformanceObserver (wall time): %v", len(tasks), longest, wall)
	for _, task := range tasks {
		if task.Tdur < 50_000 {
			break
		}
		var inside []string // what ran in it, for the message
		for _, e := range events {
			if e.Pid == task.Pid && e.Tid == task.Tid && e.Ph == "X" && e.Name != "RunTask" && e.Dur >= 2000 && e.Ts >= task.Ts && e.Ts+e.Dur <= task.Ts+task.Dur {
				inside = append(inside, fmt.Sprintf("%s %.0f ms", e.Name, e.Dur/1000))
			}
		}
		t.Logf("a task kept the main thread busy for %.0f ms (%.0f ms wall time) after the engine started: %v", task.Tdur/1000, task.Dur/1000, inside)
	}
}

// TestSearchPageMainThread opens the search page with a query and types
// more queries, as a user does: the queries run in the worker, the layout
// does not jump (CLS below 0.1), and the main thread's long tasks from the
// engine's start on (loading it, decoding the index, answering and showing
// results) are logged.
func TestSearchPageMainThread(t *testing.T) {
	ctx := newTab(t)
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: mainThreadProbe}); err != nil {
		t.Fatal(err)
	}
	stop := startTrace(t, ctx)
	l := loadPage(t, ctx, "search/?q="+url.QueryEscape("ファームウェア"))
	if got := waitStatus(t, ctx); !strings.Contains(got, "件") {
		t.Fatalf("status %q", got)
	}
	if err := chromedp.Do(ctx, chromedp.Focus(chromedp.ID("search-page-input"))); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"鍵管理", "SR3-H-5", "アップデート", "セキュリティ"} {
		eval[bool](t, ctx, `(document.getElementById("search-page-input").select(), true)`)
		if err := chromedp.Do(ctx, chromedp.KeyEvent(q)); err != nil { // typed, as a user does
			t.Fatal(err)
		}
		waitFor(t, ctx, fmt.Sprintf(`document.getElementById("search-status").textContent.startsWith(%q)`, "「"+q+"」"), 10*time.Second)
	}
	events := stop()
	expectWorker(t, ctx)
	// A query in the address starts the index's download from <head>
	// (engine-boot.js).
	if n := eval[int](t, ctx, `performance.getEntriesByType("resource").filter(e => /\/assets\/search-index\.[0-9a-f]{10}\.bin\.gz$/.test(e.name) && e.initiatorType === "link").length`); n != 1 {
		t.Errorf("the search index was fetched %d times by a <link rel=preload>, want 1", n)
	}
	reportLongTasks(t, ctx, events)
	p := readProbe(t, ctx)
	t.Logf("search page: engine started %.0f ms, ready %.0f ms after navigation start; CLS %.4f", p.Start, p.Ready, p.CLS)
	if p.CLS >= 0.1 {
		t.Errorf("cumulative layout shift %.3f (shifts %v), want below 0.1", p.CLS, p.Shifts)
	}
	l.expectClean(t)
}

// TestSearchQueryLatency logs the latency of queries through the worker,
// as the page sees it (a measurement, not an assertion).
func TestSearchQueryLatency(t *testing.T) {
	ctx := newTab(t)
	loadPage(t, ctx, "search/?q="+url.QueryEscape("鍵"))
	waitStatus(t, ctx)
	lat, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`(async () => {
		const { engine } = await import(document.querySelector('link[rel="modulepreload"]').href);
		const qs = ["鍵", "鍵管理", "SR3-H-5", "CPS.AC-3", "アップデート", "ZigBee", "セキュリティ", "ファームウェア", "ﾌｧｰﾑｳｪｱ", "Etherent"];
		const run = async (limit) => {
			const ds = [];
			for (let i = 0; i < 10; i++) for (const q of qs) {
				const t0 = performance.now();
				const res = await engine.search.query(q, limit);
				ds.push(performance.now() - t0);
				if (!res.ok) throw new Error(JSON.stringify(res.error));
			}
			ds.sort((a, b) => a - b);
			return [ds[Math.floor(ds.length / 2)], ds[Math.floor(ds.length * 0.95)]];
		};
		return [...await run(8), ...await run(100)];
	})()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("search query through the worker: limit 8 (header box) p50 %.2f ms, p95 %.2f ms; limit 100 (search page) p50 %.2f ms, p95 %.2f ms", lat[0], lat[1], lat[2], lat[3])
}

// TestCalculatorFromSharedLink opens the calculator with a vector in the
// fragment, as a shared link does, at an origin the browser has not seen,
// then again once the service worker serves the site. engine-boot.js
// prepares the engine from the top of the page: on the first visit it
// preloads the module, on the second it creates the worker as soon as it
// runs, without waiting for the page's scripts. The score comes from the
// worker; the test logs the main thread's long tasks and how long the
// score took to show.
func TestCalculatorFromSharedLink(t *testing.T) {
	const vec = "CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/LP:Y/II:H/E:F/MC:L/MLP:N"
	ctx := newTab(t)
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: mainThreadProbe}); err != nil {
		t.Fatal(err)
	}
	root, _ := recordingServer(t)
	open := func() *pageLog {
		l := &pageLog{url: root + "calculator/#" + vec}
		listen(t, ctx, l)
		if err := chromedp.Do(ctx, chromedp.Navigate(l.url)); err != nil {
			t.Fatal(err)
		}
		waitFor(t, ctx, `document.getElementById("calculator").dataset.ready === "true"`, 60*time.Second)
		if got, want := readShown(t, ctx), expectShown(t, vec); got != want {
			t.Errorf("shows %+v, want %+v", got, want)
		}
		return l
	}
	stop := startTrace(t, ctx)
	l := open()
	events := stop()
	expectWorker(t, ctx)
	reportLongTasks(t, ctx, events)
	preloaded := eval[bool](t, ctx, `performance.getEntriesByType("resource").some(e => /\/assets\/shguide\.[0-9a-f]{10}\.wasm$/.test(e.name) && e.initiatorType === "link")`)
	if !preloaded {
		t.Error("first visit: the module was not fetched by a <link rel=preload> (engine-boot.js adds it for a page opened with a vector)")
	}
	ms := eval[float64](t, ctx, `performance.getEntriesByName("shguide:calculator-ready")[0].startTime`)
	p := readProbe(t, ctx)
	t.Logf("calculator from a shared link: score shown %.0f ms after navigation start (engine started %.0f ms, ready %.0f ms); CLS %.4f", ms, p.Start, p.Ready, p.CLS)
	l.expectClean(t)

	waitFor(t, ctx, `navigator.serviceWorker.controller !== null`, 20*time.Second)
	if err := chromedp.Do(ctx, chromedp.Navigate(root+"about/")); err != nil {
		t.Fatal(err)
	}
	l = open()
	type visit struct {
		Controlled    bool
		Why           string
		Start, Parsed float64
		Shown         float64
	}
	again := eval[visit](t, ctx, `(() => {
		const start = performance.getEntriesByName("shguide:engine-start")[0];
		return {Controlled: !!navigator.serviceWorker.controller, Why: String(start.detail), Start: start.startTime,
			Parsed: performance.getEntriesByType("navigation")[0].domInteractive,
			Shown: performance.getEntriesByName("shguide:calculator-ready")[0].startTime};
	})()`)
	if !again.Controlled {
		t.Fatal("repeat visit: the service worker does not serve the page")
	}
	if again.Why != "load" {
		t.Errorf("repeat visit: the worker was created %q, want by engine-boot.js on loading (\"load\")", again.Why)
	}
	t.Logf("calculator from a shared link, repeat visit: score shown %.0f ms after navigation start (engine started %.0f ms, page parsed %.0f ms)", again.Shown, again.Start, again.Parsed)
	l.expectClean(t)
}

// TestEngineStartsWhenDrawn: the calculator and the search page opened
// with nothing to compute start the engine once they have been drawn, and
// their HTML preloads neither the module nor the index, so the first paint
// does not share the connection with them; the engine then answers.
func TestEngineStartsWhenDrawn(t *testing.T) {
	for _, p := range []string{"calculator/", "search/"} {
		t.Run(strings.TrimSuffix(p, "/"), func(t *testing.T) {
			ctx := newTab(t)
			l := &pageLog{url: siteURL(t) + p}
			listen(t, ctx, l)
			if err := chromedp.Do(ctx, chromedp.Navigate(l.url)); err != nil {
				t.Fatal(err)
			}
			waitFor(t, ctx, `performance.getEntriesByName("shguide:engine-ready").length > 0`, 60*time.Second)
			if n := eval[int](t, ctx, `document.querySelectorAll('head link[rel="preload"]').length`); n != 0 {
				t.Errorf("%d <link rel=preload> in the page opened with nothing to compute", n)
			}
			start := eval[float64](t, ctx, `performance.getEntriesByName("shguide:engine-start")[0].startTime`)
			paint := eval[float64](t, ctx, `(performance.getEntriesByName("first-contentful-paint")[0] || {startTime: -1}).startTime`)
			if paint < 0 || start < paint {
				t.Errorf("the engine started at %.0f ms, before the first contentful paint (%.0f ms)", start, paint)
			}
			expectWorker(t, ctx)
			l.expectClean(t)
		})
	}
}

// wasmBudget is the most the engine may weigh gzip-compressed (gzip -9, as
// static hosts serve it): what it weighed before it moved into a worker.
const wasmBudget = 733_000

// TestWasmSize holds the WebAssembly module to its budget and logs its
// size raw, gzip-compressed and, when brotli is installed, brotli-compressed.
func TestWasmSize(t *testing.T) {
	siteURL(t)
	path := filepath.Join(siteDir, "shguide.wasm")
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	size := func(name string, args ...string) int {
		out, err := exec.Command(name, append(args, path)...).Output()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return len(out)
	}
	gz := size("gzip", "-9", "-c")
	msg := fmt.Sprintf("shguide.wasm: %d bytes, %d gzip -9", len(raw), gz)
	if _, err := exec.LookPath("brotli"); err == nil {
		msg += fmt.Sprintf(", %d brotli -q 11", size("brotli", "-q", "11", "-c"))
	}
	t.Log(msg)
	if gz > wasmBudget {
		t.Errorf("%s: over the budget of %d bytes gzip-compressed", msg, wasmBudget)
	}
}
