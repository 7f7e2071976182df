package store

import (
	"slices"
	"strings"
	"testing"
	"time"

	"shguide/internal/jsontext"
)

func TestClock(t *testing.T) {
	now := int64(1000)
	c := NewClock(func() int64 { return now }, func() int { return 540 })
	if s := c.Next(); s != 1000 {
		t.Errorf("first stamp %d", s)
	}
	if s := c.Next(); s != 1001 { // same millisecond
		t.Errorf("second stamp %d, want 1001", s)
	}
	c.See(5000) // another tab's clock is ahead
	if s := c.Next(); s != 5001 {
		t.Errorf("after seeing 5000: %d", s)
	}
	c.See(10)
	now = 9000
	if s := c.Next(); s != 9000 {
		t.Errorf("clock moved on: %d", s)
	}
}

// TestSet: a write that changes nothing keeps the field's stamp, so that it
// cannot win a merge over another tab's change.
func TestSet(t *testing.T) {
	c := NewClock(func() int64 { return 100 }, func() int { return 540 })
	f := Field[string]{"a", 50}
	for _, tt := range []struct {
		v     string
		wrote bool
		want  Field[string]
	}{
		{"a", false, Field[string]{"a", 50}},
		{"b", true, Field[string]{"b", 100}},
		{"b", false, Field[string]{"b", 100}},
		{"", true, Field[string]{"", 101}},
	} {
		if wrote := Set(&f, tt.v, c); wrote != tt.wrote || f != tt.want {
			t.Errorf("Set(%q) = %v, field %v; want %v, %v", tt.v, wrote, f, tt.wrote, tt.want)
		}
	}
}

func TestLater(t *testing.T) {
	a := Field[string]{"a", 5}
	b := Field[string]{"b", 7}
	if got := Later(a, b, strings.Compare); got != b {
		t.Errorf("later stamp lost: %v", got)
	}
	if got := Later(b, a, strings.Compare); got != b {
		t.Errorf("not commutative: %v", got)
	}
	c := Field[string]{"c", 7}
	if Later(b, c, strings.Compare) != c || Later(c, b, strings.Compare) != c {
		t.Error("a tie is not broken by value")
	}
	if Later(Field[bool]{true, 3}, Field[bool]{false, 3}, CompareBool).V != true {
		t.Error("bool tie")
	}
	if CompareInt(2, 3) != -1 || CompareInt(3, 2) != 1 || CompareInt(2, 2) != 0 {
		t.Error("CompareInt")
	}
	if CompareStrings([]string{"a"}, []string{"a", "b"}) != -1 || CompareStrings([]string{"b"}, []string{"a", "b"}) != 1 ||
		CompareStrings(nil, []string{}) != 0 {
		t.Error("CompareStrings")
	}
}

func TestNewID(t *testing.T) {
	id := NewID('r', 1712345678901, 42)
	if id != "rlun2elv9-0000000000016" {
		t.Errorf("NewID = %s", id)
	}
	if NewID('r', 1, 1) == NewID('r', 1, 2) {
		t.Error("random digits ignored")
	}
}

type rec struct {
	ID string
	N  Field[int]
}

func recID(r *rec) string { return r.ID }
func mergeRec(x, y rec) rec {
	return rec{x.ID, Later(x.N, y.N, CompareInt)}
}

func TestMergeByID(t *testing.T) {
	a := []rec{{"b", Field[int]{1, 10}}, {"a", Field[int]{2, 5}}}
	b := []rec{{"c", Field[int]{3, 1}}, {"a", Field[int]{9, 6}}}
	want := []rec{{"a", Field[int]{9, 6}}, {"b", Field[int]{1, 10}}, {"c", Field[int]{3, 1}}}
	if got := MergeByID(a, b, recID, mergeRec); !slices.Equal(got, want) {
		t.Errorf("MergeByID = %v, want %v", got, want)
	}
	if got := MergeByID(b, a, recID, mergeRec); !slices.Equal(got, want) {
		t.Errorf("not commutative: %v", got)
	}
	dup := []rec{{"a", Field[int]{1, 1}}, {"a", Field[int]{2, 2}}}
	if got := MergeByID(dup, nil, recID, mergeRec); len(got) != 1 || got[0].N.V != 2 {
		t.Errorf("duplicates within a list: %v", got)
	}
}

