package worksheet

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"shguide/internal/store"
)

const goodBook = `{"format":"shguide-worksheets","version":2,"current":"w1","at":{"current":5},"sheets":[
{"id":"w1","name":"リスク評価","order":["r2","r1"],"at":{"name":3,"order":4},"rows":[
{"id":"r1","name":"EP① 不正アクセス","vector":"` + v1 + `","note":"","at":{"name":1,"vector":1}},
{"id":"r2","name":"B","vector":"` + v2 + `","note":"複数行\n備考","deleted":true,"at":{"name":2,"vector":2,"note":2,"deleted":6}}]}
]}`

func TestDecodeBookGood(t *testing.T) {
	bk, u := DecodeBook(goodBook)
	if u != nil {
		t.Fatalf("unreadable: %v", u.Problems)
	}
	if len(bk.Sheets) != 1 || bk.Current.V != "w1" || bk.Current.At != 5 {
		t.Fatalf("book %+v", bk)
	}
	s := bk.Sheets[0]
	if s.Name != (store.Field[string]{V: "リスク評価", At: 3}) || !reflect.DeepEqual(s.Order.V, []string{"r2", "r1"}) || s.Order.At != 4 {
		t.Errorf("sheet %+v", s)
	}
	if len(s.Rows) != 2 || s.Rows[1].Note.V != "複数行\n備考" || !s.Rows[1].Deleted.V || s.Rows[1].Deleted.At != 6 || s.Rows[0].Note.At != 0 {
		t.Errorf("rows %+v", s.Rows)
	}
	// The text is canonical: it reads back to the same book and writes the
	// same text again.
	text := string(bk.AppendJSON(nil))
	back, u := DecodeBook(text)
	if u != nil || !reflect.DeepEqual(back, bk) {
		t.Fatalf("round trip: %v\n%s", u, text)
	}
	if again := string(back.AppendJSON(nil)); again != text {
		t.Errorf("not canonical:\n%s\n%s", text, again)
	}
}

