package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"shguide/calculator"
	"shguide/site/model"
)

// The calculator (calculator/) and the worksheet (calculator/worksheet/):
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

func readShown(t *testing.T, ctx context.Context) shown {
	t.Helper()
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

func fragment(t *testing.T, ctx context.Context) string {
	t.Helper()
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
	if missing := eval[string](t, ctx, `document.getElementById("calc-missing").textContent`); !strings.Contains(missing, "攻撃元区分 (AV)") {
		t.Errorf("missing-metrics message = %q", missing)
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
		chromedp.KeyEvent(kb.Enter),
	); err != nil {
		t.Fatal(err)
	}
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
	if msg := eval[string](t, ctx, `document.getElementById("vector-error").textContent`); msg != "" {
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

// --- worksheet -----------------------------------------------------------

func openWorksheet(t *testing.T, ctx context.Context) *pageLog {
	t.Helper()
	l := loadPage(t, ctx, "calculator/worksheet/")
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.getElementById("worksheet").dataset.ready === "true"`)); err != nil {
		t.Fatalf("the worksheet did not become ready: %v (alert: %q)", err,
			eval[string](t, ctx, `document.getElementById("ws-alert").textContent`))
	}
	return l
}

// sheetRow is a row as the table shows it.
type sheetRow struct {
	Name, Vector, Base, Temporal, Environmental, CVSS30, Note, Link string
}

const readRows = `Array.from(document.querySelectorAll("#ws-rows tr")).map(tr => ({
	Name: tr.querySelector(".ws-name").value,
	Vector: tr.querySelector(".ws-vector").value,
	Base: tr.querySelector('[data-score="base"] .score-value')?.textContent ?? "",
	Temporal: tr.querySelector('[data-score="temporal"] .score-value')?.textContent ?? "",
	Environmental: tr.querySelector('[data-score="environmental"] .score-value')?.textContent ?? "",
	CVSS30: tr.querySelector('[data-score="cvss30Base"] .score-value')?.textContent ?? "",
	Note: tr.querySelector(".ws-note").value,
	Link: decodeURIComponent(new URL(tr.querySelector("a.ws-open").href).hash.slice(1)),
}))`

func sheet(t *testing.T, ctx context.Context) []sheetRow {
	t.Helper()
	return eval[[]sheetRow](t, ctx, readRows)
}

func stored(t *testing.T, ctx context.Context) string {
	t.Helper()
	return eval[string](t, ctx, `localStorage.getItem("shguide.worksheet.v1") || ""`)
}

func checkRowScores(t *testing.T, r sheetRow) {
	t.Helper()
	w := expectShown(t, r.Vector)
	if r.Base != w.Base || r.Temporal != w.Temporal || r.Environmental != w.Environmental || r.CVSS30 != w.CVSS30 || r.Link != r.Vector {
		t.Errorf("row %q: %+v, want scores %+v", r.Name, r, w)
	}
}

// TestWorksheetTemplateSortExport starts from the ★★ table, checks every
// row's scores and link, sorts, exports CSV and JSON, and survives a reload.
func TestWorksheetTemplateSortExport(t *testing.T) {
	m := siteModel(t)
	ctx := newTab(t)
	loadPage(t, ctx, "calculator/worksheet/")
	eval[bool](t, ctx, `(localStorage.clear(), true)`)
	l := openWorksheet(t, ctx)
	if rows := sheet(t, ctx); len(rows) != 0 {
		t.Fatalf("fresh worksheet has %d rows", len(rows))
	}
	if err := chromedp.Do(ctx,
		chromedp.SetValue(chromedp.ID("ws-template"), "star2-before"),
		chromedp.Click(chromedp.ID("ws-template-load")),
		chromedp.WaitVisible(chromedp.ID("ws-preview")),
	); err != nil {
		t.Fatal(err)
	}
	if s := eval[string](t, ctx, `document.getElementById("ws-preview-summary").textContent`); !strings.Contains(s, "読み込める行 47 行") {
		t.Errorf("template preview: %q", s)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("ws-accept-replace"))); err != nil {
		t.Fatal(err)
	}
	rows := sheet(t, ctx)
	table := m.AssessmentsIn("3-38")
	if len(rows) != len(table) || len(rows) != 47 {
		t.Fatalf("%d rows, want 47", len(rows))
	}
	for i, r := range rows {
		a := table[i]
		if r.Vector != expectShown(t, a.Vector).Vector || !strings.HasPrefix(r.Name, model.EPMark(a.Threat.EntryPoint)) {
			t.Errorf("row %d = %+v, want %s %s", i+1, r, a.Threat.ID, a.Vector)
		}
		checkRowScores(t, r)
		if r.Base != a.Score.Value {
			t.Errorf("row %d %s: base %s, the method says %s", i+1, a.Threat.ID, r.Base, a.Score.Value)
		}
	}
	// Scoring the 47-row template must feel instant: report its time in the
	// page (a measurement, not an assertion: CI machines vary).
	ms := eval[float64](t, ctx, `(() => {
		const vs = Array.from(document.querySelectorAll("#ws-rows .ws-vector")).map(i => i.value);
		shguide.calc.scoreMany(vs);
		const t0 = performance.now();
		for (let i = 0; i < 20; i++) shguide.calc.scoreMany(vs);
		return (performance.now() - t0) / 20;
	})()`)
	t.Logf("shguide.calc.scoreMany(47 rows) in the browser: %.2f ms", ms)
	if !strings.Contains(stored(t, ctx), `"rows":[{"name":"EP①`) {
		t.Errorf("not stored: %.100s", stored(t, ctx))
	}

	// Sort by base value, highest first; again for lowest first.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`th[data-sort="base"] button`))); err != nil {
		t.Fatal(err)
	}
	sorted := sheet(t, ctx)
	for i := 1; i < len(sorted); i++ {
		a, _ := strconv.ParseFloat(sorted[i-1].Base, 64)
		b, _ := strconv.ParseFloat(sorted[i].Base, 64)
		if a < b {
			t.Fatalf("not sorted by base, high to low: row %d %s before %s", i, sorted[i-1].Base, sorted[i].Base)
		}
	}
	if s := eval[string](t, ctx, `document.querySelector('th[data-sort="base"]').getAttribute("aria-sort")`); s != "descending" {
		t.Errorf("aria-sort = %q", s)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`th[data-sort="environmental"] button`)), chromedp.Click(chromedp.CSS(`th[data-sort="environmental"] button`))); err != nil {
		t.Fatal(err)
	}
	sorted = sheet(t, ctx)
	for i := 1; i < len(sorted); i++ {
		a, _ := strconv.ParseFloat(sorted[i-1].Environmental, 64)
		b, _ := strconv.ParseFloat(sorted[i].Environmental, 64)
		if a > b {
			t.Fatalf("not sorted by environmental, low to high: row %d", i)
		}
	}

	// Export: capture the Blob the page downloads.
	eval[bool](t, ctx, `(() => { window.__blobs = []; const o = URL.createObjectURL; URL.createObjectURL = (b) => { window.__blobs.push(b); return o.call(URL, b); }; return true })()`)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("ws-export-csv")), chromedp.Click(chromedp.ID("ws-export-json"))); err != nil {
		t.Fatal(err)
	}
	csvText, err := chromedp.Run(ctx, chromedp.Evaluate[string](`window.__blobs[0].text()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(csvText), "\r\n")
	if len(lines) != 48 || !strings.HasPrefix(lines[0], "name,vector,note,base,base_severity") {
		t.Errorf("CSV export: %d lines, header %q", len(lines), lines[0])
	}
	// Blob.text() drops the byte order mark that spreadsheets need: look at the bytes.
	if bom, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](`window.__blobs[0].arrayBuffer().then(b => Array.from(new Uint8Array(b.slice(0, 3))))`, chromedp.EvalAwaitPromise)); err != nil || fmt.Sprint(bom) != "[239 187 191]" {
		t.Errorf("CSV export starts with %v (%v), want the UTF-8 BOM", bom, err)
	}
	if typ := eval[string](t, ctx, `window.__blobs[0].type + " " + window.__blobs[1].type`); typ != "text/csv;charset=utf-8 application/json" {
		t.Errorf("blob types %q", typ)
	}
	first := sorted[0]
	if !strings.Contains(csvText, first.Vector+","+`"`) && !strings.Contains(csvText, first.Vector+",") {
		t.Errorf("CSV export lacks %s", first.Vector)
	}
	jsonText, err := chromedp.Run(ctx, chromedp.Evaluate[string](`window.__blobs[1].text()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(jsonText, `{"format":"shguide-worksheet","version":1,"rows":[`) || strings.Count(jsonText, `"baseScore":`) != 47 {
		t.Errorf("JSON export: %.200s", jsonText)
	}

	// A reload keeps the sorted rows.
	l.expectClean(t)
	l = openWorksheet(t, ctx)
	if again := sheet(t, ctx); len(again) != 47 || again[0] != sorted[0] || again[46] != sorted[46] {
		t.Errorf("after reload: %d rows, first %+v", len(again), again[0])
	}
	l.expectClean(t)
}

// TestWorksheetImport imports a CSV file with bad lines: each is reported by
// line number, the worksheet stays as it was until the user accepts, and
// then only the good lines are added. A broken JSON file and corrupt
// storage never lose rows.
func TestWorksheetImport(t *testing.T) {
	ctx := newTab(t)
	loadPage(t, ctx, "calculator/worksheet/")
	eval[bool](t, ctx, `(localStorage.clear(), true)`)
	l := openWorksheet(t, ctx)

	// Existing worksheet: two pasted vectors.
	if err := chromedp.Do(ctx,
		chromedp.SetValue(chromedp.ID("ws-paste"), "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/LP:Y/II:H\nCVSS:3.0/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N"),
		chromedp.Click(chromedp.ID("ws-paste-load")),
		chromedp.WaitVisible(chromedp.ID("ws-preview")),
		chromedp.Click(chromedp.ID("ws-accept-append")),
	); err != nil {
		t.Fatal(err)
	}
	before := sheet(t, ctx)
	if len(before) != 2 || before[0].Name != "ベクトル 1" || before[1].Vector != "CVSS:3.0/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N" {
		t.Fatalf("pasted rows: %+v", before)
	}
	storedBefore := stored(t, ctx)

	csv := "\uFEFFname,vector,note\r\n" +
		"\"脅威 A, 改行\nあり\",CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/LP:N/II:H,\"備考 \"\"引用\"\"\"\r\n" +
		"脅威 B,CVSS:3.0/AV:N/AC:Q/PR:N/UI:N/S:U/C:H/I:H/A:H,\r\n" +
		"<img src=x onerror=alert(1)>,CVSS:3.0/AV:L/AC:L/PR:L/UI:N/S:U/C:L/I:L/A:L,<b>bold</b>\r\n" +
		",CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H\r\n"
	file := filepath.Join(t.TempDir(), "threats.csv")
	if err := os.WriteFile(file, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx,
		chromedp.SetUploadFiles(chromedp.ID("ws-file"), []string{file}),
		chromedp.WaitVisible(chromedp.ID("ws-preview")),
	); err != nil {
		t.Fatal(err)
	}
	problems := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("#ws-problems li")).map(li => li.textContent)`)
	if len(problems) != 2 || !strings.HasPrefix(problems[0], "4 行目: ベクトル: ") || !strings.Contains(problems[0], "AC の値「Q」は無効です") ||
		!strings.HasPrefix(problems[1], "6 行目: 名前が空です") {
		t.Errorf("problems = %q", problems)
	}
	if s := eval[string](t, ctx, `document.getElementById("ws-preview-summary").textContent`); !strings.Contains(s, "読み込める行 2 行") || !strings.Contains(s, "問題のある行 2 行") {
		t.Errorf("summary = %q", s)
	}
	// Nothing changed yet.
	if now := sheet(t, ctx); len(now) != 2 || now[0] != before[0] || now[1] != before[1] || stored(t, ctx) != storedBefore {
		t.Fatalf("the worksheet changed before accepting: %+v", now)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("ws-accept-append"))); err != nil {
		t.Fatal(err)
	}
	after := sheet(t, ctx)
	if len(after) != 4 || after[0] != before[0] || after[1] != before[1] {
		t.Fatalf("after accepting: %+v", after)
	}
	if after[2].Name != "脅威 A, 改行 あり" || after[2].Note != `備考 "引用"` || after[3].Name != "<img src=x onerror=alert(1)>" || after[3].Note != "<b>bold</b>" {
		t.Errorf("imported rows: %+v / %+v", after[2], after[3])
	}
	for _, r := range after {
		checkRowScores(t, r)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll("#worksheet img, #worksheet b").length`); n != 0 {
		t.Errorf("%d elements injected from the CSV", n)
	}

	// A broken JSON file: reported, nothing changes.
	storedAfter := stored(t, ctx)
	jsonFile := filepath.Join(t.TempDir(), "broken.json")
	if err := os.WriteFile(jsonFile, []byte(`{"rows": [ {"name": "x", `), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.ID("ws-file"), []string{jsonFile})); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.getElementById("ws-problems").textContent.includes("JSON として読めません")`)); err != nil {
		t.Fatalf("%v; problems %q", err, eval[string](t, ctx, `document.getElementById("ws-problems").textContent`))
	}
	if disabled := eval[bool](t, ctx, `document.getElementById("ws-accept-append").disabled`); !disabled {
		t.Error("accept enabled for an import without good rows")
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("ws-cancel"))); err != nil {
		t.Fatal(err)
	}
	if now := sheet(t, ctx); len(now) != 4 || stored(t, ctx) != storedAfter {
		t.Errorf("a failed JSON import changed the worksheet: %d rows", len(now))
	}

	// Edit a vector: an invalid one is reported and the row keeps its scores.
	if err := chromedp.Do(ctx,
		chromedp.SetValue(chromedp.CSS("#ws-rows tr:nth-child(1) .ws-vector"), "CVSS:3.0/AV:N/XX:1"),
		chromedp.Evaluate[chromedp.Void](`document.querySelector("#ws-rows tr:nth-child(1) .ws-vector").dispatchEvent(new Event("change", {bubbles: true}))`),
	); err != nil {
		t.Fatal(err)
	}
	if msg := eval[string](t, ctx, `document.querySelector("#ws-rows tr:nth-child(1) .cell-error").textContent`); !strings.Contains(msg, "不明な評価項目「XX」") {
		t.Errorf("row vector error = %q", msg)
	}
	if stored(t, ctx) != storedAfter {
		t.Error("an invalid edit was saved")
	}

	// Duplicate and delete, with undo.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#ws-rows tr:nth-child(3) button[data-action="duplicate"]`))); err != nil {
		t.Fatal(err)
	}
	if now := sheet(t, ctx); len(now) != 5 || now[3].Name != after[2].Name+"（コピー）" || now[3].Vector != after[2].Vector {
		t.Errorf("after duplicate: %+v", now)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#ws-rows tr:nth-child(1) button[data-action="delete"]`))); err != nil {
		t.Fatal(err)
	}
	if now := sheet(t, ctx); len(now) != 4 || now[0].Name != after[1].Name {
		t.Errorf("after delete: %+v", now)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#ws-status button`))); err != nil {
		t.Fatal(err)
	}
	if now := sheet(t, ctx); len(now) != 5 || now[0].Name != after[0].Name {
		t.Errorf("after undo: %+v", now)
	}

	// Corrupt storage: the page says so, keeps a backup, and still works.
	eval[bool](t, ctx, `(localStorage.setItem("shguide.worksheet.v1", "{broken"), true)`)
	l.expectClean(t)
	l = openWorksheet(t, ctx)
	if msg := eval[string](t, ctx, `document.getElementById("ws-alert").textContent`); !strings.Contains(msg, "壊れていて読み込めませんでした") {
		t.Errorf("corrupt storage alert = %q", msg)
	}
	if b := eval[string](t, ctx, `localStorage.getItem("shguide.worksheet.v1.backup")`); b != "{broken" {
		t.Errorf("backup = %q", b)
	}
	l.expectClean(t)
}
