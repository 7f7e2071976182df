package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

func chromium() string {
	if p := os.Getenv("SHGUIDE_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return "/usr/bin/chromium"
}

func startBrowser() (context.Context, context.CancelFunc, error) {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium()),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.WindowSize(412, 823),
	)
	actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, bcancel := chromedp.NewContext(actx)
	if err := chromedp.Do(bctx); err != nil {
		bcancel()
		acancel()
		return nil, nil, fmt.Errorf("starting chromium: %v", err)
	}
	return bctx, func() { bcancel(); acancel() }, nil
}

// tab opens a tab in a fresh browser context (empty caches, no service
// worker), with network events recorded.
func tab(browser context.Context, pr profile) (context.Context, context.CancelFunc, *netLog, error) {
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	ctx, tcancel := context.WithTimeout(ctx, 3*time.Minute)
	stop := func() { tcancel(); cancel() }
	nl := &netLog{reqs: map[network.RequestID]*request{}}
	err := chromedp.Listen(ctx, nl.listen)
	if err == nil && pr.DownBps > 0 {
		off := false
		_, err = chromedp.Call(ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
			EmulateOfflineServiceWorker: &off,
			MatchedNetworkConditions: []*network.Conditions{{
				Latency: pr.LatencyMs, DownloadThroughput: pr.DownBps, UploadThroughput: pr.UpBps,
			}},
		})
	}
	if err == nil && pr.CPUSlowdown > 1 {
		_, err = chromedp.Call(ctx, emulation.SetCPUThrottlingRate, emulation.SetCPUThrottlingRateParams{Rate: pr.CPUSlowdown})
	}
	if err != nil {
		stop()
		return nil, nil, nil, err
	}
	return ctx, stop, nl, nil
}

type request struct {
	url        string
	start, end float64 // monotonic seconds
	bytes      int64
	done       bool
}

// netLog records the requests of a tab (its workers' included).
type netLog struct {
	mu   sync.Mutex
	reqs map[network.RequestID]*request
}

func (l *netLog) listen(ev any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		if ev.Request != nil && !strings.HasPrefix(ev.Request.URL, "data:") {
			l.reqs[ev.RequestID] = &request{url: ev.Request.URL, start: float64(ev.Timestamp)}
		}
	case *network.EventLoadingFinished:
		if r := l.reqs[ev.RequestID]; r != nil {
			r.end = float64(ev.Timestamp)
			r.bytes = int64(ev.EncodedDataLength)
			r.done = true
		}
	}
}

func (l *netLog) snapshot() []request {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []request
	for _, r := range l.reqs {
		out = append(out, *r)
	}
	slices.SortFunc(out, func(a, b request) int { return strings.Compare(a.url, b.url) })
	return out
}

// isEngine: the WebAssembly module, its worker and loader, the search
// index (not engine.js, the pages' small client, which loads nothing by
// itself).
func isEngine(u string) bool {
	for _, s := range []string{".wasm", "search-index", "engine-worker", "engine-boot", "wasm_exec"} {
		if strings.Contains(u, s) {
			return true
		}
	}
	return false
}

// readingBytes loads a reading page in a fresh context, waits for idle
// time to pass (idle prefetching would show, and the service worker
// installs), and sums the transfer as the page saw it and as the server
// sent it; then it opens another reading page with the worker in control.
func readingBytes(browser context.Context, srv *served, root, path string) (PageBytes, error) {
	ctx, stop, nl, err := tab(browser, fast)
	if err != nil {
		return PageBytes{}, err
	}
	defer stop()
	srv.take()
	if err := chromedp.Do(ctx, chromedp.Navigate(root+path)); err != nil {
		return PageBytes{}, err
	}
	time.Sleep(5 * time.Second)
	pb := PageBytes{Path: "/" + path}
	for _, r := range nl.snapshot() {
		if !r.done {
			continue
		}
		pb.Requests++
		pb.Bytes += r.bytes
		if isEngine(r.url) {
			pb.Engine = append(pb.Engine, r.url)
		}
	}
	for _, f := range srv.take() {
		pb.ServerRequests++
		pb.ServerBytes += f.bytes
		if isEngine(f.path) {
			pb.ServerEngine = append(pb.ServerEngine, f.path)
		}
	}
	pb.NextPath = "/" + readingPages[(slices.Index(readingPages, path)+1)%len(readingPages)]
	if err := chromedp.Do(ctx, chromedp.Navigate(root+pb.NextPath[1:])); err != nil {
		return pb, err
	}
	time.Sleep(3 * time.Second)
	for _, f := range srv.take() {
		pb.NextRequests++
		pb.NextServerBytes += f.bytes
		if isEngine(f.path) {
			pb.ServerEngine = append(pb.ServerEngine, f.path)
		}
	}
	return pb, nil
}

