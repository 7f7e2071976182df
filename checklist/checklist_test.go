package checklist

import (
	"encoding/csv"
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"shguide/internal/store"
)

// testCatalogue is a small catalogue shaped like the guideline's: R items
// for every service, SR items per component, ★★★ including ★★.
var testCatalogue = &Catalogue{
	Levels: []int{2, 3},
	Groups: []Target{{"service", "スマートホームサービス"}, {"H", "HGW"}, {"D", "機器"}, {"A", "スマートフォンアプリ"}},
	Items: []Item{
		{ID: "R2-1", Level: 2, Group: "service", Title: "ガイダンス", Levels: []int{2, 3}},
		{ID: "R2-2", Level: 2, Group: "service", Title: "サービス要件", Levels: []int{2, 3}},
		{ID: "R2-3", Level: 2, Group: "service", Title: "ログ", Levels: []int{2, 3}},
		{ID: "R3-1", Level: 3, Group: "service", Title: "★★の要件", Levels: []int{3}},
		{ID: "SR2-H-1", Level: 2, Group: "H", Title: "=HYPERLINK(\"x\")", Levels: []int{2, 3}, Needs: "H"},
		{ID: "SR3-H-1", Level: 3, Group: "H", Title: "HGW ★★★", Levels: []int{3}, Needs: "H"},
		{ID: "SR2-D-1", Level: 2, Group: "D", Title: "機器", Levels: []int{2, 3}, Needs: "D"},
		{ID: "SR2-A-1", Level: 2, Group: "A", Title: "アプリ", Levels: []int{2, 3}, Needs: "A"},
	},
}

func TestCatalogueRoundTrip(t *testing.T) {
	text := string(testCatalogue.AppendJSON(nil))
	c, err := DecodeCatalogue(text)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(c, testCatalogue) {
		t.Errorf("round trip\n got %+v\nwant %+v", c, testCatalogue)
	}
	for _, bad := range []string{``, `[]`, `{"levels":[2],"groups":[],"items":[]}`, `{"levels":["2"],"groups":[],"items":[{}]}`} {
		if _, err := DecodeCatalogue(bad); err == nil {
			t.Errorf("DecodeCatalogue(%q) accepted", bad)
		}
	}
	if comps := testCatalogue.Components(); len(comps) != 3 || comps[0].Code != "H" {
		t.Errorf("components %v", comps)
	}
	it := testCatalogue.Item("SR3-H-1")
	if it.Applies(2, []string{"H"}) || !it.Applies(3, []string{"D", "H"}) || it.Applies(3, nil) || it.Stars() != "★★★" {
		t.Error("Applies")
	}
}

// browser is localStorage shared by the tabs of one browser, with the
// storage event.
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

func newBrowser(t *testing.T) *browser { return &browser{t: t, now: 1_714_550_400_000} } // 2024-05-01

func (b *browser) open() *tab {
	seq := uint64(len(b.tabs)) * 1000
	tb := &tab{b: b, s: NewSession(testCatalogue, testClock(func() int64 { return b.now }), func() uint64 { seq++; return seq })}
	b.tabs = append(b.tabs, tb)
	tb.apply(tb.s.Open(b.stored, b.has, "", false))
	return tb
}

