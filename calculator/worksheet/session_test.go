package worksheet

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"shguide/internal/store"
)

// browser is localStorage shared by the tabs of one browser, with the
// storage event: a write is delivered to every other tab.
type browser struct {
	t      *testing.T
	stored string
	has    bool
	tabs   []*tab
	now    int64
}

type tab struct {
	b *browser
	s *Session
}

func newBrowser(t *testing.T) *browser { return &browser{t: t, now: 1_700_000_000_000} }

func (b *browser) open() *tab {
	seq := uint64(len(b.tabs)) * 1000
	tb := &tab{b: b, s: NewSession(testClock(func() int64 { return b.now }), func() uint64 { seq++; return seq })}
	b.tabs = append(b.tabs, tb)
	tb.apply(tb.s.Open(b.stored, b.has, "", false))
	return tb
}

// apply writes a change's save to the storage, and delivers it to the
// other tabs.
func (tb *tab) apply(c *Change) *Change {
	tb.b.t.Helper()
	tb.b.now++
	if c.Error != "" {
		return c
	}
	if c.HasSave {
		tb.write(c.Save)
	}
	return c
}

func (tb *tab) write(text string) {
	b := tb.b
	b.stored, b.has = text, true
	for _, o := range b.tabs {
		if o != tb {
			o.apply(o.s.Merge(text))
		}
	}
}

func (tb *tab) rows() []Row { return tb.s.Rows() }

func rowID(t *testing.T, tb *tab, n int) string {
	t.Helper()
	v := tb.s.View()
	for _, r := range v.Rows {
		if r.N == n {
			return r.ID
		}
	}
	t.Fatalf("no row %d", n)
	return ""
}

func names(rows []Row) string {
	var s []string
	for _, r := range rows {
		s = append(s, r.Name)
	}
	return strings.Join(s, ",")
}

func seed(t *testing.T, tb *tab, rows ...string) {
	t.Helper()
	var b strings.Builder
	for _, n := range rows {
		b.WriteString(n + "," + v1 + "\n")
	}
	if im := tb.s.ImportFile("a.csv", b.String()); len(im.Problems) > 0 {
		t.Fatal(im.Problems)
	}
	tb.apply(tb.s.Accept(false))
}

// The case: rename row 1 in tab A and row 2 in tab B; both stay.
func TestTabsEditDifferentRows(t *testing.T) {
	b := newBrowser(t)
	a := b.open()
	seed(t, a, "one", "two", "three")
	c := b.open()
	if names(c.rows()) != "one,two,three" {
		t.Fatalf("tab B sees %s", names(c.rows()))
	}
	a.apply(a.s.SetField(rowID(t, a, 1), "name", "ONE"))
	c.apply(c.s.SetField(rowID(t, c, 2), "name", "TWO"))
	for i, tb := range []*tab{a, c} {
		if got := names(tb.rows()); got != "ONE,TWO,three" {
			t.Errorf("tab %d: %s", i, got)
		}
	}
	// A tab opened now reads both.
	if got := names(b.open().rows()); got != "ONE,TWO,three" {
		t.Errorf("new tab: %s", got)
	}
}

// Writes that cross (neither tab has seen the other's yet) both survive:
// the storage event brings the other's text and the merge writes back.
func TestTabsCrossingWrites(t *testing.T) {
	b := newBrowser(t)
	a := b.open()
	seed(t, a, "one", "two")
	c := b.open()
	// Both edit before either hears of the other: A's write is in flight.
	ca := a.s.SetField(rowID(t, a, 1), "note", "A のメモ")
	cc := c.s.SetField(rowID(t, c, 2), "note", "B のメモ")
	b.stored = ca.Save // A's text lands first, unseen by B
	c.write(cc.Save)   // B overwrites it; A hears of B's text and merges
	for i, tb := range []*tab{a, c} {
		rows := tb.rows()
		if rows[0].Note != "A のメモ" || rows[1].Note != "B のメモ" {
			t.Errorf("tab %d: %+v", i, rows)
		}
	}
	saved, _ := DecodeBook(b.stored)
	s := saved.Sheets[0]
	notes := map[string]bool{}
	for _, r := range s.Rows {
		notes[r.Note.V] = true
	}
	if !notes["A のメモ"] || !notes["B のメモ"] {
		t.Errorf("storage lost an edit: %s", b.stored)
	}
}