func TestMergeOrder(t *testing.T) {
	a := Order{V: []string{"r1", "r2", "r3"}, At: 10}
	b := Order{V: []string{"r2", "r1", "r4"}, At: 20} // reordered and added r4
	for _, got := range []Order{MergeOrder(a, b), MergeOrder(b, a)} {
		if want := []string{"r2", "r1", "r4", "r3"}; !slices.Equal(got.V, want) || got.At != 20 {
			t.Errorf("MergeOrder = %v, want %v at 20", got, want)
		}
	}
	same := MergeOrder(a, a)
	if !slices.Equal(same.V, a.V) || same.At != a.At {
		t.Errorf("not idempotent: %v", same)
	}
	if got := Arrange([]string{"x", "b", "a", "b"}, []string{"a", "b", "c"}); !slices.Equal(got, []string{"b", "a", "c"}) {
		t.Errorf("Arrange = %v", got)
	}
}

func TestPath(t *testing.T) {
	p := Path{}.Key("sheets").Index(0, "").Key("rows").Index(3, "r9").Key("vector")
	if got := p.String(); got != "sheets 1 件目の rows 4 件目（r9）の vector" {
		t.Errorf("path %q", got)
	}
	if got := (Path{}).Index(2, "").String(); got != "3 件目" {
		t.Errorf("root index %q", got)
	}
}

func decodeOne(t *testing.T, text string, strict bool, read func(o Obj)) []string {
	t.Helper()
	v, err := jsontext.Parse(text)
	if err != nil {
		t.Fatal(err)
	}
	d := &Decoder{Strict: strict}
	o, ok := d.Object(&v, Path{}.Key("x"))
	if ok {
		read(o)
	}
	var out []string
	for _, p := range d.Problems {
		out = append(out, p.Message)
	}
	return out
}

func TestDecoder(t *testing.T) {
	for _, tc := range []struct {
		text   string
		strict bool
		read   func(o Obj)
		want   []string
	}{
		{`{"name": 3}`, false, func(o Obj) { o.String("name", true, 10) }, []string{"x の name: 文字列にしてください（数値です）"}},
		{`{}`, false, func(o Obj) { o.String("name", true, 10) }, []string{"x の name: ありません"}},
		{`{"name": null}`, false, func(o Obj) { o.String("name", false, 10) }, nil},
		{`{"name": null}`, false, func(o Obj) { o.String("name", true, 10) }, []string{"x の name: 文字列にしてください（nullです）"}},
		{`{"name": "あいうえおかきくけこさ"}`, false, func(o Obj) { o.String("name", true, 10) }, []string{"x の name: 長すぎます（10 文字まで）"}},
		{`{"level": 2.5}`, false, func(o Obj) { o.Int("level", true, 2, 3) }, []string{"x の level: 整数にしてください（2.5）"}},
		{`{"level": 4}`, false, func(o Obj) { o.Int("level", true, 2, 3) }, []string{"x の level: 2 から 3 までにしてください（4）"}},
		{`{"level": "2"}`, false, func(o Obj) { o.Int("level", true, 2, 3) }, []string{"x の level: 数値にしてください（文字列です）"}},
		{`{"deleted": 1}`, false, func(o Obj) { o.Bool("deleted") }, []string{"x の deleted: true か false にしてください（数値です）"}},
		{`{"list": {}}`, false, func(o Obj) { o.Array("list", true, 5) }, []string{"x の list: 配列にしてください（オブジェクトです）"}},
		{`{"list": [1,2,3]}`, false, func(o Obj) { o.Array("list", true, 2) }, []string{"x の list: 多すぎます（2 件まで、3 件あります）"}},
		{`{"t": ["H", 5]}`, false, func(o Obj) { o.Strings("t", true, 5) }, []string{"x の t 2 件目: 文字列にしてください（数値です）"}},
		{`{"at": {"name": -1, "note": 1e3, "v": 2}}`, true, func(o Obj) { o.Stamps("name", "note") },
			[]string{"x の at の name: 0 から 9007199254740992 までにしてください（-1）", "x の at の v: このサイトの知らない項目です"}},
		{`{"at": []}`, false, func(o Obj) { o.Stamps("name") }, []string{"x の at: オブジェクトにしてください（配列です）"}},
		{`{"a": 1, "b": 2, "a": 3}`, true, func(o Obj) { o.Known("a") }, []string{"x の b: このサイトの知らない項目です", "x の a: 同じキーが 2 回あります"}},
		{`{"a": 1, "b": 2}`, false, func(o Obj) { o.Known("a") }, nil},
	} {
		got := decodeOne(t, tc.text, tc.strict, tc.read)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s:\n got %q\nwant %q", tc.text, got, tc.want)
		}
	}
	v, _ := jsontext.Parse(`[1]`)
	d := &Decoder{}
	if _, ok := d.Object(&v, Path{}.Key("doc")); ok || len(d.Problems) != 1 || d.Problems[0].Message != "doc: オブジェクトにしてください（配列です）" {
		t.Errorf("Object of an array: %v", d.Problems)
	}
}

