package worksheet

import (
	"strconv"
	"strings"

	"shguide/internal/jsontext"
)

// ImportCSV reads rows from CSV text: "name,vector[,note]" per record, or
// any columns under a header line that names them (name/名前,
// vector/ベクトル, note/備考; other columns such as exported scores are
// ignored). A UTF-8 byte order mark, CRLF or LF line ends, quoted fields
// with commas, quotes and line breaks (RFC 4180) are accepted; blank
// records are skipped. Each bad record is reported by the line it starts
// on.
func ImportCSV(text string) *Import {
	if len(text) > MaxInputBytes {
		return TooLarge()
	}
	im := &Import{Unit: unitLine, Rows: []Imported{}, Problems: []Problem{}}
	text = strings.TrimPrefix(text, "\uFEFF")
	var cols *columns
	for _, rec := range readCSV(text) {
		if rec.Err != 0 {
			msg := csvMessages[rec.Err]
			if rec.Line != rec.StartLine {
				msg += "（" + strconv.Itoa(rec.Line) + " 行目）"
			}
			im.problem(rec.StartLine, "", csvKinds[rec.Err], msg)
			continue
		}
		if blank(rec.Fields) {
			continue
		}
		if cols == nil {
			c, isHeader := header(rec.Fields)
			cols = &c
			if isHeader {
				if c.name < 0 {
					im.problem(rec.StartLine, "", "header", "ヘッダに名前の列（name または 名前）がありません")
					return im
				}
				continue
			}
		}
		if im.full(rec.StartLine) {
			break
		}
		im.record(rec.StartLine, rec.Fields, cols)
	}
	return im
}

const tooLarge = "入力が大きすぎます（4 MB まで）"

// TooLarge is the import of a text longer than MaxInputBytes: no rows and
// one problem, for callers that check the length before reading the text.
func TooLarge() *Import {
	im := &Import{Unit: unitLine, Rows: []Imported{}, Problems: []Problem{}}
	im.problem(0, "", "too-large", tooLarge)
	return im
}

var (
	csvMessages = [...]string{
		csvBareQuote:    "「\"」で囲まれていない値の中に「\"」があります（値全体を \"…\" で囲み、中の \" は \"\" と書いてください）",
		csvQuote:        "閉じる「\"」の後には「,」か改行が必要です（値の中の \" は \"\" と書いてください）",
		csvUnterminated: "「\"」が閉じられないまま終わっています",
	}
	csvKinds = [...]string{
		csvBareQuote:    "csv-bare-quote",
		csvQuote:        "csv-quote",
		csvUnterminated: "csv-unterminated",
	}
)

// columns are the field indexes of name, vector and note (-1: absent).
type columns struct {
	name, vector, note int
	fixed              bool // no header: at most these three columns
}

var defaultColumns = columns{name: 0, vector: 1, note: 2, fixed: true}

var headerNames = map[string]string{
	"name": "name", "名前": "name", "名称": "name", "脅威": "name", "threat": "name", "title": "name",
	"vector": "vector", "ベクトル": "vector", "vectorstring": "vector", "cvss": "vector",
	"note": "note", "notes": "note", "備考": "note", "メモ": "note", "comment": "note",
}

// header reports whether fields are a header line (a column named vector,
// no vector in any field) and the columns it defines.
func header(fields []string) (columns, bool) {
	c := columns{name: -1, vector: -1, note: -1}
	for i, f := range fields {
		f = asciiLower(strings.TrimSpace(f))
		if strings.HasPrefix(f, "cvss:") {
			return defaultColumns, false
		}
		switch headerNames[f] {
		case "name":
			if c.name < 0 {
				c.name = i
			}
		case "vector":
			if c.vector < 0 {
				c.vector = i
			}
		case "note":
			if c.note < 0 {
				c.note = i
			}
		}
	}
	if c.vector < 0 {
		return defaultColumns, false
	}
	return c, true
}

