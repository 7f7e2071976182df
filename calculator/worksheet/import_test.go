package worksheet

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"shguide/calculator"
)

const (
	v1 = "CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/LP:N/II:H"
	v2 = "CVSS:3.0/AV:P/AC:L/PR:L/UI:R/S:U/C:H/I:N/A:N/LP:N/II:N"
)

// brief is a problem reduced to what the tests compare.
type brief struct {
	Line          int
	Field, Kind   string
	Metric        string
	Column        int
	MessagePrefix string
}

func briefs(ps []Problem) []brief {
	out := []brief{}
	for _, p := range ps {
		prefix := p.Message
		if i := strings.Index(prefix, ": "); i >= 0 {
			prefix = prefix[:i]
		}
		out = append(out, brief{p.Line, p.Field, p.Kind, p.Metric, p.Column, prefix})
	}
	return out
}

func TestImportCSV(t *testing.T) {
	for _, tc := range []struct {
		name     string
		in       string
		rows     []Imported
		problems []brief
	}{
		{
			name: "two rows, BOM, CRLF, note optional",
			in:   "\uFEFF脅威A," + v1 + ",メモ\r\n脅威B," + v2 + "\r\n",
			rows: []Imported{{1, Row{"脅威A", v1, "メモ"}}, {2, Row{"脅威B", v2, ""}}},
		},
		{
			name: "header with extra columns in any order, quoted note over lines",
			in:   "note,base,vector,name\n\"複数\n行, の備考\",9.9," + v1 + ",A\n," + "0.0," + v2 + ",B\n",
			rows: []Imported{{2, Row{"A", v1, "複数\n行, の備考"}}, {4, Row{"B", v2, ""}}},
		},
		{
			name: "bad lines reported by the line they start on",
			in: "ok," + v1 + "\n" +
				"bad value,CVSS:3.0/AV:Q/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H\n" +
				"\n" +
				",missing name and vector\n" +
				"\"multi\nline\"," + v2 + "\n" +
				"too,many," + v2 + ",columns\n" +
				"b\"are," + v2 + "\n" +
				"last,CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H\n",
			rows: []Imported{{1, Row{"ok", v1, ""}}, {5, Row{"multi line", v2, ""}}},
			problems: []brief{
				{2, "vector", "invalid-value", "AV", 13, "2 行目"},
				{4, "name", "name-empty", "", 0, "4 行目"},
				{4, "vector", "prefix", "", 1, "4 行目"},
				{7, "", "columns", "", 0, "7 行目"},
				{8, "", "csv-bare-quote", "", 0, "8 行目"},
				{9, "vector", "missing", "A", 41, "9 行目"},
			},
		},
		{
			name:     "unterminated quote swallows the rest",
			in:       "a," + v1 + "\n\"b," + v2 + "\nc," + v2 + "\n",
			rows:     []Imported{{1, Row{"a", v1, ""}}},
			problems: []brief{{2, "", "csv-unterminated", "", 0, "2 行目"}},
		},
		{
			name:     "one column is not a row",
			in:       v1 + "\n",
			rows:     []Imported{},
			problems: []brief{{1, "", "columns", "", 0, "1 行目"}},
		},
		{
			name:     "header without a name column",
			in:       "vector,note\n" + v1 + ",x\n",
			rows:     []Imported{},
			problems: []brief{{1, "", "header", "", 0, "1 行目"}},
		},
		{
			name: "formula guard removed, names one line, vectors canonical, spaces trimmed",
			in:   "'=SUM(A1),\" CVSS:3.0/II:H/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/LP:N/E:X \",'+1\n\"tab\there\"," + v2 + "\n",
			rows: []Imported{{1, Row{"=SUM(A1)", v1, "+1"}}, {2, Row{"tab here", v2, ""}}},
		},
		{
			name:     "blank file",
			in:       "\uFEFF\r\n , \r\n",
			rows:     []Imported{},
			problems: []brief{},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			im := ImportCSV(tc.in)
			if !reflect.DeepEqual(im.Rows, tc.rows) {
				t.Errorf("rows\n got %+v\nwant %+v", im.Rows, tc.rows)
			}
			want := tc.problems
			if want == nil {
				want = []brief{}
			}
			if got := briefs(im.Problems); !reflect.DeepEqual(got, want) {
				t.Errorf("problems\n got %+v\nwant %+v\n%s", got, want, messages(im.Problems))
			}
		})
	}
}

func messages(ps []Problem) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(p.Message + "\n")
	}
	return b.String()
}

func TestImportMessages(t *testing.T) {
	im := ImportCSV("x,CVSS:3.0/AV:Q/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H\n\"a\"b,c\n")
	want := []string{
		"1 行目: ベクトル: 13 文字目: AV の値「Q」は無効です（有効な値: N, A, L, P）",
		"2 行目: 閉じる「\"」の後には「,」か改行が必要です（値の中の \" は \"\" と書いてください）",
	}
	var got []string
	for _, p := range im.Problems {
		got = append(got, p.Message)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("messages\n got %q\nwant %q", got, want)
	}
	if im.BadLines() != 2 {
		t.Errorf("BadLines = %d", im.BadLines())
	}
}

