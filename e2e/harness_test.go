// Package e2e holds the browser tests: the site is built once per test
// binary into a temporary directory, served with httptest the way GitHub
// Pages serves it (under the base path /shguide/, so that every test also
// checks that the base is honoured), and driven with chromedp and Debian's
// chromium.
//
// Layout is only measured with real Japanese glyphs: a machine without a
// Japanese font (fc-list :lang=ja; Debian's fonts-noto-cjk) counts as one
// without a browser. Without either the browser tests skip with a loud
// message and leave e2e/.browser-skipped behind, which `make test` reports
// at the end of its run; with SHGUIDE_REQUIRE_BROWSER=1 (CI) they fail.
//
// Helpers for tests in this package:
//
//	siteURL(t)                   the served site's base URL, "http://127.0.0.1:N/shguide/"
//	siteModel(t)                 the validated content model (expected values)
//	newTab(t)                    a chromedp context for a new tab, closed at the end of the test
//	loadPage(t, ctx, path)       navigate to path (below the base) recording problems
//	(*pageLog).expectClean(t)    no console error, exception, CSP violation or failed request
//	saveScreenshot(t, name, png) write e2e/screenshots/<name>.png
package e2e

import (
	"bytes"
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"shguide/site"
	"shguide/site/model"
)

// base is the URL path the test site is served under.
const base = "/shguide/"

var (
	siteOnce   sync.Once
	siteErr    error
	siteDir    string
	siteServer *httptest.Server
	theModel   *model.Model

	browserOnce    sync.Once
	browserErr     error
	browserSkipped bool // a test skipped for want of a browser or font
	browserCtx     context.Context
	browserCancel  context.CancelFunc
	userDataDir    string
)

func TestMain(m *testing.M) {
	code := m.Run()
	recordSkip()
	if browserCancel != nil {
		browserCancel()
	}
	if siteServer != nil {
		siteServer.Close()
	}
	for _, d := range []string{siteDir, userDataDir} {
		if d != "" {
			os.RemoveAll(d)
		}
	}
	os.Exit(code)
}

// repoRoot is the module root (this package is e2e/).
func repoRoot() string {
	wd, _ := os.Getwd()
	return filepath.Dir(wd)
}

// buildSite builds the WebAssembly module and the site once.
func buildSite() {
	root := repoRoot()
	dir, err := os.MkdirTemp("", "shguide-e2e-")
	if err != nil {
		siteErr = err
		return
	}
	siteDir = dir
	opt := site.Options{Content: os.DirFS(filepath.Join(root, "content")), Out: filepath.Join(dir, "site"), Base: base}
	if _, err := os.Stat(filepath.Join(root, "wasm")); err == nil {
		// The engine and the engine with the browser tools, built at once.
		opt.WasmFile = filepath.Join(dir, site.WasmAsset)
		opt.ToolsWasmFile = filepath.Join(dir, site.ToolsWasmAsset)
		var outs [2]bytes.Buffer
		var errs [2]error
		var wg sync.WaitGroup
		for i, f := range []string{opt.WasmFile, opt.ToolsWasmFile} {
			wg.Go(func() { errs[i] = site.BuildWasm(root, f, i == 1, &outs[i]) })
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				siteErr = fmt.Errorf("%v\n%s", err, outs[i].Bytes())
				return
			}
		}
		if opt.WasmExecFile, err = site.WasmExec(); err != nil {
			siteErr = err
			return
		}
	}
	if _, err := site.Build(context.Background(), opt); err != nil {
		siteErr = err
		return
	}
	m, err := model.Load(opt.Content)
	if err == nil {
		err = model.Validate(m)
	}
	if err != nil {
		siteErr = err
		return
	}
	theModel = m
	siteServer = httptest.NewServer(site.Handler(opt.Out, base))
}

// siteURL returns the base URL of the served site, building it on first use.
func siteURL(t testing.TB) string {
	t.Helper()
	siteOnce.Do(buildSite)
	if siteErr != nil {
		t.Fatalf("building the site: %v", siteErr)
	}
	return siteServer.URL + base
}

// siteModel returns the validated content the site was built from.
func siteModel(t testing.TB) *model.Model {
	t.Helper()
	siteURL(t)
	return theModel
}