// watchScript runs before every document of the tab: it records when the
// calculator's engine is ready and its score shown, when search results
// appear, and the main thread's long tasks.
const watchScript = `(() => {
  const p = window.__perf = { longTasks: [], ready: 0, score: 0, results: 0 };
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) p.longTasks.push(e.duration); })
      .observe({ type: 'longtask', buffered: true });
  } catch (e) {}
  const check = () => {
    const calc = document.getElementById('calculator');
    if (!p.ready && calc && calc.dataset.ready === 'true') p.ready = performance.now();
    const s = document.getElementById('base-score');
    if (!p.score && s && s.textContent.trim() !== '' && /\d/.test(s.textContent)) p.score = performance.now();
    const r = document.querySelector('#search-results li');
    if (!p.results && r) p.results = performance.now();
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
})();`

func addWatch(ctx context.Context) error {
	_, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: watchScript})
	return err
}

type perfState struct {
	LongTasks            []float64
	Ready, Score, Result float64
	// navigation start → the HTML received, the engine started and ready
	HTML, EngineStart, EngineReady float64
}

func waitPerf(ctx context.Context, cond string) (perfState, error) {
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`!!(window.__perf && (`+cond+`))`))
		if err == nil && ok {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	st, err := chromedp.Run(ctx, chromedp.Evaluate[perfState](`(() => {
  const mark = (n) => { const e = performance.getEntriesByName(n)[0]; return e ? e.startTime : 0; };
  const nav = performance.getEntriesByType('navigation')[0];
  return {LongTasks: __perf.longTasks, Ready: __perf.ready, Score: __perf.score, Result: __perf.results,
    HTML: nav ? nav.responseEnd : 0, EngineStart: mark('shguide:engine-start'), EngineReady: mark('shguide:engine-ready')};
})()`))
	return st, err
}

// calculatorTiming opens the calculator from a link: first visit in a
// fresh context, then again once the service worker runs, with the page
// from the HTTP cache and then revalidated.
func calculatorTiming(browser context.Context, srv *served, root string, pr profile) (CalcTiming, error) {
	ctx, stop, nl, err := tab(browser, pr)
	if err != nil {
		return CalcTiming{}, err
	}
	defer stop()
	if err := addWatch(ctx); err != nil {
		return CalcTiming{}, err
	}
	url := root + "calculator/#" + vector
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		return CalcTiming{}, err
	}
	st, err := waitPerf(ctx, "__perf.score && __perf.ready")
	if err != nil {
		return CalcTiming{}, err
	}
	if st.Score == 0 {
		return CalcTiming{}, errors.New("no score shown")
	}
	ct := CalcTiming{ReadyMs: st.Ready, ScoreMs: st.Score}
	for _, r := range nl.snapshot() {
		if strings.HasSuffix(r.url, ".wasm") && r.done {
			ct.EngineBytes = r.bytes
			ct.EngineFetchMs = (r.end - r.start) * 1000
		}
	}
	// Let the service worker install and take over, then come back.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`navigator.serviceWorker.ready.then(() => true)`, chromedp.EvalAwaitPromise)); err != nil {
		return ct, fmt.Errorf("service worker: %v", err)
	}
	time.Sleep(2 * time.Second)
	again := func() (Visit, error) {
		for range 2 { // the second visit warms what the first left uncached
			if err := chromedp.Do(ctx, chromedp.Navigate(root+"about/")); err != nil {
				return Visit{}, err
			}
			if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
				return Visit{}, err
			}
			if st, err = waitPerf(ctx, "__perf.score"); err != nil {
				return Visit{}, err
			}
		}
		return Visit{HTMLMs: st.HTML, StartMs: st.EngineStart, ReadyMs: st.EngineReady, ScoreMs: st.Score}, nil
	}
	if ct.Repeat, err = again(); err != nil {
		return ct, err
	}
	srv.setPagesNoCache(true)
	defer srv.setPagesNoCache(false)
	if _, err := chromedp.Call(ctx, network.ClearBrowserCache, cdp.Empty{}); err != nil {
		return ct, err
	}
	ct.RepeatRevalidated, err = again()
	return ct, err
}

// searchLongTasks opens the search page with a query, waits for results,
// types three more queries, and collects the long tasks.
func searchLongTasks(browser context.Context, root string, pr profile) (LongTasks, error) {
	ctx, stop, _, err := tab(browser, pr)
	if err != nil {
		return LongTasks{}, err
	}
	defer stop()
	if err := addWatch(ctx); err != nil {
		return LongTasks{}, err
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(root+searchPath)); err != nil {
		return LongTasks{}, err
	}
	st, err := waitPerf(ctx, "__perf.results")
	if err != nil {
		return LongTasks{}, err
	}
	lt := LongTasks{ResultsMs: st.Result}
	for _, q := range []string{"暗号化", "SR3-H-5", "ログ"} {
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { const i = document.getElementById("search-page-input"); i.focus(); i.select(); return true })()`)); err != nil {
			return lt, err
		}
		if err := chromedp.Do(ctx, chromedp.KeyEvent(q)); err != nil {
			return lt, err
		}
		time.Sleep(1500 * time.Millisecond)
		lt.QueryAnswers++
	}
	st, err = waitPerf(ctx, "true")
	if err != nil {
		return lt, err
	}
	for _, d := range st.LongTasks {
		lt.Count++
		lt.TotalMs += d
		lt.MaxMs = max(lt.MaxMs, d)
		lt.BlockingMs += max(0, d-50)
	}
	return lt, nil
}