// The same field: the later write wins everywhere.
func TestTabsSameField(t *testing.T) {
	b := newBrowser(t)
	a := b.open()
	seed(t, a, "one")
	c := b.open()
	id := rowID(t, a, 1)
	a.apply(a.s.SetField(id, "name", "A"))
	c.apply(c.s.SetField(id, "name", "B"))
	if a.rows()[0].Name != "B" || c.rows()[0].Name != "B" {
		t.Errorf("last writer lost: %s %s", a.rows()[0].Name, c.rows()[0].Name)
	}
}

// Rows added in two tabs at once are both kept, and a deletion wins over
// an older edit.
func TestTabsAddAndDelete(t *testing.T) {
	b := newBrowser(t)
	a := b.open()
	seed(t, a, "one", "two")
	c := b.open()
	ca := a.s.AddRow()
	cc := c.s.AddRow()
	b.stored = ca.Save
	c.write(cc.Save)
	if len(a.rows()) != 4 || len(c.rows()) != 4 {
		t.Fatalf("rows %s / %s", names(a.rows()), names(c.rows()))
	}
	if names(a.rows()) != names(c.rows()) {
		t.Errorf("tabs disagree on the order: %s / %s", names(a.rows()), names(c.rows()))
	}
	id := rowID(t, a, 1)
	a.apply(a.s.SetField(id, "note", "edited"))
	c.apply(c.s.DeleteRow(id))
	if got := names(a.rows()); strings.Contains(got, "one") {
		t.Errorf("deleted row still in A: %s", got)
	}
	// Undo in the tab that deleted brings it back everywhere, with A's note.
	und := c.apply(c.s.Undo(1))
	if und.Error != "" {
		// the token of the deletion is the first undo of tab c
		t.Fatalf("undo: %s", und.Error)
	}
	if a.rows()[0].Name != "one" || a.rows()[0].Note != "edited" {
		t.Errorf("after undo A has %+v", a.rows()[0])
	}
}

// A note being typed in one tab is kept when another tab's change
// arrives (the model keeps it; the page leaves the field alone).
func TestTabsTypingKept(t *testing.T) {
	b := newBrowser(t)
	a := b.open()
	seed(t, a, "one")
	c := b.open()
	id := rowID(t, c, 1)
	pending := c.s.SetField(id, "note", "入力中の") // typed, not yet written
	a.apply(a.s.AddRow())                       // A's change arrives at C
	if c.rows()[0].Note != "入力中の" {
		t.Errorf("typing lost: %q", c.rows()[0].Note)
	}
	if !pending.HasSave {
		t.Fatal("the edit has nothing to save")
	}
	// C's next write carries the note and A's row.
	c.apply(c.s.SetField(id, "note", "入力中のメモ"))
	if got := a.rows(); len(got) != 2 || got[0].Note != "入力中のメモ" {
		t.Errorf("A has %+v", got)
	}
}

// A tab saves back only when it has something the text lacks: no ping-pong.
func TestTabsConverge(t *testing.T) {
	b := newBrowser(t)
	a := b.open()
	c := b.open()
	seed(t, a, "one")
	writes := 0
	for _, tb := range []*tab{a, c} {
		if ch := tb.s.Merge(b.stored); ch.HasSave {
			writes++
		}
	}
	if writes != 0 {
		t.Errorf("%d tabs write back a text they agree with", writes)
	}
}