func (tb *tab) apply(c *Change) *Change {
	tb.b.now++
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

func (tb *tab) status(id string) string {
	for _, r := range tb.s.View().Records {
		if r.ID == id {
			return r.Status.V
		}
	}
	return ""
}

// The case: R2-2 set in tab A, then R2-3 in tab B: both stay.
func TestTabsItems(t *testing.T) {
	b := newBrowser(t)
	a := b.open()
	c := b.open()
	a.apply(a.s.SetItem("R2-2", "status", "done"))
	c.apply(c.s.SetItem("R2-3", "status", "partial"))
	for i, tb := range []*tab{a, c} {
		if tb.status("R2-2") != "done" || tb.status("R2-3") != "partial" {
			t.Errorf("tab %d: %+v", i, tb.s.View().Records)
		}
	}
	// Crossing writes: neither tab has seen the other's yet.
	ca := a.s.SetItem("R2-1", "note", "A")
	cc := c.s.SetItem("SR2-H-1", "note", "B")
	b.stored = ca.Save
	c.write(cc.Save)
	bk, u := DecodeBook(testCatalogue, b.stored)
	if u != nil {
		t.Fatal(u)
	}
	notes := map[string]string{}
	for _, r := range bk.Assessments[0].Items {
		notes[r.ID] = r.Note.V
	}
	if notes["R2-1"] != "A" || notes["SR2-H-1"] != "B" {
		t.Errorf("storage lost a note: %v", notes)
	}
}

// An assessment created in one tab is not lost when another tab edits.
func TestTabsNewAssessment(t *testing.T) {
	b := newBrowser(t)
	a := b.open()
	c := b.open()
	a.apply(a.s.New())
	c.apply(c.s.SetItem("R2-1", "status", "todo"))
	for i, tb := range []*tab{a, c} {
		if v := tb.s.View(); len(v.List) != 2 {
			t.Errorf("tab %d: %d assessments", i, len(v.List))
		}
	}
	// Each tab stays on its own assessment.
	if a.s.View().Name != "評価 2" || c.s.View().Name != "評価 1" {
		t.Errorf("views %q %q", a.s.View().Name, c.s.View().Name)
	}
	// The same field: the later write wins.
	a.apply(a.s.Select(c.s.View().Current))
	a.apply(a.s.SetText("service", "A社"))
	c.apply(c.s.SetText("service", "B社"))
	if a.s.View().Service != "B社" || c.s.View().Service != "B社" {
		t.Errorf("service %q %q", a.s.View().Service, c.s.View().Service)
	}
}

func TestDeleteUndoDuplicate(t *testing.T) {
	b := newBrowser(t)
	a := b.open()
	a.apply(a.s.SetItem("R2-1", "status", "done"))
	a.apply(a.s.SetText("name", "  本番\n"))
	if a.s.View().Name != "本番" {
		t.Errorf("name %q", a.s.View().Name)
	}
	if c := a.s.SetText("name", " "); c.Error == "" || a.s.View().Name != "本番" {
		t.Error("empty name accepted")
	}
	a.apply(a.s.Duplicate())
	v := a.s.View()
	if v.Name != "本番（コピー）" || len(v.List) != 2 || a.status("R2-1") != "done" {
		t.Fatalf("duplicate %+v", v)
	}
	c := b.open()
	del := a.apply(a.s.Delete())
	if len(c.s.View().List) != 1 || len(a.s.View().List) != 1 {
		t.Errorf("after delete: %d %d", len(c.s.View().List), len(a.s.View().List))
	}
	a.apply(a.s.Undo(del.Undo))
	if len(c.s.View().List) != 2 || a.s.View().Name != "本番（コピー）" {
		t.Errorf("after undo: %+v", a.s.View().List)
	}
	if ch := a.s.Undo(del.Undo); ch.Error == "" {
		t.Error("undone twice")
	}
	a.apply(a.s.Delete())
	a.apply(a.s.Delete())
	if v := a.s.View(); len(v.List) != 1 || v.Name != "評価 1" {
		t.Errorf("deleting all leaves %+v", v.List)
	}
}

func TestApplicabilityAndProgress(t *testing.T) {
	b := newBrowser(t)
	a := b.open()
	a.apply(a.s.SetTargets([]string{"D", "H"}))
	a.apply(a.s.SetLevel(3))
	v := a.s.View()
	if want := []string{"R2-1", "R2-2", "R2-3", "R3-1", "SR2-H-1", "SR3-H-1", "SR2-D-1"}; !slices.Equal(v.Applies, want) {
		t.Errorf("applies %v", v.Applies)
	}
	if !slices.Equal(v.Targets, []string{"H", "D"}) {
		t.Errorf("targets in catalogue order: %v", v.Targets)
	}
	a.apply(a.s.SetItem("R2-1", "status", "done"))
	a.apply(a.s.SetItem("R2-2", "status", "na"))
	a.apply(a.s.SetItem("SR2-H-1", "status", "partial"))
	a.apply(a.s.SetItem("SR2-A-1", "status", "done")) // does not apply
	v = a.s.View()
	if want := (Progress{All: 7, Done: 1, Partial: 1, NA: 1, None: 4}); v.All != want {
		t.Errorf("progress %+v", v.All)
	}
	if got := v.All.Text(); got != "対応済 1 / 6 項目（17%）・一部対応 1・未対応 0・未選択 4・対象外 1" {
		t.Errorf("text %q", got)
	}
	for _, g := range v.ByGroup {
		if g.Group == "H" && (g.All != 2 || g.Partial != 1) || g.Group == "A" && g.All != 0 {
			t.Errorf("group %+v", g)
		}
	}
	for _, bad := range []*Change{a.s.SetLevel(4), a.s.SetTargets([]string{"X"}), a.s.SetItem("R9-9", "status", "done"),
		a.s.SetItem("R2-1", "status", "maybe"), a.s.SetText("date", "2024/05/01"), a.s.SetText("colour", "x")} {
		if bad.Error == "" || bad.HasSave {
			t.Errorf("accepted: %+v", bad)
		}
	}
	if (Progress{}).Percent() != 0 || (Progress{All: 3, Done: 2}).Percent() != 67 {
		t.Error("Percent")
	}
}

const legacyText = `{"version":1,"current":"a1","assessments":[
{"id":"a1","name":"旧評価","service":"S","date":"2024-01-02","level":3,"targets":["H","D"],
 "items":{"R2-1":{"status":"done","note":"根拠"},"R2-2":{"status":"","note":""}},"updated":"2024-01-02T00:00:00.000Z"}]}`

func TestMigrateLegacy(t *testing.T) {
	s := NewSession(testCatalogue, testClock(func() int64 { return 5 }), func() uint64 { return 1 })
	c := s.Open("", false, legacyText, true)
	if c.Status != "migrated" || !c.HasSave {
		t.Fatalf("open %+v", c)
	}
	v := s.View()
	if v.Name != "旧評価" || v.Level != 3 || !slices.Equal(v.Targets, []string{"H", "D"}) || len(v.Records) != 1 || v.Records[0].Note.V != "根拠" {
		t.Errorf("migrated %+v", v)
	}
	bk, u := DecodeBook(testCatalogue, c.Save)
	if u != nil || len(bk.Assessments) != 1 || bk.Assessments[0].Name.At != 1 {
		t.Errorf("saved %v %+v", u, bk)
	}
	// Two tabs migrating at once agree to the byte.
	s2 := NewSession(testCatalogue, testClock(func() int64 { return 9 }), func() uint64 { return 2 })
	if c2 := s2.Open("", false, legacyText, true); c2.Save != c.Save {
		t.Errorf("migrations differ:\n%s\n%s", c.Save, c2.Save)
	}
}

func TestDecodeMalformed(t *testing.T) {
	v2 := func(a string) string {
		return `{"format":"shguide-checklists","version":2,"assessments":[` + a + `]}`
	}
	const ok = `"id":"a1","name":"N","service":"","date":"","level":2,"targets":[]`
	for _, tc := range []struct {
		name, text string
		kind       store.UnreadableKind
		first      string
	}{
		// The shapes.
		{"truncated", `{"version":1,"current":"a1","assessments":[{"id":"a1"`, store.Corrupt, "1 行目 54 文字目: 途中で終わっています"},
		{"version 2 without format", `{"version":2,"current":"","assessments":[]}`, store.Foreign, `format: "shguide-checklists" ではありません`},
		{"assessments an object", `{"version":1,"current":"","assessments":{}}`, store.Invalid, "assessments: 配列にしてください（オブジェクトです）"},
		{"assessment without fields", `{"version":1,"current":"a1","assessments":[{"id":"a1"}]}`, store.Invalid, "assessments 1 件目の name: ありません"},
		{"assessments [null]", `{"version":1,"current":"a1","assessments":[null]}`, store.Invalid, "assessments 1 件目: オブジェクトにしてください（nullです）"},
		{"top-level array", `[null]`, store.Foreign, "オブジェクトではありません（配列です）"},
		{"newer", `{"format":"shguide-checklists","version":7,"assessments":[]}`, store.Newer, "version: 7（この版が読めるのは 2 まで）"},
		{"format on version 1", `{"format":"shguide-checklists","version":1,"assessments":[]}`, store.Invalid, "version: 1 という版はありません"},
		{"legacy items an array", `{"version":1,"assessments":[{` + ok + `,"items":[]}]}`, store.Invalid, "assessments 1 件目の items: オブジェクトにしてください（配列です）"},
		{"legacy status unknown", `{"version":1,"assessments":[{` + ok + `,"items":{"R2-1":{"status":"maybe"}}}]}`, store.Invalid, `assessments 1 件目の items の R2-1 の status: 状態 "maybe" はありません`},
		{"legacy note a number", `{"version":1,"assessments":[{` + ok + `,"items":{"R2-1":{"note":5}}}]}`, store.Invalid, "assessments 1 件目の items の R2-1 の note: 文字列にしてください（数値です）"},
		{"level 4", v2(`{"id":"a1","name":"N","level":4,"targets":[],"items":[]}`), store.Invalid, "assessments 1 件目の level: レベル 4 はありません（2 か 3）"},
		{"level a string", v2(`{"id":"a1","name":"N","level":"3","targets":[],"items":[]}`), store.Invalid, "assessments 1 件目の level: 数値にしてください（文字列です）"},
		{"target unknown", v2(`{"id":"a1","name":"N","level":2,"targets":["X"],"items":[]}`), store.Invalid, "assessments 1 件目の targets 1 件目: 構成要素 X はありません（H、D、A）"},
		{"target twice", v2(`{"id":"a1","name":"N","level":2,"targets":["H","H"],"items":[]}`), store.Invalid, "assessments 1 件目の targets 2 件目: H が重複しています"},
		{"date bad", v2(`{"id":"a1","name":"N","date":"2024-13-01","level":2,"targets":[],"items":[]}`), store.Invalid, "assessments 1 件目の date: 日付は YYYY-MM-DD の形にしてください（2024-13-01）"},
		{"item status a number", v2(`{` + ok + `,"items":[{"id":"R2-1","status":1}]}`), store.Invalid, "assessments 1 件目の items 1 件目（R2-1）の status: 文字列にしてください（数値です）"},
		{"item twice", v2(`{` + ok + `,"items":[{"id":"R2-1"},{"id":"R2-1"}]}`), store.Invalid, "assessments 1 件目の items 2 件目（R2-1）: 同じ項目が 2 回あります"},
		{"unknown member", v2(`{` + ok + `,"items":[],"colour":"red"}`), store.Invalid, "assessments 1 件目の colour: このサイトの知らない項目です"},
		{"id twice", v2(`{` + ok + `,"items":[]},{` + ok + `,"items":[]}`), store.Invalid, "assessments 2 件目の id: id a1 が重複しています"},
		{"stamp a string", v2(`{` + ok + `,"items":[],"at":{"level":"1"}}`), store.Invalid, "assessments 1 件目の at の level: 数値にしてください（文字列です）"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, u := DecodeBook(testCatalogue, tc.text)
			if u == nil {
				t.Fatal("read without problems")
			}
			if u.Kind != tc.kind || !strings.HasPrefix(u.Problems[0].Message, tc.first) {
				t.Errorf("%v %q\nwant %v %q", u.Kind, u.Problems[0].Message, tc.kind, tc.first)
			}
		})
	}
	// An item the catalogue does not know is kept, not dropped.
	bk, u := DecodeBook(testCatalogue, v2(`{`+ok+`,"items":[{"id":"R9-1","status":"done","note":""}]}`))
	if u != nil || len(bk.Assessments[0].Items) != 1 {
		t.Errorf("unknown item: %v %+v", u, bk)
	}
}