// Every malformed shape gives Unreadable with a message naming the place.
func TestDecodeBookMalformed(t *testing.T) {
	row := func(s string) string {
		return `{"format":"shguide-worksheets","version":2,"sheets":[{"id":"w1","name":"S","rows":[` + s + `]}]}`
	}
	sheet := func(s string) string {
		return `{"format":"shguide-worksheets","version":2,"sheets":[` + s + `]}`
	}
	for _, tc := range []struct {
		name, text string
		kind       store.UnreadableKind
		first      string
	}{
		{"empty", ``, store.Corrupt, "1 行目 1 文字目: JSON の値がありません（空のファイルです）"},
		{"truncated", goodBook[:120], store.Corrupt, "2 行目"},
		{"not an object", `[null]`, store.Foreign, "オブジェクトではありません（配列です）"},
		{"a string", `"x"`, store.Foreign, "オブジェクトではありません（文字列です）"},
		{"other format", `{"format":"shguide-checklists","version":2}`, store.Foreign, `format: "shguide-worksheets" ではありません（"shguide-checklists"）`},
		{"newer", `{"format":"shguide-worksheets","version":3,"sheets":[],"new":1}`, store.Newer, "version: 3（この版が読めるのは 2 まで）"},
		{"version a string", `{"format":"shguide-worksheets","version":"2","sheets":[]}`, store.Invalid, "version: 版の番号がありません"},
		{"version 1 of the new name", `{"format":"shguide-worksheets","version":1,"sheets":[]}`, store.Invalid, "version: 1 という版はありません"},
		{"sheets missing", `{"format":"shguide-worksheets","version":2}`, store.Invalid, "sheets: ありません"},
		{"sheets an object", `{"format":"shguide-worksheets","version":2,"sheets":{}}`, store.Invalid, "sheets: 配列にしてください（オブジェクトです）"},
		{"unknown member", `{"format":"shguide-worksheets","version":2,"sheets":[],"extra":true}`, store.Invalid, "extra: このサイトの知らない項目です"},
		{"duplicate key", `{"format":"shguide-worksheets","version":2,"sheets":[],"sheets":[]}`, store.Invalid, "sheets: 同じキーが 2 回あります"},
		{"current a number", `{"format":"shguide-worksheets","version":2,"current":1,"sheets":[]}`, store.Invalid, "current: 文字列にしてください（数値です）"},
		{"stamp a string", `{"format":"shguide-worksheets","version":2,"at":{"current":"1"},"sheets":[]}`, store.Invalid, "at の current: 数値にしてください（文字列です）"},
		{"stamp fractional", `{"format":"shguide-worksheets","version":2,"at":{"current":1.5},"sheets":[]}`, store.Invalid, "at の current: 整数にしてください（1.5）"},
		{"sheet null", sheet(`null`), store.Invalid, "sheets 1 件目: オブジェクトにしてください（nullです）"},
		{"sheet id missing", sheet(`{"name":"S","rows":[]}`), store.Invalid, "sheets 1 件目の id: ありません"},
		{"sheet id bad", sheet(`{"id":"a b","name":"S","rows":[]}`), store.Invalid, "sheets 1 件目の id: id に使えない文字があります"},
		{"sheet id twice", sheet(`{"id":"w","name":"S","rows":[]},{"id":"w","name":"T","rows":[]}`), store.Invalid, "sheets 2 件目の id: id w が重複しています"},
		{"sheet name long", sheet(`{"id":"w","name":"` + strings.Repeat("あ", MaxSheetRunes+1) + `","rows":[]}`), store.Invalid, "sheets 1 件目の name: 長すぎます（100 文字まで）"},
		{"order not strings", sheet(`{"id":"w","name":"S","order":[1],"rows":[]}`), store.Invalid, "sheets 1 件目の order 1 件目: 文字列にしてください（数値です）"},
		{"deleted a string", sheet(`{"id":"w","name":"S","deleted":"yes","rows":[]}`), store.Invalid, "sheets 1 件目の deleted: true か false にしてください（文字列です）"},
		{"rows missing", sheet(`{"id":"w","name":"S"}`), store.Invalid, "sheets 1 件目の rows: ありません"},
		{"row a string", row(`"x"`), store.Invalid, "sheets 1 件目の rows 1 件目: オブジェクトにしてください（文字列です）"},
		{"row name a number", row(`{"id":"r","name":3,"vector":"` + v1 + `"}`), store.Invalid, "sheets 1 件目の rows 1 件目の name: 文字列にしてください（数値です）"},
		{"row vector missing", row(`{"id":"r","name":"A"}`), store.Invalid, "sheets 1 件目の rows 1 件目の vector: ありません"},
		{"row vector bad", row(`{"id":"r","name":"A","vector":"CVSS:3.0/AV:Q"}`), store.Invalid, "sheets 1 件目の rows 1 件目の vector: "},
		{"row note long", row(`{"id":"r","name":"A","vector":"` + v1 + `","note":"` + strings.Repeat("x", MaxNoteRunes+1) + `"}`), store.Invalid, "sheets 1 件目の rows 1 件目の note: 長すぎます（2000 文字まで）"},
		{"row stamp negative", row(`{"id":"r","name":"A","vector":"` + v1 + `","at":{"name":-5}}`), store.Invalid, "sheets 1 件目の rows 1 件目の at の name: 0 から"},
		{"row at unknown field", row(`{"id":"r","name":"A","vector":"` + v1 + `","at":{"colour":1}}`), store.Invalid, "sheets 1 件目の rows 1 件目の at の colour: このサイトの知らない項目です"},
		{"row id twice", row(`{"id":"r","name":"A","vector":"` + v1 + `"},{"id":"r","name":"B","vector":"` + v1 + `"}`), store.Invalid, "sheets 1 件目の rows 2 件目: id r が重複しています"},
		{"legacy rows an object", `{"format":"shguide-worksheet","version":1,"rows":{}}`, store.Invalid, "rows: 配列にしてください（オブジェクトです）"},
		{"legacy row vector number", `{"format":"shguide-worksheet","version":1,"rows":[{"name":"A","vector":5}]}`, store.Invalid, "rows 1 件目の vector: 文字列にしてください（数値です）"},
		{"legacy version 2", `{"format":"shguide-worksheet","version":2,"rows":[]}`, store.Invalid, "version: 2 という版はありません"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, u := DecodeBook(tc.text)
			if u == nil {
				t.Fatal("read without problems")
			}
			if u.Kind != tc.kind || !strings.HasPrefix(u.Problems[0].Message, tc.first) {
				t.Errorf("%v %q, want %v %q", u.Kind, u.Problems[0].Message, tc.kind, tc.first)
			}
		})
	}
}

