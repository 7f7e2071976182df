package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image/png"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// Every page type a reader meets, at phone and desktop widths, with the
// Japanese font installed: nothing overflows the screen, axe-core finds no
// serious or critical violation, and screenshots in both themes are saved
// to e2e/screenshots/ for review.

// longVector is a calculator vector with every environmental metric set:
// the longest vector the vector box has to show.
const longVector = "CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/LP:Y/II:H/E:P/RL:O/RC:C/CR:H/IR:H/AR:H/MAV:A/MAC:H/MPR:L/MUI:R/MS:C/MC:L/MI:L/MA:L/MLP:N/MII:N"

// pageKind is a page type in the state a reader sees it in.
type pageKind struct {
	name string
	path string
	// ready, when set, waits for the page's own work (engine, search).
	ready func(t *testing.T, ctx context.Context)
}

var pageKinds = []pageKind{
	{name: "home", path: ""},
	{name: "chapters", path: "chapters/"},
	{name: "chapter-3.2", path: "chapters/3.2/"},
	{name: "chapter-3.4", path: "chapters/3.4/"},
	{name: "chapter-3.5", path: "chapters/3.5/"},
	{name: "requirements", path: "requirements/"},
	{name: "requirement", path: "requirements/sr3-h-5/"},
	{name: "reverse-uk", path: "requirements/uk/"},
	{name: "reverse-uk-item", path: "requirements/uk/uk5/"},
	{name: "reverse-sb327", path: "requirements/sb327/"},
	{name: "reverse-cpsf", path: "requirements/cpsf/"},
	{name: "reverse-cpsf-code", path: "requirements/cpsf/cps-ac-3/"},
	{name: "threats", path: "threats/"},
	{name: "ep", path: "threats/ep5/"},
	{name: "charts", path: "threats/charts/"},
	{name: "lifecycle", path: "lifecycles/service/"},
	{name: "metrics", path: "metrics/"},
	{name: "system-model", path: "system-model/"},
	{name: "calculator", path: "calculator/#" + longVector, ready: func(t *testing.T, ctx context.Context) {
		waitFor(t, ctx, `document.getElementById("calculator").dataset.ready === "true"`, 20e9)
	}},
	{name: "worksheet", path: "calculator/worksheet/", ready: loadWorksheetTemplate},
	{name: "checklist", path: "checklist/"},
	{name: "errata", path: "errata/"},
	{name: "glossary", path: "glossary/"},
	{name: "search", path: "search/?q=" + url.QueryEscape("ファームウェア"), ready: func(t *testing.T, ctx context.Context) { waitStatus(t, ctx) }},
	{name: "open-data", path: "open-data/"},
	{name: "about", path: "about/"},
}

// loadWorksheetTemplate fills the worksheet with the guideline's 47-row
// template (表3-38), the longest table a reader loads.
func loadWorksheetTemplate(t *testing.T, ctx context.Context) {
	t.Helper()
	eval[bool](t, ctx, `(localStorage.removeItem("shguide.worksheet.v1"), true)`)
	waitFor(t, ctx, `document.getElementById("worksheet").dataset.ready === "true"`, 20e9)
	if err := chromedp.Do(ctx,
		chromedp.SetValue(chromedp.ID("ws-template"), "star2-before"),
		chromedp.Click(chromedp.ID("ws-template-load")),
		chromedp.WaitVisible(chromedp.ID("ws-preview")),
		chromedp.Click(chromedp.ID("ws-accept-replace")),
	); err != nil {
		t.Fatalf("loading the worksheet template: %v", err)
	}
	waitFor(t, ctx, `document.querySelectorAll("#ws-rows tr").length === 47`, 10e9)
}

