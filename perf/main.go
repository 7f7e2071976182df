// Command perf measures a built site the way a reader's browser gets it,
// served with gzip by the same handler as "shguide serve":
//
//   - bytes per reading page: everything a fresh browser transfers for the
//     home page, a chapter and a requirement, idle time included (a reading
//     page must not fetch the engine or the search index on its own);
//   - the calculator opened from a link with a vector: the engine's fetch,
//     the engine ready and the score shown, first visit and repeat visit;
//   - main-thread long tasks on the search page while it loads the engine
//     and answers queries;
//   - Lighthouse's mobile scores (performance, accessibility, best
//     practices, SEO) for the home page, a requirement, the calculator and
//     search, when Lighthouse is installed (make perf installs it from npm
//     into perf/node_modules).
//
// The browser measurements run in Chromium under Lighthouse's mobile
// conditions (DevTools throttling of its slow 4G profile: 562.5 ms
// latency, 1.47 Mbit/s down, 4× CPU slowdown) and again unthrottled.
// These are measurements to read, not tests: nothing here fails on a time.
//
//	go run ./perf --dir build --base /
package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"shguide/site"
)

func main() {
	dir := flag.String("dir", "build", "built site to measure")
	base := flag.String("base", "/", "URL path the site was built for")
	lighthouse := flag.String("lighthouse", "perf/node_modules/.bin/lighthouse", "Lighthouse command (\"\" to skip)")
	out := flag.String("json", "", "also write the figures as JSON to this file")
	runs := flag.Int("runs", 3, "Lighthouse runs per page; the run with the median performance score is reported")
	only := flag.String("only", "", "measure only these, comma-separated: bytes, calculator, search, lighthouse (default all)")
	flag.Parse()
	want := func(what string) bool { return *only == "" || slices.Contains(strings.Split(*only, ","), what) }
	if !want("lighthouse") {
		*lighthouse = ""
	}
	if err := run(*dir, *base, *lighthouse, *out, *runs, want); err != nil {
		fmt.Fprintln(os.Stderr, "perf:", err)
		os.Exit(1)
	}
}

// Pages measured.
const (
	vector     = "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N/LP:Y/II:H"
	searchPath = "search/?q=%E3%83%95%E3%82%A1%E3%83%BC%E3%83%A0%E3%82%A6%E3%82%A7%E3%82%A2" // ファームウェア
)

var readingPages = []string{"", "chapters/3.5/", "requirements/sr3-h-5/"}

// profile is a set of network and CPU conditions.
type profile struct {
	Name        string
	LatencyMs   float64
	DownBps     float64 // bytes per second, -1: unthrottled
	UpBps       float64
	CPUSlowdown float64
}

// mobile is Lighthouse's slow 4G mobile profile as DevTools applies it.
var (
	mobile = profile{"mobile (slow 4G, 4× CPU)", 562.5, 1474.56 * 1024 / 8, 675 * 1024 / 8, 4}
	fast   = profile{"unthrottled", 0, -1, -1, 1}
)

// Report is everything measured.
type Report struct {
	Reading    []PageBytes           `json:"readingPages"`
	Calculator map[string]CalcTiming `json:"calculator"`
	Search     map[string]LongTasks  `json:"searchLongTasks"`
	Sizes      []FileSize            `json:"sizes"`
	Lighthouse []LighthouseResult    `json:"lighthouse,omitempty"`
	Notes      []string              `json:"notes,omitempty"`
}

// FileSize is a large asset raw, gzip -9 and brotli -q 11 (0 when the
// brotli command is missing).
type FileSize struct {
	File   string `json:"file"`
	Raw    int    `json:"raw"`
	Gzip   int    `json:"gzip"`
	Brotli int    `json:"brotli"`
}

