package e2e

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// The calculator page on a phone and at a desk: the vector box shows the
// whole vector, the results panel is never cut, the phone score bar names
// what is missing, jumps to the results and never hides a choice, the
// messages fit the situation, the keyboard reaches the choices quickly, and
// the page prints as one results-first page.

func viewport(t *testing.T, ctx context.Context, w, h int64) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(w, h)); err != nil {
		t.Fatal(err)
	}
}

// TestCalculatorVectorBox: the longest vector is visible whole, at every
// width, without scrolling inside the box.
func TestCalculatorVectorBox(t *testing.T) {
	ctx := newTab(t)
	for _, w := range []int64{360, 390, 1280} {
		viewport(t, ctx, w, 800)
		openCalculator(t, ctx, "#"+longVector).expectClean(t)
		got := eval[map[string]float64](t, ctx, `(() => {
			const v = document.getElementById("vector-input");
			return {sw: v.scrollWidth, cw: v.clientWidth, sh: v.scrollHeight, ch: v.clientHeight, len: v.value.length};
		})()`)
		if got["len"] != float64(len(longVector)) {
			t.Fatalf("%d px: the box holds %v characters, want the %d of the vector", w, got["len"], len(longVector))
		}
		if got["sw"] > got["cw"]+1 || got["sh"] > got["ch"]+1 {
			t.Errorf("%d px: the vector box hides part of the vector (scroll %vx%v, box %vx%v)", w, got["sw"], got["sh"], got["cw"], got["ch"])
		}
	}
}

// TestCalculatorResultsPanel: at a desk the panel sticks beside the
// choices without an inner scroll area, and wherever the page is
// scrolled, its top or its bottom is in the window, never both cut.
func TestCalculatorResultsPanel(t *testing.T) {
	ctx := newTab(t)
	for _, h := range []int64{600, 900} {
		viewport(t, ctx, 1280, h)
		openCalculator(t, ctx, "#"+longVector).expectClean(t)
		if o := eval[string](t, ctx, `getComputedStyle(document.getElementById("calc-results")).overflowY`); o != "visible" {
			t.Errorf("%d px high: the panel scrolls inside itself (overflow-y %s)", h, o)
		}
		for _, frac := range []float64{0, .25, .5, .75, 1} {
			eval[bool](t, ctx, fmt.Sprintf(`(() => {
				const form = document.getElementById("calc-form");
				scrollTo(0, Math.max(0, (form.offsetTop + form.offsetHeight - innerHeight) * %v));
				return true;
			})()`, frac))
			settle(t, ctx)
			r := eval[map[string]float64](t, ctx, `(() => { const r = document.getElementById("calc-results").getBoundingClientRect(); return {top: r.top, bottom: r.bottom, height: r.height, vh: innerHeight}; })()`)
			fits := r["height"] <= r["vh"]
			switch {
			case fits && frac > 0 && (r["top"] < -1 || r["bottom"] > r["vh"]+1):
				t.Errorf("%d px high, scrolled %v: the panel (%v px) fits but shows %v–%v", h, frac, r["height"], r["top"], r["bottom"])
			case !fits && frac > .5 && r["bottom"] > r["vh"]+1:
				t.Errorf("%d px high, scrolled %v: the panel's bottom is cut (%v > %v)", h, frac, r["bottom"], r["vh"])
			}
		}
	}
}

