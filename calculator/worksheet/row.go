package worksheet

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"shguide/calculator"
	"shguide/internal/csvtext"
)

// Row is one threat of the risk register.
type Row struct {
	Name   string `json:"name"`
	Vector string `json:"vector"` // canonical (calculator.Vector.String)
	Note   string `json:"note"`
}

// Limits keep a worksheet within what localStorage holds comfortably (a few
// megabytes per origin) and what a person can read.
const (
	MaxRows        = 1000
	MaxNameRunes   = 200
	MaxNoteRunes   = 2000
	MaxVectorBytes = 400     // the longest canonical vector has 170 bytes
	MaxInputBytes  = 4 << 20 // an imported file or pasted text
)

// Problem is one reason a line (CSV, pasted text) or an item (JSON) was not
// imported. A line may have several.
type Problem struct {
	Line    int    `json:"line"`             // 1-based line where the record starts, or item number for JSON
	Field   string `json:"field,omitempty"`  // "name", "vector", "note" or "" (the whole line or file)
	Kind    string `json:"kind"`             // machine-readable: "name-empty", "invalid-value", "csv-bare-quote", …
	Metric  string `json:"metric,omitempty"` // vector errors: the metric concerned
	Value   string `json:"value,omitempty"`  // vector errors: the offending value
	Column  int    `json:"column,omitempty"` // vector errors: 1-based character in the vector
	Message string `json:"message"`          // Japanese, starting with the place: "3 行目: …"
}

// Imported is a row read from line (or item) Line.
type Imported struct {
	Line int `json:"line"`
	Row
}

// Import is the outcome of reading rows: the good ones and every problem.
// The caller shows both and changes its worksheet only when the user
// accepts the good rows.
type Import struct {
	Unit     string     `json:"unit"` // "行" (lines) or "件" (JSON items)
	Rows     []Imported `json:"rows"`
	Problems []Problem  `json:"problems"`
	Assumed  []int      `json:"assumed"` // lines (items) whose vector had no "CVSS:3.x/" prefix: read as CVSS:3.0
}

// AssumedNote says in Japanese which imported rows had vectors without the
// "CVSS:3.x/" prefix, read as CVSS v3.0 (the guideline's version); "" when
// none had.
func (im *Import) AssumedNote() string {
	if len(im.Assumed) == 0 {
		return ""
	}
	const show = 10
	b := []byte("「CVSS:3.0/」のないベクトルは、ガイドラインが定める CVSS v3.0 のベクトルとして読みました（")
	for i, line := range im.Assumed[:min(len(im.Assumed), show)] {
		if i > 0 {
			b = append(b, "、"...)
		}
		b = strconv.AppendInt(b, int64(line), 10)
		b = append(b, " "+im.Unit+"目"...)
	}
	if n := len(im.Assumed) - show; n > 0 {
		b = append(b, "ほか "...)
		b = strconv.AppendInt(b, int64(n), 10)
		b = append(b, " "+im.Unit...)
	}
	return string(append(b, "）。"...))
}

// BadLines is the number of distinct lines (items) with problems.
func (im *Import) BadLines() int {
	n, last := 0, -1
	for _, p := range im.Problems {
		if p.Line != last {
			n++
			last = p.Line
		}
	}
	return n
}

// place is the prefix of a message: "3 行目" or "3 件目"; line 0 is the
// input as a whole.
func (im *Import) place(line int) string {
	if line <= 0 {
		return ""
	}
	if im.Unit == unitItem {
		return strconv.Itoa(line) + " 件目: "
	}
	return strconv.Itoa(line) + " 行目: "
}

const (
	unitLine = "行"
	unitItem = "件"
)

// problem records a problem of the import at line.
// It is not inlined: copies at its many callers would weigh more in the
// WebAssembly module than the calls.
//
//go:noinline
func (im *Import) problem(line int, field, kind, msg string) {
	im.Problems = append(im.Problems, Problem{Line: line, Field: field, Kind: kind, Message: im.place(line) + msg})
}

// full reports (once) that the row limit was reached.
func (im *Import) full(line int) bool {
	if len(im.Rows) < MaxRows {
		return false
	}
	im.problem(line, "", "limit", "行数が上限の "+strconv.Itoa(MaxRows)+" を超えたため、ここから後は読み込みませんでした")
	return true
}

// add validates and normalises one row; it records the row or its
// problems and reports whether the row was good.
func (im *Import) add(line int, name, vector, note string) bool {
	bad := len(im.Problems)
	name = cleanName(csvtext.Unguard(name))
	note = cleanNote(csvtext.Unguard(note))
	vector = strings.TrimSpace(vector)
	if name == "" {
		im.problem(line, "name", "name-empty", "名前が空です")
	} else if utf8.RuneCountInString(name) > MaxNameRunes {
		im.problem(line, "name", "name-long", "名前が長すぎます（"+strconv.Itoa(MaxNameRunes)+" 文字まで）")
	}
	var canonical string
	var assumed bool
	switch {
	case vector == "":
		im.problem(line, "vector", "vector-empty", "ベクトルが空です")
	case len(vector) > MaxVectorBytes:
		im.problem(line, "vector", "vector-long", "ベクトルが長すぎます（"+strconv.Itoa(MaxVectorBytes)+" バイトまで）")
	default:
		v, how, err := calculator.ParseLenient(vector)
		if err != nil {
			p := Problem{Line: line, Field: "vector", Kind: "invalid", Message: im.place(line) + "ベクトル: " + err.Error()}
			if pe, ok := err.(*calculator.ParseError); ok {
				p.Kind, p.Metric, p.Value, p.Column = pe.Kind.String(), pe.Metric, pe.Value, pe.Column()
				p.Message = im.place(line) + "ベクトル: " + pe.Japanese()
			}
			im.Problems = append(im.Problems, p)
		} else {
			canonical = v.String()
			assumed = how&calculator.AssumedPrefix != 0
		}
	}
	if utf8.RuneCountInString(note) > MaxNoteRunes {
		im.problem(line, "note", "note-long", "備考が長すぎます（"+strconv.Itoa(MaxNoteRunes)+" 文字まで）")
	}
	if len(im.Problems) > bad {
		return false
	}
	im.Rows = append(im.Rows, Imported{Line: line, Row: Row{Name: name, Vector: canonical, Note: note}})
	if assumed {
		im.Assumed = append(im.Assumed, line)
	}
	return true
}

// cleanName turns control characters (line breaks, tabs) into spaces and
// trims: a name is one line.
func cleanName(s string) string { return clean(s, false) }

// cleanNote keeps line breaks ("\r\n" becomes "\n") and tabs, drops other
// control characters and trims.
func cleanNote(s string) string { return clean(s, true) }

// clean replaces invalid UTF-8 with U+FFFD and control characters as
// cleanName and cleanNote say. One loop instead of strings.Map,
// ReplaceAll and ToValidUTF8 keeps the WebAssembly module smaller.
func clean(s string, multiline bool) string {
	s = strings.TrimSpace(s)
	ok := true
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if isControl(r) || (r == utf8.RuneError && size == 1) {
			ok = false
			break
		}
		i += size
	}
	if ok {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = utf8.AppendRune(b, utf8.RuneError)
		case !isControl(r):
			b = append(b, s[i:i+size]...)
		case !multiline:
			b = append(b, ' ')
		case r == '\n' || r == '\t':
			b = append(b, byte(r))
		case r == '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				break // the "\n" follows
			}
			b = append(b, '\n')
		}
		i += size
	}
	return strings.TrimSpace(string(b))
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) }