func TestOpen(t *testing.T) {
	for _, tc := range []struct {
		text    string
		legacy  string
		kind    UnreadableKind
		version int
		msg     string
	}{
		{`{"format":"f","version":2}`, "", 0, 2, ""},
		{`{"format":"f","version":1}`, "", 0, 1, ""},
		{`{"format":"old","version":1}`, "old", 0, 1, ""},
		{`{"version":1,"assessments":[]}`, "*", 0, 1, ""},
		{`{"format":"old","version":2}`, "old", Invalid, 2, "version: 2 という版はありません"},
		{`{"format":"f","version":3}`, "", Newer, 3, "version: 3（この版が読めるのは 2 まで）"},
		{`{"format":"f","version":0}`, "", Invalid, 0, "version: 0 という版はありません"},
		{`{"format":"f","version":"2"}`, "", Invalid, 0, "version: 版の番号がありません"},
		{`{"format":"f"}`, "", Invalid, 0, "version: 版の番号がありません"},
		{`{"format":"g","version":2}`, "", Foreign, 0, "format: \"f\" ではありません（\"g\"）"},
		{`{"version":2}`, "", Foreign, 0, "format: \"f\" ではありません"},
		{`[]`, "", Foreign, 0, "オブジェクトではありません（配列です）"},
		{`{"format":"f","version":2`, "", Corrupt, 0, "1 行目 26 文字目: 途中で終わっています（閉じる「\"」「]」「}」が足りないようです）"},
		{``, "", Corrupt, 0, "1 行目 1 文字目: JSON の値がありません（空のファイルです）"},
	} {
		_, n, u := Open(tc.text, "f", 2, tc.legacy)
		if tc.kind == 0 {
			if u != nil || n != tc.version {
				t.Errorf("Open(%s) = %d, %v", tc.text, n, u)
			}
			continue
		}
		if u == nil || u.Kind != tc.kind || u.Version != map[bool]int{true: tc.version}[tc.kind == Newer] || u.Problems[0].Message != tc.msg {
			t.Errorf("Open(%s) = %d, %+v; want %v %q", tc.text, n, u, tc.kind, tc.msg)
		}
		if u != nil && !strings.HasPrefix(u.Japanese("保存データ"), "保存データ") {
			t.Errorf("headline %q", u.Japanese("保存データ"))
		}
	}
}

