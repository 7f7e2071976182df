package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The worksheet and the checklist at phone and desktop widths, with the
// guideline's 47-row template loaded: nothing overflows the screen, at
// 1280 px every column and the whole of every note and vector is visible,
// at 360 and 390 px each row shows its scores first and its note full
// width, and axe-core finds no serious or critical violation.

// toolsAxeSource is axe-core's browser build (npm ci installs it).
var toolsAxeSource = sync.OnceValues(func() (string, error) {
	b, err := os.ReadFile(filepath.Join(repoRoot(), "node_modules", "axe-core", "axe.min.js"))
	return string(b), err
})

type toolsAxeResult struct {
	ID, Impact, Help string
	Nodes            []struct{ Target []string }
}

// toolsAxe runs axe-core on the page and returns its serious and critical
// violations.
func toolsAxe(t *testing.T, ctx context.Context) []toolsAxeResult {
	t.Helper()
	src, err := toolsAxeSource()
	if err != nil {
		if os.Getenv("SHGUIDE_REQUIRE_BROWSER") == "1" {
			t.Fatalf("axe-core is missing (npm ci): %v", err)
		}
		t.Logf("*** axe-core is missing (npm ci): accessibility not checked: %v", err)
		return nil
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](src)); err != nil {
		t.Fatalf("injecting axe-core: %v", err)
	}
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](`axe.run(document.querySelector("main"), {resultTypes: ["violations"]}).then(r => JSON.stringify(r.violations))`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("running axe-core: %v", err)
	}
	var all, bad []toolsAxeResult
	if err := json.Unmarshal([]byte(raw), &all); err != nil {
		t.Fatal(err)
	}
	for _, v := range all {
		if v.Impact == "serious" || v.Impact == "critical" {
			bad = append(bad, v)
		}
	}
	return bad
}

// toolsOverflow lists the elements that reach outside a viewport of width
// W and are not inside a horizontal scroller, and the document's width.
const toolsOverflow = `((W) => {
	const scrolls = (el) => {
		for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
			const o = getComputedStyle(a).overflowX;
			if (o === "auto" || o === "scroll") return true;
		}
		return false;
	};
	const bad = [];
	for (const el of document.body.querySelectorAll("*")) {
		const r = el.getBoundingClientRect();
		if (r.width === 0 || r.height === 0 || (r.right <= W + 0.5 && r.left >= -0.5)) continue;
		if (el.closest(".visually-hidden, .skip-link") || scrolls(el)) continue;
		bad.push(el.tagName.toLowerCase() + (el.className ? "." + String(el.className).replace(/ /g, ".") : "") + " [" + Math.round(r.left) + ", " + Math.round(r.right) + "]");
	}
	return JSON.stringify({width: document.documentElement.scrollWidth, bad: bad.slice(0, 6)});
})`

func checkOverflow(t *testing.T, ctx context.Context, what string, w int64) {
	t.Helper()
	var o struct {
		Width int
		Bad   []string
	}
	if err := json.Unmarshal([]byte(eval[string](t, ctx, fmt.Sprintf("%s(%d)", toolsOverflow, w))), &o); err != nil {
		t.Fatal(err)
	}
	if o.Width > int(w) || len(o.Bad) > 0 {
		t.Errorf("%s at %d px: page %d px wide; outside the screen: %s", what, w, o.Width, strings.Join(o.Bad, ", "))
	}
}

// clipped lists the worksheet's fields whose text does not fit (a scroll
// bar or hidden text) and the cells that reach past the table.
const clipped = `(() => {
	const out = [];
	const wrap = document.querySelector(".ws-table-wrap").getBoundingClientRect();
	for (const th of document.querySelectorAll("#ws-table thead th")) {
		const r = th.getBoundingClientRect();
		if (r.width > 0 && (r.right > wrap.right + 0.5 || r.left < wrap.left - 0.5)) out.push("column " + th.textContent.trim());
	}
	for (const f of document.querySelectorAll("#ws-rows .ws-note, #ws-rows .ws-vector, #ws-rows .ws-name")) {
		const r = f.getBoundingClientRect();
		if (f.scrollHeight > f.clientHeight + 2) out.push(f.getAttribute("aria-label") + " clipped vertically (" + f.scrollHeight + " > " + f.clientHeight + ")");
		if (f.tagName === "TEXTAREA" && f.scrollWidth > f.clientWidth + 2) out.push(f.getAttribute("aria-label") + " clipped horizontally");
		if (r.right > innerWidth + 0.5) out.push(f.getAttribute("aria-label") + " off screen");
	}
	return out.slice(0, 8);
})()`