// chromiumPath finds the browser: $SHGUIDE_CHROMIUM, then the usual names.
func chromiumPath() string {
	if p := os.Getenv("SHGUIDE_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// skipMarker is the file `make test` looks for to report skipped browser tests.
func skipMarker() string { return filepath.Join(repoRoot(), "e2e", ".browser-skipped") }

// recordSkip leaves the skip marker when browser tests were skipped and
// removes it when they ran; a run that never asked for a browser leaves it.
func recordSkip() {
	switch {
	case browserSkipped:
		msg := fmt.Sprintf("browser tests SKIPPED: %v\n", browserErr)
		os.WriteFile(skipMarker(), []byte(msg), 0o644)
	case browserCtx != nil:
		os.Remove(skipMarker())
	}
}

// japaneseFont reports whether fontconfig knows a Japanese font, so that
// layout is measured on the glyphs a reader sees rather than on tofu.
func japaneseFont() error {
	if runtime.GOOS != "linux" {
		return nil // chromium uses the system's text stack, which ships Japanese fonts
	}
	out, err := exec.Command("fc-list", ":lang=ja", "family").Output()
	if err != nil {
		return fmt.Errorf("fc-list :lang=ja failed (%v): install fontconfig and a Japanese font (Debian: apt-get install fonts-noto-cjk)", err)
	}
	if strings.TrimSpace(string(out)) == "" {
		return fmt.Errorf("no Japanese font installed (fc-list :lang=ja is empty): layout would be measured on tofu; install one (Debian: apt-get install fonts-noto-cjk)")
	}
	return nil
}

// startBrowser starts one headless chromium for the whole test binary.
func startBrowser() {
	path := chromiumPath()
	if path == "" {
		browserErr = fmt.Errorf("chromium not found (install Debian's chromium or set SHGUIDE_CHROMIUM)")
		return
	}
	if err := japaneseFont(); err != nil {
		browserErr = err
		return
	}
	dir, err := os.MkdirTemp("", "shguide-chromium-")
	if err != nil {
		browserErr = err
		return
	}
	userDataDir = dir
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox, // the tests run as root in CI containers
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(dir),
		chromedp.WindowSize(1280, 900),
	)
	actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, bcancel := chromedp.NewContext(actx)
	// Start the browser now, so that a broken installation fails here once.
	if err := chromedp.Do(bctx); err != nil {
		bcancel()
		acancel()
		browserErr = fmt.Errorf("starting %s: %v", path, err)
		return
	}
	browserCtx = bctx
	browserCancel = func() { bcancel(); acancel() }
}

// newTab opens a new tab of the shared browser for the test. Without a
// browser it skips loudly, or fails when SHGUIDE_REQUIRE_BROWSER=1.
func newTab(t testing.TB) context.Context {
	t.Helper()
	return newTabWithin(t, 60*time.Second)
}

// newTabWithin is newTab for a test that needs the tab for longer than a
// minute (a long page measured at three widths, on a busy machine).
func newTabWithin(t testing.TB, limit time.Duration) context.Context {
	t.Helper()
	browserOnce.Do(startBrowser)
	if browserErr != nil {
		if os.Getenv("SHGUIDE_REQUIRE_BROWSER") == "1" {
			t.Fatalf("browser required (SHGUIDE_REQUIRE_BROWSER=1): %v", browserErr)
		}
		browserSkipped = true
		t.Skipf("\n\n*** SKIPPING BROWSER TEST %s: %v ***\n*** set SHGUIDE_REQUIRE_BROWSER=1 to make this a failure ***\n", t.Name(), browserErr)
	}
	ctx, cancel := chromedp.NewContext(browserCtx)
	ctx, tcancel := context.WithTimeout(ctx, limit)
	t.Cleanup(func() { tcancel(); cancel() })
	// Open the tab now, so that listeners see the first navigation.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	return ctx
}

// pageLog records what went wrong while a page loaded and ran.
type pageLog struct {
	mu       sync.Mutex
	url      string
	problems []string
	allow404 bool // the page itself is expected to be a 404 (404.html)
}

func (l *pageLog) add(format string, args ...any) {
	l.mu.Lock()
	l.problems = append(l.problems, fmt.Sprintf(format, args...))
	l.mu.Unlock()
}

// Problems returns what was recorded so far.
func (l *pageLog) Problems() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.problems...)
}

// expectClean fails the test for every recorded problem.
func (l *pageLog) expectClean(t testing.TB) {
	t.Helper()
	for _, p := range l.Problems() {
		t.Errorf("%s: %s", l.url, p)
	}
}