func blank(fields []string) bool {
	for _, f := range fields {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

func field(fields []string, i int) string {
	if i < 0 || i >= len(fields) {
		return ""
	}
	return fields[i]
}

// record checks the shape of one record and adds it.
func (im *Import) record(line int, fields []string, c *columns) {
	if c.fixed {
		if len(fields) > 3 {
			im.problem(line, "", "columns", "列が多すぎます（"+strconv.Itoa(len(fields))+" 列）。名前, ベクトル, 備考 の 3 列までです。値に「,」を含むときは値全体を \"…\" で囲んでください")
			return
		}
		if len(fields) < 2 {
			im.problem(line, "", "columns", "ベクトルの列がありません（名前, ベクトル[, 備考] の順に書いてください）")
			return
		}
	}
	im.add(line, field(fields, c.name), field(fields, c.vector), field(fields, c.note))
}

// ImportPaste reads pasted text: one vector per line (named "ベクトル N"
// after its line), or tab-separated "name, vector[, note]" lines as
// spreadsheets copy them (a header line is recognised as in ImportCSV).
// Blank lines and lines starting with # are skipped.
func ImportPaste(text string) *Import {
	if len(text) > MaxInputBytes {
		return TooLarge()
	}
	im := &Import{Unit: unitLine, Rows: []Imported{}, Problems: []Problem{}}
	text = strings.TrimPrefix(text, "\uFEFF")
	var cols *columns
	for n, line := range strings.Split(text, "\n") {
		lineNo := n + 1
		line = strings.TrimSuffix(line, "\r")
		t := strings.TrimSpace(line)
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		if !strings.Contains(line, "\t") {
			if im.full(lineNo) {
				break
			}
			im.add(lineNo, "ベクトル "+strconv.Itoa(lineNo), t, "")
			continue
		}
		fields := strings.Split(line, "\t")
		if cols == nil {
			c, isHeader := header(fields)
			if isHeader {
				if c.name < 0 {
					im.problem(lineNo, "", "header", "ヘッダに名前の列（name または 名前）がありません")
					return im
				}
				cols = &c
				continue
			}
			cols = &defaultColumns
		}
		if im.full(lineNo) {
			break
		}
		im.record(lineNo, fields, cols)
	}
	return im
}

// Item is one element of an imported JSON array, as the bridge found it
// after the browser's JSON.parse: Type is the element's type ("object",
// "string" for a bare vector, "array", "number", "null", …) and each field
// has the JavaScript typeof of the property ("undefined" when absent).
type Item struct {
	Type               string
	Name, Vector, Note Field
}

// Field is a property of an imported JSON object.
type Field struct {
	Type  string // "string", "undefined", "number", …
	Value string // when Type is "string"
}

// Document is a parsed JSON import: Type "array" (a list of rows), "rows"
// (an object with a rows array, as ExportJSON writes) or anything else,
// which is not a worksheet.
type Document struct {
	Type  string
	Items []Item
}

// ImportItems validates the items of a JSON import: each must be an object
// with string "name" and "vector" and an optional string "note" (numbers
// in those places are errors, not converted), or a bare vector string,
// which gets the name "ベクトル N".
func ImportItems(doc Document) *Import {
	im := &Import{Unit: unitItem, Rows: []Imported{}, Problems: []Problem{}}
	if doc.Type != "array" && doc.Type != "rows" {
		im.problem(0, "", "format", "JSON の形式が違います。行の配列 [{\"name\": …, \"vector\": …, \"note\": …}] か、rows にその配列を持つオブジェクトにしてください")
		return im
	}
	for i, it := range doc.Items {
		n := i + 1
		if im.full(n) {
			break
		}
		switch it.Type {
		case "string":
			im.add(n, "ベクトル "+strconv.Itoa(n), it.Vector.Value, "")
			continue
		case "object":
		default:
			im.problem(n, "", "type", "行は {\"name\": …, \"vector\": …} のオブジェクトにしてください（"+jsType(it.Type)+"です）")
			continue
		}
		bad := len(im.Problems)
		for _, f := range [...]struct {
			key      string
			f        Field
			optional bool
		}{{"name", it.Name, false}, {"vector", it.Vector, false}, {"note", it.Note, true}} {
			switch {
			case f.f.Type == "string":
			case f.f.Type == "undefined" || f.f.Type == "null":
				if !f.optional {
					im.problem(n, f.key, f.key+"-missing", f.key+" がありません")
				}
			default:
				im.problem(n, f.key, "type", f.key+" は文字列にしてください（"+jsType(f.f.Type)+"です）")
			}
		}
		if len(im.Problems) > bad {
			continue
		}
		im.add(n, it.Name.Value, it.Vector.Value, it.Note.Value)
	}
	return im
}

// ImportJSON reads JSON text: a list of rows or an object with one
// (ExportJSON's document), as ImportItems says. Text that is not JSON is
// one problem naming the line and character.
func ImportJSON(text string) *Import {
	if len(text) > MaxInputBytes {
		return TooLarge()
	}
	root, err := jsontext.Parse(text)
	if err != nil {
		im := &Import{Unit: unitItem, Rows: []Imported{}, Problems: []Problem{}}
		im.problem(0, "", "json-syntax", "JSON として読めません（"+err.(*jsontext.SyntaxError).Japanese()+"）")
		return im
	}
	return importValue(&root)
}

// importValue imports a parsed JSON document.
func importValue(root *jsontext.Value) *Import {
	doc := Document{Type: kindType(root.Kind)}
	list := root
	if root.Kind == jsontext.Object {
		if rows := root.Get("rows"); rows != nil && rows.Kind == jsontext.Array {
			doc.Type, list = "rows", rows
		}
	}
	if doc.Type == "array" || doc.Type == "rows" {
		// Items past the row limit are only counted as over the limit.
		n := min(len(list.Elems), MaxRows+1)
		doc.Items = make([]Item, n)
		for i := range n {
			doc.Items[i] = itemOf(&list.Elems[i])
		}
	}
	return ImportItems(doc)
}

// kindType is the type name ImportItems uses for a JSON kind.
func kindType(k jsontext.Kind) string {
	if k == jsontext.Bool {
		return "boolean"
	}
	return k.String()
}

func itemOf(v *jsontext.Value) Item {
	it := Item{Type: kindType(v.Kind)}
	switch v.Kind {
	case jsontext.String:
		it.Vector = Field{Type: "string", Value: v.Text}
	case jsontext.Object:
		it.Name, it.Vector, it.Note = fieldOf(v, "name"), fieldOf(v, "vector"), fieldOf(v, "note")
	}
	return it
}

func fieldOf(obj *jsontext.Value, key string) Field {
	v := obj.Get(key)
	if v == nil {
		return Field{Type: "undefined"}
	}
	f := Field{Type: kindType(v.Kind)}
	if v.Kind == jsontext.String {
		f.Value = v.Text
	}
	return f
}

func jsType(t string) string {
	switch t {
	case "number":
		return "数値"
	case "boolean":
		return "真偽値"
	case "array":
		return "配列"
	case "object":
		return "オブジェクト"
	case "null":
		return "null"
	case "string":
		return "文字列"
	}
	return t
}

// AppendJSON appends the import as {"unit","rows":[{line,name,vector,note}],
// "problems":[…], "badLines": n, "assumed": [lines], "assumedNote": text}.
func (im *Import) AppendJSON(b []byte) []byte {
	b = append(b, '{')
	b = jsontext.AppendStringField(b, "unit", im.Unit)
	b = jsontext.AppendKey(b, "rows")
	b = append(b, '[')
	for i, r := range im.Rows {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '{')
		b = jsontext.AppendIntField(b, "line", r.Line)
		b = jsontext.AppendStringField(b, "name", r.Name)
		b = jsontext.AppendStringField(b, "vector", r.Vector)
		b = jsontext.AppendStringField(b, "note", r.Note)
		b = append(b, '}')
	}
	b = append(b, ']')
	b = jsontext.AppendKey(b, "problems")
	b = append(b, '[')
	for i, p := range im.Problems {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '{')
		b = jsontext.AppendIntField(b, "line", p.Line)
		b = jsontext.AppendStringField(b, "field", p.Field)
		b = jsontext.AppendStringField(b, "kind", p.Kind)
		b = jsontext.AppendStringField(b, "metric", p.Metric)
		b = jsontext.AppendStringField(b, "value", p.Value)
		b = jsontext.AppendIntField(b, "column", p.Column)
		b = jsontext.AppendStringField(b, "message", p.Message)
		b = append(b, '}')
	}
	b = append(b, ']')
	b = jsontext.AppendIntField(b, "badLines", im.BadLines())
	b = jsontext.AppendKey(b, "assumed")
	b = append(b, '[')
	for i, line := range im.Assumed {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(line), 10)
	}
	b = append(b, ']')
	b = jsontext.AppendStringField(b, "assumedNote", im.AssumedNote())
	return append(b, '}')
}

// asciiLower lower-cases ASCII letters (header names are ASCII or Japanese).
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