func TestToolsLayout(t *testing.T) {
	longNote := strings.Repeat("対策: ファームウェアの署名検証を追加し、更新手順を文書化する。", 4) + "\n二行目\n三行目\n四行目"
	for _, w := range []int64{360, 390, 1280} {
		t.Run(fmt.Sprintf("worksheet-%d", w), func(t *testing.T) {
			ctx := newTab(t)
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(w, 800)); err != nil {
				t.Fatal(err)
			}
			l := freshWorksheet(t, ctx)
			if err := chromedp.Do(ctx,
				chromedp.SetValue(chromedp.ID("ws-template"), "star2-before"),
				chromedp.Click(chromedp.ID("ws-template-load")),
				chromedp.WaitVisible(chromedp.ID("ws-preview")),
				chromedp.Click(chromedp.ID("ws-accept-replace")),
			); err != nil {
				t.Fatal(err)
			}
			rowCount(t, ctx, 47)
			eval[bool](t, ctx, fmt.Sprintf(`(() => { const n = document.querySelector("#ws-rows tr:nth-child(2) .ws-note"); n.value = %s; n.dispatchEvent(new Event("input", {bubbles: true})); n.dispatchEvent(new Event("change", {bubbles: true})); return true })()`, jsString(longNote)))
			time.Sleep(300 * time.Millisecond)
			checkOverflow(t, ctx, "worksheet", w)
			if bad := eval[[]string](t, ctx, clipped); len(bad) > 0 {
				t.Errorf("at %d px: %s", w, strings.Join(bad, "; "))
			}
			if w < 600 {
				// Scores come first in each row, on the screen.
				order := eval[[]float64](t, ctx, `(() => { const tr = document.querySelector("#ws-rows tr:nth-child(2)"); const y = (s) => tr.querySelector(s).getBoundingClientRect().top; return [y('[data-score="base"]'), y('[data-score="cvss30Base"]'), y(".ws-name"), y(".ws-note")] })()`)
				if !(order[0] < order[2] && order[1] < order[2] && order[2] < order[3]) {
					t.Errorf("at %d px the row shows scores at %v, the name at %v, the note at %v", w, order[:2], order[2], order[3])
				}
			}
			if w != 360 { // the rules are the same at 360 and 390 px
				for _, v := range toolsAxe(t, ctx) {
					t.Errorf("axe at %d px: %s (%s): %s %v", w, v.ID, v.Impact, v.Help, v.Nodes)
				}
			}
			eval[bool](t, ctx, `(document.querySelector("#ws-rows tr:nth-child(2)").scrollIntoView(), true)`)
			if img, err := chromedp.Run(ctx, chromedp.CaptureScreenshot()); err == nil {
				saveScreenshot(t, fmt.Sprintf("worksheet-tools-%d-rows", w), img)
			}
			l.expectClean(t)
		})
		t.Run(fmt.Sprintf("checklist-%d", w), func(t *testing.T) {
			ctx := newTab(t)
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(w, 800)); err != nil {
				t.Fatal(err)
			}
			openChecklist(t, ctx)
			clStatus(t, ctx, "R2-1", "done")
			eval[bool](t, ctx, fmt.Sprintf(`(() => { const n = document.querySelector('.cl-item[data-id="R2-1"] .cl-note'); n.value = %s; n.dispatchEvent(new Event("change", {bubbles: true})); return true })()`, jsString(longNote)))
			settle(t, ctx)
			checkOverflow(t, ctx, "checklist", w)
			if w == 390 {
				for _, v := range toolsAxe(t, ctx) {
					t.Errorf("axe at %d px: %s (%s): %s %v", w, v.ID, v.Impact, v.Help, v.Nodes)
				}
			}
		})
	}
	// The panel for unreadable data passes axe too.
	t.Run("unreadable", func(t *testing.T) {
		ctx := newTab(t)
		setStored(t, ctx, savedTools[0], wsKey, `{"format":"shguide-worksheets","version":2,"sheets":[`)
		waitFor(t, ctx, `!document.getElementById("ws-saved").hidden`, 20*time.Second)
		checkOverflow(t, ctx, "unreadable worksheet", 1280)
		for _, v := range toolsAxe(t, ctx) {
			t.Errorf("axe: %s (%s): %s %v", v.ID, v.Impact, v.Help, v.Nodes)
		}
	})
}