func TestSheets(t *testing.T) {
	b := newBrowser(t)
	a := b.open()
	seed(t, a, "one", "two")
	v := a.s.View()
	if len(v.Sheets) != 1 || v.Name != DefaultSheetName || len(v.Rows) != 2 {
		t.Fatalf("view %+v", v)
	}
	first := v.Sheet
	a.apply(a.s.RenameSheet("  リスク　評価\n"))
	if v := a.s.View(); v.Name != "リスク　評価" {
		t.Errorf("renamed %q", v.Name)
	}
	if c := a.s.RenameSheet(" "); c.Error == "" {
		t.Error("empty name accepted")
	}
	a.apply(a.s.DuplicateSheet())
	v = a.s.View()
	if len(v.Sheets) != 2 || v.Name != "リスク　評価（コピー）" || names(a.rows()) != "one,two" || v.Sheet == first {
		t.Fatalf("duplicate %+v", v)
	}
	// The copy is independent.
	a.apply(a.s.SetField(v.Rows[0].ID, "name", "copy one"))
	a.apply(a.s.SelectSheet(first))
	if names(a.rows()) != "one,two" {
		t.Errorf("original changed: %s", names(a.rows()))
	}
	a.apply(a.s.NewSheet())
	if v := a.s.View(); v.Name != "ワークシート 3" || len(v.Rows) != 0 {
		t.Errorf("new sheet %+v", v)
	}
	// Another tab opens on the sheet selected last, and sees all three.
	c := b.open()
	if v := c.s.View(); len(v.Sheets) != 3 || v.Name != "ワークシート 3" {
		t.Errorf("tab B %+v", v)
	}
	// Delete, then undo.
	del := a.apply(a.s.DeleteSheet())
	if v := c.s.View(); len(v.Sheets) != 2 || v.Name == "ワークシート 3" {
		t.Errorf("tab B after delete %+v", v)
	}
	a.apply(a.s.Undo(del.Undo))
	if v := c.s.View(); len(v.Sheets) != 3 {
		t.Errorf("tab B after undo %+v", v.Sheets)
	}
	// Deleting every sheet leaves a fresh one.
	for range 3 {
		a.apply(a.s.DeleteSheet())
	}
	if v := a.s.View(); len(v.Sheets) != 1 || len(v.Rows) != 0 {
		t.Errorf("after deleting all %+v", v)
	}
}

func TestSortIsAView(t *testing.T) {
	b := newBrowser(t)
	a := b.open()
	low := "CVSS:3.0/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N/LP:N/II:N"
	high := "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H/LP:Y/II:H"
	if im := a.s.ImportFile("x.csv", "カメラ,"+low+"\nあかり,"+high+"\nエアコン,"+v1+"\n"); len(im.Problems) > 0 {
		t.Fatal(im.Problems)
	}
	a.apply(a.s.Accept(false))
	stored := b.stored
	order := func() string {
		var s []string
		for _, r := range a.s.View().Rows {
			s = append(s, r.Name)
		}
		return strings.Join(s, ",")
	}
	if c := a.s.Sort("base"); c.HasSave || !strings.Contains(c.Message, "基本値の高い順") {
		t.Errorf("sorting saves or says %q", c.Message)
	}
	if got := order(); got != "あかり,エアコン,カメラ" {
		t.Errorf("by base score: %s", got)
	}
	a.s.Sort("base")
	if got := order(); got != "カメラ,エアコン,あかり" {
		t.Errorf("reversed: %s", got)
	}
	a.s.Sort("name")
	if got := order(); got != "あかり,エアコン,カメラ" {
		t.Errorf("by name (kana order): %s", got)
	}
	if v := a.s.View(); v.Rows[0].N != 2 {
		t.Errorf("a sorted row keeps its number in the user's order: %d", v.Rows[0].N)
	}
	if b.stored != stored || names(a.rows()) != "カメラ,あかり,エアコン" {
		t.Errorf("sorting changed the saved order: %s", names(a.rows()))
	}
	a.s.Unsort()
	if got := order(); got != "カメラ,あかり,エアコン" {
		t.Errorf("restored: %s", got)
	}
	if c := a.s.Sort("vector"); c.Error == "" {
		t.Error("sorting by vector accepted")
	}
	// Exports keep the user's order whatever the view.
	a.s.Sort("name")
	ex, msg := a.s.Export("csv")
	if msg != "" || !strings.Contains(ex.Text, "カメラ") || strings.Index(ex.Text, "カメラ") > strings.Index(ex.Text, "あかり") {
		t.Errorf("export order: %s", ex.Text)
	}
	if ex.File != "risk-worksheet-ワークシート_1-20231115.csv" {
		t.Errorf("file %s", ex.File)
	}
}

func TestSetField(t *testing.T) {
	b := newBrowser(t)
	a := b.open()
	seed(t, a, "one")
	id := rowID(t, a, 1)
	c := a.apply(a.s.SetField(id, "vector", " cvss:3.0/AV:Q "))
	if c.Error == "" || c.HasSave || a.rows()[0].Vector != v1 {
		t.Errorf("bad vector: %+v", c)
	}
	c = a.apply(a.s.SetField(id, "vector", "CVSS:3.0/II:N/LP:N/AV:P/AC:L/PR:L/UI:R/S:U/C:H/I:N/A:N"))
	if c.Error != "" || c.Row == nil || c.Row.Vector != v2 || !c.HasSave {
		t.Errorf("good vector: %+v", c)
	}
	c = a.apply(a.s.SetField(id, "name", "\t"))
	if c.Error == "" || a.rows()[0].Name != "one" || c.Row.Name != "one" {
		t.Errorf("empty name: %+v", c)
	}
	c = a.apply(a.s.SetField(id, "note", "a\r\nb\x00"))
	if c.Error != "" || a.rows()[0].Note != "a\nb" {
		t.Errorf("note %q", a.rows()[0].Note)
	}
	if c := a.s.SetField("nope", "name", "x"); c.Error == "" {
		t.Error("unknown row accepted")
	}
	if c := a.s.SetField(id, "colour", "x"); c.Error == "" {
		t.Error("unknown field accepted")
	}
	// An unchanged value saves nothing.
	if c := a.s.SetField(id, "note", "a\nb"); c.HasSave {
		t.Error("unchanged value saved")
	}
}