func TestImportLimits(t *testing.T) {
	var b strings.Builder
	for i := 0; i < MaxRows+5; i++ {
		b.WriteString("r," + v1 + "\n")
	}
	im := ImportCSV(b.String())
	if len(im.Rows) != MaxRows || len(im.Problems) != 1 || im.Problems[0].Kind != "limit" || im.Problems[0].Line != MaxRows+1 {
		t.Errorf("rows %d, problems %+v", len(im.Rows), im.Problems)
	}
	im = ImportCSV(strings.Repeat("x", MaxInputBytes+1))
	if len(im.Rows) != 0 || len(im.Problems) != 1 || im.Problems[0].Kind != "too-large" || im.Problems[0].Line != 0 {
		t.Errorf("too large: %+v", im.Problems)
	}
	long := strings.Repeat("長", MaxNameRunes+1)
	im = ImportCSV(long + "," + v1 + "," + strings.Repeat("n", MaxNoteRunes+1) + "\n")
	if got := briefs(im.Problems); len(got) != 2 || got[0].Kind != "name-long" || got[1].Kind != "note-long" {
		t.Errorf("long fields: %+v", got)
	}
	im = ImportCSV("a," + v1 + strings.Repeat("/E:X", 100) + "\n")
	if len(im.Problems) != 1 || im.Problems[0].Kind != "vector-long" {
		t.Errorf("long vector: %+v", im.Problems)
	}
}

func TestImportPaste(t *testing.T) {
	for _, tc := range []struct {
		name     string
		in       string
		rows     []Imported
		problems []brief
	}{
		{
			name: "vectors one per line, comments and blanks skipped",
			in:   "# 表3-38\n" + v1 + "\r\n\n  " + v2 + "  \nCVSS:3.0/AV:N\n",
			rows: []Imported{{2, Row{"ベクトル 2", v1, ""}}, {4, Row{"ベクトル 4", v2, ""}}},
			problems: []brief{
				{5, "vector", "missing", "AC", 14, "5 行目"},
			},
		},
		{
			name: "spreadsheet rows with a header",
			in:   "名前\tベクトル\t備考\n脅威A\t" + v1 + "\tメモ\n脅威B\t" + v2 + "\n",
			rows: []Imported{{2, Row{"脅威A", v1, "メモ"}}, {3, Row{"脅威B", v2, ""}}},
		},
		{
			name:     "spreadsheet rows without header",
			in:       "脅威A\t" + v1 + "\n\t" + v2 + "\n",
			rows:     []Imported{{1, Row{"脅威A", v1, ""}}},
			problems: []brief{{2, "name", "name-empty", "", 0, "2 行目"}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			im := ImportPaste(tc.in)
			if !reflect.DeepEqual(im.Rows, tc.rows) {
				t.Errorf("rows\n got %+v\nwant %+v", im.Rows, tc.rows)
			}
			want := tc.problems
			if want == nil {
				want = []brief{}
			}
			if got := briefs(im.Problems); !reflect.DeepEqual(got, want) {
				t.Errorf("problems\n got %+v\nwant %+v\n%s", got, want, messages(im.Problems))
			}
		})
	}
}

func str(s string) Field { return Field{Type: "string", Value: s} }

var undef = Field{Type: "undefined"}

func TestImportItems(t *testing.T) {
	im := ImportItems(Document{Type: "array", Items: []Item{
		{Type: "object", Name: str("A"), Vector: str(v1), Note: str("n")},
		{Type: "object", Name: str("B"), Vector: str(v2), Note: undef},
		{Type: "string", Vector: str(v2)},
		{Type: "object", Name: Field{Type: "number"}, Vector: undef, Note: Field{Type: "null"}},
		{Type: "array"},
		{Type: "object", Name: str("bad"), Vector: str("CVSS:3.0/AV:N/AV:N"), Note: undef},
	}})
	wantRows := []Imported{{1, Row{"A", v1, "n"}}, {2, Row{"B", v2, ""}}, {3, Row{"ベクトル 3", v2, ""}}}
	if !reflect.DeepEqual(im.Rows, wantRows) {
		t.Errorf("rows\n got %+v\nwant %+v", im.Rows, wantRows)
	}
	want := []brief{
		{4, "name", "type", "", 0, "4 件目"},
		{4, "vector", "vector-missing", "", 0, "4 件目"},
		{5, "", "type", "", 0, "5 件目"},
		{6, "vector", "duplicate", "AV", 15, "6 件目"},
	}
	if got := briefs(im.Problems); !reflect.DeepEqual(got, want) {
		t.Errorf("problems\n got %+v\nwant %+v\n%s", got, want, messages(im.Problems))
	}
	if im.BadLines() != 3 {
		t.Errorf("BadLines = %d, want 3", im.BadLines())
	}
	im = ImportItems(Document{Type: "object"})
	if len(im.Problems) != 1 || im.Problems[0].Kind != "format" {
		t.Errorf("object without rows: %+v", im.Problems)
	}
}

