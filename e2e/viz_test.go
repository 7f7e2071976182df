package e2e

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The system-model diagram (home page, threats index, 図2-3/図3-1) and the
// risk charts (/threats/charts/): the layout that fits the screen, links,
// keyboard focus, both themes, and screenshots for review.

// shownDiagram is the class of the visible layout of the first diagram.
const shownDiagram = `Array.from(document.querySelectorAll(".sysmodel > div")).filter(d => d.offsetParent !== null).map(d => d.className)`

func TestDiagramLayoutsAndLinks(t *testing.T) {
	m := siteModel(t)
	ctx := newTab(t)
	for _, tc := range []struct {
		width int64
		shown string
	}{{1280, "sysmodel-wide"}, {390, "sysmodel-tall"}} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(tc.width, 900)); err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{"", "threats/"} {
			loadPage(t, ctx, p).expectClean(t)
			if got := eval[[]string](t, ctx, shownDiagram); !slices.Equal(got, []string{tc.shown}) {
				t.Errorf("%q at %d px shows %v, want %s only", p, tc.width, got, tc.shown)
			}
			// Every EP mark is a visible link to its threats page.
			hrefs := eval[[]string](t, ctx, `Array.from(document.querySelectorAll(".sysmodel a.sm-ep")).filter(a => a.getBoundingClientRect().width > 0).map(a => a.getAttribute("href"))`)
			var want []string
			for _, ep := range m.EntryPoints {
				want = append(want, fmt.Sprintf("%sthreats/ep%d/", base, ep.Number))
			}
			if !slices.Equal(hrefs, want) {
				t.Errorf("%q at %d px: EP links %v, want %v", p, tc.width, hrefs, want)
			}
			if w := eval[int](t, ctx, `document.documentElement.scrollWidth`); w > int(tc.width) {
				t.Errorf("%q at %d px: page is %d px wide", p, tc.width, w)
			}
			// Labels stay legible: at least 9 px on screen.
			if px := eval[float64](t, ctx, `Math.min(...Array.from(document.querySelectorAll(".sysmodel svg")).filter(s => s.getBoundingClientRect().width > 0).map(s => s.getBoundingClientRect().width / s.viewBox.baseVal.width * 12))`); px < 9 {
				t.Errorf("%q at %d px: 12-unit labels render at %.1f px", p, tc.width, px)
			}
		}
	}
	// The figures 2-3 and 3-1 use the same drawing: marks only on 図3-1.
	for _, tc := range []struct {
		path, fig string
		marks     int
	}{{"chapters/2.3/", "f2-3", 0}, {"chapters/3.3/", "f3-1", 10}, {"system-model/", "f2-3", 0}} {
		loadPage(t, ctx, tc.path).expectClean(t)
		if n := eval[int](t, ctx, fmt.Sprintf(`document.querySelectorAll("#%s .sysmodel-wide .sm-ep-mark").length`, tc.fig)); n != tc.marks {
			t.Errorf("%s 図%s: %d marks, want %d", tc.path, tc.fig, n, tc.marks)
		}
		if n := eval[int](t, ctx, fmt.Sprintf(`document.querySelectorAll("#%s .sysmodel-wide a.sm-link").length`, tc.fig)); n < 15 {
			t.Errorf("%s 図%s: %d component links", tc.path, tc.fig, n)
		}
	}
}

// TestDiagramKeyboard: Tab reaches the marks and components, focus is
// visible, the focused mark shows its name, and Enter follows the link.
func TestDiagramKeyboard(t *testing.T) {
	ctx := newTab(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
		t.Fatal(err)
	}
	loadPage(t, ctx, "threats/").expectClean(t)
	// Start from the last link before the diagram (図 3-1 in the lead).
	eval[bool](t, ctx, `(Array.from(document.querySelector(".sysmodel").previousElementSibling.querySelectorAll("a")).pop().focus(), true)`)
	idle := eval[string](t, ctx, `getComputedStyle(document.querySelector(".sysmodel-wide .sm-ep-mark")).stroke`)
	var seen []string
	for i := 0; i < 40; i++ {
		if err := chromedp.Do(ctx, chromedp.KeyEvent("\t")); err != nil {
			t.Fatal(err)
		}
		cls := eval[string](t, ctx, `document.activeElement.getAttribute("class") || ""`)
		if cls != "sm-ep" && cls != "sm-link" {
			break
		}
		seen = append(seen, eval[string](t, ctx, `document.activeElement.getAttribute("aria-label")`))
		if cls == "sm-ep" && strings.HasPrefix(seen[len(seen)-1], "EP⑤") {
			if v := eval[string](t, ctx, `getComputedStyle(document.activeElement.querySelector(".sm-tip")).visibility`); v != "visible" {
				t.Errorf("focused EP⑤: its name is %s", v)
			}
			st := eval[[]string](t, ctx, `(() => { const c = getComputedStyle(document.activeElement.querySelector(".sm-ep-mark")); return [c.stroke, c.strokeWidth] })()`)
			if st[0] == idle || st[1] != "3.5px" {
				t.Errorf("focused EP⑤ mark: stroke %s width %s, unfocused %s: focus not visible", st[0], st[1], idle)
			}
		}
	}
	if len(seen) < 10+15 {
		t.Errorf("Tab visits %d diagram links, want every component and EP: %v", len(seen), seen)
	}
	// Enter on a mark opens its threats.
	eval[bool](t, ctx, `(document.querySelector('.sysmodel-wide a.sm-ep[href$="threats/ep5/"]').focus(), true)`)
	if err := chromedp.Do(ctx, chromedp.KeyEvent("\r")); err != nil {
		t.Fatal(err)
	}
	// The navigation replaces the page's JavaScript context: retry until
	// the new document answers.
	u := ""
	for i := 0; i < 50 && u != base+"threats/ep5/"; i++ {
		time.Sleep(100 * time.Millisecond)
		u, _ = chromedp.Run(ctx, chromedp.Evaluate[string](`document.readyState === "complete" ? location.pathname : ""`))
	}
	if u != base+"threats/ep5/" {
		t.Errorf("Enter on EP⑤ went to %q", u)
	}
}