func TestImportAcceptUndo(t *testing.T) {
	b := newBrowser(t)
	a := b.open()
	seed(t, a, "one")
	im := a.s.ImportFile("t.json", `[{"name":"x","vector":"`+v1+`"},{"name":5,"vector":"`+v1+`"}]`)
	if len(im.Rows) != 1 || len(im.Problems) != 1 || im.Problems[0].Message != "2 件目: name は文字列にしてください（数値です）" {
		t.Fatalf("import %+v", im)
	}
	c := a.apply(a.s.Accept(true))
	if names(a.rows()) != "x" || c.Undo == 0 {
		t.Fatalf("replace: %s", names(a.rows()))
	}
	a.apply(a.s.Undo(c.Undo))
	if names(a.rows()) != "one" {
		t.Errorf("undo: %s", names(a.rows()))
	}
	if c := a.s.Accept(false); c.Error == "" {
		t.Error("accepted twice")
	}
	im = a.s.ImportFile("bad.json", `{"rows": [`)
	if len(im.Problems) != 1 || !strings.HasPrefix(im.Problems[0].Message, "JSON として読めません（1 行目 11 文字目: ") {
		t.Errorf("syntax: %+v", im.Problems)
	}
	// Text that looks like JSON is JSON whatever the name.
	if im := a.s.ImportFile("x.txt", "\uFEFF  [\""+v1+"\"]"); len(im.Rows) != 1 || im.Unit != "件" {
		t.Errorf("sniffed: %+v", im)
	}
	if c := a.apply(a.s.ClearRows()); c.Undo == 0 || len(a.rows()) != 0 {
		t.Errorf("clear %+v", c)
	} else {
		a.apply(a.s.Undo(c.Undo))
		if names(a.rows()) != "one" {
			t.Errorf("undo clear: %s", names(a.rows()))
		}
	}
}

func TestOpenLegacyAndUnreadable(t *testing.T) {
	legacy := `{"format":"shguide-worksheet","version":1,"rows":[{"name":"A","vector":"` + v1 + `","note":""}]}`
	s := NewSession(testClock(func() int64 { return 5000 }), func() uint64 { return 1 })
	c := s.Open("", false, legacy, true)
	if c.Status != "migrated" || !c.HasSave || names(s.Rows()) != "A" {
		t.Fatalf("migrate %+v", c)
	}
	// The new text reads as the same book.
	if bk, u := DecodeBook(c.Save); u != nil || bk.Sheets[0].Rows[0].Name.V != "A" {
		t.Errorf("saved migration %v", u)
	}

	for _, tc := range []struct{ stored, kind string }{
		{`{"format":"shguide-worksheets","version":2,"sheets":[`, "corrupt"},
		{`{"format":"shguide-worksheets","version":3,"sheets":[]}`, "newer"},
		{`{"format":"shguide-worksheets","version":2,"sheets":[{"id":"w","name":"S","rows":[{"id":"r","name":"ok","vector":"` + v1 + `"},{"id":"q","name":[],"vector":"x"}]}]}`, "invalid"},
	} {
		s := NewSession(testClock(func() int64 { return 5000 }), func() uint64 { return 1 })
		c := s.Open(tc.stored, true, legacy, true)
		if c.Status != "unreadable" || c.Unreadable.Kind.String() != tc.kind || c.HasSave || c.Headline == "" {
			t.Errorf("%s: %+v", tc.kind, c)
			continue
		}
		// Nothing is saved while blocked, whatever the user does.
		for _, ch := range []*Change{s.AddRow(), s.NewSheet(), s.Merge(tc.stored)} {
			if ch.HasSave {
				t.Errorf("%s: saved while blocked", tc.kind)
			}
		}
		keep := tc.kind == "invalid"
		r := s.Reset(keep)
		if !r.HasSave || r.Status != "ok" {
			t.Errorf("%s: reset %+v", tc.kind, r)
		}
		if keep && names(s.Rows()) != "ok" {
			t.Errorf("kept %s", names(s.Rows()))
		}
		if !keep && len(s.Rows()) != 0 {
			t.Errorf("fresh %s", names(s.Rows()))
		}
	}

	// A blocked tab takes a readable text another tab saved.
	s = NewSession(testClock(func() int64 { return 5000 }), func() uint64 { return 1 })
	s.Open("{", true, "", false)
	c = s.Merge(legacyBookText(t))
	if c.Status != "ok" || names(s.Rows()) != "A" {
		t.Errorf("unblocked %+v", c)
	}
}

