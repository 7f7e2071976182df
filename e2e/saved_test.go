package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Saved data that cannot be read — cut short, wrong types, written by a
// newer version — is never overwritten: the page says so in Japanese,
// keeps the text byte for byte, offers it for download, and starts again
// only after the user has kept it. Data of the first version is migrated
// and its key left as it was.

// tool is what these tests need to know of the worksheet and the checklist.
type tool struct {
	name, path, key, legacyKey, prefix string
	ready                              string // a JavaScript condition: the tool is usable
}

var savedTools = []tool{
	{"worksheet", "calculator/worksheet/", wsKey, wsLegacyKey, "ws", `document.getElementById("worksheet").dataset.ready === "true"`},
	{"checklist", "checklist/", clKey, clLegacyKey, "cl", `document.getElementById("checklist").dataset.ready === "true"`},
}

// setStored loads the page, replaces the tool's saved data and loads the
// page again.
func setStored(t *testing.T, ctx context.Context, tl tool, key, text string) *pageLog {
	t.Helper()
	loadPage(t, ctx, tl.path)
	eval[bool](t, ctx, fmt.Sprintf(`(localStorage.clear(), localStorage.setItem(%q, %s), true)`, key, jsString(text)))
	return loadPage(t, ctx, tl.path)
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func getItem(t *testing.T, ctx context.Context, key string) string {
	t.Helper()
	return eval[string](t, ctx, fmt.Sprintf(`localStorage.getItem(%q) ?? "<absent>"`, key))
}

func TestSavedDataUnreadable(t *testing.T) {
	for _, tl := range savedTools {
		cases := []struct {
			name, text, headline, problem string
		}{
			{"cut short", `{"format":"shguide-worksheets","version":2,"sheets":[{"id":"w1","name":"大事な`, "壊れていて読み込めません", "1 行目"},
			{"newer version", `{"format":"shguide-` + map[string]string{"ws": "worksheets", "cl": "checklists"}[tl.prefix] + `","version":9,"future":{"rows":[1,2,3]}}`, "新しい版", "version: 9"},
		}
		if tl.prefix == "ws" {
			cases = append(cases, struct{ name, text, headline, problem string }{"wrong types",
				`{"format":"shguide-worksheets","version":2,"sheets":[{"id":"w1","name":"S","rows":[{"id":"r1","name":"残す行","vector":"` + vecA + `"},{"id":"r2","name":42,"vector":"` + vecB + `"}]}]}`,
				"一部が正しくない", "sheets 1 件目の rows 2 件目の name: 文字列にしてください（数値です）"})
		} else {
			cases = append(cases, struct{ name, text, headline, problem string }{"wrong types",
				`{"version":1,"current":"a1","assessments":[{"id":"a1"}]}`, "一部が正しくない", "assessments 1 件目の name: ありません"},
				struct{ name, text, headline, problem string }{"null assessment", `[null]`, "このサイトの形式ではない", "オブジェクトではありません"})
		}
		for _, tc := range cases {
			t.Run(tl.name+"/"+tc.name, func(t *testing.T) {
				ctx := newTab(t)
				key := tl.key
				if strings.HasPrefix(tc.text, `{"version":1`) || tc.text == `[null]` {
					key = tl.legacyKey // the checklist's first version
				}
				l := setStored(t, ctx, tl, key, tc.text)
				panel := "#" + tl.prefix + "-saved"
				waitFor(t, ctx, fmt.Sprintf(`!document.querySelector(%q).hidden`, panel), 20*time.Second)
				msg := eval[string](t, ctx, fmt.Sprintf(`document.querySelector(%q).textContent`, panel))
				if !strings.Contains(msg, tc.headline) || !strings.Contains(msg, tc.problem) {
					t.Errorf("panel says %q; want %q and %q", msg, tc.headline, tc.problem)
				}
				if eval[bool](t, ctx, tl.ready) {
					t.Error("the tool is usable over unreadable data")
				}
				// Nothing the user can do writes over it before keeping it.
				for _, b := range []string{"keep", "fresh"} {
					if !eval[bool](t, ctx, fmt.Sprintf(`document.getElementById(%q).disabled`, tl.prefix+"-saved-"+b)) {
						t.Errorf("%s enabled before the download", b)
					}
				}
				settle(t, ctx)
				if got := getItem(t, ctx, key); got != tc.text {
					t.Fatalf("saved data changed: %q", got)
				}
				// The download is the saved text as it was.
				got := lastDownload(t, ctx, panel+"-download")
				if got != tc.text {
					t.Errorf("download %q, want %q", got, tc.text)
				}
				kept := eval[int](t, ctx, fmt.Sprintf(`Object.keys(localStorage).filter(k => k.startsWith(%q) && localStorage.getItem(k) === %s).length`, tl.key+".unreadable.", jsString(tc.text)))
				if kept != 1 {
					t.Errorf("%d copies kept in storage, want 1", kept)
				}
				// The kept copy is listed for download.
				if got := eval[string](t, ctx, fmt.Sprintf(`document.getElementById(%q).textContent`, tl.prefix+"-kept")); !strings.Contains(got, "1 件残っています") {
					t.Errorf("kept copies: %q", got)
				}
				// Starting afresh saves under the tool's key only now.
				clClick(t, ctx, panel+"-fresh")
				waitFor(t, ctx, tl.ready, 10*time.Second)
				if key != tl.key {
					if got := getItem(t, ctx, key); got != tc.text {
						t.Errorf("the first version's data changed: %q", got)
					}
				}
				if tl.prefix == "ws" {
					if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("ws-add"))); err != nil {
						t.Fatal(err)
					}
					rowCount(t, ctx, 1)
				} else {
					clStatus(t, ctx, "R2-1", "done")
				}
				waitFor(t, ctx, fmt.Sprintf(`(localStorage.getItem(%q) || "").includes('"version":2')`, tl.key), 5*time.Second)
				l.expectClean(t)
			})
		}
	}
}

