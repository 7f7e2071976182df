package jsontext

import (
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// Kind is the type of a parsed JSON value.
type Kind uint8

const (
	Null Kind = iota
	Bool
	Number
	String
	Array
	Object
)

var kindNames = [...]string{Null: "null", Bool: "boolean", Number: "number", String: "string", Array: "array", Object: "object"}

// String is the JSON name of the kind: "null", "boolean", "number",
// "string", "array" or "object".
func (k Kind) String() string { return kindNames[k] }

// Japanese is the kind as messages name it: 数値, 文字列, 配列, …
func (k Kind) Japanese() string {
	switch k {
	case Bool:
		return "真偽値"
	case Number:
		return "数値"
	case String:
		return "文字列"
	case Array:
		return "配列"
	case Object:
		return "オブジェクト"
	}
	return "null"
}

// Value is a parsed JSON value. Objects keep their members in the order
// of the text, duplicates included, so that a reader can report them.
type Value struct {
	Kind    Kind
	Bool    bool
	Num     float64  // a Number's value
	Text    string   // a String's value, or a Number as written
	Elems   []Value  // an Array's elements
	Members []Member // an Object's members
}

// Member is a member of an object.
type Member struct {
	Key   string
	Value Value
}

// Get returns the value of the last member named key (as JSON.parse
// keeps the last of duplicates), or nil.
// It is not inlined: copies at its many callers would weigh more in the
// WebAssembly module than the calls.
//
//go:noinline
func (v *Value) Get(key string) *Value {
	for i := len(v.Members) - 1; i >= 0; i-- {
		if v.Members[i].Key == key {
			return &v.Members[i].Value
		}
	}
	return nil
}

// MaxDepth is how deeply arrays and objects may nest.
const MaxDepth = 200

// SyntaxErrorKind classifies a SyntaxError.
type SyntaxErrorKind uint8

const (
	ErrEnd      SyntaxErrorKind = iota + 1 // the text ends inside a value
	ErrEmpty                               // no value at all
	ErrChar                                // a character where another was expected
	ErrControl                             // a control character inside a string
	ErrEscape                              // an invalid escape in a string
	ErrNumber                              // a malformed number
	ErrTrailing                            // text after the value
	ErrDepth                               // nesting deeper than MaxDepth
)

// SyntaxError reports where a text is not JSON and what was expected.
type SyntaxError struct {
	Kind   SyntaxErrorKind
	Offset int    // byte offset of the problem
	Want   string // ErrChar: what would have been valid there, as the message says it
	Line   int    // 1-based line of Offset
	Column int    // 1-based character in that line
}

var _ error = (*SyntaxError)(nil)

func (e *SyntaxError) Error() string {
	at := "JSON line " + strconv.Itoa(e.Line) + " column " + strconv.Itoa(e.Column) + ": "
	switch e.Kind {
	case ErrEnd:
		return at + "unexpected end of text"
	case ErrEmpty:
		return at + "no JSON value"
	case ErrChar:
		return at + "unexpected character, want " + e.Want
	case ErrControl:
		return at + "control character in string"
	case ErrEscape:
		return at + "invalid escape in string"
	case ErrNumber:
		return at + "invalid number"
	case ErrTrailing:
		return at + "text after the JSON value"
	case ErrDepth:
		return at + "nested too deeply"
	}
	return at + "syntax error"
}

// Japanese is the message shown to users, starting with the place:
// "3 行目 17 文字目: 「,」か「}」が必要です".
func (e *SyntaxError) Japanese() string {
	at := strconv.Itoa(e.Line) + " 行目 " + strconv.Itoa(e.Column) + " 文字目: "
	switch e.Kind {
	case ErrEnd:
		return at + "途中で終わっています（閉じる「\"」「]」「}」が足りないようです）"
	case ErrEmpty:
		return at + "JSON の値がありません（空のファイルです）"
	case ErrChar:
		return at + e.Want + "が必要です"
	case ErrControl:
		return at + "文字列の中に改行などの制御文字があります（\\n のように書いてください）"
	case ErrEscape:
		return at + "文字列の中の「\\」の使い方が正しくありません"
	case ErrNumber:
		return at + "数値の書き方が正しくありません"
	case ErrTrailing:
		return at + "JSON の値の後に余分な文字があります"
	case ErrDepth:
		return at + "配列やオブジェクトの入れ子が深すぎます（" + strconv.Itoa(MaxDepth) + " 段まで）"
	}
	return at + "JSON として読めません"
}

// Parse reads one JSON value (RFC 8259), surrounded by optional white
// space and a leading UTF-8 byte order mark. Like encoding/json and the
// browser's JSON.parse it replaces invalid UTF-8 and lone surrogates with
// U+FFFD; unlike them it says, in Japanese too, where the text went wrong.
// Errors are *SyntaxError.
func Parse(text string) (Value, error) {
	p := parser{s: text}
	if len(text) >= 3 && text[:3] == "\uFEFF" {
		p.i = 3
	}
	p.space()
	if p.i >= len(p.s) {
		return Value{}, p.fail(ErrEmpty, "")
	}
	v, ok := p.value(0)
	if !ok {
		return Value{}, p.err
	}
	p.space()
	if p.i < len(p.s) {
		return Value{}, p.fail(ErrTrailing, "")
	}
	return v, nil
}

type parser struct {
	s   string
	i   int
	err *SyntaxError
}

func (p *parser) fail(kind SyntaxErrorKind, want string) *SyntaxError {
	if p.i >= len(p.s) && kind == ErrChar {
		kind = ErrEnd
	}
	e := &SyntaxError{Kind: kind, Offset: p.i, Want: want, Line: 1, Column: 1}
	last := 0
	for j := 0; j < p.i && j < len(p.s); j++ {
		if p.s[j] == '\n' {
			e.Line++
			last = j + 1
		}
	}
	e.Column = utf8.RuneCountInString(p.s[last:min(p.i, len(p.s))]) + 1
	p.err = e
	return e
}

func (p *parser) space() {
	for p.i < len(p.s) {
		switch p.s[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

const wantValue = "値（文字列・数値・true・false・null・配列・オブジェクト）"

func (p *parser) value(depth int) (Value, bool) {
	if p.i >= len(p.s) {
		p.fail(ErrEnd, "")
		return Value{}, false
	}
	switch c := p.s[p.i]; {
	case c == '{':
		return p.object(depth + 1)
	case c == '[':
		return p.array(depth + 1)
	case c == '"':
		s, ok := p.string()
		return Value{Kind: String, Text: s}, ok
	case c == '-' || ('0' <= c && c <= '9'):
		return p.number()
	case p.literal("true"):
		return Value{Kind: Bool, Bool: true}, true
	case p.literal("false"):
		return Value{Kind: Bool}, true
	case p.literal("null"):
		return Value{}, true
	}
	p.fail(ErrChar, wantValue)
	return Value{}, false
}

func (p *parser) literal(word string) bool {
	if len(p.s)-p.i >= len(word) && p.s[p.i:p.i+len(word)] == word {
		p.i += len(word)
		return true
	}
	return false
}

func (p *parser) object(depth int) (Value, bool) {
	if depth > MaxDepth {
		p.fail(ErrDepth, "")
		return Value{}, false
	}
	p.i++ // '{'
	v := Value{Kind: Object, Members: []Member{}}
	p.space()
	if p.i < len(p.s) && p.s[p.i] == '}' {
		p.i++
		return v, true
	}
	for {
		p.space()
		if p.i >= len(p.s) || p.s[p.i] != '"' {
			if len(v.Members) == 0 {
				p.fail(ErrChar, "「\"」で始まるキーか「}」")
			} else {
				p.fail(ErrChar, "「\"」で始まるキー")
			}
			return Value{}, false
		}
		key, ok := p.string()
		if !ok {
			return Value{}, false
		}
		p.space()
		if p.i >= len(p.s) || p.s[p.i] != ':' {
			p.fail(ErrChar, "キーの後の「:」")
			return Value{}, false
		}
		p.i++
		p.space()
		val, ok := p.value(depth)
		if !ok {
			return Value{}, false
		}
		v.Members = append(v.Members, Member{Key: key, Value: val})
		p.space()
		if p.i < len(p.s) && p.s[p.i] == ',' {
			p.i++
			continue
		}
		if p.i < len(p.s) && p.s[p.i] == '}' {
			p.i++
			return v, true
		}
		p.fail(ErrChar, "「,」か「}」")
		return Value{}, false
	}
}

func (p *parser) array(depth int) (Value, bool) {
	if depth > MaxDepth {
		p.fail(ErrDepth, "")
		return Value{}, false
	}
	p.i++ // '['
	v := Value{Kind: Array, Elems: []Value{}}
	p.space()
	if p.i < len(p.s) && p.s[p.i] == ']' {
		p.i++
		return v, true
	}
	for {
		p.space()
		el, ok := p.value(depth)
		if !ok {
			return Value{}, false
		}
		v.Elems = append(v.Elems, el)
		p.space()
		if p.i < len(p.s) && p.s[p.i] == ',' {
			p.i++
			continue
		}
		if p.i < len(p.s) && p.s[p.i] == ']' {
			p.i++
			return v, true
		}
		p.fail(ErrChar, "「,」か「]」")
		return Value{}, false
	}
}

// string reads a string literal at p.i (which is '"').
func (p *parser) string() (string, bool) {
	p.i++
	start := p.i
	// Fast path: no escapes, valid UTF-8.
	for p.i < len(p.s) {
		c := p.s[p.i]
		if c == '"' {
			s := p.s[start:p.i]
			p.i++
			return s, true
		}
		if c == '\\' || c < 0x20 {
			break
		}
		if c < utf8.RuneSelf {
			p.i++
			continue
		}
		r, size := utf8.DecodeRuneInString(p.s[p.i:])
		if r == utf8.RuneError && size == 1 {
			break
		}
		p.i += size
	}
	b := []byte(p.s[start:p.i])
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == '"':
			p.i++
			return string(b), true
		case c < 0x20:
			p.fail(ErrControl, "")
			return "", false
		case c == '\\':
			r, ok := p.escape()
			if !ok {
				return "", false
			}
			b = utf8.AppendRune(b, r)
		case c < utf8.RuneSelf:
			b = append(b, c)
			p.i++
		default:
			r, size := utf8.DecodeRuneInString(p.s[p.i:])
			b = utf8.AppendRune(b, r) // U+FFFD for invalid UTF-8
			p.i += size
		}
	}
	p.fail(ErrEnd, "")
	return "", false
}

// escape reads the escape sequence at p.i (which is '\\').
func (p *parser) escape() (rune, bool) {
	if p.i+1 >= len(p.s) {
		p.i = len(p.s)
		p.fail(ErrEnd, "")
		return 0, false
	}
	c := p.s[p.i+1]
	switch c {
	case '"', '\\', '/':
		p.i += 2
		return rune(c), true
	case 'b':
		p.i += 2
		return '\b', true
	case 'f':
		p.i += 2
		return '\f', true
	case 'n':
		p.i += 2
		return '\n', true
	case 'r':
		p.i += 2
		return '\r', true
	case 't':
		p.i += 2
		return '\t', true
	case 'u':
		r, ok := p.hex4(p.i + 2)
		if !ok {
			return 0, false
		}
		p.i += 6
		if utf16.IsSurrogate(r) {
			// A high surrogate followed by a low one is one character.
			if r < 0xdc00 && len(p.s)-p.i >= 6 && p.s[p.i] == '\\' && p.s[p.i+1] == 'u' {
				if r2, ok := p.hex4(p.i + 2); ok {
					if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
						p.i += 6
						return d, true
					}
				} else {
					return 0, false
				}
			}
			return utf8.RuneError, true
		}
		return r, true
	}
	p.i++
	p.fail(ErrEscape, "")
	return 0, false
}

// hex4 reads four hexadecimal digits at j.
func (p *parser) hex4(j int) (rune, bool) {
	var r rune
	for k := j; k < j+4; k++ {
		if k >= len(p.s) {
			p.i = len(p.s)
			p.fail(ErrEnd, "")
			return 0, false
		}
		c := p.s[k]
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			p.i = k
			p.fail(ErrEscape, "")
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

// number reads a number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (p *parser) number() (Value, bool) {
	start := p.i
	if p.s[p.i] == '-' {
		p.i++
	}
	digits := func() int {
		n := 0
		for p.i < len(p.s) && '0' <= p.s[p.i] && p.s[p.i] <= '9' {
			p.i++
			n++
		}
		return n
	}
	switch {
	case p.i < len(p.s) && p.s[p.i] == '0':
		p.i++
	case digits() == 0:
		p.fail(ErrNumber, "")
		return Value{}, false
	}
	if p.i < len(p.s) && p.s[p.i] == '.' {
		p.i++
		if digits() == 0 {
			p.fail(ErrNumber, "")
			return Value{}, false
		}
	}
	if p.i < len(p.s) && (p.s[p.i] == 'e' || p.s[p.i] == 'E') {
		p.i++
		if p.i < len(p.s) && (p.s[p.i] == '+' || p.s[p.i] == '-') {
			p.i++
		}
		if digits() == 0 {
			p.fail(ErrNumber, "")
			return Value{}, false
		}
	}
	text := p.s[start:p.i]
	f, err := strconv.ParseFloat(text, 64)
	if err != nil { // out of range: JSON.parse gives ±Infinity, not a value we keep
		p.i = start
		p.fail(ErrNumber, "")
		return Value{}, false
	}
	return Value{Kind: Number, Num: f, Text: text}, true
}
