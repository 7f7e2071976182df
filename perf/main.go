// Command perf measures a built site the way a reader's browser gets it,
// served with gzip by the same handler as "shguide serve", with GitHub
// Pages' Cache-Control (max-age=600):
//
//   - bytes per reading page: everything a fresh browser transfers for the
//     home page, a chapter and a requirement, idle time included (a reading
//     page must not fetch the engine or the search index on its own);
//   - the calculator opened from a link with a vector: the engine's fetch,
//     the engine ready and the score shown, first visit and repeat visit
//     (with the page from the HTTP cache, and revalidated);
//   - main-thread long tasks on the search page while it loads the engine
//     and answers queries;
//   - Lighthouse's mobile scores (performance, accessibility, best
//     practices, SEO) for the home page, a requirement, the calculator and
//     the search page, and for the calculator and search opened from a
//     link with a vector or a query, when Lighthouse is installed (make perf installs it from npm
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
	"encoding/json"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

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

// lighthousePages are the pages Lighthouse scores: the four pages as a
// reader opens them, then the two engine pages opened from a link with
// something to compute, where the score or the results are what the reader
// waits for. Lighthouse's simulation counts every request that ended before
// the first paint of the (fast, local) measured run into the largest
// paint, and those pages fetch the engine at once; so they are also
// measured with the slow 4G profile applied in the browser (applied).
var lighthousePages = []struct {
	name, path string
	applied    bool
}{
	{"home", "", false},
	{"requirement", "requirements/sr3-h-5/", false},
	{"calculator", "calculator/", false},
	{"search", "search/", false},
	{"calc+vector", "calculator/#" + vector, false},
	{"search+query", searchPath, false},
	{"calc+vector", "calculator/#" + vector, true},
	{"search+query", searchPath, true},
}

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
// It sends the Cache-Control header of GitHub Pages (max-age=600), or for
// pages no-cache while pagesNoCache is set.
type served struct {
	h            http.Handler
	mu           sync.Mutex
	sent         []sentFile
	pagesNoCache bool
}

// setPagesNoCache has pages sent with Cache-Control: no-cache (on) or
// max-age=600 like the assets (off).
func (s *served) setPagesNoCache(on bool) {
	s.mu.Lock()
	s.pagesNoCache = on
	s.mu.Unlock()
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
	s.mu.Lock()
	noCache := s.pagesNoCache && !strings.Contains(r.URL.Path, "/assets/")
	s.mu.Unlock()
	if noCache {
		w.Header().Set("Cache-Control", "no-cache")
	} else {
		w.Header().Set("Cache-Control", "max-age=600")
	}
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
	// The same link again, the service worker in control: with the page
	// from the browser's HTTP cache (as GitHub Pages lets a browser keep it
	// for 10 minutes: Cache-Control: max-age=600), then with the page
	// revalidated (one round trip: the service worker fetches pages
	// network-first).
	Repeat            Visit `json:"repeat"`
	RepeatRevalidated Visit `json:"repeatRevalidated"`
}

// Visit is a repeat visit's steps, from navigation start: the page's HTML
// received, the engine started (its worker created) and ready, and the
// score shown.
type Visit struct {
	HTMLMs  float64 `json:"htmlMs"`
	StartMs float64 `json:"startMs"`
	ReadyMs float64 `json:"readyMs"`
	ScoreMs float64 `json:"scoreMs"`
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
			ct, err := calculatorTiming(browser, counter, root, pr)
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
			for _, p := range lighthousePages {
				var all []LighthouseResult
				for range max(1, runs) {
					r, err := runLighthouse(lighthouse, p.name, root+p.path, p.applied)
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