// A bad row leaves the rest readable: what the user may choose to keep.
func TestDecodeBookSalvage(t *testing.T) {
	text := `{"format":"shguide-worksheets","version":2,"sheets":[
{"id":"w1","name":"S","rows":[{"id":"r1","name":"A","vector":"` + v1 + `"}]},
{"id":"w2","name":"T","rows":[{"id":"r2","name":5,"vector":"` + v1 + `"}]}]}`
	bk, u := DecodeBook(text)
	if u == nil || len(u.Problems) != 1 {
		t.Fatalf("problems %v", u)
	}
	if len(bk.Sheets) != 2 || len(bk.Sheets[0].Rows) != 1 || len(bk.Sheets[1].Rows) != 0 {
		t.Errorf("salvage %+v", bk)
	}
}

func TestDecodeLegacy(t *testing.T) {
	text := `{"format":"shguide-worksheet","version":1,"rows":[{"name":"A","vector":"` + v1 + `","note":"n"},{"name":"B","vector":"CVSS:3.0/II:N/LP:N/AV:P/AC:L/PR:L/UI:R/S:U/C:H/I:N/A:N","scores":{}}]}`
	bk, u := DecodeBook(text)
	if u != nil {
		t.Fatal(u.Problems)
	}
	want := Book{
		Current: store.Field[string]{V: "w-v1", At: 1},
		Sheets: []Sheet{{ID: "w-v1", Name: store.Field[string]{V: LegacySheetName, At: 1}, Order: store.Order{V: []string{"r-v1-1", "r-v1-2"}, At: 1},
			Rows: []Record{
				{ID: "r-v1-1", Name: store.Field[string]{V: "A", At: 1}, Vector: store.Field[string]{V: v1, At: 1}, Note: store.Field[string]{V: "n", At: 1}},
				{ID: "r-v1-2", Name: store.Field[string]{V: "B", At: 1}, Vector: store.Field[string]{V: v2, At: 1}, Note: store.Field[string]{At: 1}},
			}}},
	}
	if !reflect.DeepEqual(bk, want) {
		t.Errorf("migrated\n got %+v\nwant %+v", bk, want)
	}
	// Two tabs migrating at once write the same text.
	bk2, _ := DecodeBook(text)
	if textOf(bk) != textOf(Merge(bk, bk2)) {
		t.Error("two migrations do not merge into one")
	}
}

// randomBook makes a book of a few sheets and rows with colliding ids and
// stamps, for the merge properties.
func randomBook(r *rand.Rand) Book {
	str := func(prefix string, n int) string { return prefix + string(rune('a'+r.IntN(n))) }
	field := func() store.Field[string] { return store.Field[string]{V: str("v", 3), At: store.Stamp(r.IntN(4))} }
	flag := func() store.Field[bool] { return store.Field[bool]{V: r.IntN(2) == 0, At: store.Stamp(r.IntN(4))} }
	var bk Book
	bk.Current = field()
	for range r.IntN(3) {
		s := Sheet{ID: str("w", 3), Name: field(), Deleted: flag()}
		for range r.IntN(4) {
			s.Order.V = append(s.Order.V, str("r", 5))
		}
		s.Order = store.Order{V: store.Unique(s.Order.V), At: store.Stamp(r.IntN(4))}
		for range r.IntN(4) {
			s.Rows = append(s.Rows, Record{ID: str("r", 5), Name: field(), Vector: field(), Note: field(), Deleted: flag()})
		}
		s.Rows = store.MergeByID(s.Rows, nil, recordID, mergeRecord)
		bk.Sheets = append(bk.Sheets, s)
	}
	bk.Sheets = store.MergeByID(bk.Sheets, nil, sheetID, mergeSheet)
	return bk
}

