package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"shguide/site"
	"shguide/site/model"
)

// The certification self-check (/checklist/): applicability as the Go
// rules compute it, statuses kept across reloads, several assessments,
// JSON export → import, CSV export, rejected imports that change nothing,
// the printed report, and the page without JavaScript.

const (
	clKey       = "shguide.checklist"    // the saved assessments (checklist.StorageKey)
	clLegacyKey = "shguide.checklist.v1" // their first version (checklist.LegacyKey)
)

// clVisible lists the requirement IDs the checklist shows.
const clVisible = `Array.from(document.querySelectorAll(".cl-item")).filter(li => !li.hidden && li.offsetParent !== null).map(li => li.dataset.id)`

// openChecklist loads the page with no stored assessments.
func openChecklist(t *testing.T, ctx context.Context) {
	t.Helper()
	loadPage(t, ctx, "checklist/").expectClean(t)
	eval[bool](t, ctx, fmt.Sprintf(`(localStorage.removeItem(%q), localStorage.removeItem(%q), true)`, clKey, clLegacyKey))
	loadChecklist(t, ctx)
}

// loadChecklist loads the page and waits until the checklist is ready.
func loadChecklist(t *testing.T, ctx context.Context) *pageLog {
	t.Helper()
	l := loadPage(t, ctx, "checklist/")
	waitFor(t, ctx, `document.getElementById("checklist").dataset.ready === "true"`, 20*time.Second)
	l.expectClean(t)
	return l
}

// clClick clicks an element as a user does, and waits for the page to
// show the engine's answer.
func clClick(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(sel))); err != nil {
		t.Fatalf("clicking %s: %v", sel, err)
	}
	clSettled(t, ctx)
}

// clSettled waits until the checklist has the engine's answers to what was
// done on it (a page without the checklist has nothing to wait for).
func clSettled(t *testing.T, ctx context.Context) {
	t.Helper()
	waitFor(t, ctx, `!document.querySelector("[data-busy]")`, 10*time.Second)
}

// clTargets sets the component checkboxes to exactly codes.
func clTargets(t *testing.T, ctx context.Context, codes ...string) {
	t.Helper()
	for _, c := range []string{"SP", "PP", "H", "D", "A"} {
		sel := fmt.Sprintf(`input[name="cl-target"][value=%q]`, c)
		checked := eval[bool](t, ctx, fmt.Sprintf(`document.querySelector(%q).checked`, sel))
		if checked != slices.Contains(codes, c) {
			clClick(t, ctx, sel)
		}
	}
}

func clLevel(t *testing.T, ctx context.Context, level int) {
	t.Helper()
	clClick(t, ctx, fmt.Sprintf(`input[name="cl-level"][value="%d"]`, level))
}

// clStatus chooses a status for an item (value, then change, as a select does).
func clStatus(t *testing.T, ctx context.Context, id, status string) {
	t.Helper()
	eval[bool](t, ctx, fmt.Sprintf(`(() => { const s = document.querySelector('.cl-item[data-id=%q] .cl-status'); s.value = %q; s.dispatchEvent(new Event("change", {bubbles: true})); return s.value === %q })()`, id, status, status))
	clSettled(t, ctx)
}

// clNote types a note into an item.
func clNote(t *testing.T, ctx context.Context, id, text string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS(fmt.Sprintf(`.cl-item[data-id=%q] .cl-note`, id)), text)); err != nil {
		t.Fatal(err)
	}
	clSettled(t, ctx)
}

func clItem(t *testing.T, ctx context.Context, id string) (status, note string) {
	t.Helper()
	v := eval[[]string](t, ctx, fmt.Sprintf(`(() => { const li = document.querySelector('.cl-item[data-id=%q]'); return [li.querySelector(".cl-status").value, li.querySelector(".cl-note").value] })()`, id))
	return v[0], v[1]
}

func storedState(t *testing.T, ctx context.Context) string {
	t.Helper()
	return eval[string](t, ctx, fmt.Sprintf(`localStorage.getItem(%q) || ""`, clKey))
}

// captureDownloads records the blobs the page offers for download.
func captureDownloads(t *testing.T, ctx context.Context) {
	t.Helper()
	eval[bool](t, ctx, `(() => { if (!window.__dl) { window.__dl = []; const o = URL.createObjectURL.bind(URL); URL.createObjectURL = (b) => { window.__dl.push(b); return o(b); }; } return true })()`)
}

