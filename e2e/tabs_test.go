package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Two tabs of one browser share localStorage: both tools keep both tabs'
// edits (merged per row and per item), show each other's changes, and
// never replace what is being typed.

const (
	vecA = "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/LP:Y/II:H"
	vecB = "CVSS:3.0/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N/LP:N/II:N"
)

// typeInto types text into the element sel as a user does; the field keeps
// the focus.
func typeInto(t *testing.T, ctx context.Context, sel, text string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS(sel)), chromedp.SendKeys(chromedp.CSS(sel), text)); err != nil {
		t.Fatalf("typing into %s: %v", sel, err)
	}
}

// commit leaves the field sel (the change event).
func commit(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	eval[bool](t, ctx, fmt.Sprintf(`(document.querySelector(%q).blur(), true)`, sel))
}

func rowNames(t *testing.T, ctx context.Context) string {
	t.Helper()
	return eval[string](t, ctx, `Array.from(document.querySelectorAll("#ws-rows .ws-name")).map(i => i.value).join(",")`)
}

func TestWorksheetTwoTabs(t *testing.T) {
	a := newTab(t)
	freshWorksheet(t, a)
	b := newTab(t)
	lb := openWorksheet(t, b)
	if err := chromedp.Do(a,
		chromedp.SetValue(chromedp.ID("ws-paste"), "一\t"+vecA+"\n二\t"+vecB+"\n三\t"+vecA),
		chromedp.Click(chromedp.ID("ws-paste-load")),
		chromedp.WaitVisible(chromedp.ID("ws-preview")),
		chromedp.Click(chromedp.ID("ws-accept-append")),
	); err != nil {
		t.Fatal(err)
	}
	rowCount(t, a, 3)
	rowCount(t, b, 3) // tab B shows tab A's rows

	// Rename row 1 in A and row 2 in B: both survive, in both tabs.
	eval[bool](t, a, `(() => { const i = document.querySelector("#ws-rows tr:nth-child(1) .ws-name"); i.value = "一（A）"; i.dispatchEvent(new Event("change", {bubbles: true})); return true })()`)
	eval[bool](t, b, `(() => { const i = document.querySelector("#ws-rows tr:nth-child(2) .ws-name"); i.value = "二（B）"; i.dispatchEvent(new Event("change", {bubbles: true})); return true })()`)
	for name, ctx := range map[string]context.Context{"A": a, "B": b} {
		waitFor(t, ctx, `Array.from(document.querySelectorAll("#ws-rows .ws-name")).map(i => i.value).join(",") === "一（A）,二（B）,三"`, 10*time.Second)
		_ = name
	}
	if st := stored(t, a); !strings.Contains(st, "一（A）") || !strings.Contains(st, "二（B）") {
		t.Errorf("storage lost an edit: %.300s", st)
	}

	// Text being typed in B is kept when A adds a row, and B's finished
	// note reaches A.
	typeInto(t, b, "#ws-rows tr:nth-child(3) .ws-note", "B で入力中の")
	if err := chromedp.Do(a, chromedp.Click(chromedp.ID("ws-add"))); err != nil {
		t.Fatal(err)
	}
	rowCount(t, b, 4)
	if got := eval[string](t, b, `document.querySelector("#ws-rows tr:nth-child(3) .ws-note").value`); got != "B で入力中の" {
		t.Errorf("typing in B after A's change: %q", got)
	}
	if focused := eval[bool](t, b, `document.activeElement === document.querySelector("#ws-rows tr:nth-child(3) .ws-note")`); !focused {
		t.Error("B's note lost the focus")
	}
	typeInto(t, b, "#ws-rows tr:nth-child(3) .ws-note", "メモ")
	commit(t, b, "#ws-rows tr:nth-child(3) .ws-note")
	waitFor(t, a, `document.querySelector("#ws-rows tr:nth-child(3) .ws-note").value === "B で入力中のメモ"`, 10*time.Second)
	if got := rowNames(t, a); got != "一（A）,二（B）,三,脅威 4" {
		t.Errorf("A's rows: %s", got)
	}

	// A deletion in A reaches B.
	if err := chromedp.Do(a, chromedp.Click(chromedp.CSS(`#ws-rows tr:nth-child(2) button[data-action="delete"]`))); err != nil {
		t.Fatal(err)
	}
	rowCount(t, b, 3)
	lb.expectClean(t)
}

func TestChecklistTwoTabs(t *testing.T) {
	a := newTab(t)
	openChecklist(t, a)
	b := newTab(t)
	lb := loadChecklist(t, b)

	// The case: R2-2 in A, then R2-3 in B; both stay everywhere.
	clStatus(t, a, "R2-2", "done")
	waitFor(t, b, `document.querySelector('.cl-item[data-id="R2-2"] .cl-status').value === "done"`, 10*time.Second)
	clStatus(t, b, "R2-3", "partial")
	waitFor(t, a, `document.querySelector('.cl-item[data-id="R2-3"] .cl-status').value === "partial"`, 10*time.Second)
	for name, ctx := range map[string]context.Context{"A": a, "B": b} {
		if s, _ := clItem(t, ctx, "R2-2"); s != "done" {
			t.Errorf("tab %s: R2-2 %q", name, s)
		}
	}
	waitFor(t, a, fmt.Sprintf(`(localStorage.getItem(%q) || "").includes('"id":"R2-3","status":"partial"')`, clKey), 5*time.Second)
	if st := storedState(t, a); !strings.Contains(st, `"id":"R2-2","status":"done"`) {
		t.Errorf("storage lost R2-2: %.300s", st)
	}

	// An assessment created in A is not lost when B edits its own.
	clClick(t, a, "#cl-new")
	waitFor(t, b, `document.querySelectorAll("#cl-select option").length === 2`, 10*time.Second)
	clStatus(t, b, "R2-4", "todo")
	waitFor(t, a, `document.querySelectorAll("#cl-select option").length === 2`, 10*time.Second)
	if got := eval[string](t, a, `document.getElementById("cl-name").value`); got != "評価 2" {
		t.Errorf("A shows %q, want its new assessment", got)
	}
	if got := eval[string](t, b, `document.getElementById("cl-name").value`); got != "評価 1" {
		t.Errorf("B shows %q, want the assessment it was on", got)
	}

	// A note being typed in B is kept when A's change arrives.
	typeInto(t, b, `.cl-item[data-id="R2-1"] .cl-note`, "入力中の")
	eval[bool](t, a, `(() => { const s = document.getElementById("cl-select"); s.selectedIndex = 0; s.dispatchEvent(new Event("change", {bubbles: true})); return true })()`)
	waitFor(t, a, `document.getElementById("cl-name").value === "評価 1"`, 5*time.Second)
	clStatus(t, a, "R2-5", "na")
	waitFor(t, b, `document.querySelector('.cl-item[data-id="R2-5"] .cl-status').value === "na"`, 10*time.Second)
	if _, n := clItem(t, b, "R2-1"); n != "入力中の" {
		t.Errorf("typing in B after A's change: %q", n)
	}
	typeInto(t, b, `.cl-item[data-id="R2-1"] .cl-note`, "メモ")
	commit(t, b, `.cl-item[data-id="R2-1"] .cl-note`)
	waitFor(t, a, `document.querySelector('.cl-item[data-id="R2-1"] .cl-note').value === "入力中のメモ"`, 10*time.Second)
	lb.expectClean(t)
}