// Unreadable saved data blocks saving; the page keeps it until the user
// chooses, then starts with what could be read or afresh.
func TestUnreadableBlocks(t *testing.T) {
	bad := `{"version":1,"current":"a1","assessments":[{"id":"a1","name":"N","level":5,"targets":[],"items":{"R2-1":{"status":"done","note":"x"}}}]}`
	s := NewSession(testCatalogue, testClock(func() int64 { return 5 }), func() uint64 { return 1 })
	c := s.Open(bad, true, "", false)
	if c.Status != "unreadable" || c.HasSave || c.Salvage != 1 || !strings.Contains(c.Headline, "一部が正しくない") {
		t.Fatalf("open %+v", c)
	}
	for _, ch := range []*Change{s.SetItem("R2-1", "note", "y"), s.New(), s.Merge(bad)} {
		if ch.HasSave {
			t.Error("saved while blocked")
		}
	}
	r := s.Reset(true)
	if !r.HasSave || r.View.Name != "N" || r.View.Level != 2 || len(r.View.Records) != 1 {
		t.Errorf("kept %+v", r.View)
	}
	if c := s.Reset(true); c.Error == "" {
		t.Error("reset twice")
	}
}

func TestExportImport(t *testing.T) {
	b := newBrowser(t)
	a := b.open()
	a.apply(a.s.SetText("service", "家の見守り / 2"))
	a.apply(a.s.SetTargets([]string{"H"}))
	a.apply(a.s.SetItem("R2-1", "status", "done"))
	a.apply(a.s.SetItem("R2-1", "note", "=1+1 ＠x\n２行目"))
	a.apply(a.s.SetItem("SR2-H-1", "note", "＝SUM(A1)"))
	ex, msg := a.s.ExportJSON()
	if msg != "" || ex.File != "checklist-家の見守り_2-2024-05-01.json" {
		t.Errorf("file %q %q", ex.File, msg)
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(ex.Text), &doc); err != nil {
		t.Fatal(err)
	}
	if doc["format"] != FileFormat || doc["exported"] != "2024-05-01T08:00:00Z" || len(doc["items"].([]any)) != 2 {
		t.Errorf("export %s", ex.Text)
	}
	// Importing it makes a new assessment with the same records.
	c := a.apply(a.s.ImportJSON("x.json", ex.Text))
	if c.Error != "" || len(c.View.List) != 2 || c.View.Name != "評価 1 (2)" || len(c.View.Records) != 2 || c.View.Service != "家の見守り / 2" {
		t.Errorf("import %+v", c)
	}

	csvx, _ := a.s.ExportCSV()
	if !strings.HasPrefix(csvx.Text, "\uFEFF"+CSVHeader+"\r\n") || csvx.File != "checklist-家の見守り_2-2024-05-01.csv" {
		t.Fatalf("csv %q", csvx.Text[:40])
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(csvx.Text, "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1+4 { // R2-1, R2-2, R2-3, SR2-H-1 at ★★ with H
		t.Fatalf("%d records: %q", len(recs), recs)
	}
	if got := recs[1]; !slices.Equal(got, []string{"R2-1", "★★", "スマートホームサービス", "ガイダンス", "対応済", "'=1+1 ＠x\n２行目"}) {
		t.Errorf("row %q", got)
	}
	if got := recs[4]; got[3] != "'=HYPERLINK(\"x\")" || got[5] != "'＝SUM(A1)" || got[4] != "未選択" {
		t.Errorf("guards %q", got)
	}
}

// Import errors are Japanese and name the item and field; nothing changes.
func TestImportErrors(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"syntax", `{"format": "shguide-checklist", "version": 1 "name": "x"}`,
			[]string{"JSON として読めません（1 行目 46 文字目: 「,」か「}」が必要です）。"}},
		{"not an object", `[1]`, []string{"ファイルの中身が JSON オブジェクトではありません（配列です）。"}},
		{"fields", `{"format":"x","version":2,"name":"","date":"1/2","level":4,"targets":["H","Z","H"],"items":[
			{"id":"R2-1","status":"maybe"},{"id":"R9-9"},null,{"id":"R2-1"},{"id":"R2-2","note":5}]}`, []string{
			`format: "shguide-checklist" ではありません（このサイトのチェックリストの JSON ではないようです）。`,
			"version: 「2」には対応していません（1 のみ）。",
			"date: \"1/2\" は YYYY-MM-DD の形ではありません。",
			"level: 4 は 2 か 3 ではありません。",
			"targets 2 件目: 構成要素 Z はありません（H、D、A）。",
			"targets 3 件目: H が重複しています。",
			`items 1 件目（R2-1）の status: 状態 "maybe" はありません（done（対応済）、partial（一部対応）、todo（未対応）、na（対象外） のどれか）。`,
			`items 2 件目（R9-9）の id: 要件・要求事項の ID "R9-9" はありません。`,
			"items 3 件目: オブジェクトにしてください（nullです）。",
			"items 4 件目（R2-1）: 同じ項目が 2 回あります。",
			"items 5 件目（R2-2）の note: 文字列にしてください（数値です）。",
		}},
		{"missing", `{"format":"shguide-checklist","version":1}`, []string{"name: ありません。", "level: ありません。", "targets: ありません。", "items: ありません。"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := newBrowser(t)
			a := b.open()
			before := b.stored
			c := a.apply(a.s.ImportJSON("f.json", tc.text))
			if !strings.HasPrefix(c.Error, "「f.json」は読み込みませんでした。記録は変更していません") || c.HasSave || b.stored != before {
				t.Errorf("error %q, saved %v", c.Error, c.HasSave)
			}
			if !slices.Equal(c.Problems, tc.want) {
				t.Errorf("problems\n got %q\nwant %q", c.Problems, tc.want)
			}
		})
	}
}