// TestCalculatorPhoneBar: on a phone the score bar names the missing base
// metrics, a tap jumps to the results (keeping the vector in the URL), it
// never covers a focused choice, and the first prompt is neutral.
func TestCalculatorPhoneBar(t *testing.T) {
	ctx := newTab(t)
	viewport(t, ctx, 390, 740)
	openCalculator(t, ctx, "").expectClean(t)
	prompt := eval[string](t, ctx, `document.getElementById("calc-missing").textContent`)
	if strings.Contains(prompt, "未選択") {
		t.Errorf("first prompt lists every metric: %q", prompt)
	}
	if c := eval[string](t, ctx, `getComputedStyle(document.getElementById("calc-missing")).color`); c != eval[string](t, ctx, `getComputedStyle(document.querySelector(".note")).color`) {
		t.Errorf("first prompt is coloured %s, not like the notes", c)
	}
	missing := func() string {
		settled(t, ctx, "calculator")
		return eval[string](t, ctx, `document.querySelector("#calc-bar [data-bar=missing]").textContent`)
	}
	if got := missing(); got != "未選択: AV・AC・PR・UI・S・C・I・A" {
		t.Errorf("bar: %q", got)
	}
	click(t, ctx, "AV", "N")
	click(t, ctx, "AC", "L")
	if got := missing(); got != "未選択: PR・UI・S・C・I・A" {
		t.Errorf("bar after AV, AC: %q", got)
	}
	for _, mc := range [][2]string{{"PR", "N"}, {"UI", "N"}, {"S", "U"}, {"C", "H"}, {"I", "H"}, {"A", "H"}} {
		click(t, ctx, mc[0], mc[1])
	}
	if got := missing(); got != "" {
		t.Errorf("bar with every base metric: %q", got)
	}
	if b := eval[string](t, ctx, `document.querySelector("#calc-bar [data-bar=base]").textContent`); b != "9.8" {
		t.Errorf("bar base %q, want 9.8", b)
	}
	hash := eval[string](t, ctx, `location.hash`)

	// Every choice can be focused from the keyboard without landing under
	// the bar.
	eval[bool](t, ctx, `(scrollTo(0, 0), document.querySelector("input[name=version]:checked").focus(), true)`)
	for i := 0; i < 40; i++ {
		if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
			t.Fatal(err)
		}
		r := eval[map[string]any](t, ctx, `(() => {
			const a = document.activeElement, bar = document.getElementById("calc-bar");
			if (!a.closest("#calc-form")) return {done: true};
			const el = a.closest(".choice") || a;
			return {done: false, name: a.name || a.id || a.textContent, bottom: el.getBoundingClientRect().bottom, barTop: bar.getBoundingClientRect().top, shown: getComputedStyle(bar).visibility === "visible"};
		})()`)
		if r["done"] == true {
			break
		}
		if r["shown"] == true && r["bottom"].(float64) > r["barTop"].(float64)+1 {
			t.Errorf("focused %v is under the score bar (%v > %v)", r["name"], r["bottom"], r["barTop"])
		}
	}

	// A tap on the bar shows the results; the URL keeps the vector.
	eval[bool](t, ctx, `(scrollTo(0, 0), true)`)
	settle(t, ctx)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("calc-bar"))); err != nil {
		t.Fatal(err)
	}
	settle(t, ctx)
	if top := eval[float64](t, ctx, `document.getElementById("calc-results").getBoundingClientRect().top`); top < -1 || top > 100 {
		t.Errorf("after a tap on the bar the results are at %v px", top)
	}
	if h := eval[string](t, ctx, `location.hash`); h != hash {
		t.Errorf("the tap changed the fragment from %q to %q", hash, h)
	}
	if id := eval[string](t, ctx, `document.activeElement.id`); id != "results-h" {
		t.Errorf("after the tap focus is on %q", id)
	}
	// With the results in view the bar steps aside.
	if v := eval[string](t, ctx, `getComputedStyle(document.getElementById("calc-bar")).visibility`); v != "hidden" {
		t.Errorf("the bar stays over the results (%s)", v)
	}
}

// TestCalculatorErrorWording: "直前の正しい状態のまま" only when there was one.
func TestCalculatorErrorWording(t *testing.T) {
	ctx := newTab(t)
	openCalculator(t, ctx, "#CVSS:3.0/AV:Q").expectClean(t)
	msg := eval[string](t, ctx, `document.getElementById("vector-error").textContent`)
	if msg == "" || strings.Contains(msg, "直前の正しい状態") {
		t.Errorf("a bad link on a fresh page says %q", msg)
	}
	openCalculator(t, ctx, "#CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H").expectClean(t)
	if err := chromedp.Do(ctx,
		chromedp.SetValue(chromedp.ID("vector-input"), "CVSS:3.0/AV:Q"),
		chromedp.Focus(chromedp.ID("vector-input")),
		pressEnter(),
	); err != nil {
		t.Fatal(err)
	}
	settled(t, ctx, "calculator")
	if msg := eval[string](t, ctx, `document.getElementById("vector-error").textContent`); !strings.Contains(msg, "直前の正しい状態のまま") {
		t.Errorf("after a valid vector the error says %q", msg)
	}
}

