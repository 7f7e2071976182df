package e2e

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"shguide/calculator"
)

// The calculator (calculator/), and the worksheet in worksheet_test.go:
// scores in the browser must be the Go calculator's, for clicks, fragments
// and imports, and nothing a user or a link supplies may run as HTML.

// openCalculator loads the calculator page (with an optional fragment) and
// waits until the WebAssembly engine is ready.
func openCalculator(t *testing.T, ctx context.Context, frag string) *pageLog {
	t.Helper()
	l := loadPage(t, ctx, "calculator/"+frag)
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.getElementById("calculator").dataset.ready === "true"`)); err != nil {
		t.Fatalf("the calculator did not become ready: %v (alert: %q)", err,
			eval[string](t, ctx, `document.getElementById("calc-alert").textContent`))
	}
	return l
}

// shown is what the four score hooks and the vector field show.
type shown struct {
	Base, Temporal, Environmental, CVSS30, Vector string
}

// settled waits until the page (the element with id) has the engine's
// answers to everything asked: scoring runs in a Web Worker, so a click
// shows its result a moment later. The page marks the wait with data-busy.
func settled(t *testing.T, ctx context.Context, id string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](fmt.Sprintf(`!document.getElementById(%q).hasAttribute("data-busy")`, id))); err != nil {
		t.Fatalf("#%s stayed busy: %v", id, err)
	}
}

func readShown(t *testing.T, ctx context.Context) shown {
	t.Helper()
	settled(t, ctx, "calculator")
	return eval[shown](t, ctx, `({
		Base: document.getElementById("base-score").textContent,
		Temporal: document.getElementById("temporal-score").textContent,
		Environmental: document.getElementById("environmental-score").textContent,
		CVSS30: document.getElementById("cvss30-base-score").textContent,
		Vector: document.getElementById("vector-input").value,
	})`)
}

// expectShown computes what the page must show for vector.
func expectShown(t *testing.T, vector string) shown {
	t.Helper()
	v, err := calculator.Parse(vector)
	if err != nil {
		t.Fatalf("test vector %s: %v", vector, err)
	}
	s := v.Score()
	p := v.Plain()
	p.Version = calculator.V30
	return shown{s.Base.String(), s.Temporal.String(), s.Environmental.String(), p.Score().Base.String(), v.String()}
}

func click(t *testing.T, ctx context.Context, metric, code string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(fmt.Sprintf(`input[name=%q][value=%q]`, metric, code)))); err != nil {
		t.Fatalf("clicking %s:%s: %v", metric, code, err)
	}
}

// pressEnter presses Enter in the focused element as a keyboard does: one
// key-down event carrying its text, so that a keydown handler's
// preventDefault keeps the text out. (chromedp.KeyEvent sends the text as
// a separate "char" event, which inserts a line break into a text area
// whatever the page's handler did.)
func pressEnter() chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		key := input.DispatchKeyEventParams{Type: input.DispatchKeyEventTypeKeyDown, Key: "Enter", Code: "Enter",
			WindowsVirtualKeyCode: 13, NativeVirtualKeyCode: 13, Text: "\r", UnmodifiedText: "\r"}
		if _, err := cdp.Call(ctx, t, input.DispatchKeyEvent, key); err != nil {
			return err
		}
		key.Type, key.Text, key.UnmodifiedText = input.DispatchKeyEventTypeKeyUp, "", ""
		_, err := cdp.Call(ctx, t, input.DispatchKeyEvent, key)
		return err
	})
}

func fragment(t *testing.T, ctx context.Context) string {
	t.Helper()
	settled(t, ctx, "calculator")
	return eval[string](t, ctx, `decodeURIComponent(location.hash.slice(1))`)
}

// TestCalculatorClicks chooses metrics as a user does and checks the four
// score hooks against package calculator after every step, the fragment,
// that history does not grow, the version switch and keyboard use.
func TestCalculatorClicks(t *testing.T) {
	ctx := newTab(t)
	l := openCalculator(t, ctx, "")
	if got := readShown(t, ctx); got.Base != "—" || got.Environmental != "—" {
		t.Errorf("before any choice: %+v", got)
	}
	// The first prompt is neutral: it names the base metrics to choose.
	if missing := eval[string](t, ctx, `document.getElementById("calc-missing").textContent`); !strings.Contains(missing, "AV・AC・PR・UI・S・C・I・A") || strings.Contains(missing, "未選択") {
		t.Errorf("first-load prompt = %q", missing)
	}
	histLen := eval[int](t, ctx, `history.length`)

	steps := []struct {
		metric, code string
		vector       string // the vector after the click ("" while incomplete)
	}{
		{"AV", "N", ""}, {"AC", "H", ""}, {"PR", "N", ""}, {"UI", "N", ""}, {"S", "U", ""}, {"C", "H", ""}, {"I", "H", ""},
		{"A", "H", "CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/LP:N/II:N"},
		{"II", "H", "CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/LP:N/II:H"},
		{"LP", "Y", "CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/LP:Y/II:H"},
		{"E", "P", "CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/LP:Y/II:H/E:P"},
		{"RL", "O", "CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/LP:Y/II:H/E:P/RL:O"},
		{"MC", "L", "CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/LP:Y/II:H/E:P/RL:O/MC:L"},
		{"MLP", "N", "CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/LP:Y/II:H/E:P/RL:O/MC:L/MLP:N"},
		{"MS", "C", "CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/LP:Y/II:H/E:P/RL:O/MS:C/MC:L/MLP:N"},
		{"S", "C", "CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:C/C:H/I:H/A:H/LP:Y/II:H/E:P/RL:O/MS:C/MC:L/MLP:N"},
		{"E", "X", "CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:C/C:H/I:H/A:H/LP:Y/II:H/RL:O/MS:C/MC:L/MLP:N"},
	}
	for _, st := range steps {
		click(t, ctx, st.metric, st.code)
		got := readShown(t, ctx)
		if st.vector == "" {
			if got.Base != "—" {
				t.Errorf("after %s:%s (incomplete): base %q", st.metric, st.code, got.Base)
			}
			continue
		}
		if want := expectShown(t, st.vector); got != want {
			t.Errorf("after %s:%s\n got %+v\nwant %+v", st.metric, st.code, got, want)
		}
		if f := fragment(t, ctx); f != st.vector {
			t.Errorf("after %s:%s: fragment %q, want %q", st.metric, st.code, f, st.vector)
		}
	}
	// LP:Y lifts the base value above plain CVSS v3.0, which is shown beside it.
	if got := readShown(t, ctx); got.Base == got.CVSS30 {
		t.Errorf("LP:Y base %s equals plain CVSS %s", got.Base, got.CVSS30)
	}
	if n := eval[int](t, ctx, `history.length`); n != histLen {
		t.Errorf("history grew from %d to %d entries while choosing", histLen, n)
	}
	// Severity colour and label follow 表3-36.
	want := expectShown(t, steps[len(steps)-1].vector)
	bs, _ := calculator.ParseScore(want.Base)
	sev := calculator.SeverityOf(bs)
	chip := eval[[]string](t, ctx, `[document.getElementById("base-chip").className, document.getElementById("base-severity").textContent]`)
	if chip[0] != "score sev-"+strings.ToLower(sev.String()) || !strings.HasPrefix(chip[1], sev.Japanese()) {
		t.Errorf("base chip %q, want severity %s %s", chip, sev, sev.Japanese())
	}

	// CVSS v3.1, a labelled variant.
	click(t, ctx, "version", "3.1")
	v31 := "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:H/I:H/A:H/LP:Y/II:H/RL:O/MS:C/MC:L/MLP:N"
	got := readShown(t, ctx)
	w31 := expectShown(t, v31)
	if got.Base != w31.Base || got.Environmental != w31.Environmental || got.Vector != v31 || fragment(t, ctx) != v31 {
		t.Errorf("v3.1: got %+v, want %+v", got, w31)
	}
	if label := eval[string](t, ctx, `document.querySelector('input[name=version][value="3.1"]').closest("label").textContent`); !strings.Contains(label, "変種") {
		t.Errorf("the v3.1 choice is not labelled as a variant: %q", label)
	}
	click(t, ctx, "version", "3.0")

	// Keyboard: arrow keys move within a radio group and rescore.
	if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS(`input[name="AV"][value="N"]`)), chromedp.KeyEvent(kb.ArrowRight)); err != nil {
		t.Fatal(err)
	}
	if chosen := eval[string](t, ctx, `document.querySelector('input[name="AV"]:checked').value`); chosen != "A" {
		t.Errorf("ArrowRight from AV:N chose %q, want A", chosen)
	}
	kb := "CVSS:3.0/AV:A/AC:H/PR:N/UI:N/S:C/C:H/I:H/A:H/LP:Y/II:H/RL:O/MS:C/MC:L/MLP:N"
	if got, want := readShown(t, ctx), expectShown(t, kb); got != want {
		t.Errorf("after the keyboard change\n got %+v\nwant %+v", got, want)
	}
	l.expectClean(t)
}

// TestCalculatorPublishedTables opens the calculator on every vector of
// 表3-38 to 表3-41 through the fragment and checks that the page shows the
// published value (for the rows listed as errata, the computed one): the
// base value before mitigation, the environmental value after it.
func TestCalculatorPublishedTables(t *testing.T) {
	m := siteModel(t)
	ctx := newTab(t)
	l := openCalculator(t, ctx, "")
	n := 0
	for _, table := range []string{"3-38", "3-39", "3-40", "3-41"} {
		after := table == "3-40" || table == "3-41"
		for _, a := range m.AssessmentsIn(table) {
			n++
			eval[bool](t, ctx, fmt.Sprintf(`(location.hash = %q, true)`, a.Vector))
			v, err := calculator.Parse(a.Vector)
			if err != nil {
				t.Fatal(err)
			}
			want := expectShown(t, a.Vector)
			if _, err := chromedp.Run(ctx, chromedp.Poll[bool](fmt.Sprintf(`document.getElementById("vector-input").value === %q`, v.String()))); err != nil {
				t.Fatalf("%s %s: the page did not take the vector: %v", table, a.Threat.ID, err)
			}
			got := readShown(t, ctx)
			if got != want {
				t.Errorf("%s %s: shows %+v, want %+v", table, a.Threat.ID, got, want)
			}
			value := got.Base
			if after {
				value = got.Environmental
			}
			expected := a.Published
			if a.Differs() {
				expected = a.Score.Value // an erratum: the method's value
			}
			pub, _ := calculator.ParseScore(expected)
			if value != pub.String() {
				t.Errorf("%s %s (%s): page shows %s, the table says %s (published %s)", table, a.Threat.ID, a.Vector, value, pub, a.Published)
			}
		}
	}
	if n != 187 {
		t.Errorf("%d published rows checked, want 187 (47+46+47+47)", n)
	}
	l.expectClean(t)
}

// TestCalculatorInvalidVector types and pastes invalid vectors: the error
// names the metric and the last valid state stays.
func TestCalculatorInvalidVector(t *testing.T) {
	const good = "CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/LP:N/II:H"
	ctx := newTab(t)
	l := openCalculator(t, ctx, "#"+good)
	want := expectShown(t, good)
	if got := readShown(t, ctx); got != want {
		t.Fatalf("from the fragment: %+v, want %+v", got, want)
	}
	// Typed, then Enter.
	bad := "CVSS:3.0/AV:N/AC:Q/PR:N/UI:N/S:U/C:H/I:H/A:H"
	if err := chromedp.Do(ctx,
		chromedp.Focus(chromedp.ID("vector-input")),
		chromedp.Evaluate[chromedp.Void](`document.getElementById("vector-input").select()`),
		chromedp.KeyEvent(bad),
		pressEnter(),
	); err != nil {
		t.Fatal(err)
	}
	settled(t, ctx, "calculator")
	msg := eval[string](t, ctx, `document.getElementById("vector-error").textContent`)
	if !strings.Contains(msg, "攻撃条件の複雑さ (AC)") || !strings.Contains(msg, "AC の値「Q」は無効です") {
		t.Errorf("error for a typed vector = %q", msg)
	}
	if inv := eval[string](t, ctx, `document.getElementById("vector-input").getAttribute("aria-invalid")`); inv != "true" {
		t.Errorf("aria-invalid = %q", inv)
	}
	got := readShown(t, ctx)
	got.Vector = want.Vector
	if got != want || fragment(t, ctx) != good {
		t.Errorf("the state changed: %+v, fragment %q", got, fragment(t, ctx))
	}
	if ac := eval[string](t, ctx, `document.querySelector('input[name="AC"]:checked').value`); ac != "H" {
		t.Errorf("AC choice changed to %q", ac)
	}
	// Pasted.
	eval[bool](t, ctx, `(() => { const i = document.getElementById("vector-input"); i.value = "CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/MLP:Z"; i.dispatchEvent(new InputEvent("input", {inputType: "insertFromPaste", bubbles: true})); return true })()`)
	settled(t, ctx, "calculator")
	if msg := eval[string](t, ctx, `document.getElementById("vector-error").textContent`); !strings.Contains(msg, "緩和策後の生命・財産への影響 (MLP)") || !strings.Contains(msg, "MLP の値「Z」") {
		t.Errorf("error for a pasted vector = %q", msg)
	}
	// A valid paste sets every choice and clears the error.
	pasted := "CVSS:3.0/AV:P/AC:L/PR:H/UI:R/S:C/C:L/I:N/A:L/LP:Y/II:N/E:U/RL:W/RC:R/CR:L/IR:M/AR:H/MAV:A/MAC:H/MPR:L/MUI:N/MS:U/MC:H/MI:L/MA:N/MLP:N/MII:H"
	eval[bool](t, ctx, fmt.Sprintf(`(() => { const i = document.getElementById("vector-input"); i.value = %q; i.dispatchEvent(new InputEvent("input", {inputType: "insertFromPaste", bubbles: true})); return true })()`, pasted))
	if got, want := readShown(t, ctx), expectShown(t, pasted); got != want {
		t.Errorf("after pasting a full vector\n got %+v\nwant %+v", got, want)
	}
	checked := eval[string](t, ctx, `Array.from(document.querySelectorAll("fieldset[data-metric]")).map(f => f.dataset.metric + ":" + f.querySelector("input:checked").value).join("/")`)
	if "CVSS:3.0/"+checked != pasted {
		t.Errorf("choices after paste = %s", checked)
	}
	if msg := eval[string](t, ctx, `document.getElementById("vector-error").textContent`); msg != "" { // readShown has waited
		t.Errorf("error not cleared: %q", msg)
	}
	if f := fragment(t, ctx); f != pasted {
		t.Errorf("fragment after paste = %q", f)
	}
	l.expectClean(t)
}

// TestCalculatorFragmentInjection opens fragments made of HTML and script:
// nothing may run or be inserted, and the error shows the text as text.
func TestCalculatorFragmentInjection(t *testing.T) {
	ctx := newTab(t)
	var dialogs atomic.Int32
	go func() {
		for ev, err := range chromedp.Events(ctx, page.JavascriptDialogOpening) {
			if err != nil {
				return
			}
			dialogs.Add(1)
			t.Errorf("a dialog opened: %q", ev.Message)
			chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
		}
	}()
	payloads := []string{
		`<img src=x onerror=alert(1);window.__xss=1>`,
		`"><script>alert(2);window.__xss=2</script>`,
		`CVSS:3.0/AV:<svg onload=alert(3);window.__xss=3>`,
		`javascript:alert(4)`,
		`CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/LP:<iframe srcdoc="<script>parent.__xss=5</script>">`,
	}
	checkClean := func(what, payload string) {
		t.Helper()
		settled(t, ctx, "calculator")
		res := eval[[]any](t, ctx, `[typeof window.__xss, document.querySelectorAll("img[src=x], #calculator script, #calculator svg, iframe").length, document.getElementById("vector-error").textContent, document.getElementById("vector-input").value]`)
		if res[0] != "undefined" || res[1].(float64) != 0 {
			t.Errorf("%s %q: injected (__xss %v, %v elements)", what, payload, res[0], res[1])
		}
		if msg := res[2].(string); msg == "" {
			t.Errorf("%s %q: no error shown", what, payload)
		}
		if v := res[3].(string); v != payload {
			t.Errorf("%s %q: the vector field shows %q, want the text as given", what, payload, v)
		}
	}
	for i, p := range payloads {
		l := loadPage(t, ctx, "calculator/#"+p)
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.getElementById("calculator").dataset.ready === "true"`)); err != nil {
			t.Fatal(err)
		}
		checkClean("opened with", p)
		if i == 0 {
			msg := eval[string](t, ctx, `document.getElementById("vector-error").textContent`)
			if !strings.Contains(msg, "<img src=x onerror=") {
				t.Errorf("the error does not quote the fragment as text: %q", msg)
			}
		}
		l.expectClean(t)
	}
	// The same after load, through hashchange.
	loadPage(t, ctx, "calculator/")
	for _, p := range payloads {
		eval[bool](t, ctx, fmt.Sprintf(`(location.hash = %q, true)`, p))
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](fmt.Sprintf(`document.getElementById("vector-input").value === %q`, p))); err != nil {
			t.Fatalf("hashchange to %q not handled: %v", p, err)
		}
		checkClean("hashchange to", p)
	}
	if n := dialogs.Load(); n != 0 {
		t.Errorf("%d dialogs opened", n)
	}
}

// TestCalculatorHistory: opening a fragment restores it, a new fragment is
// a history entry, choices replace the current entry, and back/forward
// restore each entry's vector.
func TestCalculatorHistory(t *testing.T) {
	const (
		a = "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/LP:Y/II:H"
		b = "CVSS:3.0/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N/LP:N/II:N"
	)
	ctx := newTab(t)
	l := openCalculator(t, ctx, "#"+a)
	if got, want := readShown(t, ctx), expectShown(t, a); got != want {
		t.Fatalf("opened #A: %+v, want %+v", got, want)
	}
	eval[bool](t, ctx, fmt.Sprintf(`(location.hash = %q, true)`, b))
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](fmt.Sprintf(`document.getElementById("vector-input").value === %q`, b))); err != nil {
		t.Fatal(err)
	}
	click(t, ctx, "C", "H") // replaces entry B with B'
	b2 := "CVSS:3.0/AV:P/AC:H/PR:H/UI:R/S:U/C:H/I:N/A:N/LP:N/II:N"
	if f := fragment(t, ctx); f != b2 {
		t.Fatalf("after the click the fragment is %q, want %q", f, b2)
	}
	wait := func(vector string) {
		t.Helper()
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](fmt.Sprintf(`document.getElementById("vector-input").value === %q`, vector))); err != nil {
			t.Fatalf("waiting for %s: %v (shows %+v)", vector, err, readShown(t, ctx))
		}
		if got, want := readShown(t, ctx), expectShown(t, vector); got != want {
			t.Errorf("restored %s: %+v, want %+v", vector, got, want)
		}
	}
	if err := chromedp.Do(ctx, chromedp.NavigateBack()); err != nil {
		t.Fatal(err)
	}
	wait(a)
	if err := chromedp.Do(ctx, chromedp.NavigateForward()); err != nil {
		t.Fatal(err)
	}
	wait(b2)
	l.expectClean(t)
}

// TestCalculatorNoWasm: without WebAssembly the page says so.
func TestCalculatorNoWasm(t *testing.T) {
	ctx := newTab(t)
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: `delete window.WebAssembly`}); err != nil {
		t.Fatal(err)
	}
	loadPage(t, ctx, "calculator/")
	msg := eval[string](t, ctx, `document.getElementById("calc-alert").hidden ? "" : document.getElementById("calc-alert").textContent`)
	if !strings.Contains(msg, "WebAssembly") {
		t.Errorf("no WebAssembly: alert %q", msg)
	}
}

// TestThreatPagesLinkCalculator: every scored assessment of 表3-38 to
// 表3-41 on the threat pages links to the calculator with its vector, and
// following one shows the published value.
func TestThreatPagesLinkCalculator(t *testing.T) {
	m := siteModel(t)
	ctx := newTab(t)
	want := map[int]map[string]bool{}
	for _, table := range []string{"3-38", "3-39", "3-40", "3-41"} {
		for _, a := range m.AssessmentsIn(table) {
			ep := a.Threat.EntryPoint
			if want[ep] == nil {
				want[ep] = map[string]bool{}
			}
			want[ep][a.Vector] = true
		}
	}
	for _, ep := range m.EntryPoints {
		loadPage(t, ctx, "threats/ep"+strconv.Itoa(ep.Number)+"/").expectClean(t)
		links := eval[[]string](t, ctx, `Array.from(document.querySelectorAll('a[href*="calculator/#CVSS:"]')).map(a => decodeURIComponent(new URL(a.href).hash.slice(1)))`)
		got := map[string]bool{}
		for _, v := range links {
			got[v] = true
		}
		for v := range want[ep.Number] {
			if !got[v] {
				t.Errorf("threats/ep%d/: no calculator link for %s", ep.Number, v)
			}
		}
	}
	// Follow the first link of EP①: the calculator shows the table's value.
	loadPage(t, ctx, "threats/ep1/")
	href := eval[string](t, ctx, `document.querySelector('a[href*="calculator/#CVSS:"]').getAttribute("href")`)
	if !strings.HasPrefix(href, base+"calculator/#") {
		t.Errorf("calculator link %q does not honour the base", href)
	}
	l := openCalculator(t, ctx, strings.TrimPrefix(href, base+"calculator/"))
	vec := strings.TrimPrefix(href, base+"calculator/#")
	if got, want := readShown(t, ctx), expectShown(t, vec); got != want {
		t.Errorf("followed %s: %+v, want %+v", href, got, want)
	}
	l.expectClean(t)
}

// TestCalculatorLenientVectors opens and pastes vectors as NVD and
// spreadsheets carry them: without the CVSS:3.0/ prefix (read as v3.0, and
// the page says so), in lower case, with spaces and a trailing slash. The
// page shows and links the canonical vector. The worksheet imports them the
// same way.
func TestCalculatorLenientVectors(t *testing.T) {
	const canonical = "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/LP:Y/II:H"
	ctx := newTab(t)
	for _, tc := range []struct {
		frag string
		note bool
	}{
		{"AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/LP:Y/II:H", true},
		{"cvss:3.0/av:n/ac:l/pr:n/ui:n/s:u/c:h/i:h/a:h/lp:y/ii:h/", false},
		{"av:n/ac:l/pr:n/ui:n/s:u/c:h/i:h/a:h/lp:y/ii:h", true},
	} {
		l := openCalculator(t, ctx, "#"+tc.frag)
		if got, want := readShown(t, ctx), expectShown(t, canonical); got != want {
			t.Errorf("#%s shows %+v, want %+v", tc.frag, got, want)
		}
		if f := fragment(t, ctx); f != canonical {
			t.Errorf("#%s: the fragment became %q, want the canonical vector", tc.frag, f)
		}
		note := eval[string](t, ctx, `document.getElementById("vector-note").textContent`)
		if tc.note != strings.Contains(note, "「CVSS:3.0/」がないため") {
			t.Errorf("#%s: note %q", tc.frag, note)
		}
		if msg := eval[string](t, ctx, `document.getElementById("vector-error").textContent`); msg != "" {
			t.Errorf("#%s: error %q", tc.frag, msg)
		}
		l.expectClean(t)
	}

	// Pasted with spaces, then committed: the field shows the canonical form.
	pasted := " av:p/ac:h/pr:h/ui:r/s:u/c:l/i:n/a:n/ "
	eval[bool](t, ctx, fmt.Sprintf(`(() => { const i = document.getElementById("vector-input"); i.value = %q; i.dispatchEvent(new InputEvent("input", {inputType: "insertFromPaste", bubbles: true})); i.dispatchEvent(new Event("change", {bubbles: true})); return true })()`, pasted))
	want := expectShown(t, "CVSS:3.0/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N")
	if got := readShown(t, ctx); got != want {
		t.Errorf("pasted %q: %+v, want %+v", pasted, got, want)
	}
	// Still an error: a wrong value, named with its metric and place.
	eval[bool](t, ctx, `(() => { const i = document.getElementById("vector-input"); i.value = "av:n/ac:q/pr:n/ui:n/s:u/c:h/i:h/a:h"; i.dispatchEvent(new InputEvent("input", {inputType: "insertFromPaste", bubbles: true})); return true })()`)
	settled(t, ctx, "calculator")
	if msg := eval[string](t, ctx, `document.getElementById("vector-error").textContent`); !strings.Contains(msg, "攻撃条件の複雑さ (AC)") || !strings.Contains(msg, "9 文字目: AC の値「q」は無効です") {
		t.Errorf("error for a lowercase vector with a bad value: %q", msg)
	}

	// The worksheet: pasted lines without the prefix.
	loadPage(t, ctx, "calculator/worksheet/")
	eval[bool](t, ctx, `(localStorage.clear(), true)`)
	l := openWorksheet(t, ctx)
	if err := chromedp.Do(ctx,
		chromedp.SetValue(chromedp.ID("ws-paste"), "AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/LP:Y/II:H\n cvss:3.0/av:p/ac:h/pr:h/ui:r/s:u/c:l/i:n/a:n/"),
		chromedp.Click(chromedp.ID("ws-paste-load")),
		chromedp.WaitVisible(chromedp.ID("ws-preview")),
	); err != nil {
		t.Fatal(err)
	}
	if s := eval[string](t, ctx, `document.getElementById("ws-preview-summary").textContent`); !strings.Contains(s, "読み込める行 2 行") || !strings.Contains(s, "CVSS v3.0 のベクトルとして読みました（1 行目）") {
		t.Errorf("preview summary %q", s)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("ws-accept-append"))); err != nil {
		t.Fatal(err)
	}
	rows := sheet(t, ctx)
	if len(rows) != 2 || rows[0].Vector != canonical || rows[1].Vector != "CVSS:3.0/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N" {
		t.Fatalf("rows %+v", rows)
	}
	for _, r := range rows {
		checkRowScores(t, r)
	}
	l.expectClean(t)
}