// sizes measures the engine and the search index.
func sizes(dir string) ([]FileSize, error) {
	var out []FileSize
	for _, pat := range []string{"assets/shguide.*.wasm", "assets/search-index.*.bin", "assets/js/engine*.js", "assets/js/wasm_exec.*.js"} {
		names, _ := filepath.Glob(filepath.Join(dir, pat))
		for _, name := range names {
			data, err := os.ReadFile(name)
			if err != nil {
				return nil, err
			}
			var gz bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
			zw.Write(data)
			zw.Close()
			rel, _ := filepath.Rel(dir, name)
			fs := FileSize{File: filepath.ToSlash(rel), Raw: len(data), Gzip: gz.Len()}
			if br, err := exec.Command("brotli", "-q", "11", "-c", name).Output(); err == nil {
				fs.Brotli = len(br)
			}
			out = append(out, fs)
		}
	}
	return out, nil
}

// PageBytes is what a reading page transfers.
type PageBytes struct {
	Path     string   `json:"path"`
	Bytes    int64    `json:"bytes"` // encoded (gzip) bytes the page received, headers included
	Requests int      `json:"requests"`
	Engine   []string `json:"engineRequests"` // requests of the engine or the index (should be none)
	// What the server sent (bodies as sent, gzip) for the page and for the
	// service worker it installs: the worker script, offline.json and the
	// offline page with what it loads, which the page does not see.
	ServerBytes    int64    `json:"serverBytes"`
	ServerRequests int      `json:"serverRequests"`
	ServerEngine   []string `json:"serverEngineRequests"`
	// Then another reading page in the same browser, the service worker
	// in control (its path, and what the server sent for it).
	NextPath        string `json:"nextPath"`
	NextServerBytes int64  `json:"nextServerBytes"`
	NextRequests    int    `json:"nextServerRequests"`
}

// served wraps the site's handler and records what it sends: the path and
// the body's bytes as sent (gzip-compressed where the handler compresses).
type served struct {
	h    http.Handler
	mu   sync.Mutex
	sent []sentFile
}

type sentFile struct {
	path  string
	bytes int64
}

type countingWriter struct {
	http.ResponseWriter
	n int64
}

func (w *countingWriter) Write(b []byte) (int, error) {
	n, err := w.ResponseWriter.Write(b)
	w.n += int64(n)
	return n, err
}

func (s *served) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	cw := &countingWriter{ResponseWriter: w}
	s.h.ServeHTTP(cw, r)
	s.mu.Lock()
	s.sent = append(s.sent, sentFile{r.URL.Path, cw.n})
	s.mu.Unlock()
}

// take returns what was sent since the last call.
func (s *served) take() []sentFile {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := s.sent
	s.sent = nil
	return out
}

// CalcTiming is the calculator opened from a link with a vector.
type CalcTiming struct {
	EngineBytes   int64   `json:"engineBytes"`   // the .wasm as transferred
	EngineFetchMs float64 `json:"engineFetchMs"` // its request, start to end
	ReadyMs       float64 `json:"readyMs"`       // navigation start → engine ready
	ScoreMs       float64 `json:"scoreMs"`       // navigation start → score shown
	RepeatScoreMs float64 `json:"repeatScoreMs"` // the same link again (service worker and caches warm)
	// The repeat visit's steps, from navigation start: the page's HTML
	// received, the engine started (its worker created) and ready.
	RepeatHTMLMs  float64 `json:"repeatHtmlMs"`
	RepeatStartMs float64 `json:"repeatStartMs"`
	RepeatReadyMs float64 `json:"repeatReadyMs"`
}

// LongTasks are the main thread's tasks over 50 ms.
type LongTasks struct {
	Count        int     `json:"count"`
	TotalMs      float64 `json:"totalMs"`
	MaxMs        float64 `json:"maxMs"`
	BlockingMs   float64 `json:"blockingMs"` // sum of the parts over 50 ms
	ResultsMs    float64 `json:"resultsMs"`  // navigation start → first results shown
	QueryAnswers int     `json:"queryAnswers"`
}