// TestDiagramThemes: the drawing follows the theme (text is the page
// colour), the marks stay red with white text.
func TestDiagramThemes(t *testing.T) {
	ctx := newTab(t)
	loadPage(t, ctx, "threats/").expectClean(t)
	for _, scheme := range []string{"light", "dark"} {
		setScheme(t, ctx, scheme)
		bg := eval[string](t, ctx, `getComputedStyle(document.body).backgroundColor`)
		label := eval[string](t, ctx, `getComputedStyle(document.querySelector(".sysmodel-wide .sm-label")).fill`)
		if c := contrast(label, bg); c < 7 {
			t.Errorf("%s: label %s on %s contrast %.2f", scheme, label, bg, c)
		}
		mark := eval[string](t, ctx, `getComputedStyle(document.querySelector(".sysmodel-wide .sm-ep-mark")).fill`)
		text := eval[string](t, ctx, `getComputedStyle(document.querySelector(".sysmodel-wide .sm-ep-text")).fill`)
		if c := contrast(text, mark); c < 4.5 {
			t.Errorf("%s: mark text %s on %s contrast %.2f", scheme, text, mark, c)
		}
		if c := contrast(mark, bg); c < 3 {
			t.Errorf("%s: mark %s on %s contrast %.2f (< 3:1 for graphics)", scheme, mark, bg, c)
		}
	}
	setScheme(t, ctx, "")
}

// TestRiskChartsPage: both services charted, the layout that fits, a
// table beside each chart with every threat linked, no overflow.
func TestRiskChartsPage(t *testing.T) {
	m := siteModel(t)
	ctx := newTab(t)
	for _, w := range []int64{1280, 390} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(w, 900)); err != nil {
			t.Fatal(err)
		}
		loadPage(t, ctx, "threats/charts/").expectClean(t)
		shown := eval[[]string](t, ctx, `Array.from(document.querySelectorAll(".riskbars .riskchart-graphic > div")).filter(d => d.offsetParent !== null).map(d => d.className)`)
		want := "riskchart-wide"
		if w < 600 {
			want = "riskchart-tall"
		}
		if !slices.Equal(shown, []string{want, want}) {
			t.Errorf("%d px: charts shown %v, want %s twice", w, shown, want)
		}
		if sw := eval[int](t, ctx, `document.documentElement.scrollWidth`); sw > int(w) {
			t.Errorf("%d px: page is %d px wide", w, sw)
		}
	}
	for _, tc := range []struct{ id, before, after string }{{"level2", "3-38", "3-40"}, {"level3", "3-39", "3-41"}} {
		links := eval[[]string](t, ctx, fmt.Sprintf(`Array.from(document.querySelectorAll("#%s .riskchart-table tbody th a")).map(a => a.getAttribute("href"))`, tc.id))
		var want []string
		for _, th := range m.Threats {
			for _, a := range th.Assessments {
				if a.Table == tc.before || a.Table == tc.after {
					want = append(want, fmt.Sprintf("%sthreats/ep%d/#%s", base, th.EntryPoint, th.ID))
					break
				}
			}
		}
		if !slices.Equal(links, want) {
			t.Errorf("%s table links: %d, want %d", tc.id, len(links), len(want))
		}
		if n := eval[int](t, ctx, fmt.Sprintf(`document.querySelectorAll("#%s svg[role=img]").length`, tc.id)); n != 3 {
			t.Errorf("%s: %d role=img charts, want 3 (two layouts and the distribution)", tc.id, n)
		}
	}
	// The threats index links to the charts.
	loadPage(t, ctx, "threats/").expectClean(t)
	if n := eval[int](t, ctx, fmt.Sprintf(`document.querySelectorAll('main a[href=%q]').length`, base+"threats/charts/")); n == 0 {
		t.Error("the threats index does not link to the charts")
	}
}
