package store

import (
	"math"
	"strconv"
	"unicode/utf8"

	"shguide/internal/jsontext"
)

// Path is the place of a value in a document, as messages name it:
// "sheets 1 件目の rows 4 件目の vector" or "items 3 件目（R2-3）の status".
// The zero Path is the document itself.
type Path struct{ s string }

// Key is the member key of the object at p.
// It is not inlined: copies at its many callers would weigh more in the
// WebAssembly module than the calls.
//
//go:noinline
func (p Path) Key(key string) Path {
	switch {
	case p.s == "":
		return Path{key}
	case p.s[len(p.s)-1] < 0x80: // after a key: "x の name"
		return Path{p.s + " の " + key}
	}
	return Path{p.s + "の " + key}
}

// Index is the i-th (0-based) element of the array at p, with an
// optional label that identifies it (an id).
func (p Path) Index(i int, label string) Path {
	s := p.s + " " + strconv.Itoa(i+1) + " 件目"
	if p.s == "" {
		s = strconv.Itoa(i+1) + " 件目"
	}
	if label != "" {
		s += "（" + label + "）"
	}
	return Path{s}
}

// String is the path as messages name it ("" for the document itself).
func (p Path) String() string { return p.s }

// Problem is one reason a document, or part of it, could not be read.
type Problem struct {
	Path    string // where, as Path names it; "" for the document as a whole
	Kind    string // machine-readable: "type", "missing", "value", "long", "unknown", "duplicate", "syntax", …
	Message string // Japanese, starting with the place: "sheets 1 件目の name: 文字列にしてください（数値です）"
}

// AppendJSON appends the problem as {"path","kind","message"}.
func (p Problem) AppendJSON(b []byte) []byte {
	b = append(b, '{')
	b = jsontext.AppendStringField(b, "path", p.Path)
	b = jsontext.AppendStringField(b, "kind", p.Kind)
	b = jsontext.AppendStringField(b, "message", p.Message)
	return append(b, '}')
}

// Decoder collects the problems found while reading a document.
type Decoder struct {
	Problems []Problem
	// Strict makes members the reader does not know problems: a saved
	// document must be read whole, or a member would be lost when it is
	// written back. Imports are not strict.
	Strict bool
}

// Add records a problem at p.
// It is not inlined: copies at its many callers would weigh more in the
// WebAssembly module than the calls.
//
//go:noinline
func (d *Decoder) Add(p Path, kind, msg string) {
	if p.s != "" {
		msg = p.s + ": " + msg
	}
	d.Problems = append(d.Problems, Problem{Path: p.s, Kind: kind, Message: msg})
}

// Count is the number of problems so far; a reader compares it before and
// after a record to know whether the record was good.
func (d *Decoder) Count() int { return len(d.Problems) }

// wrongType records a value of the wrong type at p.
// It is not inlined: copies at its many callers would weigh more in the
// WebAssembly module than the calls.
//
//go:noinline
func (d *Decoder) wrongType(p Path, want string, got jsontext.Kind) {
	d.Add(p, "type", want+"にしてください（"+got.Japanese()+"です）")
}

// Obj is an object being read member by member.
type Obj struct {
	d    *Decoder
	v    *jsontext.Value
	path Path
}

// Object starts reading v, which must be an object.
func (d *Decoder) Object(v *jsontext.Value, p Path) (Obj, bool) {
	if v == nil || v.Kind != jsontext.Object {
		if v != nil {
			d.wrongType(p, "オブジェクト", v.Kind)
		}
		return Obj{}, false
	}
	return Obj{d, v, p}, true
}

// Relabel returns the object with another path, such as one naming the
// element by the id read from it ("items 3 件目（R2-3）").
func (o Obj) Relabel(p Path) Obj { o.path = p; return o }

// Path is the place of the object.
func (o Obj) Path() Path { return o.path }

// Decoder is the decoder reading the object.
func (o Obj) Decoder() *Decoder { return o.d }

// Value is the member's value as parsed, or nil.
func (o Obj) Value(key string) *jsontext.Value { return o.v.Get(key) }

// Has reports whether the object has the member.
func (o Obj) Has(key string) bool { return o.v.Get(key) != nil }

// member returns the member, reporting it missing when required; a null
// member of an optional field reads as absent.
func (o Obj) member(key string, required bool) *jsontext.Value {
	v := o.v.Get(key)
	if v == nil || (v.Kind == jsontext.Null && !required) {
		if required {
			o.d.Add(o.path.Key(key), "missing", "ありません")
		}
		return nil
	}
	return v
}