func run(dir, base, lighthouse, out string, runs int, want func(string) bool) error {
	if _, err := os.Stat(filepath.Join(dir, "index.html")); err != nil {
		return fmt.Errorf("no built site in %s (run shguide build first): %v", dir, err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	counter := &served{h: site.Handler(dir, base)}
	srv := &http.Server{Handler: counter, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()
	root := "http://" + ln.Addr().String() + base
	fmt.Printf("measuring %s (served from %s with gzip)\n\n", root, dir)

	browser, cancel, err := startBrowser()
	if err != nil {
		return err
	}
	defer cancel()

	rep := Report{Calculator: map[string]CalcTiming{}, Search: map[string]LongTasks{}}
	if rep.Sizes, err = sizes(dir); err != nil {
		return err
	}
	for _, p := range readingPages {
		if !want("bytes") {
			break
		}
		pb, err := readingBytes(browser, counter, root, p)
		if err != nil {
			return fmt.Errorf("%s: %v", p, err)
		}
		rep.Reading = append(rep.Reading, pb)
	}
	for _, pr := range []profile{mobile, fast} {
		if want("calculator") {
			ct, err := calculatorTiming(browser, root, pr)
			if err != nil {
				return fmt.Errorf("calculator (%s): %v", pr.Name, err)
			}
			rep.Calculator[pr.Name] = ct
		}
		if want("search") {
			lt, err := searchLongTasks(browser, root, pr)
			if err != nil {
				return fmt.Errorf("search (%s): %v", pr.Name, err)
			}
			rep.Search[pr.Name] = lt
		}
	}
	cancel()

	if lighthouse != "" {
		if _, err := os.Stat(lighthouse); err != nil {
			rep.Notes = append(rep.Notes, "Lighthouse not run: "+lighthouse+" is missing (make perf installs it: cd perf && npm ci)")
		} else {
			for _, p := range []struct{ name, path string }{
				{"home", ""}, {"requirement", "requirements/sr3-h-5/"}, {"calculator", "calculator/#" + vector}, {"search", searchPath},
			} {
				var all []LighthouseResult
				for range max(1, runs) {
					r, err := runLighthouse(lighthouse, p.name, root+p.path)
					if err != nil {
						return fmt.Errorf("lighthouse %s: %v", p.name, err)
					}
					all = append(all, r)
				}
				slices.SortStableFunc(all, func(a, b LighthouseResult) int { return a.Scores["performance"] - b.Scores["performance"] })
				r := all[len(all)/2]
				for _, x := range all {
					r.PerfRuns = append(r.PerfRuns, x.Scores["performance"])
				}
				rep.Lighthouse = append(rep.Lighthouse, r)
			}
		}
	}
	print(os.Stdout, rep)
	if out != "" {
		b, _ := json.MarshalIndent(rep, "", "  ")
		if err := os.WriteFile(out, append(b, '\n'), 0o644); err != nil {
			return err
		}
	}
	return nil
}

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
	for _, s := range []string{".wasm", "search-index", "engine-worker", "engine-start", "wasm_exec"} {
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
	if err != nil {
		return st, err
	}
	return st, nil
}

// calculatorTiming opens the calculator from a link twice: first visit in
// a fresh context, then again once the service worker runs.
func calculatorTiming(browser context.Context, root string, pr profile) (CalcTiming, error) {
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
	for range 2 { // the second visit warms what the first left uncached
		if err := chromedp.Do(ctx, chromedp.Navigate(root+"about/")); err != nil {
			return ct, err
		}
		if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
			return ct, err
		}
		st, err = waitPerf(ctx, "__perf.score")
		if err != nil {
			return ct, err
		}
	}
	ct.RepeatScoreMs = st.Score
	ct.RepeatHTMLMs, ct.RepeatStartMs, ct.RepeatReadyMs = st.HTML, st.EngineStart, st.EngineReady
	return ct, nil
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

// LighthouseResult is one page's Lighthouse run.
type LighthouseResult struct {
	Page     string             `json:"page"`
	URL      string             `json:"url"`
	Scores   map[string]int     `json:"scores"`  // category → 0–100
	Metrics  map[string]float64 `json:"metrics"` // FCP, LCP, TBT, CLS, SI in ms (CLS unitless)
	Failures []string           `json:"failures,omitempty"`
	PerfRuns []int              `json:"performanceRuns"` // every run's performance score, ascending
	// BenchmarkIndex is Lighthouse's measure of the machine's speed: its
	// 4× CPU slowdown assumes a fast desktop (about 1000 or more); on a
	// slower or busy machine the blocking time it reports grows with it.
	BenchmarkIndex float64 `json:"benchmarkIndex"`
}

var categories = []string{"performance", "accessibility", "best-practices", "seo"}

func runLighthouse(cmd, name, url string) (LighthouseResult, error) {
	c := exec.Command(cmd, url, "--quiet", "--output=json", "--output-path=stdout",
		"--only-categories="+strings.Join(categories, ","),
		"--chrome-flags=--headless=new --no-sandbox --disable-gpu")
	c.Env = append(os.Environ(), "CHROME_PATH="+chromium())
	c.Stderr = io.Discard
	b, err := c.Output()
	if err != nil {
		return LighthouseResult{}, err
	}
	var lhr struct {
		Categories map[string]struct {
			Score     *float64 `json:"score"`
			AuditRefs []struct {
				ID     string  `json:"id"`
				Weight float64 `json:"weight"`
			} `json:"auditRefs"`
		} `json:"categories"`
		Audits map[string]struct {
			Title        string   `json:"title"`
			Score        *float64 `json:"score"`
			Mode         string   `json:"scoreDisplayMode"`
			NumericValue float64  `json:"numericValue"`
			DisplayValue string   `json:"displayValue"`
		} `json:"audits"`
		RuntimeError *struct{ Message string } `json:"runtimeError"`
		Environment  struct {
			BenchmarkIndex float64 `json:"benchmarkIndex"`
		} `json:"environment"`
	}
	if err := json.Unmarshal(b, &lhr); err != nil {
		return LighthouseResult{}, err
	}
	if lhr.RuntimeError != nil && lhr.RuntimeError.Message != "" {
		return LighthouseResult{}, errors.New(lhr.RuntimeError.Message)
	}
	r := LighthouseResult{Page: name, URL: url, Scores: map[string]int{}, Metrics: map[string]float64{}, BenchmarkIndex: lhr.Environment.BenchmarkIndex}
	for _, cat := range categories {
		c := lhr.Categories[cat]
		if c.Score != nil {
			r.Scores[cat] = int(*c.Score*100 + 0.5)
		}
		for _, ref := range c.AuditRefs {
			a := lhr.Audits[ref.ID]
			// What lowers the score: weighted audits that did not pass.
			if a.Score != nil && *a.Score < 1 && ref.Weight > 0 {
				detail := fmt.Sprintf("score %.2f", *a.Score)
				if a.DisplayValue != "" {
					detail += ", " + a.DisplayValue
				}
				r.Failures = append(r.Failures, fmt.Sprintf("%s: %s (%s)", cat, a.Title, detail))
			}
		}
	}
	for key, id := range map[string]string{"FCP": "first-contentful-paint", "LCP": "largest-contentful-paint", "TBT": "total-blocking-time", "CLS": "cumulative-layout-shift", "SI": "speed-index"} {
		r.Metrics[key] = lhr.Audits[id].NumericValue
	}
	return r, nil
}

func print(w io.Writer, rep Report) {
	fmt.Fprintln(w, "Engine and index (raw / gzip -9 / brotli -q 11):")
	for _, f := range rep.Sizes {
		fmt.Fprintf(w, "  %-40s %8.1f KB %8.1f KB %8.1f KB\n", f.File, float64(f.Raw)/1024, float64(f.Gzip)/1024, float64(f.Brotli)/1024)
	}
	if len(rep.Reading) > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "Reading pages (fresh browser, 5 s idle; bytes as transferred with gzip; budget 60 KB):")
		fmt.Fprintln(w, "  page: what the page received, headers included; with the service worker: what the server sent")
		fmt.Fprintln(w, "  (bodies) for the page and the worker's install; next: another reading page, the worker in control")
	}
	for _, p := range rep.Reading {
		eng := "no engine or index request"
		if all := append(slices.Clone(p.Engine), p.ServerEngine...); len(all) > 0 {
			eng = "ENGINE/INDEX REQUESTED: " + strings.Join(all, ", ")
		}
		fmt.Fprintf(w, "  %-24s page %5.1f KB in %2d requests; with the service worker %5.1f KB in %2d; next %-24s %5.1f KB in %d; %s\n",
			p.Path, float64(p.Bytes)/1024, p.Requests, float64(p.ServerBytes)/1024, p.ServerRequests,
			p.NextPath, float64(p.NextServerBytes)/1024, p.NextRequests, eng)
	}
	for _, pr := range []profile{mobile, fast} {
		c, ok := rep.Calculator[pr.Name]
		if !ok {
			continue
		}
		fmt.Fprintf(w, "\nCalculator from a link with a vector, %s:\n", pr.Name)
		fmt.Fprintf(w, "  engine fetch %6.0f ms (%.0f KB transferred); engine ready %6.0f ms; score shown %6.0f ms\n",
			c.EngineFetchMs, float64(c.EngineBytes)/1024, c.ReadyMs, c.ScoreMs)
		fmt.Fprintf(w, "  repeat visit: score shown %6.0f ms after navigation start (HTML received %.0f ms, engine started %.0f ms, ready %.0f ms)\n",
			c.RepeatScoreMs, c.RepeatHTMLMs, c.RepeatStartMs, c.RepeatReadyMs)
	}
	for _, pr := range []profile{mobile, fast} {
		s, ok := rep.Search[pr.Name]
		if !ok {
			continue
		}
		fmt.Fprintf(w, "\nSearch page (%s): results %0.f ms; main-thread long tasks over load and %d queries: %d, total %.0f ms, longest %.0f ms, blocking %.0f ms\n",
			pr.Name, s.ResultsMs, s.QueryAnswers, s.Count, s.TotalMs, s.MaxMs, s.BlockingMs)
	}
	if len(rep.Lighthouse) > 0 {
		fmt.Fprintln(w, "\nLighthouse (mobile, simulated slow 4G; the run with the median performance score, ms):")
		fmt.Fprintf(w, "  %-12s %5s %5s %5s %5s   %6s %6s %6s %5s %6s   %-16s %s\n", "page", "perf", "a11y", "bp", "seo", "FCP", "LCP", "TBT", "CLS", "SI", "perf of each run", "benchmark index")
		for _, r := range rep.Lighthouse {
			fmt.Fprintf(w, "  %-12s %5d %5d %5d %5d   %6.0f %6.0f %6.0f %5.3f %6.0f   %-16s %.0f\n", r.Page,
				r.Scores["performance"], r.Scores["accessibility"], r.Scores["best-practices"], r.Scores["seo"],
				r.Metrics["FCP"], r.Metrics["LCP"], r.Metrics["TBT"], r.Metrics["CLS"], r.Metrics["SI"], fmt.Sprint(r.PerfRuns), r.BenchmarkIndex)
		}
		for _, r := range rep.Lighthouse {
			for _, f := range r.Failures {
				fmt.Fprintf(w, "  %s: %s\n", r.Page, f)
			}
		}
	}
	for _, n := range rep.Notes {
		fmt.Fprintln(w, "\nNOTE:", n)
	}
}