// overflowJS lists the elements that reach outside a viewport of width W
// and are not inside a deliberate horizontal scroller (an ancestor that
// scrolls horizontally), and the width of the document.
const overflowJS = `((W) => {
	const scrolls = (el) => {
		for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
			const o = getComputedStyle(a).overflowX;
			if (o === "auto" || o === "scroll") return true;
		}
		return false;
	};
	const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
		(el.classList.length ? "." + Array.from(el.classList).join(".") : "");
	const bad = [];
	for (const el of document.body.querySelectorAll("*")) {
		const r = el.getBoundingClientRect();
		if (r.width === 0 || r.height === 0) continue;
		if (r.right <= W + 0.5 && r.left >= -0.5) continue;
		if (el.closest(".visually-hidden, .skip-link")) continue;
		if (getComputedStyle(el).visibility === "hidden") continue;
		if (scrolls(el)) continue;
		bad.push(name(el) + " [" + Math.round(r.left) + ", " + Math.round(r.right) + "]");
	}
	return {width: document.documentElement.scrollWidth, bad: bad.slice(0, 6)};
})`

type overflow struct {
	Width int      `json:"width"`
	Bad   []string `json:"bad"`
}

// axeSource is axe-core's browser build from node_modules (npm ci).
var axeSource = sync.OnceValues(func() (string, error) {
	b, err := os.ReadFile(filepath.Join(repoRoot(), "node_modules", "axe-core", "axe.min.js"))
	return string(b), err
})

// axeViolation is the part of an axe-core result the tests report.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target  []any  `json:"target"`
		Summary string `json:"failureSummary"`
	} `json:"nodes"`
}

// axe rule sets: every rule once per page, the layout-dependent ones at
// both widths and colour contrast in both themes.
type axeSet int

const (
	axeAll          axeSet = iota // WCAG 2.x A/AA, best practices, experimental
	axeNotContrast                // the same without colour contrast (checked at 1280 px)
	axeContrastOnly               // colour contrast (the dark theme)
)

func axeRules(w int64, scheme string) axeSet {
	switch {
	case scheme == "dark":
		return axeContrastOnly
	case w == 1280:
		return axeAll
	}
	return axeNotContrast
}

// axeRun injects axe-core into the page and returns its violations of the
// WCAG 2.x A/AA rules and best practices, experimental rules included
// (label-content-name-mismatch is one).
func axeRun(t *testing.T, ctx context.Context, set axeSet) []axeViolation {
	t.Helper()
	src, err := axeSource()
	if err != nil {
		if os.Getenv("SHGUIDE_REQUIRE_BROWSER") == "1" {
			t.Fatalf("axe-core is missing (run npm ci, or make test): %v", err)
		}
		t.Logf("*** axe-core is missing (run npm ci): accessibility not checked: %v", err)
		return nil
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](src+";true")); err != nil {
		t.Fatalf("injecting axe-core: %v", err)
	}
	opts := `runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice", "experimental"]}`
	switch set {
	case axeNotContrast:
		opts += `, rules: {"color-contrast": {enabled: false}, "link-in-text-block": {enabled: false}}`
	case axeContrastOnly:
		opts = `runOnly: {type: "rule", values: ["color-contrast", "link-in-text-block"]}`
	}
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](`axe.run(document, {`+opts+`, resultTypes: ["violations"]})
		.then(r => JSON.stringify(r.violations))`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("running axe-core: %v", err)
	}
	var vs []axeViolation
	if err := json.Unmarshal([]byte(raw), &vs); err != nil {
		t.Fatalf("axe-core result: %v", err)
	}
	return vs
}

// mustFix reports whether an axe finding fails the test: every serious or
// critical one, and the rules that make a page hard to navigate by voice or
// landmarks whatever axe's impact.
func mustFix(v axeViolation) bool {
	switch v.ID {
	case "label-content-name-mismatch", "landmark-unique", "nested-interactive":
		return true
	}
	return v.Impact == "serious" || v.Impact == "critical"
}