// String reads a string member of at most maxRunes characters
// (0: no limit); an absent optional member is "".
func (o Obj) String(key string, required bool, maxRunes int) string {
	v := o.member(key, required)
	if v == nil {
		return ""
	}
	if v.Kind != jsontext.String {
		o.d.wrongType(o.path.Key(key), "文字列", v.Kind)
		return ""
	}
	if maxRunes > 0 && utf8.RuneCountInString(v.Text) > maxRunes {
		o.d.Add(o.path.Key(key), "long", "長すぎます（"+strconv.Itoa(maxRunes)+" 文字まで）")
		return ""
	}
	return v.Text
}

// Int reads an integer member in [lo, hi]; an absent optional member is 0.
func (o Obj) Int(key string, required bool, lo, hi int) int {
	v := o.member(key, required)
	if v == nil {
		return 0
	}
	n, ok := Int(v)
	if !ok {
		if v.Kind == jsontext.Number {
			o.d.Add(o.path.Key(key), "value", "整数にしてください（"+v.Text+"）")
		} else {
			o.d.wrongType(o.path.Key(key), "数値", v.Kind)
		}
		return 0
	}
	if n < lo || n > hi {
		o.d.Add(o.path.Key(key), "value", strconv.Itoa(lo)+" から "+strconv.Itoa(hi)+" までにしてください（"+v.Text+"）")
		return 0
	}
	return n
}

// Int returns a JSON number that is an integer within ±2^53 (exact in a
// float64 and in JavaScript).
func Int(v *jsontext.Value) (int, bool) {
	if v.Kind != jsontext.Number || v.Num != math.Trunc(v.Num) || math.Abs(v.Num) > 1<<53 {
		return 0, false
	}
	return int(v.Num), true
}

// Bool reads a boolean member; an absent one is false.
func (o Obj) Bool(key string) bool {
	v := o.member(key, false)
	if v == nil {
		return false
	}
	if v.Kind != jsontext.Bool {
		o.d.wrongType(o.path.Key(key), "true か false ", v.Kind)
		return false
	}
	return v.Bool
}

// Array reads an array member of at most max elements; an absent
// optional member is an empty list.
func (o Obj) Array(key string, required bool, max int) []jsontext.Value {
	v := o.member(key, required)
	if v == nil {
		return nil
	}
	if v.Kind != jsontext.Array {
		o.d.wrongType(o.path.Key(key), "配列", v.Kind)
		return nil
	}
	if max > 0 && len(v.Elems) > max {
		o.d.Add(o.path.Key(key), "long", "多すぎます（"+strconv.Itoa(max)+" 件まで、"+strconv.Itoa(len(v.Elems))+" 件あります）")
		return nil
	}
	return v.Elems
}

// Strings reads an array of strings.
func (o Obj) Strings(key string, required bool, max int) []string {
	els := o.Array(key, required, max)
	out := make([]string, 0, len(els))
	p := o.path.Key(key)
	for i := range els {
		if els[i].Kind != jsontext.String {
			o.d.wrongType(p.Index(i, ""), "文字列", els[i].Kind)
			continue
		}
		out = append(out, els[i].Text)
	}
	return out
}

// Stamps reads the member "at": the stamp of each of the given fields
// (absent: 0). Stamps are non-negative integers.
func (o Obj) Stamps(fields ...string) []Stamp {
	out := make([]Stamp, len(fields))
	v := o.member("at", false)
	if v == nil {
		return out
	}
	at, ok := o.d.Object(v, o.path.Key("at"))
	if !ok {
		return out
	}
	for i, f := range fields {
		out[i] = Stamp(at.Int(f, false, 0, 1<<53))
	}
	at.Known(fields...)
	return out
}

// Known reports, when the decoder is strict, the members other than the
// given ones, and in any case a key that appears twice.
func (o Obj) Known(keys ...string) {
	for i, m := range o.v.Members {
		for _, prev := range o.v.Members[:i] {
			if prev.Key == m.Key {
				o.d.Add(o.path.Key(m.Key), "duplicate", "同じキーが 2 回あります")
				break
			}
		}
		if !o.d.Strict {
			continue
		}
		known := false
		for _, k := range keys {
			if k == m.Key {
				known = true
				break
			}
		}
		if !known {
			o.d.Add(o.path.Key(m.Key), "unknown", "このサイトの知らない項目です")
		}
	}
}

// UnreadableKind says why a saved document cannot be used.
type UnreadableKind uint8

const (
	Corrupt UnreadableKind = iota + 1 // not JSON (cut short, damaged)
	Foreign                           // JSON, but not this format
	Newer                             // written by a newer version of the site
	Invalid                           // this format, with problems (wrong types, values)
)

var unreadableNames = [...]string{Corrupt: "corrupt", Foreign: "foreign", Newer: "newer", Invalid: "invalid"}

// String is a stable machine-readable name: "corrupt", "foreign", "newer"
// or "invalid".
func (k UnreadableKind) String() string { return unreadableNames[k] }

// Unreadable reports a saved document that cannot be used as it is.
type Unreadable struct {
	Kind     UnreadableKind
	Version  int // Newer: the version of the document
	Problems []Problem
}