func textOf(bk Book) string { return string(bk.AppendJSON(nil)) }

// Merging is commutative, associative and idempotent down to the text, so
// that tabs converge whatever order they see each other's writes in.
func TestMergeProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 3000 {
		a, b, c := randomBook(r), randomBook(r), randomBook(r)
		if x, y := textOf(Merge(a, b)), textOf(Merge(b, a)); x != y {
			t.Fatalf("%d: not commutative:\n%s\n%s", i, x, y)
		}
		if x, y := textOf(Merge(Merge(a, b), c)), textOf(Merge(a, Merge(b, c))); x != y {
			// The order of rows one tab added while another reordered may
			// differ, but the set of rows and every field must not.
			if !sameContent(Merge(Merge(a, b), c), Merge(a, Merge(b, c))) {
				t.Fatalf("%d: not associative:\n%s\n%s", i, x, y)
			}
		}
		if x, y := textOf(Merge(a, a)), textOf(a); x != y {
			t.Fatalf("%d: not idempotent:\n%s\n%s", i, x, y)
		}
		ab := Merge(a, b)
		if x, y := textOf(Merge(ab, b)), textOf(ab); x != y {
			t.Fatalf("%d: merging again changes:\n%s\n%s", i, x, y)
		}
	}
}

// sameContent compares books apart from the order of ids in Order.
func sameContent(a, b Book) bool {
	strip := func(bk Book) Book {
		out := Book{Current: bk.Current}
		for _, s := range bk.Sheets {
			s.Order = store.Order{At: s.Order.At}
			out.Sheets = append(out.Sheets, s)
		}
		return out
	}
	return reflect.DeepEqual(strip(a), strip(b))
}

func TestPrune(t *testing.T) {
	day := int64(24 * 3600 * 1000)
	now := 100 * day
	old := store.Stamp(now - (TombstoneDays+1)*day)
	recent := store.Stamp(now - day)
	bk := Book{Sheets: []Sheet{
		{ID: "w1", Order: store.Order{V: []string{"r1", "r2", "r3"}}, Rows: []Record{
			{ID: "r1", Deleted: store.Field[bool]{V: true, At: old}},
			{ID: "r2", Deleted: store.Field[bool]{V: true, At: recent}},
			{ID: "r3", Deleted: store.Field[bool]{V: false, At: old}},
		}},
		{ID: "w2", Deleted: store.Field[bool]{V: true, At: old}},
	}}
	bk.Prune(now)
	if len(bk.Sheets) != 1 || len(bk.Sheets[0].Rows) != 2 || bk.Sheets[0].Rows[0].ID != "r2" ||
		!reflect.DeepEqual(bk.Sheets[0].Order.V, []string{"r2", "r3"}) {
		t.Errorf("pruned %+v", bk)
	}
}

// FuzzDecodeBook: no input panics; what reads without problems writes a
// canonical text that reads back to the same book.
func FuzzDecodeBook(f *testing.F) {
	f.Add(goodBook)
	f.Add(`{"format":"shguide-worksheet","version":1,"rows":[{"name":"A","vector":"` + v1 + `"}]}`)
	f.Add(`{"format":"shguide-worksheets","version":2,"sheets":[{"id":"w","name":"S","rows":[],"order":["x"]}]}`)
	f.Add(`{"format":"shguide-worksheets","version":9}`)
	f.Fuzz(func(t *testing.T, s string) {
		bk, u := DecodeBook(s)
		if u != nil {
			if len(u.Problems) == 0 || u.Problems[0].Message == "" {
				t.Fatalf("unreadable without a message: %+v", u)
			}
			return
		}
		text := string(bk.AppendJSON(nil))
		back, u := DecodeBook(text)
		if u != nil {
			t.Fatalf("%q writes %s, which does not read: %v", s, text, u.Problems)
		}
		if string(back.AppendJSON(nil)) != text {
			t.Fatalf("%q: not canonical", s)
		}
	})
}
