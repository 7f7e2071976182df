package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Several named worksheets: new, rename, duplicate, delete with undo; each
// keeps its rows; a reload shows the one used last.
func TestWorksheetNamedSheets(t *testing.T) {
	ctx := newTab(t)
	l := freshWorksheet(t, ctx)
	options := `Array.from(document.querySelectorAll("#ws-sheet option")).map(o => o.textContent).join(" | ")`
	if got := eval[string](t, ctx, options); got != "ワークシート 1（0 行）" {
		t.Errorf("fresh sheets: %q", got)
	}
	if err := chromedp.Do(ctx,
		chromedp.SetValue(chromedp.ID("ws-paste"), vecA+"\n"+vecB),
		chromedp.Click(chromedp.ID("ws-paste-load")),
		chromedp.WaitVisible(chromedp.ID("ws-preview")),
		chromedp.Click(chromedp.ID("ws-accept-append")),
	); err != nil {
		t.Fatal(err)
	}
	rowCount(t, ctx, 2)
	// Rename: typing renames, an empty name is refused.
	eval[bool](t, ctx, `(() => { const i = document.getElementById("ws-sheet-name"); i.value = "本番 HGW"; i.dispatchEvent(new Event("change", {bubbles: true})); return true })()`)
	waitFor(t, ctx, options+` === "本番 HGW（2 行）"`, 5*time.Second)
	eval[bool](t, ctx, `(() => { const i = document.getElementById("ws-sheet-name"); i.value = "  "; i.dispatchEvent(new Event("change", {bubbles: true})); return true })()`)
	waitFor(t, ctx, `document.getElementById("ws-sheet-name").value === "本番 HGW"`, 5*time.Second)
	if msg := eval[string](t, ctx, `document.getElementById("ws-status").textContent`); !strings.Contains(msg, "空にできません") {
		t.Errorf("empty name: %q", msg)
	}

	// Duplicate: a copy with the rows, shown; it changes on its own.
	clClick(t, ctx, "#ws-sheet-duplicate")
	waitFor(t, ctx, options+` === "本番 HGW（2 行） | 本番 HGW（コピー）（2 行）"`, 5*time.Second)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#ws-rows tr:nth-child(1) button[data-action="delete"]`))); err != nil {
		t.Fatal(err)
	}
	rowCount(t, ctx, 1)

	// New: empty, named in order.
	clClick(t, ctx, "#ws-sheet-new")
	waitFor(t, ctx, `document.getElementById("ws-sheet-name").value === "ワークシート 3"`, 5*time.Second)
	rowCount(t, ctx, 0)

	// Back to the first: its two rows.
	eval[bool](t, ctx, `(() => { const s = document.getElementById("ws-sheet"); s.selectedIndex = 0; s.dispatchEvent(new Event("change", {bubbles: true})); return true })()`)
	rowCount(t, ctx, 2)

	// Delete it, then undo.
	clClick(t, ctx, "#ws-sheet-delete")
	waitFor(t, ctx, options+` === "本番 HGW（コピー）（1 行） | ワークシート 3（0 行）"`, 5*time.Second)
	clClick(t, ctx, "#ws-status button")
	waitFor(t, ctx, `document.getElementById("ws-sheet-name").value === "本番 HGW"`, 5*time.Second)
	rowCount(t, ctx, 2)

	// A reload shows the sheet used last, with all three listed.
	settle(t, ctx)
	l.expectClean(t)
	l = openWorksheet(t, ctx)
	rowCount(t, ctx, 2)
	if got := eval[string](t, ctx, options); got != "本番 HGW（2 行） | 本番 HGW（コピー）（1 行） | ワークシート 3（0 行）" {
		t.Errorf("after reload: %q", got)
	}
	l.expectClean(t)
}

// Sorting is a view of the tab: the user's order is kept, saved and
// restored with one button.
func TestWorksheetSortView(t *testing.T) {
	ctx := newTab(t)
	l := freshWorksheet(t, ctx)
	low := "CVSS:3.0/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N/LP:N/II:N"
	if err := chromedp.Do(ctx,
		chromedp.SetValue(chromedp.ID("ws-paste"), "カメラ\t"+low+"\nあかり\t"+vecA+"\nエアコン\t"+vecB),
		chromedp.Click(chromedp.ID("ws-paste-load")),
		chromedp.WaitVisible(chromedp.ID("ws-preview")),
		chromedp.Click(chromedp.ID("ws-accept-append")),
	); err != nil {
		t.Fatal(err)
	}
	rowCount(t, ctx, 3)
	saved := stored(t, ctx)
	clClick(t, ctx, `th[data-sort="base"] button`)
	waitFor(t, ctx, `!document.getElementById("ws-unsort").hidden`, 5*time.Second)
	if got := rowNames(t, ctx); got != "あかり,カメラ,エアコン" && got != "あかり,エアコン,カメラ" {
		t.Errorf("sorted by base: %s", got)
	}
	nums := eval[string](t, ctx, `Array.from(document.querySelectorAll("#ws-rows .ws-n")).map(td => td.textContent).join(",")`)
	if !strings.HasPrefix(nums, "2,") {
		t.Errorf("a sorted row keeps its number in the user's order: %s", nums)
	}
	clClick(t, ctx, `th[data-sort="name"] button`)
	waitFor(t, ctx, `document.querySelector('th[data-sort="name"]').getAttribute("aria-sort") === "ascending"`, 5*time.Second)
	if got := rowNames(t, ctx); got != "あかり,エアコン,カメラ" {
		t.Errorf("sorted by name: %s", got)
	}
	settle(t, ctx)
	if stored(t, ctx) != saved {
		t.Error("sorting changed the saved data")
	}
	clClick(t, ctx, "#ws-unsort")
	waitFor(t, ctx, `document.getElementById("ws-unsort").hidden`, 5*time.Second)
	if got := rowNames(t, ctx); got != "カメラ,あかり,エアコン" {
		t.Errorf("restored: %s", got)
	}
	l.expectClean(t)
}
