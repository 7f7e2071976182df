package model

import (
	"reflect"
	"strings"
	"unicode/utf8"
)

// decodeSimple decodes a content file that keeps to the plain part of YAML
// the content is written in straight into v (a pointer to a zero struct),
// filling the Pos fields as setPos does, and reports whether it did. It
// reads the file in one pass without building a syntax tree: a twentieth
// of the allocations of go-yaml's parser and decoder.
//
// The part it reads: block mappings with keys of ASCII letters, digits and
// "_"; block sequences; one-line plain, single- and double-quoted scalars;
// one-line flow sequences and mappings; literal and folded block scalars
// (|, |-, >, >-; folded ones without more-indented lines); comments; into
// strings, ints, slices and structs. Anything else —
// other YAML, but also every error (unknown or repeated keys, wrong types,
// bad syntax) and every scalar whose meaning go-yaml could read otherwise
// (null, booleans, numbers into strings) — gives false, with v possibly
// half filled, and Load decodes the file with go-yaml, which then decides
// and reports. So the two always agree where this one answers (the tests
// compare them on the content and fuzz them).
func decodeSimple(file string, data []byte, v any) bool {
	_, ok := decodeSimpleAt(file, data, v)
	return ok
}

// decodeSimpleAt is decodeSimple, with the line where it gave up.
func decodeSimpleAt(file string, data []byte, v any) (line int, ok bool) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() || rv.Elem().Kind() != reflect.Struct || !utf8.Valid(data) {
		return 0, false
	}
	src := string(data)
	// Tabs, CRs, a BOM, trailing spaces and a last line without a line
	// break are left to go-yaml.
	if strings.ContainsAny(src, "\t\r\ufeff") || strings.Contains(src, " \n") || !strings.HasSuffix(src, "\n") {
		return 0, false
	}
	d := &simpleDecoder{file: file, lines: strings.Split(src, "\n")}
	defer func() {
		if r := recover(); r != nil {
			if _, unsupported := r.(notSimple); !unsupported {
				panic(r)
			}
			line, ok = d.ln+1, false
		}
	}()
	d.skipBlank()
	if d.eof() || indentOf(d.line()) != 0 || isSeqItem(d.line()) {
		return d.ln + 1, false
	}
	d.mapping(rv.Elem(), 0)
	if d.skipBlank(); !d.eof() {
		return d.ln + 1, false // text after the top-level mapping
	}
	return 0, true
}

// notSimple is the panic value by which simpleDecoder gives up.
type notSimple struct{}

func giveUp() { panic(notSimple{}) }

type simpleDecoder struct {
	file  string
	lines []string
	ln    int       // current line (0-based)
	keys  []keyLine // the keys of the mappings being read, innermost last
	block []keyLine // where the keys of the mappings read are kept
}

func (d *simpleDecoder) eof() bool    { return d.ln >= len(d.lines) }
func (d *simpleDecoder) line() string { return d.lines[d.ln] }

// skipBlank moves past empty lines and comment lines.
func (d *simpleDecoder) skipBlank() {
	for ; !d.eof(); d.ln++ {
		t := strings.TrimLeft(d.line(), " ")
		if t != "" && t[0] != '#' {
			return
		}
	}
}

func indentOf(s string) int {
	n := 0
	for n < len(s) && s[n] == ' ' {
		n++
	}
	return n
}

// isSeqItem reports whether the text at a line's indentation starts a
// block sequence item.
func isSeqItem(t string) bool {
	t = t[indentOf(t):]
	return t == "-" || strings.HasPrefix(t, "- ")
}

// splitKey splits "key: rest" or "key:" into the key and the rest (which
// starts with a space or is empty).
func splitKey(t string) (key, rest string, ok bool) {
	n := 0
	for n < len(t) && (t[n] >= 'a' && t[n] <= 'z' || t[n] >= 'A' && t[n] <= 'Z' || t[n] >= '0' && t[n] <= '9' || t[n] == '_') {
		n++
	}
	if n == 0 || n == len(t) || t[n] != ':' || n+1 < len(t) && t[n+1] != ' ' {
		return "", "", false
	}
	return t[:n], t[n+1:], true
}