// Rows that could be read are kept when the user chooses so.
func TestSavedDataKeepReadable(t *testing.T) {
	ctx := newTab(t)
	text := `{"format":"shguide-worksheets","version":2,"sheets":[{"id":"w1","name":"S","rows":[{"id":"r1","name":"残す行","vector":"` + vecA + `"},{"id":"r2","name":42,"vector":"` + vecB + `"}]}]}`
	setStored(t, ctx, savedTools[0], wsKey, text)
	waitFor(t, ctx, `!document.getElementById("ws-saved").hidden`, 20*time.Second)
	if got := eval[string](t, ctx, `document.getElementById("ws-saved-keep").textContent`); got != "読めた部分で始める（1 件）" {
		t.Errorf("keep button %q", got)
	}
	lastDownload(t, ctx, "#ws-saved-download")
	clClick(t, ctx, "#ws-saved-keep")
	rowCount(t, ctx, 1)
	if got := rowNames(t, ctx); got != "残す行" {
		t.Errorf("kept rows %q", got)
	}
}

// Another tab saving data of a newer version stops this tab from saving.
func TestSavedDataNewerInAnotherTab(t *testing.T) {
	a := freshWorksheetTab(t)
	b := newTab(t)
	openWorksheet(t, b)
	newer := `{"format":"shguide-worksheets","version":3,"sheets":[]}`
	eval[bool](t, b, fmt.Sprintf(`(localStorage.setItem(%q, %s), true)`, wsKey, jsString(newer)))
	waitFor(t, a, `!document.getElementById("ws-saved").hidden`, 10*time.Second)
	if msg := eval[string](t, a, `document.getElementById("ws-saved-message").textContent`); !strings.Contains(msg, "新しい版") {
		t.Errorf("tab A says %q", msg)
	}
	settle(t, a)
	if got := getItem(t, a, wsKey); got != newer {
		t.Errorf("tab A wrote over the newer data: %q", got)
	}
}

func freshWorksheetTab(t *testing.T) context.Context {
	t.Helper()
	ctx := newTab(t)
	freshWorksheet(t, ctx)
	return ctx
}

// The first version's data is read, saved in the current version, and
// left where it was.
func TestSavedDataMigrated(t *testing.T) {
	ctx := newTab(t)
	ws := `{"format":"shguide-worksheet","version":1,"rows":[{"name":"旧 A","vector":"` + vecA + `","note":"メモ"},{"name":"旧 B","vector":"` + vecB + `","note":""}]}`
	l := setStored(t, ctx, savedTools[0], wsLegacyKey, ws)
	waitFor(t, ctx, savedTools[0].ready, 20*time.Second)
	rowCount(t, ctx, 2)
	if got := rowNames(t, ctx); got != "旧 A,旧 B" {
		t.Errorf("rows %q", got)
	}
	if st := stored(t, ctx); !strings.Contains(st, `"name":"旧 A"`) {
		t.Errorf("not saved in the current version: %.200s", st)
	}
	if got := getItem(t, ctx, wsLegacyKey); got != ws {
		t.Errorf("the first version's key changed: %q", got)
	}
	l.expectClean(t)

	cl := `{"version":1,"current":"a1","assessments":[{"id":"a1","name":"旧評価","service":"旧サービス","date":"2024-01-02","level":2,"targets":["H"],"items":{"R2-1":{"status":"done","note":"根拠"}},"updated":"2024-01-02T00:00:00.000Z"}]}`
	l = setStored(t, ctx, savedTools[1], clLegacyKey, cl)
	waitFor(t, ctx, savedTools[1].ready, 20*time.Second)
	if s, n := clItem(t, ctx, "R2-1"); s != "done" || n != "根拠" {
		t.Errorf("R2-1 %q %q", s, n)
	}
	if got := eval[string](t, ctx, `document.getElementById("cl-service").value`); got != "旧サービス" {
		t.Errorf("service %q", got)
	}
	waitFor(t, ctx, fmt.Sprintf(`(localStorage.getItem(%q) || "").includes("旧評価")`, clKey), 5*time.Second)
	if got := getItem(t, ctx, clLegacyKey); got != cl {
		t.Errorf("the first version's key changed: %q", got)
	}
	l.expectClean(t)
}

// The copies the site's first version kept of data it could not read are
// offered for download.
func TestSavedDataOldCopies(t *testing.T) {
	ctx := newTab(t)
	loadPage(t, ctx, "calculator/worksheet/")
	eval[bool](t, ctx, fmt.Sprintf(`(localStorage.clear(), localStorage.setItem(%q, "{broken"), true)`, wsLegacyKey+".backup"))
	l := openWorksheet(t, ctx)
	waitFor(t, ctx, `!document.getElementById("ws-kept").hidden`, 5*time.Second)
	if got := lastDownload(t, ctx, "#ws-kept button"); got != "{broken" {
		t.Errorf("download %q", got)
	}
	l.expectClean(t)
}