// lastDownload clicks a button and returns the text of the blob it made.
func lastDownload(t *testing.T, ctx context.Context, button string) string {
	t.Helper()
	captureDownloads(t, ctx)
	n := eval[int](t, ctx, `window.__dl.length`)
	clClick(t, ctx, button)
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](fmt.Sprintf(`window.__dl.length > %d`, n), chromedp.WithPollingTimeout(5*time.Second))); err != nil {
		t.Fatalf("%s made no download: %v", button, err)
	}
	text, err := chromedp.Run(ctx, chromedp.Evaluate[string](`window.__dl[window.__dl.length - 1].text()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	return text
}

// importFile gives the import input a file and waits for the message.
func importFile(t *testing.T, ctx context.Context, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	eval[bool](t, ctx, `(document.getElementById("cl-messages").replaceChildren(), true)`)
	if err := chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.CSS("#cl-import"), []string{p})); err != nil {
		t.Fatal(err)
	}
	msg, err := chromedp.Run(ctx, chromedp.Poll[string](`document.getElementById("cl-messages").textContent`, chromedp.WithPollingTimeout(5*time.Second)))
	if err != nil {
		t.Fatalf("no import message: %v", err)
	}
	return msg
}

func ids(rs []*model.Requirement) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
}

// TestChecklistApplicability: the page shows exactly site.Applicable for
// the chosen level and components.
func TestChecklistApplicability(t *testing.T) {
	m := siteModel(t)
	ctx := newTab(t)
	openChecklist(t, ctx)
	all := eval[[]string](t, ctx, clVisible)
	// The default assessment: ★★ with every component.
	if want := ids(site.Applicable(m, 2, []string{"SP", "PP", "H", "D", "A"})); !slices.Equal(all, want) {
		t.Errorf("default shows %d items, want %d", len(all), len(want))
	}
	for _, tc := range []struct {
		level   int
		targets []string
	}{
		{2, []string{"H", "D"}},
		{3, []string{"H", "D"}},
		{3, []string{"A"}},
		{3, []string{"SP", "PP", "H", "D", "A"}},
		{2, nil},
	} {
		clLevel(t, ctx, tc.level)
		clTargets(t, ctx, tc.targets...)
		got := eval[[]string](t, ctx, clVisible)
		want := ids(site.Applicable(m, tc.level, tc.targets))
		if !slices.Equal(got, want) {
			t.Errorf("★%d %v: shows %v, want %v", tc.level, tc.targets, got, want)
		}
		// Groups without a visible item are hidden.
		groups := eval[[]string](t, ctx, `Array.from(document.querySelectorAll(".cl-group")).filter(g => !g.hidden).map(g => g.dataset.target)`)
		wantGroups := []string{"service"}
		for _, c := range []string{"SP", "PP", "H", "D", "A"} {
			if slices.Contains(tc.targets, c) {
				wantGroups = append(wantGroups, c)
			}
		}
		if !slices.Equal(groups, wantGroups) {
			t.Errorf("★%d %v: groups %v, want %v", tc.level, tc.targets, groups, wantGroups)
		}
	}
	if n := len(site.Applicable(m, 2, []string{"H", "D"})); n != 20 {
		t.Errorf("★★ H+D: %d items, the guideline gives 9 R + 6 SR2-H + 5 SR2-D = 20", n)
	}
}

// TestChecklistPersistence: statuses, notes, the level and components
// survive a reload; progress counts follow; several named assessments keep
// their own records; stored text is shown as text.
func TestChecklistPersistence(t *testing.T) {
	ctx := newTab(t)
	openChecklist(t, ctx)
	clLevel(t, ctx, 2)
	clTargets(t, ctx, "H", "D")
	clStatus(t, ctx, "R2-1", "done")
	clStatus(t, ctx, "SR2-H-1", "partial")
	clStatus(t, ctx, "SR2-D-5", "na")
	const note = `<img src=x id=injected> 設計書 v2 §4 & "鍵"`
	clNote(t, ctx, "R2-1", note)
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("cl-service"), "テスト防犯サービス")); err != nil {
		t.Fatal(err)
	}
	settle(t, ctx) // the note is saved after a short pause
	loadChecklist(t, ctx)

	for id, want := range map[string][2]string{
		"R2-1": {"done", note}, "SR2-H-1": {"partial", ""}, "SR2-D-5": {"na", ""}, "R2-2": {"", ""},
	} {
		if s, n := clItem(t, ctx, id); s != want[0] || n != want[1] {
			t.Errorf("after reload %s: status %q note %q, want %q %q", id, s, n, want[0], want[1])
		}
	}
	if v := eval[string](t, ctx, `document.getElementById("cl-service").value`); v != "テスト防犯サービス" {
		t.Errorf("service name after reload: %q", v)
	}
	if got := eval[[]string](t, ctx, clVisible); len(got) != 20 {
		t.Errorf("after reload %d items shown, want the 20 of ★★ H+D", len(got))
	}
	if n := eval[int](t, ctx, `document.querySelectorAll("#injected, main img").length`); n != 0 {
		t.Errorf("stored text became HTML: %d img elements", n)
	}
	// Overall: 20 items, 1 not applicable → 1 of 19 done.
	if got := eval[[]string](t, ctx, `(() => { const b = document.querySelector('.cl-progress[data-group="all"]'); return [b.dataset.done, b.dataset.due, b.querySelector("progress").value + "/" + b.querySelector("progress").max] })()`); !slices.Equal(got, []string{"1", "19", "1/19"}) {
		t.Errorf("overall progress %v, want done 1 of 19", got)
	}
	if got := eval[string](t, ctx, `document.querySelector('.cl-progress[data-group="H"] .cl-count').textContent`); !strings.HasPrefix(got, "対応済 0 / 6 項目") || !strings.Contains(got, "一部対応 1") {
		t.Errorf("H progress %q", got)
	}

	// A second assessment starts empty; switching back restores the first.
	clClick(t, ctx, "#cl-new")
	if s, _ := clItem(t, ctx, "R2-1"); s != "" {
		t.Errorf("new assessment: R2-1 status %q, want empty", s)
	}
	clStatus(t, ctx, "R2-1", "todo")
	names := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("#cl-select option")).map(o => o.textContent)`)
	if len(names) != 2 || names[0] != "評価 1" || names[1] != "評価 2" {
		t.Fatalf("assessments %v", names)
	}
	eval[bool](t, ctx, `(() => { const s = document.getElementById("cl-select"); s.selectedIndex = 0; s.dispatchEvent(new Event("change", {bubbles: true})); return true })()`)
	clSettled(t, ctx)
	if s, n := clItem(t, ctx, "R2-1"); s != "done" || n != note {
		t.Errorf("back to the first assessment: %q %q", s, n)
	}
	settle(t, ctx)
	loadChecklist(t, ctx)
	if got := eval[string](t, ctx, `document.getElementById("cl-select").selectedOptions[0].textContent`); got != "評価 1" {
		t.Errorf("after reload the current assessment is %q", got)
	}

	// Deleting can be undone.
	options := `Array.from(document.querySelectorAll("#cl-select option")).map(o => o.textContent)`
	clClick(t, ctx, "#cl-delete")
	waitFor(t, ctx, `document.querySelectorAll("#cl-select option").length === 1`, 5*time.Second)
	if got := eval[[]string](t, ctx, options); !slices.Equal(got, []string{"評価 2"}) {
		t.Errorf("after deleting: %v", got)
	}
	clClick(t, ctx, "#cl-messages button")
	waitFor(t, ctx, `document.querySelectorAll("#cl-select option").length === 2`, 5*time.Second)
	if s, n := clItem(t, ctx, "R2-1"); s != "done" || n != note {
		t.Errorf("after undoing the deletion: %q %q", s, n)
	}
	// Duplicating copies the records.
	clClick(t, ctx, "#cl-duplicate")
	waitFor(t, ctx, `document.querySelectorAll("#cl-select option").length === 3`, 5*time.Second)
	if got := eval[string](t, ctx, `document.getElementById("cl-name").value`); got != "評価 1（コピー）" {
		t.Errorf("duplicate is named %q", got)
	}
	if s, n := clItem(t, ctx, "R2-1"); s != "done" || n != note {
		t.Errorf("duplicate: %q %q", s, n)
	}
}