// TestCalculatorKeyboard: from the top of the page a keyboard user reaches
// the first choice in a few key presses (a skip link to the form), and
// each metric is one tab stop.
func TestCalculatorKeyboard(t *testing.T) {
	ctx := newTab(t)
	viewport(t, ctx, 1280, 900)
	openCalculator(t, ctx, "").expectClean(t)
	keys := []string{kb.Tab, kb.Tab, kb.Enter, kb.Tab}
	for _, k := range keys {
		if err := chromedp.Do(ctx, chromedp.KeyEvent(k)); err != nil {
			t.Fatal(err)
		}
	}
	if name := eval[string](t, ctx, `document.activeElement.name || document.activeElement.id`); name != "version" {
		t.Fatalf("after %d key presses focus is on %q, not the first choice", len(keys), name)
	}
	var order []string
	for i := 0; i < 40; i++ {
		if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
			t.Fatal(err)
		}
		// Controls are named; a link in a metric's description (an
		// erratum note) is content, not a control, and is passed over.
		name := eval[string](t, ctx, `(() => {
			const a = document.activeElement;
			if (!a.closest("#calc-form")) return "";
			return a.tagName === "A" ? "link" : a.name || a.id;
		})()`)
		if name == "" {
			break
		}
		if name == "link" {
			continue
		}
		order = append(order, name)
	}
	want := "calc-defs-toggle AV AC PR UI S C I A LP II E RL RC CR IR AR MAV MAC MPR MUI MS MC MI MA MLP MII"
	if got := strings.Join(order, " "); got != want {
		t.Errorf("tab stops in the form:\n got %s\nwant %s", got, want)
	}
	// The one toggle opens every definition.
	eval[bool](t, ctx, `(document.getElementById("calc-defs-toggle").click(), true)`)
	if n := eval[int](t, ctx, `document.querySelectorAll("details.metric-defs:not([open])").length`); n != 0 {
		t.Errorf("%d definitions stay closed", n)
	}
}

// TestCalculatorPrint: one page, results first, no score bar, no controls.
func TestCalculatorPrint(t *testing.T) {
	ctx := newTab(t)
	viewport(t, ctx, 390, 800)
	openCalculator(t, ctx, "#"+longVector).expectClean(t)
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	for sel, want := range map[string]string{"#calc-bar": "none", ".vector-actions": "none", ".site-header": "none", ".calc-defs-toggle": "none"} {
		if got := eval[string](t, ctx, fmt.Sprintf(`getComputedStyle(document.querySelector(%q)).display`, sel)); got != want {
			t.Errorf("print: %s display %s, want %s", sel, got, want)
		}
	}
	if first := eval[bool](t, ctx, `document.getElementById("calc-results").getBoundingClientRect().top < document.getElementById("calc-form").getBoundingClientRect().top`); !first {
		t.Error("print: the results do not come first")
	}
	viewport(t, ctx, 794, 1123) // A4 at 96 dpi, for the review screenshot
	shot(t, ctx, "calculator-print-a4", 794)
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{}); err != nil {
		t.Fatal(err)
	}
	pdf, err := chromedp.Call(ctx, page.PrintToPDF, page.PrintToPDFParams{PaperWidth: 8.27, PaperHeight: 11.69})
	if err != nil {
		t.Fatal(err)
	}
	n := pdfPages(pdf.Data)
	t.Logf("the calculator prints on %d A4 page(s) (%d bytes of PDF)", n, len(pdf.Data))
	if n != 1 {
		t.Errorf("the calculator prints on %d A4 pages, want 1", n)
	}
}

// pdfPages counts the pages of a PDF (its /Type /Page objects).
func pdfPages(pdf []byte) int {
	return len(regexp.MustCompile(`/Type\s*/Page\b`).FindAll(pdf, -1))
}
