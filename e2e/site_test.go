package e2e

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"shguide/site/model"
)

// TestPagesLoadClean loads a page of every kind and fails on any console
// error, uncaught exception, CSP violation (logged as an error) or failed
// request, including the lazily loaded WebAssembly and search index.
func TestPagesLoadClean(t *testing.T) {
	ctx := newTabWithin(t, 3*time.Minute) // thirty pages in one tab
	pages := []string{
		"", "chapters/", "chapters/1/", "chapters/3.5/", "chapters/6.2/",
		"requirements/", "requirements/sr3-h-5/", "requirements/r3-1/", "requirements/sr2-pp-3/",
		"requirements/cpsf/", "requirements/cpsf/cps-ac-3/", "requirements/uk/uk5/",
		"threats/", "threats/ep1/", "threats/ep5/", "lifecycles/", "lifecycles/service/", "lifecycles/house/",
		"metrics/", "severity/", "system-model/", "use-cases/", "protected-assets/", "risk-analysis/",
		"glossary/", "references/", "errata/", "open-data/", "about/",
	}
	for _, p := range pages {
		loadPage(t, ctx, p).expectClean(t)
		title := eval[string](t, ctx, `document.title`)
		if title == "" {
			t.Errorf("%s: empty title", p)
		}
	}
	// A missing page gets 404.html, which still loads its assets from the base.
	l := &pageLog{url: siteURL(t) + "no/such/page/", allow404: true}
	listen(t, ctx, l)
	if err := chromedp.Do(ctx, chromedp.Navigate(l.url)); err != nil {
		t.Fatal(err)
	}
	settle(t, ctx)
	l.expectClean(t)
	if h1 := eval[string](t, ctx, `document.querySelector("h1").textContent`); h1 != "ページが見つかりません" {
		t.Errorf("404 page h1 = %q", h1)
	}
	if css := eval[bool](t, ctx, `getComputedStyle(document.querySelector(".site-header")).borderBottomStyle === "solid"`); !css {
		t.Error("404 page is unstyled: its stylesheet did not load")
	}
}

// visibleIDs lists the requirement IDs the index shows.
const visibleIDs = `Array.from(document.querySelectorAll("#req-index .req-item")).filter(li => li.offsetParent !== null).map(li => li.querySelector(".req-id").textContent)`

// choose sets a filter select as a user would (value, then a change event).
func choose(t *testing.T, ctx context.Context, name, value string) {
	t.Helper()
	eval[bool](t, ctx, fmt.Sprintf(`(() => { const s = document.querySelector('#req-filters select[name=%q]'); s.value = %q; s.dispatchEvent(new Event("change", {bubbles: true})); return true })()`, name, value))
}