// TestChecklistExportImport: JSON export → import restores the assessment
// as a new one; CSV lists the applicable items with status labels and
// neutralised formulas; bad files are rejected with problems named by item
// and change nothing.
func TestChecklistExportImport(t *testing.T) {
	ctx := newTab(t)
	openChecklist(t, ctx)
	clLevel(t, ctx, 3)
	clTargets(t, ctx, "A")
	clStatus(t, ctx, "R3-1", "done")
	clStatus(t, ctx, "SR2-A-1", "partial")
	clNote(t, ctx, "SR2-A-1", "=HYPERLINK(\"x\") 多要素認証は次版")
	settle(t, ctx)

	exported := lastDownload(t, ctx, "#cl-export-json")
	var doc struct {
		Format  string   `json:"format"`
		Version int      `json:"version"`
		Name    string   `json:"name"`
		Level   int      `json:"level"`
		Targets []string `json:"targets"`
		Items   []struct{ ID, Status, Note string }
	}
	if err := json.Unmarshal([]byte(exported), &doc); err != nil {
		t.Fatalf("export is not JSON: %v\n%s", err, exported)
	}
	if doc.Format != "shguide-checklist" || doc.Version != 1 || doc.Level != 3 || !slices.Equal(doc.Targets, []string{"A"}) || len(doc.Items) != 2 {
		t.Fatalf("export: %+v", doc)
	}

	csv := lastDownload(t, ctx, "#cl-export-csv")
	lines := strings.Split(strings.TrimSuffix(strings.TrimPrefix(csv, "\ufeff"), "\r\n"), "\r\n")
	if lines[0] != "ID,レベル,対象,項目,状態,メモ・根拠" {
		t.Errorf("CSV header %q", lines[0])
	}
	if len(lines) != 1+9+8+3 {
		t.Errorf("CSV has %d rows, want the 20 items of ★★★ with A", len(lines)-1)
	}
	wantRow := `SR2-A-1,★★,スマートフォンアプリ,利用者の認証,一部対応,"'=HYPERLINK(""x"") 多要素認証は次版"`
	if !slices.Contains(lines, wantRow) {
		t.Errorf("CSV lacks %s\n%s", wantRow, csv)
	}

	// Change the record, then import the export: a new assessment with the
	// exported values; the changed one stays as it is.
	clStatus(t, ctx, "R3-1", "todo")
	settle(t, ctx)
	msg := importFile(t, ctx, "good.json", exported)
	if !strings.Contains(msg, "読み込みました") {
		t.Fatalf("good import: %q", msg)
	}
	if got := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("#cl-select option")).map(o => o.textContent)`); !slices.Equal(got, []string{"評価 1", "評価 1 (2)"}) {
		t.Errorf("assessments after import: %v", got)
	}
	for id, want := range map[string]string{"R3-1": "done", "SR2-A-1": "partial", "R2-1": ""} {
		if s, _ := clItem(t, ctx, id); s != want {
			t.Errorf("imported %s status %q, want %q", id, s, want)
		}
	}
	if _, n := clItem(t, ctx, "SR2-A-1"); n != "=HYPERLINK(\"x\") 多要素認証は次版" {
		t.Errorf("imported note %q", n)
	}
	if got := eval[[]string](t, ctx, clVisible); len(got) != 20 {
		t.Errorf("imported level/targets show %d items, want 20", len(got))
	}
	again := lastDownload(t, ctx, "#cl-export-json")
	strip := func(s string) string { // the export time and the name differ
		var v map[string]any
		json.Unmarshal([]byte(s), &v)
		delete(v, "exported")
		delete(v, "name")
		b, _ := json.Marshal(v)
		return string(b)
	}
	if strip(again) != strip(exported) {
		t.Errorf("round trip changed the data:\n%s\n%s", exported, again)
	}

	// Bad files: nothing changes, and each problem names its item.
	before := storedState(t, ctx)
	bad := []struct {
		name, content string
		want          []string
	}{
		{"broken.json", `{"format": "shguide-checklist",`, []string{"JSON として読めません（1 行目 32 文字目: 途中で終わっています"}},
		{"other.json", `{"format": "something-else", "version": 1, "name": "x", "level": 2, "targets": [], "items": []}`, []string{"format"}},
		{"items.json", `{"format": "shguide-checklist", "version": 1, "name": "x", "level": 4, "targets": ["H", "Q"],
			"items": [{"id": "R2-1", "status": "finished"}, {"id": "XX-9", "status": "done"}, {"id": "SR2-H-1", "note": 5}, {"id": "R2-1", "status": "done"}]}`,
			[]string{"level: 4 は 2 か 3 ではありません", "targets 2 件目: 構成要素 Q はありません",
				`items 1 件目（R2-1）の status: 状態 "finished" はありません`, `items 2 件目（XX-9）の id: 要件・要求事項の ID "XX-9" はありません`,
				"items 3 件目（SR2-H-1）の note: 文字列にしてください（数値です）", "items 4 件目（R2-1）: 同じ項目が 2 回あります"}},
	}
	for _, b := range bad {
		msg := importFile(t, ctx, b.name, b.content)
		if !strings.Contains(msg, "読み込みませんでした") || !strings.Contains(msg, "記録は変更していません") {
			t.Errorf("%s: message %q", b.name, msg)
		}
		for _, w := range b.want {
			if !strings.Contains(msg, w) {
				t.Errorf("%s: message lacks %q: %q", b.name, w, msg)
			}
		}
		if after := storedState(t, ctx); after != before {
			t.Errorf("%s: a rejected import changed the stored data", b.name)
		}
		if n := eval[int](t, ctx, `document.querySelectorAll("#cl-select option").length`); n != 2 {
			t.Errorf("%s: %d assessments after a rejected import", b.name, n)
		}
	}
	if n := eval[int](t, ctx, `document.querySelectorAll("#cl-messages li").length`); n != 6 {
		t.Errorf("the last rejection lists %d problems, want 6", n)
	}
}

// TestChecklistPrint: the print stylesheet hides the controls and prints
// the service, level, date and every applicable item with status and note.
func TestChecklistPrint(t *testing.T) {
	ctx := newTab(t)
	openChecklist(t, ctx)
	clLevel(t, ctx, 2)
	clTargets(t, ctx, "D")
	clStatus(t, ctx, "SR2-D-2", "done")
	clNote(t, ctx, "SR2-D-2", "相互認証: 試験報告書 T-12")
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("cl-service"), "印刷サービス")); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	defer chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{})
	for sel, want := range map[string]string{
		".site-header": "none", "#cl-setup": "none", ".cl-controls": "none", ".cl-body": "none",
		"#cl-report-head": "block", ".cl-item[data-id=\"SR2-D-2\"] .cl-report-status": "block", "#cl-summary": "block",
	} {
		if got := eval[string](t, ctx, fmt.Sprintf(`getComputedStyle(document.querySelector(%q)).display`, sel)); got != want {
			t.Errorf("print: %s display %s, want %s", sel, got, want)
		}
	}
	head := eval[string](t, ctx, `document.getElementById("cl-report-head").innerText`)
	for _, w := range []string{"印刷サービス", "★★", "スマートホーム対応機器群", time.Now().Format("2006-01-02")} {
		if !strings.Contains(head, w) {
			t.Errorf("report head lacks %q: %q", w, head)
		}
	}
	printed := eval[[]string](t, ctx, `Array.from(document.querySelectorAll(".cl-item")).filter(li => li.offsetParent !== null).map(li => li.dataset.id + " " + li.querySelector(".cl-report-status").innerText)`)
	if len(printed) != 9+5 {
		t.Errorf("%d items printed, want 14", len(printed))
	}
	if !slices.Contains(printed, "SR2-D-2 対応済: 相互認証: 試験報告書 T-12") || !slices.Contains(printed, "R2-1 未選択") {
		t.Errorf("printed items: %v", printed)
	}
}

// TestChecklistNoScript: without JavaScript every requirement is listed,
// with its link, and the controls are hidden.
func TestChecklistNoScript(t *testing.T) {
	m := siteModel(t)
	ctx := newTab(t)
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	// With scripts off, Chromium refuses the engine's preloaded module
	// requests ("csp"), so the page log is not checked here.
	loadPage(t, ctx, "checklist/")
	got := eval[[]string](t, ctx, clVisible)
	if !slices.Equal(got, ids(m.Requirements)) {
		t.Errorf("without JavaScript %d items shown, want all %d", len(got), len(m.Requirements))
	}
	links := eval[int](t, ctx, `Array.from(document.querySelectorAll(".cl-item a.cl-id")).filter(a => a.getAttribute("href") === document.documentElement.dataset.base + "requirements/" + a.textContent.toLowerCase() + "/").length`)
	if links != len(m.Requirements) {
		t.Errorf("%d items link to their requirement page, want %d", links, len(m.Requirements))
	}
	for sel, want := range map[string]bool{"#cl-setup": false, ".cl-controls": false, "#cl-nojs": true} {
		if vis := eval[bool](t, ctx, fmt.Sprintf(`document.querySelector(%q).offsetParent !== null`, sel)); vis != want {
			t.Errorf("without JavaScript %s visible = %v", sel, vis)
		}
	}
}