func randomBook(r *rand.Rand) Book {
	str := func(p string, n int) string { return p + string(rune('a'+r.IntN(n))) }
	fs := func() store.Field[string] { return store.Field[string]{V: str("v", 3), At: store.Stamp(r.IntN(4))} }
	var bk Book
	bk.Current = fs()
	for range r.IntN(3) {
		a := Assessment{ID: str("a", 3), Name: fs(), Service: fs(), Date: fs(),
			Level:   store.Field[int]{V: 2 + r.IntN(2), At: store.Stamp(r.IntN(4))},
			Targets: store.Field[[]string]{V: []string{str("t", 2)}, At: store.Stamp(r.IntN(4))},
			Deleted: store.Field[bool]{V: r.IntN(2) == 0, At: store.Stamp(r.IntN(4))}}
		for range r.IntN(4) {
			a.Items = append(a.Items, Record{ID: str("R", 4), Status: fs(), Note: fs()})
		}
		a.Items = store.MergeByID(a.Items, nil, recordID, mergeRecord)
		bk.Assessments = append(bk.Assessments, a)
	}
	bk.Assessments = store.MergeByID(bk.Assessments, nil, assessmentID, mergeAssessment)
	return bk
}

func textOf(bk Book) string { return string(bk.AppendJSON(nil)) }

func TestMergeProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 3000 {
		a, b, c := randomBook(r), randomBook(r), randomBook(r)
		if x, y := textOf(Merge(a, b)), textOf(Merge(b, a)); x != y {
			t.Fatalf("%d: not commutative:\n%s\n%s", i, x, y)
		}
		if x, y := textOf(Merge(Merge(a, b), c)), textOf(Merge(a, Merge(b, c))); x != y {
			t.Fatalf("%d: not associative:\n%s\n%s", i, x, y)
		}
		if x, y := textOf(Merge(a, a)), textOf(a); x != y {
			t.Fatalf("%d: not idempotent", i)
		}
	}
}

// FuzzDecodeBook: no input panics; what reads without problems writes a
// canonical text that reads back to the same book.
func FuzzDecodeBook(f *testing.F) {
	f.Add(legacyText)
	f.Add(`{"format":"shguide-checklists","version":2,"current":"a1","assessments":[{"id":"a1","name":"N","service":"","date":"","level":2,"targets":["H"],"items":[{"id":"R2-1","status":"done","note":"x","at":{"status":3}}]}]}`)
	f.Add(`{"version":1,"assessments":[null]}`)
	f.Fuzz(func(t *testing.T, s string) {
		bk, u := DecodeBook(testCatalogue, s)
		if u != nil {
			if len(u.Problems) == 0 || u.Problems[0].Message == "" {
				t.Fatalf("unreadable without a message: %+v", u)
			}
			return
		}
		text := textOf(bk)
		back, u := DecodeBook(testCatalogue, text)
		if u != nil {
			t.Fatalf("%q writes %s, which does not read: %v", s, text, u.Problems)
		}
		if textOf(back) != text {
			t.Fatalf("%q: not canonical", s)
		}
	})
}