func (v axeViolation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "axe %s (%s): %s, %d element(s)", v.ID, v.Impact, v.Help, len(v.Nodes))
	for i, n := range v.Nodes {
		if i == 4 {
			b.WriteString("\n\t…")
			break
		}
		fmt.Fprintf(&b, "\n\t%v", n.Target)
	}
	return b.String()
}

// checker reports a page kind's failures.
type checker struct {
	t    *testing.T
	kind pageKind
}

func (c *checker) errorf(format string, args ...any) {
	c.t.Helper()
	c.t.Errorf(format, args...)
}

// TestPageTypes loads every page type on a phone (390 px) with the Japanese
// font, then turns it to 360 and 1280 px as a reader turns a phone or
// widens a window: no horizontal overflow outside a deliberate scroller,
// no serious or critical axe-core violation (at 390 and 1280 px, and
// colour contrast in the dark theme), no link text that starts or ends
// with a space, and screenshots at 390 and 1280 px in both themes.
func TestPageTypes(t *testing.T) {
	for _, kind := range pageKinds {
		t.Run(kind.name, func(t *testing.T) {
			c := &checker{t: t, kind: kind}
			checkPage(t, c, kind)
		})
	}
}

func checkPage(t *testing.T, c *checker, kind pageKind) {
	ctx := newTabWithin(t, 3*time.Minute)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 800)); err != nil {
		t.Fatal(err)
	}
	setScheme(t, ctx, "light")
	l := loadPage(t, ctx, kind.path)
	if kind.ready != nil {
		kind.ready(t, ctx)
	}
	for _, w := range []int64{390, 360, 1280} {
		if w != 390 {
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(w, 800)); err != nil {
				t.Fatal(err)
			}
			settle(t, ctx)
		}
		o := eval[overflow](t, ctx, fmt.Sprintf("%s(%d)", overflowJS, w))
		if o.Width > int(w) || len(o.Bad) > 0 {
			c.errorf("%s at %d px: page %d px wide; outside the screen: %s", kind.path, w, o.Width, strings.Join(o.Bad, ", "))
		}
		if w == 360 {
			continue
		}
		if bad := eval[[]string](t, ctx, linkTextJS); len(bad) > 0 {
			c.errorf("%s at %d px: link text with a leading or trailing space: %v", kind.path, w, bad)
		}
		for _, scheme := range []string{"light", "dark"} {
			setScheme(t, ctx, scheme)
			// Colour contrast is what changes with the theme; the other
			// rules are checked once per width.
			if scheme == "light" || w == 1280 {
				for _, v := range axeRun(t, ctx, axeRules(w, scheme)) {
					if mustFix(v) {
						c.errorf("%s at %d px, %s: %s", kind.path, w, scheme, v)
					} else {
						t.Logf("%s at %d px, %s (not failing): %s", kind.path, w, scheme, v)
					}
				}
			}
			shot(t, ctx, fmt.Sprintf("%s-%d-%s", kind.name, w, scheme), w)
		}
		setScheme(t, ctx, "light")
	}
	l.expectClean(t)
}

// shot saves a full-page screenshot of the tab, which is w px wide.
// Encoding is optimised for speed: the files are for review, not to keep.
func shot(t *testing.T, ctx context.Context, name string, w int64) {
	t.Helper()
	img, err := chromedp.Call(ctx, page.CaptureScreenshot, page.CaptureScreenshotParams{
		Format:                page.CaptureScreenshotFormatPng,
		CaptureBeyondViewport: ptrTo(true),
		FromSurface:           ptrTo(true),
		OptimizeForSpeed:      ptrTo(true),
	})
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if cfg, err := png.DecodeConfig(bytes.NewReader(img.Data)); err == nil && int64(cfg.Width) != w {
		t.Errorf("%s: screenshot is %d px wide, want %d", name, cfg.Width, w)
	}
	saveScreenshot(t, name, img.Data)
}

func ptrTo[T any](v T) *T { return &v }