// TestRequirementFilters checks that each filter narrows the list to exactly
// the requirements the content says, that filters combine, that the state
// survives in the URL, and that reset and no-JavaScript show the full list.
func TestRequirementFilters(t *testing.T) {
	m := siteModel(t)
	ctx := newTab(t)
	loadPage(t, ctx, "requirements/").expectClean(t)

	if hidden := eval[bool](t, ctx, `document.getElementById("req-filters").hidden`); hidden {
		t.Fatal("the filter form stays hidden with JavaScript")
	}
	all := eval[[]string](t, ctx, visibleIDs)
	if len(all) != len(m.Requirements) || len(all) != 87 {
		t.Fatalf("%d requirements shown, want %d", len(all), len(m.Requirements))
	}
	want := func(keep func(level int, target, uk, sb327, cpsf string) bool) []string {
		var ids []string
		for _, r := range m.Requirements {
			sym := func(mp *model.Mapping) string {
				if mp == nil {
					return "none"
				}
				return mp.Symbol
			}
			if keep(r.Level, r.Target, sym(r.UK), sym(r.SB327), sym(r.CPSF)) {
				ids = append(ids, r.ID)
			}
		}
		return ids
	}
	check := func(what string, want []string) {
		t.Helper()
		got := eval[[]string](t, ctx, visibleIDs)
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%s: shown %v\nwant %v", what, got, want)
		}
		count := eval[string](t, ctx, `document.getElementById("req-count").textContent`)
		if wantCount := fmt.Sprintf("87 項目中 %d 項目を表示", len(want)); count != wantCount {
			t.Errorf("%s: count %q, want %q", what, count, wantCount)
		}
		if len(want) == 0 {
			t.Errorf("%s: the filter selects nothing; the test is not testing", what)
		}
	}

	choose(t, ctx, "level", "3")
	check("level ★★★", want(func(l int, _, _, _, _ string) bool { return l == 3 }))
	if n := eval[int](t, ctx, `document.querySelectorAll("#req-index .req-level:not([hidden])").length`); n == 0 {
		t.Error("no level group left visible")
	}
	choose(t, ctx, "target", "H")
	check("level ★★★ and target H", want(func(l int, tg, _, _, _ string) bool { return l == 3 && tg == "H" }))
	if v := eval[bool](t, ctx, `document.getElementById("target-sp").hidden`); !v {
		t.Error("the SP group stays visible with target H")
	}
	if q := eval[string](t, ctx, `location.search`); q != "?level=3&target=H" {
		t.Errorf("query = %q", q)
	}
	choose(t, ctx, "level", "")
	choose(t, ctx, "target", "")
	choose(t, ctx, "uk", "=")
	check("UK =", want(func(_ int, _, uk, _, _ string) bool { return uk == "=" }))
	choose(t, ctx, "uk", "")
	choose(t, ctx, "cpsf", "○")
	choose(t, ctx, "sb327", "◎")
	check("CPSF ○ and SB327 ◎", want(func(_ int, _, _, sb, cp string) bool { return sb == "◎" && cp == "○" }))
	choose(t, ctx, "cpsf", "")
	choose(t, ctx, "sb327", "none")
	check("SB327 記載なし", want(func(_ int, _, _, sb, _ string) bool { return sb == "none" }))

	// Reset shows everything again.
	eval[bool](t, ctx, `(document.getElementById("req-filters").reset(), true)`)
	settle(t, ctx)
	if got := eval[[]string](t, ctx, visibleIDs); len(got) != 87 {
		t.Errorf("after reset %d shown", len(got))
	}

	// The URL restores a filter; a value the form does not offer is ignored.
	loadPage(t, ctx, "requirements/?level=2&target=D&cpsf=<script>").expectClean(t)
	check("restored from the URL", want(func(l int, tg, _, _, _ string) bool { return l == 2 && tg == "D" }))

	// Without JavaScript the form is hidden and the complete list shows.
	noJS := newTab(t)
	if _, err := chromedp.Call(noJS, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(noJS, chromedp.Navigate(siteURL(t)+"requirements/?level=3")); err != nil {
		t.Fatal(err)
	}
	n, err := chromedp.Run(noJS, chromedp.Nodes(chromedp.CSSAll("#req-index .req-item")))
	if err != nil {
		t.Fatal(err)
	}
	if len(n) != 87 {
		t.Errorf("without JavaScript %d items", len(n))
	}
	hidden, err := chromedp.Run(noJS, chromedp.AttributeValue(chromedp.ID("req-filters"), "hidden"))
	if err != nil || !hidden.Exists {
		t.Errorf("without JavaScript the filter form is not hidden (%v)", err)
	}
}

// TestThemeFollowsColorScheme emulates prefers-color-scheme and checks the
// page colours switch, and that text keeps its contrast.
func TestThemeFollowsColorScheme(t *testing.T) {
	ctx := newTab(t)
	loadPage(t, ctx, "requirements/sr3-h-5/").expectClean(t)
	for _, tt := range []struct {
		scheme, bg, fg string
	}{
		{"light", "rgb(255, 255, 255)", "rgb(26, 31, 39)"},
		{"dark", "rgb(16, 22, 31)", "rgb(229, 233, 239)"},
	} {
		setScheme(t, ctx, tt.scheme)
		bg := eval[string](t, ctx, `getComputedStyle(document.body).backgroundColor`)
		fg := eval[string](t, ctx, `getComputedStyle(document.body).color`)
		if bg != tt.bg || fg != tt.fg {
			t.Errorf("%s: background %s, colour %s; want %s, %s", tt.scheme, bg, fg, tt.bg, tt.fg)
		}
		link := eval[string](t, ctx, `getComputedStyle(document.querySelector("main a")).color`)
		if c := contrast(link, bg); c < 4.5 {
			t.Errorf("%s: link %s on %s has contrast %.2f < 4.5", tt.scheme, link, bg, c)
		}
		muted := eval[string](t, ctx, `getComputedStyle(document.querySelector(".eyebrow")).color`)
		if c := contrast(muted, bg); c < 4.5 {
			t.Errorf("%s: muted text %s on %s has contrast %.2f < 4.5", tt.scheme, muted, bg, c)
		}
	}
	setScheme(t, ctx, "")
}