func TestInvalidCapsProblems(t *testing.T) {
	d := &Decoder{}
	if d.Invalid() != nil {
		t.Error("no problems, yet Invalid")
	}
	for range MaxProblems + 7 {
		d.Add(Path{}.Key("a"), "x", "y")
	}
	u := d.Invalid()
	if len(u.Problems) != MaxProblems+1 || u.Problems[MaxProblems].Message != "ほかに 7 件の問題があります" {
		t.Errorf("capped problems: %d, last %q", len(u.Problems), u.Problems[len(u.Problems)-1].Message)
	}
	b := u.AppendJSON(nil)
	if _, err := jsontext.Parse(string(b)); err != nil || !strings.Contains(string(b), `"kind":"invalid"`) {
		t.Errorf("AppendJSON: %s %v", b, err)
	}
}

func TestDates(t *testing.T) {
	const may1 = 1714550400000 // 2024-05-01T08:00:00Z
	c := NewClock(func() int64 { return may1 + 16*3600*1000 }, func() int { return 540 })
	if got := c.Today("-"); got != "2024-05-02" { // 09:00 in Japan the next day
		t.Errorf("Today = %s", got)
	}
	c = NewClock(func() int64 { return may1 }, func() int { return -600 })
	if got := c.Today(""); got != "20240430" {
		t.Errorf("Today in Hawaii = %s", got)
	}
	for ms, want := range map[int64]string{
		may1: "2024-05-01T08:00:00Z", 0: "1970-01-01T00:00:00Z", -1000: "1969-12-31T23:59:59Z",
		951782400000: "2000-02-29T00:00:00Z", 4102444799000: "2099-12-31T23:59:59Z",
	} {
		if got := ISOTime(ms); got != want {
			t.Errorf("ISOTime(%d) = %s, want %s", ms, got, want)
		}
	}
}

func TestUnique(t *testing.T) {
	if got := Unique([]string{"a", "b", "a", "c", "b"}); !slices.Equal(got, []string{"a", "b", "c"}) {
		t.Errorf("Unique = %v", got)
	}
}

// FuzzISOTime holds the date arithmetic to the time package.
func FuzzISOTime(f *testing.F) {
	f.Add(int64(0), int16(540))
	f.Add(int64(-62135596800000), int16(-720))
	f.Fuzz(func(t *testing.T, ms int64, zone int16) {
		ms %= 1 << 47 // ±4000 years
		if got, want := ISOTime(ms), time.UnixMilli(ms).UTC().Format("2006-01-02T15:04:05Z"); got != want && ms >= -62135596800000 {
			t.Fatalf("ISOTime(%d) = %s, want %s", ms, got, want)
		}
		z := int(zone) % (15 * 60)
		c := NewClock(func() int64 { return ms }, func() int { return z })
		want := time.UnixMilli(ms).In(time.FixedZone("", z*60)).Format("2006-01-02")
		if got := c.Today("-"); got != want && ms >= -62135596800000 {
			t.Fatalf("Today(%d, %d) = %s, want %s", ms, z, got, want)
		}
	})
}

// TestSortedIndexIsStable: SortedIndex leaves equal elements in their
// order, as slices.SortStableFunc does, for lists long enough to go past
// the sort's insertion sort.
func TestSortedIndexIsStable(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 12, 13, 50, 300, 1000} {
		keys := make([]int, n)
		seed := uint32(n)
		for i := range keys {
			seed = seed*1664525 + 1013904223
			keys[i] = int(seed>>24) % 5 // many ties
		}
		cmp := func(a, b int) int { return keys[a] - keys[b] }
		want := make([]int, n)
		for i := range want {
			want[i] = i
		}
		slices.SortStableFunc(want, cmp)
		if got := SortedIndex(n, cmp); !slices.Equal(got, want) {
			t.Errorf("n=%d: got %v, want %v", n, got, want)
		}
	}
}