// node decodes the block node at the next non-blank line into v; the node
// must be indented more than parent, or be a sequence at parent's column
// when seqAtParent (a mapping value).
func (d *simpleDecoder) node(v reflect.Value, parent int, seqAtParent bool) {
	d.skipBlank()
	if d.eof() {
		giveUp() // an empty value: null
	}
	l := d.line()
	ind := indentOf(l)
	switch {
	case ind > parent && isSeqItem(l):
		d.sequence(v, ind)
	case ind > parent:
		d.mapping(v, ind)
	case ind == parent && seqAtParent && isSeqItem(l):
		d.sequence(v, ind)
	default:
		giveUp() // an empty value: null
	}
}

// mapping decodes the block mapping whose keys are at column col, the
// first of them on the current line, into v (a struct or a pointer to one).
func (d *simpleDecoder) mapping(v reflect.Value, col int) {
	v = alloc(v)
	if v.Kind() != reflect.Struct {
		giveUp()
	}
	info := structInfoOf(v.Type())
	keys0 := len(d.keys)
	var seen uint64
	for first := true; ; first = false {
		if !first {
			d.skipBlank()
			if d.eof() {
				break
			}
			ind := indentOf(d.line())
			if ind < col {
				break
			}
			if ind > col {
				giveUp()
			}
		}
		key, rest, ok := splitKey(d.line()[col:])
		if !ok {
			giveUp()
		}
		f, ok := info.fields[key]
		if !ok || seen&(1<<f) != 0 {
			giveUp() // unknown or repeated: go-yaml reports it
		}
		seen |= 1 << f
		d.keys = append(d.keys, keyLine{key, d.ln + 1})
		d.value(v.Field(f), col, rest, true)
	}
	d.setPos(v, info, keys0)
}

// setPos fills the Pos field of struct v, read from a mapping whose keys
// are d.keys[from:], and takes the keys off the stack.
func (d *simpleDecoder) setPos(v reflect.Value, info *structInfo, from int) {
	if info.pos >= 0 {
		n := len(d.keys) - from
		if cap(d.block)-len(d.block) < n {
			d.block = make([]keyLine, 0, max(n, 1024))
		}
		start := len(d.block)
		d.block = append(d.block, d.keys[from:]...)
		keys := d.block[start:len(d.block):len(d.block)]
		v.Field(info.pos).Set(reflect.ValueOf(Pos{File: d.file, Line: keys[0].line, keys: keys}))
	}
	d.keys = d.keys[:from]
}

// sequence decodes the block sequence whose "-" are at column col into v.
func (d *simpleDecoder) sequence(v reflect.Value, col int) {
	if v.Kind() != reflect.Slice || v.Type().Name() != "" {
		giveUp()
	}
	for {
		d.skipBlank()
		if d.eof() {
			break
		}
		l := d.line()
		ind := indentOf(l)
		if ind < col {
			break
		}
		if ind > col || !isSeqItem(l) {
			giveUp()
		}
		c := col + 1
		for c < len(l) && l[c] == ' ' {
			c++
		}
		if c == len(l) || l[c] == '#' {
			giveUp() // the item on the next lines
		}
		elem := reflect.New(v.Type().Elem()).Elem()
		if _, _, isKey := splitKey(l[c:]); isKey {
			d.mapping(elem, c)
		} else {
			d.value(elem, col, l[c:], false)
		}
		v.Set(reflect.Append(v, elem))
	}
}

// value decodes a value that starts on the current line with text t, a
// mapping value (after "key:") or a sequence item (after "- "); parent is
// the column of the key or the "-". It moves past the lines it reads.
func (d *simpleDecoder) value(v reflect.Value, parent int, t string, inMapping bool) {
	t = strings.TrimLeft(t, " ")
	if t == "" || t[0] == '#' {
		d.ln++
		d.node(v, parent, inMapping)
		return
	}
	switch t[0] {
	case '|', '>':
		d.blockScalar(v, parent, t)
		return
	case '[', '{', '"', '\'':
		i := d.flow(v, t, 0)
		if rest := strings.TrimLeft(t[i:], " "); rest != "" && (rest[0] != '#' || len(rest) == len(t[i:])) {
			giveUp()
		}
	default:
		s := t
		if i := strings.Index(s, " #"); i >= 0 {
			s = s[:i]
		}
		s = strings.TrimRight(s, " ")
		if !plainOK(s, false) {
			giveUp()
		}
		setScalar(v, s, true)
	}
	d.ln++
	// A more-indented line would continue a plain scalar or be an error.
	d.skipBlank()
	if !d.eof() && indentOf(d.line()) > parent {
		giveUp()
	}
}