func setScheme(t *testing.T, ctx context.Context, scheme string) {
	t.Helper()
	var features []*emulation.MediaFeature
	if scheme != "" {
		features = []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}
	}
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Features: features}); err != nil {
		t.Fatal(err)
	}
}

// TestSeverityChipsContrast checks the severity colours in both themes.
func TestSeverityChipsContrast(t *testing.T) {
	ctx := newTab(t)
	loadPage(t, ctx, "severity/").expectClean(t)
	for _, scheme := range []string{"light", "dark"} {
		setScheme(t, ctx, scheme)
		pairs := eval[[][]string](t, ctx, `Array.from(document.querySelectorAll(".severity-legend .score")).map(e => [e.className, getComputedStyle(e).color, getComputedStyle(e).backgroundColor])`)
		if len(pairs) != 5 {
			t.Fatalf("%d severity chips", len(pairs))
		}
		for _, p := range pairs {
			if c := contrast(p[1], p[2]); c < 4.5 {
				t.Errorf("%s: %s has contrast %.2f", scheme, p[0], c)
			}
		}
	}
}

// TestKeyboard: the first Tab reaches the skip link, which moves focus to
// the main content; focus is visible.
func TestKeyboard(t *testing.T) {
	ctx := newTab(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
		t.Fatal(err)
	}
	loadPage(t, ctx, "requirements/sr3-h-5/").expectClean(t)
	if err := chromedp.Do(ctx, chromedp.KeyEvent("\t")); err != nil {
		t.Fatal(err)
	}
	if cls := eval[string](t, ctx, `document.activeElement.className`); cls != "skip-link" {
		t.Fatalf("first Tab focuses %q, want the skip link", cls)
	}
	if top := eval[float64](t, ctx, `document.activeElement.getBoundingClientRect().top`); top < 0 {
		t.Error("the focused skip link stays off screen")
	}
	if o := eval[string](t, ctx, `getComputedStyle(document.activeElement).outlineStyle`); o == "none" {
		t.Error("focus is not visible on the skip link")
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent("\r")); err != nil {
		t.Fatal(err)
	}
	settle(t, ctx)
	if id := eval[string](t, ctx, `document.activeElement.id || location.hash`); id != "main" && id != "#main" {
		t.Errorf("after the skip link focus is on %q", id)
	}
}

// TestPrint: the print stylesheet drops navigation and filters and keeps
// the requirement list.
func TestPrint(t *testing.T) {
	ctx := newTab(t)
	loadPage(t, ctx, "requirements/").expectClean(t)
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	for sel, want := range map[string]string{".site-header": "none", "#req-filters": "none", ".req-list": "block", ".site-footer": "block"} {
		if got := eval[string](t, ctx, fmt.Sprintf(`getComputedStyle(document.querySelector(%q)).display`, sel)); got != want {
			t.Errorf("print: %s display %s, want %s", sel, got, want)
		}
	}
	if b := eval[string](t, ctx, `getComputedStyle(document.querySelector(".req-item")).breakInside`); b != "avoid" {
		t.Errorf("print: requirement items break-inside %s", b)
	}
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{}); err != nil {
		t.Fatal(err)
	}
}

// contrast is the WCAG contrast ratio of two CSS rgb()/rgba() colours.
func contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func luminance(css string) float64 {
	var r, g, b float64
	s := strings.TrimPrefix(strings.TrimPrefix(css, "rgba("), "rgb(")
	fmt.Sscanf(strings.ReplaceAll(s, ",", " "), "%f %f %f", &r, &g, &b)
	lin := func(c float64) float64 {
		c /= 255
		if c <= 0.03928 {
			return c / 12.92
		}
		return math.Pow((c+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}