func legacyBookText(t *testing.T) string {
	bk, u := DecodeBook(`{"format":"shguide-worksheet","version":1,"rows":[{"name":"A","vector":"` + v1 + `"}]}`)
	if u != nil {
		t.Fatal(u)
	}
	return textOf(bk)
}

func TestChangeJSON(t *testing.T) {
	b := newBrowser(t)
	a := b.open()
	seed(t, a, "=1+1")
	c := a.s.SetField(rowID(t, a, 1), "note", "x")
	var got map[string]any
	if err := json.Unmarshal(c.AppendJSON(nil), &got); err != nil {
		t.Fatal(err)
	}
	row := got["row"].(map[string]any)
	if row["name"] != "=1+1" || row["cvss30BaseSeverityJa"] != "重要" || row["cvss30BaseScore"] != 8.1 || got["save"] == nil {
		t.Errorf("change %v", got)
	}
	view := a.s.View()
	if err := json.Unmarshal(view.AppendJSON(nil), &got); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got["sort"], nil) || len(got["rows"].([]any)) != 1 || got["maxRows"] != float64(MaxRows) {
		t.Errorf("view %v", got)
	}
}

func TestImportTemplate(t *testing.T) {
	file := `{"templates":[{"id":"a","title":"表 3-38","rows":[{"name":"EP① X","vector":"` + v1 + `","note":"公表値 8.1"}]},{"id":"b","rows":[]}]}`
	s := NewSession(testClock(func() int64 { return 5 }), func() uint64 { return 1 })
	s.Open("", false, "", false)
	im := s.ImportTemplate(file, "a")
	if len(im.Rows) != 1 || im.Rows[0].Name != "EP① X" || len(im.Problems) != 0 {
		t.Errorf("template a: %+v", im)
	}
	for _, tc := range []struct{ file, id string }{{file, "zz"}, {"{", "a"}, {`{"templates":{}}`, "a"}} {
		if im := s.ImportTemplate(tc.file, tc.id); len(im.Problems) != 1 || im.Problems[0].Kind != "template" {
			t.Errorf("%s %s: %+v", tc.file, tc.id, im)
		}
	}
}

// testClock is a clock in Japan's time zone.
func testClock(now func() int64) *store.Clock { return store.NewClock(now, func() int { return 540 }) }

// A browser that saved nothing saves nothing until the user changes
// something, and two such tabs agree on the empty sheet.
func TestFreshSavesNothing(t *testing.T) {
	b := newBrowser(t)
	a, c := b.open(), b.open()
	if b.has {
		t.Fatalf("opening saved %s", b.stored)
	}
	a.apply(a.s.AddRow())
	if v := c.s.View(); len(v.Sheets) != 1 || len(v.Rows) != 1 {
		t.Errorf("tab B: %+v", v)
	}
}

// A vector typed without its prefix, in lower case, is read as CVSS v3.0,
// saved canonical, and the answer says so.
func TestSetFieldLenient(t *testing.T) {
	b := newBrowser(t)
	a := b.open()
	seed(t, a, "one")
	c := a.apply(a.s.SetField(rowID(t, a, 1), "vector", "  av:p/ac:l/pr:l/ui:r/s:u/c:h/i:n/a:n/lp:n/ii:n/ "))
	if c.Error != "" || c.Row.Vector != v2 || !strings.Contains(c.Message, "CVSS v3.0") {
		t.Errorf("lenient vector: %+v", c)
	}
	if !strings.Contains(b.stored, v2) {
		t.Errorf("not saved canonical: %.200s", b.stored)
	}
}