func TestImportAppendJSON(t *testing.T) {
	im := ImportCSV("a <b> & 'c'," + v1 + ",\"x\ny\"\nb,CVSS:3.0/AV:Q\nc,av:n/ac:h/pr:n/ui:n/s:u/c:h/i:h/a:h\n")
	var got struct {
		Unit     string     `json:"unit"`
		Rows     []Imported `json:"rows"`
		Problems []Problem  `json:"problems"`
		BadLines int        `json:"badLines"`
		Assumed  []int      `json:"assumed"`
		Note     string     `json:"assumedNote"`
	}
	b := im.AppendJSON(nil)
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatalf("%v in %s", err, b)
	}
	if got.Unit != "行" || got.BadLines != 1 || !reflect.DeepEqual(got.Rows, im.Rows) || !reflect.DeepEqual(got.Problems, im.Problems) ||
		!reflect.DeepEqual(got.Assumed, []int{4}) || got.Note != im.AssumedNote() || got.Note == "" {
		t.Errorf("JSON %s does not carry %+v", b, im)
	}
}

// TestImportLenient: vectors without the prefix, in lower case, with spaces
// or a trailing slash import in canonical form, in every import format, and
// the import names the lines whose prefix was assumed.
func TestImportLenient(t *testing.T) {
	const noPrefix = "AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/LP:N/II:H"
	lower := strings.ToLower(v2) + "/"
	for _, tc := range []struct {
		name string
		im   *Import
	}{
		{"csv", ImportCSV("a," + noPrefix + "\nb, " + lower + " \n")},
		{"paste", ImportPaste(noPrefix + "\n\u3000" + lower + "\n")},
		{"json", ImportItems(Document{Type: "rows", Items: []Item{
			{Type: "object", Name: str("a"), Vector: str(noPrefix), Note: Field{Type: "undefined"}},
			{Type: "object", Name: str("b"), Vector: str(lower), Note: Field{Type: "undefined"}},
		}})},
	} {
		t.Run(tc.name, func(t *testing.T) {
			im := tc.im
			if len(im.Problems) != 0 || len(im.Rows) != 2 || im.Rows[0].Vector != v1 || im.Rows[1].Vector != v2 {
				t.Fatalf("rows %+v problems %+v", im.Rows, im.Problems)
			}
			if !reflect.DeepEqual(im.Assumed, []int{1}) {
				t.Errorf("assumed %v, want [1]", im.Assumed)
			}
			if note := im.AssumedNote(); !strings.Contains(note, "CVSS v3.0") || !strings.Contains(note, "（1 "+im.Unit+"目）") {
				t.Errorf("note %q", note)
			}
		})
	}
	var lines []string
	for range 12 {
		lines = append(lines, noPrefix)
	}
	im := ImportPaste(strings.Join(lines, "\n"))
	if note := im.AssumedNote(); !strings.Contains(note, "10 行目ほか 2 行）") {
		t.Errorf("note for 12 lines: %q", note)
	}
	if note := ImportPaste(v1).AssumedNote(); note != "" {
		t.Errorf("note without assumptions: %q", note)
	}
}

// FuzzImportCSV: any input imports without panicking; every imported row
// is valid, problems are in line order, and exporting the rows and
// importing the export gives the same rows back.
func FuzzImportCSV(f *testing.F) {
	f.Add("a," + v1 + ",n\n")
	f.Add("name,vector,note\r\n\"x,\ny\"," + v2 + ",\"q\"\"\"\r\nbad,CVSS:3.0/AV:Q\r\n")
	f.Add("'=1," + v1 + ",'@x\n\"open")
	f.Fuzz(func(t *testing.T, s string) {
		im := ImportCSV(s)
		last := 0
		for _, p := range im.Problems {
			if p.Line < last || p.Message == "" {
				t.Fatalf("problems out of order or without message: %+v", im.Problems)
			}
			last = p.Line
		}
		rows := make([]Row, len(im.Rows))
		for i, r := range im.Rows {
			if r.Name == "" || r.Name != strings.TrimSpace(r.Name) {
				t.Fatalf("bad name %q", r.Name)
			}
			if v, err := calculator.Parse(r.Vector); err != nil || v.String() != r.Vector {
				t.Fatalf("row vector %q: %v", r.Vector, err)
			}
			rows[i] = r.Row
		}
		back := ImportCSV(string(AppendCSV(nil, rows)))
		if len(back.Problems) != 0 || len(back.Rows) != len(rows) {
			t.Fatalf("export of %+v re-imports with %+v", rows, back.Problems)
		}
		for i, r := range back.Rows {
			if r.Row != rows[i] {
				t.Fatalf("round trip: %+v became %+v", rows[i], r.Row)
			}
		}
	})
}