var _ error = (*Unreadable)(nil)

func (u *Unreadable) Error() string {
	s := "saved data is " + u.Kind.String()
	if len(u.Problems) > 0 {
		s += ": " + u.Problems[0].Message
	}
	return s
}

// Japanese is the headline the page shows; what names the data
// ("保存されていたワークシート").
func (u *Unreadable) Japanese(what string) string {
	switch u.Kind {
	case Corrupt:
		return what + "が壊れていて読み込めません（JSON として読めません）。"
	case Foreign:
		return what + "は、このサイトの形式ではないため読み込めません。"
	case Newer:
		return what + "は、このサイトの新しい版（形式の版 " + strconv.Itoa(u.Version) + "）で保存されたため、この版では読み込めません。新しい版のページを開いているタブがあれば、そちらをお使いください。"
	}
	return what + "の一部が正しくないため、そのままでは読み込めません（問題 " + strconv.Itoa(len(u.Problems)) + " 件）。"
}

// AppendJSON appends {"kind","version","problems"}.
func (u *Unreadable) AppendJSON(b []byte) []byte {
	b = append(b, '{')
	b = jsontext.AppendStringField(b, "kind", u.Kind.String())
	b = jsontext.AppendIntField(b, "version", u.Version)
	b = jsontext.AppendKey(b, "problems")
	b = append(b, '[')
	for i, p := range u.Problems {
		if i > 0 {
			b = append(b, ',')
		}
		b = p.AppendJSON(b)
	}
	return append(b, ']', '}')
}

// MaxProblems is how many problems an Unreadable lists; more are counted
// in one last problem.
const MaxProblems = 50

// Invalid returns the problems of d as an Unreadable of kind Invalid, or
// nil when there are none.
func (d *Decoder) Invalid() *Unreadable {
	if len(d.Problems) == 0 {
		return nil
	}
	ps := d.Problems
	if len(ps) > MaxProblems {
		more := len(ps) - MaxProblems
		ps = append(ps[:MaxProblems:MaxProblems], Problem{Kind: "more", Message: "ほかに " + strconv.Itoa(more) + " 件の問題があります"})
	}
	return &Unreadable{Kind: Invalid, Problems: ps}
}

// Open parses a saved text and reads its envelope. It returns the root
// object and the version, which is between 1 and current; format is the
// format the document must name. legacy, when not "", is the format name
// of version-1 documents that predate the current name, and documents
// without a format member are read as that legacy version too when
// legacy is "*" (the checklist's first version wrote none).
func Open(text, format string, current int, legacy string) (jsontext.Value, int, *Unreadable) {
	v, err := jsontext.Parse(text)
	if err != nil {
		msg := err.Error()
		if se, ok := err.(*jsontext.SyntaxError); ok {
			msg = se.Japanese()
		}
		return v, 0, &Unreadable{Kind: Corrupt, Problems: []Problem{{Kind: "syntax", Message: msg}}}
	}
	if v.Kind != jsontext.Object {
		return v, 0, &Unreadable{Kind: Foreign, Problems: []Problem{{Kind: "type", Message: "オブジェクトではありません（" + v.Kind.Japanese() + "です）"}}}
	}
	fv := v.Get("format")
	switch {
	case fv == nil && legacy == "*":
		fv = &jsontext.Value{Kind: jsontext.String, Text: format}
	case fv == nil || fv.Kind != jsontext.String:
		return v, 0, &Unreadable{Kind: Foreign, Problems: []Problem{{Path: "format", Kind: "format", Message: "format: \"" + format + "\" ではありません"}}}
	}
	name := fv.Text
	if name != format && (legacy == "" || legacy == "*" || name != legacy) {
		return v, 0, &Unreadable{Kind: Foreign, Problems: []Problem{{Path: "format", Kind: "format", Message: "format: \"" + format + "\" ではありません（\"" + name + "\"）"}}}
	}
	vv := v.Get("version")
	n := 0
	if vv != nil {
		n, _ = Int(vv)
	}
	switch {
	case vv == nil || vv.Kind != jsontext.Number:
		return v, 0, &Unreadable{Kind: Invalid, Problems: []Problem{{Path: "version", Kind: "version", Message: "version: 版の番号がありません"}}}
	case n > current:
		return v, n, &Unreadable{Kind: Newer, Version: n, Problems: []Problem{{Path: "version", Kind: "newer", Message: "version: " + vv.Text + "（この版が読めるのは " + strconv.Itoa(current) + " まで）"}}}
	case n < 1 || (name != format && n != 1):
		return v, n, &Unreadable{Kind: Invalid, Problems: []Problem{{Path: "version", Kind: "version", Message: "version: " + vv.Text + " という版はありません"}}}
	}
	return v, n, nil
}