// listen records console errors, uncaught exceptions, log errors (CSP
// violations are reported there) and failed requests of the tab.
func listen(t testing.TB, ctx context.Context, l *pageLog) {
	t.Helper()
	err := chromedp.Listen(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *cdpruntime.EventConsoleAPICalled:
			if ev.Type == cdpruntime.ConsoleAPICalledTypeError || ev.Type == cdpruntime.ConsoleAPICalledTypeAssert {
				var args []string
				for _, a := range ev.Args {
					if len(a.Value) > 0 {
						args = append(args, string(a.Value))
					} else {
						args = append(args, a.Description)
					}
				}
				l.add("console.%s: %s", ev.Type, strings.Join(args, " "))
			}
		case *cdpruntime.EventExceptionThrown:
			d := ev.ExceptionDetails
			msg := d.Text
			if d.Exception != nil && d.Exception.Description != "" {
				msg += " " + d.Exception.Description
			}
			l.add("uncaught exception: %s (%s:%d)", msg, d.URL, d.LineNumber)
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.EntryLevelError {
				if l.allow404 && strings.Contains(ev.Entry.Text, "404") {
					return
				}
				l.add("log %s: %s %s", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL)
			}
		case *network.EventLoadingFailed:
			if !ev.Canceled {
				l.add("request failed: %s %s", ev.ErrorText, ev.BlockedReason)
			}
		case *network.EventResponseReceived:
			if ev.Response.Status >= 400 && !(l.allow404 && ev.Type == network.ResourceTypeDocument && ev.Response.Status == 404) {
				l.add("HTTP %d for %s", ev.Response.Status, ev.Response.URL)
			}
		}
	})
	if err != nil {
		t.Fatalf("listening: %v", err)
	}
}

// loadPage navigates the tab to path (below the base, "" for the home page)
// and waits until the page has loaded and settled, recording problems.
func loadPage(t testing.TB, ctx context.Context, path string) *pageLog {
	t.Helper()
	l := &pageLog{url: siteURL(t) + path}
	listen(t, ctx, l)
	if err := chromedp.Do(ctx, chromedp.Navigate(l.url)); err != nil {
		t.Fatalf("navigating to %s: %v", l.url, err)
	}
	settle(t, ctx)
	return l
}

// settle waits for the document to be complete and lets deferred work
// (lazy loads started on load) run. It tolerates a navigation in progress
// (the old document's context disappears while the new one loads).
func settle(t testing.TB, ctx context.Context) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		done, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.readyState === "complete"`))
		if err == nil && done {
			break
		}
		if ctx.Err() != nil || time.Now().After(deadline) {
			t.Fatalf("waiting for the page: ready %v, %v", done, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	select {
	case <-time.After(400 * time.Millisecond):
	case <-ctx.Done():
	}
}

// eval evaluates a JavaScript expression in the tab.
func eval[T any](t testing.TB, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// saveScreenshot writes a PNG for review to e2e/screenshots/ (git-ignored).
func saveScreenshot(t testing.TB, name string, png []byte) {
	t.Helper()
	dir := filepath.Join(repoRoot(), "e2e", "screenshots")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name+".png")
	if err := os.WriteFile(p, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot %s (%d bytes)", p, len(png))
}

// TestHarnessCatchesProblems makes sure the page log is not blind: a console
// error, an exception, a failed request and a CSP violation are all caught.
func TestHarnessCatchesProblems(t *testing.T) {
	ctx := newTab(t)
	l := loadPage(t, ctx, "about/")
	if p := l.Problems(); len(p) > 0 {
		t.Fatalf("clean page has problems: %v", p)
	}
	eval[bool](t, ctx, `(() => {
		console.error("planted error");
		setTimeout(() => { throw new Error("planted exception"); }, 0);
		fetch("missing.json").catch(() => {});
		const s = document.createElement("script");
		s.textContent = "1"; // inline script: refused by the CSP
		document.body.append(s);
		return true;
	})()`)
	settle(t, ctx)
	got := strings.Join(l.Problems(), "\n")
	for _, want := range []string{"console.error", "planted error", "planted exception", "HTTP 404", "Content Security Policy"} {
		if !strings.Contains(got, want) {
			t.Errorf("the log missed %q; it has:\n%s", want, got)
		}
	}
}
