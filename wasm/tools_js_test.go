//go:build js && wasm && tools

package main

import (
	"strings"
	"syscall/js"
	"testing"
)

const toolVector = "CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/LP:N/II:H"

func answerValue(t *testing.T, what string, res js.Value) js.Value {
	t.Helper()
	if !res.Get("ok").Bool() {
		t.Fatalf("%s = %s", what, stringify(res))
	}
	return res.Get("value")
}

// The worksheet through the bridge: open, import, edit, the text to save,
// another tab's text merged, an unreadable text.
func TestBridgeWorksheet(t *testing.T) {
	w := install().Get("worksheet")
	c := answerValue(t, "open", w.Call("open", js.Null(), js.Undefined()))
	if c.Get("status").String() != "new" || c.Get("view").Get("sheets").Length() != 1 || !c.Get("save").IsUndefined() {
		t.Fatalf("open = %s", stringify(c))
	}
	im := answerValue(t, "importFile", w.Call("importFile", "a.csv", "A,"+toolVector+"\nB,CVSS:3.0/AV:Q\n"))
	if im.Get("rows").Length() != 1 || im.Get("problems").Index(0).Get("line").Int() != 2 {
		t.Fatalf("import = %s", stringify(im))
	}
	c = answerValue(t, "accept", w.Call("accept", false))
	rows := c.Get("view").Get("rows")
	if rows.Length() != 1 || rows.Index(0).Get("cvss30BaseScore").Float() != 8.1 || c.Get("save").Type() != js.TypeString {
		t.Fatalf("accept = %s", stringify(c))
	}
	id := rows.Index(0).Get("id").String()
	c = answerValue(t, "set", w.Call("set", id, "vector", "CVSS:3.0/AV:Z"))
	if !strings.Contains(c.Get("error").String(), "AV") {
		t.Errorf("bad vector = %s", stringify(c))
	}
	c = answerValue(t, "set", w.Call("set", id, "note", "メモ"))
	saved := c.Get("save").String()
	if c.Get("row").Get("note").String() != "メモ" || !strings.Contains(saved, `"note":"メモ"`) {
		t.Errorf("note = %s", stringify(c))
	}
	// The same text merged back saves nothing.
	if c := answerValue(t, "merge", w.Call("merge", saved)); !c.Get("save").IsUndefined() {
		t.Errorf("merge of its own text saves %s", stringify(c))
	}
	ex := answerValue(t, "export", w.Call("export", "csv"))
	if code := js.Global().Get("String").New(ex.Get("text")).Call("charCodeAt", 0).Int(); code != 0xFEFF || !strings.HasSuffix(ex.Get("file").String(), ".csv") {
		t.Errorf("export = %s", stringify(ex))
	}
	c = answerValue(t, "merge", w.Call("merge", `{"format":"shguide-worksheets","version":9}`))
	if c.Get("status").String() != "unreadable" || c.Get("unreadable").Get("kind").String() != "newer" {
		t.Errorf("newer = %s", stringify(c))
	}
	if c := answerValue(t, "addRow", w.Call("addRow")); !c.Get("save").IsUndefined() {
		t.Error("saves while blocked")
	}
	wantError(t, "set()", w.Call("set", id), "argument", "argument field")
	wantError(t, "accept('x')", w.Call("accept", "x"), "argument", "a boolean")
	wantError(t, "open(5)", w.Call("open", 5), "argument", "argument stored")
}

func TestBridgeChecklist(t *testing.T) {
	cl := install().Get("checklist")
	wantError(t, "view before open", cl.Call("view"), "argument", "checklist.open first")
	cat := `{"levels":[2,3],"groups":[{"code":"service","name":"S"},{"code":"H","name":"HGW"}],"items":[` +
		`{"id":"R2-1","level":2,"group":"service","title":"t","levels":[2,3],"needs":""},` +
		`{"id":"SR2-H-1","level":2,"group":"H","title":"h","levels":[2,3],"needs":"H"}]}`
	wantError(t, "open(bad catalogue)", cl.Call("open", "{}", js.Null(), js.Null()), "argument", "checklist catalogue")
	legacy := `{"version":1,"current":"a1","assessments":[{"id":"a1","name":"旧","service":"","date":"","level":2,"targets":[],"items":{"R2-1":{"status":"done","note":""}}}]}`
	c := answerValue(t, "open", cl.Call("open", cat, js.Null(), legacy))
	if c.Get("status").String() != "migrated" || c.Get("view").Get("name").String() != "旧" || c.Get("save").Type() != js.TypeString {
		t.Fatalf("open = %s", stringify(c))
	}
	if p := c.Get("view").Get("progress").Get("all"); p.Get("done").Int() != 1 || p.Get("all").Int() != 1 {
		t.Errorf("progress = %s", stringify(p))
	}
	c = answerValue(t, "setTargets", cl.Call("setTargets", js.Global().Get("Array").New("H")))
	if got := c.Get("view").Get("applies").Length(); got != 2 {
		t.Errorf("applies %d", got)
	}
	wantError(t, "setTargets([1])", cl.Call("setTargets", js.Global().Get("Array").New(1)), "argument", "codes[0]")
	c = answerValue(t, "setItem", cl.Call("setItem", "SR2-H-1", "note", "=cmd"))
	if c.Get("view").Get("records").Get("SR2-H-1").Get("note").String() != "=cmd" {
		t.Errorf("setItem = %s", stringify(c))
	}
	ex := answerValue(t, "exportCSV", cl.Call("exportCSV"))
	if !strings.Contains(ex.Get("text").String(), "'=cmd") {
		t.Errorf("csv = %s", ex.Get("text").String())
	}
	c = answerValue(t, "importJSON", cl.Call("importJSON", "x.json", `{"format":"shguide-checklist"`))
	if !strings.Contains(c.Get("problems").Index(0).String(), "行目") || c.Get("error").String() == "" {
		t.Errorf("import = %s", stringify(c))
	}
}