// FuzzImportJSON: no file panics, and a file is either imported whole or
// rejected with problems and nothing saved.
func FuzzImportJSON(f *testing.F) {
	f.Add(`{"format":"shguide-checklist","version":1,"name":"x","level":2,"targets":[],"items":[{"id":"R2-1","status":"done"}]}`)
	f.Add(`{"format":"shguide-checklist","version":1,"name":"x","level":2,"targets":["H"],"items":[{"id":"R2-1","status":"x"}]}`)
	f.Fuzz(func(t *testing.T, text string) {
		s := NewSession(testCatalogue, testClock(func() int64 { return 5 }), func() uint64 { return 1 })
		s.Open("", false, "", false)
		c := s.ImportJSON("f", text)
		if (c.Error == "") == (len(c.Problems) > 0) {
			t.Fatalf("error %q with %d problems", c.Error, len(c.Problems))
		}
		if c.Error != "" && c.HasSave {
			t.Fatal("a rejected file was saved")
		}
	})
}

// testClock is a clock in Japan's time zone.
func testClock(now func() int64) *store.Clock { return store.NewClock(now, func() int { return 540 }) }

func TestFreshSavesNothing(t *testing.T) {
	b := newBrowser(t)
	a, c := b.open(), b.open()
	if b.has {
		t.Fatalf("opening saved %s", b.stored)
	}
	a.apply(a.s.SetItem("R2-1", "status", "done"))
	if v := c.s.View(); len(v.List) != 1 || c.status("R2-1") != "done" {
		t.Errorf("tab B: %+v", v)
	}
}

// TestCleanNote holds cleanNote to what strings.ReplaceAll of "\r\n" and
// then strings.Map dropping control characters give, on notes made of the
// characters that matter: line breaks, tabs, controls, invalid UTF-8.
func TestCleanNote(t *testing.T) {
	want := func(s string) string {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		return strings.Map(func(r rune) rune {
			switch {
			case r == '\n' || r == '\t':
				return r
			case r == '\r':
				return '\n'
			case r < 0x20 || r == 0x7f:
				return -1
			}
			return r
		}, s)
	}
	pieces := []string{"a", "メモ", "\r", "\n", "\t", "\x00", "\x1f", "\x7f", "\u0085", "\xff", "\xe3\x81", "\ufffd", " ", "\u2028"}
	notes := []string{"", "ok", "a\r\nb", "\r\r\n", "\r", "\n\r", "x\xffy", "\x00\x00"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 3000 {
		var b strings.Builder
		for range rng.IntN(8) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		notes = append(notes, b.String())
	}
	for _, s := range notes {
		if got, w := cleanNote(s), want(s); got != w {
			t.Errorf("cleanNote(%q) = %q, want %q", s, got, w)
		}
	}
}
