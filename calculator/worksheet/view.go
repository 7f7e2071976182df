package worksheet

import (
	"strings"

	"shguide/calculator"
	"shguide/internal/jsontext"
	"shguide/internal/store"
)

// View is what the page shows of the worksheets.
type View struct {
	Sheets  []SheetView // the live sheets, oldest first
	Sheet   string      // the sheet shown
	Name    string      // its name
	Sort    SortView
	Rows    []RowView // its rows, in the user's order or sorted
	MaxRows int
}

// SheetView is a sheet in the list of sheets.
type SheetView struct {
	ID, Name string
	Rows     int
}

// RowView is a row with its scores.
type RowView struct {
	ID                 string
	N                  int // the row's place in the user's order, 1-based
	Name, Vector, Note string
	v                  calculator.Vector
	ok                 bool
	Error              string // the vector does not parse
}

// View returns what the page shows.
func (s *Session) View() *View {
	v := &View{MaxRows: MaxRows, Sort: s.sort}
	for i := range s.book.Sheets {
		sh := &s.book.Sheets[i]
		if !sh.Deleted.V {
			v.Sheets = append(v.Sheets, SheetView{sh.ID, sh.Name.V, s.live(sh)})
		}
	}
	sh := s.cur()
	if sh == nil {
		return v
	}
	v.Sheet, v.Name = sh.ID, sh.Name.V
	for i, r := range s.liveRows(sh) {
		v.Rows = append(v.Rows, s.rowView(r, i+1))
	}
	if s.sort.Key != "" {
		sortRows(v.Rows, s.sort)
	}
	return v
}

func (s *Session) rowView(r *Record, n int) RowView {
	rv := RowView{ID: r.ID, N: n, Name: r.Name.V, Vector: r.Vector.V, Note: r.Note.V}
	v, err := calculator.Parse(r.Vector.V)
	if err != nil {
		rv.Error = err.(*calculator.ParseError).Japanese()
	} else {
		rv.v, rv.ok = v, true
	}
	return rv
}

// score is the score a row is sorted by; ok false puts it last.
func (r *RowView) score(key string) (calculator.Score, bool) {
	if !r.ok {
		return 0, false
	}
	switch key {
	case "base":
		return r.v.Score().Base, true
	case "temporal":
		return r.v.Score().Temporal, true
	case "environmental":
		return r.v.Score().Environmental, true
	}
	p := r.v.Plain()
	p.Version = calculator.V30
	return p.Score().Base, true
}

// sortRows sorts rows by the view's key, stably, rows without a score last.
func sortRows(rows []RowView, sv SortView) {
	var cmp func(a, b int) int
	if sv.Key == "name" {
		keys := make([]string, len(rows))
		for i := range rows {
			keys[i] = collationKey(rows[i].Name)
		}
		cmp = func(a, b int) int {
			c := strings.Compare(keys[a], keys[b])
			if c == 0 {
				c = strings.Compare(rows[a].Name, rows[b].Name)
			}
			return c * sv.Dir
		}
	} else {
		scores := make([]calculator.Score, len(rows))
		ok := make([]bool, len(rows))
		for i := range rows {
			scores[i], ok[i] = rows[i].score(sv.Key)
		}
		cmp = func(a, b int) int {
			switch {
			case !ok[a] || !ok[b]:
				return boolInt(!ok[a]) - boolInt(!ok[b])
			case scores[a] < scores[b]:
				return -sv.Dir
			case scores[a] > scores[b]:
				return sv.Dir
			}
			return 0
		}
	}
	store.Permute(rows, store.SortedIndex(len(rows), cmp))
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// collationKey folds a name for sorting in Japanese dictionary order as
// far as code points allow: katakana as hiragana (ア = あ, so that kana
// words sort in 五十音 order together), full-width ASCII as ASCII, ASCII
// letters in lower case.
func collationKey(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case 0x30a1 <= r && r <= 0x30f6:
			return r - 0x60
		case 0xff01 <= r && r <= 0xff5e:
			r -= 0xfee0
		}
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return r
	}, s)
}

// AppendJSON writes the view:
//
//	{"sheets": [{"id", "name", "rows"}], "sheet", "name",
//	 "sort": {"key", "dir"} | null, "maxRows",
//	 "rows": [RowView…]}
func (v *View) AppendJSON(b []byte) []byte {
	b = append(b, `{"sheets":[`...)
	for i, sh := range v.Sheets {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '{')
		b = jsontext.AppendStringField(b, "id", sh.ID)
		b = jsontext.AppendStringField(b, "name", sh.Name)
		b = jsontext.AppendIntField(b, "rows", sh.Rows)
		b = append(b, '}')
	}
	b = append(b, ']')
	b = jsontext.AppendStringField(b, "sheet", v.Sheet)
	b = jsontext.AppendStringField(b, "name", v.Name)
	b = jsontext.AppendKey(b, "sort")
	if v.Sort.Key == "" {
		b = append(b, "null"...)
	} else {
		b = append(b, '{')
		b = jsontext.AppendStringField(b, "key", v.Sort.Key)
		b = jsontext.AppendIntField(b, "dir", v.Sort.Dir)
		b = append(b, '}')
	}
	b = jsontext.AppendIntField(b, "maxRows", v.MaxRows)
	b = append(b, `,"rows":[`...)
	for i := range v.Rows {
		if i > 0 {
			b = append(b, ',')
		}
		b = v.Rows[i].AppendJSON(b)
	}
	return append(b, "]}"...)
}

// AppendJSON writes the row: {"id", "n", "name", "vector", "note"} and
// either the scores ("baseScore", "baseSeverity", "baseSeverityJa", the
// same for "temporal", "environmental" and "cvss30Base", the plain CVSS
// v3.0 base score) or "error", the Japanese message of a vector that does
// not parse.
func (r *RowView) AppendJSON(b []byte) []byte {
	b = append(b, '{')
	b = jsontext.AppendStringField(b, "id", r.ID)
	b = jsontext.AppendIntField(b, "n", r.N)
	b = jsontext.AppendStringField(b, "name", r.Name)
	b = jsontext.AppendStringField(b, "vector", r.Vector)
	b = jsontext.AppendStringField(b, "note", r.Note)
	if !r.ok {
		b = jsontext.AppendStringField(b, "error", r.Error)
		return append(b, '}')
	}
	s := r.v.Score()
	b = calculator.AppendScoreJSON(b, "base", s.Base)
	b = calculator.AppendScoreJSON(b, "temporal", s.Temporal)
	b = calculator.AppendScoreJSON(b, "environmental", s.Environmental)
	p := r.v.Plain()
	p.Version = calculator.V30
	b = calculator.AppendScoreJSON(b, "cvss30Base", p.Score().Base)
	return append(b, '}')
}
