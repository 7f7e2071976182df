package model

import (
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/goccy/go-yaml/token"
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

// plainOK reports whether s is a plain scalar this decoder reads as go-yaml
// does: no indicator first, nothing that could start a mapping or a
// comment, and in flow context no flow indicator.
func plainOK(s string, flow bool) bool {
	if s == "" || strings.ContainsRune("-?:,[]{}#&*!|>'\"%@`", rune(s[0])) && !(s[0] == '-' && len(s) > 1 && s[1] >= '0' && s[1] <= '9') || strings.HasPrefix(s, "<<") {
		return false
	}
	if strings.Contains(s, ": ") || strings.HasSuffix(s, ":") || strings.Contains(s, "#") {
		return false
	}
	return !flow || !strings.ContainsAny(s, ",[]{}")
}

// flow decodes the flow node or quoted scalar at s[i:] (on one line) and
// returns the index after it.
func (d *simpleDecoder) flow(v reflect.Value, s string, i int) int {
	for i < len(s) && s[i] == ' ' {
		i++
	}
	if i == len(s) {
		giveUp()
	}
	switch s[i] {
	case '"':
		str, n := doubleQuoted(s[i:])
		setScalar(v, str, false)
		return i + n
	case '\'':
		str, n := singleQuoted(s[i:])
		setScalar(v, str, false)
		return i + n
	case '[':
		if v.Kind() != reflect.Slice || v.Type().Name() != "" {
			giveUp()
		}
		i++
		for n := 0; ; n++ {
			for i < len(s) && s[i] == ' ' {
				i++
			}
			if n == 0 && i < len(s) && s[i] == ']' {
				v.Set(reflect.MakeSlice(v.Type(), 0, 0)) // go-yaml's [] is empty, not nil
				return i + 1
			}
			elem := reflect.New(v.Type().Elem()).Elem()
			i = d.flow(elem, s, i)
			v.Set(reflect.Append(v, elem))
			for i < len(s) && s[i] == ' ' {
				i++
			}
			if i == len(s) {
				giveUp()
			}
			if s[i] == ']' {
				return i + 1
			}
			if s[i] != ',' {
				giveUp()
			}
			i++
		}
	case '{':
		sv := alloc(v)
		if sv.Kind() != reflect.Struct {
			giveUp()
		}
		info := structInfoOf(sv.Type())
		keys0 := len(d.keys)
		var seen uint64
		i++
		for {
			for i < len(s) && s[i] == ' ' {
				i++
			}
			key, _, ok := splitKey(s[i:])
			if !ok || i+len(key)+1 >= len(s) {
				giveUp()
			}
			f, ok := info.fields[key]
			if !ok || seen&(1<<f) != 0 {
				giveUp()
			}
			seen |= 1 << f
			d.keys = append(d.keys, keyLine{key, d.ln + 1})
			i = d.flow(sv.Field(f), s, i+len(key)+1)
			for i < len(s) && s[i] == ' ' {
				i++
			}
			if i == len(s) {
				giveUp()
			}
			if s[i] == '}' {
				i++
				break
			}
			if s[i] != ',' {
				giveUp()
			}
			i++
		}
		d.setPos(sv, info, keys0)
		return i
	}
	j := i
	for j < len(s) && s[j] != ',' && s[j] != ']' && s[j] != '}' {
		j++
	}
	str := strings.TrimRight(s[i:j], " ")
	if !plainOK(str, true) {
		giveUp()
	}
	setScalar(v, str, true)
	return j
}

// doubleQuoted reads the double-quoted scalar at the start of s, with the
// escapes \\ and \" only, and returns it and its length in s.
func doubleQuoted(s string) (string, int) {
	esc := false
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			if i+1 == len(s) || s[i+1] != '\\' && s[i+1] != '"' {
				giveUp()
			}
			esc = true
			i++
		case '"':
			if !esc {
				return s[1:i], i + 1
			}
			var b strings.Builder
			b.Grow(i)
			for k := 1; k < i; k++ {
				if s[k] == '\\' {
					k++
				}
				b.WriteByte(s[k])
			}
			return b.String(), i + 1
		}
	}
	giveUp() // not closed on this line
	return "", 0
}

// singleQuoted reads the single-quoted scalar at the start of s, without
// doubled quotes, and returns it and its length in s.
func singleQuoted(s string) (string, int) {
	for i := 1; i < len(s); i++ {
		if s[i] != '\'' {
			continue
		}
		if i+1 < len(s) && s[i+1] == '\'' {
			giveUp() // a doubled quote (rare: left to go-yaml)
		}
		return s[1:i], i + 1
	}
	giveUp()
	return "", 0
}

// blockScalar decodes a literal (|) or folded (>) block scalar with
// header t, clipped or stripped (-), whose lines follow the current one.
func (d *simpleDecoder) blockScalar(v reflect.Value, parent int, t string) {
	folded, strip := t[0] == '>', false
	h := t[1:]
	if strings.HasPrefix(h, "-") {
		strip, h = true, h[1:]
	}
	if h = strings.TrimLeft(h, " "); h != "" && (h[0] != '#' || len(h) == len(t)-1-btoi(strip)) {
		giveUp() // an indentation indicator, "+", or text
	}
	d.ln++
	start := d.ln
	if d.eof() || strings.TrimLeft(d.line(), " ") == "" {
		giveUp() // leading empty lines, or an empty scalar
	}
	ind := indentOf(d.line())
	if ind <= parent {
		giveUp()
	}
	end := start // after the last non-empty line
	for ; !d.eof(); d.ln++ {
		l := d.line()
		if l == "" {
			continue
		}
		n := indentOf(l)
		if n == len(l) {
			giveUp() // a line of spaces only
		}
		if n < ind {
			break
		}
		if n > ind && folded {
			giveUp() // a more-indented line in a folded scalar
		}
		end = d.ln + 1
	}
	d.ln = end
	var b strings.Builder
	size := 0
	for _, l := range d.lines[start:end] {
		size += len(l) + 1
	}
	b.Grow(size)
	prevEmpty := false
	for k, l := range d.lines[start:end] {
		if l == "" {
			b.WriteByte('\n')
			prevEmpty = true
			continue
		}
		if k > 0 && (!folded || !prevEmpty) {
			if folded {
				b.WriteByte(' ')
			} else {
				b.WriteByte('\n')
			}
		}
		b.WriteString(l[ind:])
		prevEmpty = false
	}
	if !strip {
		b.WriteByte('\n')
	}
	if v.Type() != stringType {
		giveUp()
	}
	v.SetString(b.String())
	d.skipBlank()
	if !d.eof() && indentOf(d.line()) > parent {
		giveUp()
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// setScalar stores scalar s in v: a string, or a decimal integer from a
// plain scalar.
func setScalar(v reflect.Value, s string, plain bool) {
	switch v.Type() {
	case stringType:
		if plain && !plainString(s) {
			giveUp()
		}
		v.SetString(s)
	case intType:
		if !plain || s == "" || s[0] == '+' || s[0] == '0' && len(s) > 1 || s[0] == '-' && (len(s) == 1 || s[1] == '0') {
			giveUp()
		}
		n, err := strconv.Atoi(s)
		if err != nil {
			giveUp()
		}
		v.SetInt(int64(n))
	default:
		giveUp() // other types, named ones included (they may decode themselves)
	}
}

var (
	stringType = reflect.TypeFor[string]()
	intType    = reflect.TypeFor[int]()
)

// plainString reports whether go-yaml reads plain scalar s as a string:
// not null, a boolean, infinity, NaN or a number.
func plainString(s string) bool {
	switch s {
	case "null", "Null", "NULL", "~", "true", "True", "TRUE", "false", "False", "FALSE",
		".inf", ".Inf", ".INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN":
		return false
	}
	if c := s[0]; c == '.' || c == '+' || c == '-' || c >= '0' && c <= '9' {
		return token.ToNumber(s) == nil
	}
	return true
}

// alloc returns the struct v or a new struct v points to.
func alloc(v reflect.Value) reflect.Value {
	if v.Kind() == reflect.Pointer {
		if v.Type().Elem().Kind() != reflect.Struct {
			giveUp()
		}
		p := reflect.New(v.Type().Elem())
		v.Set(p)
		return p.Elem()
	}
	return v
}

// structInfo is what decodeSimple needs of a struct type.
type structInfo struct {
	fields map[string]int // yaml key → field index
	pos    int            // index of the Pos field, or -1
}

var structInfos sync.Map // reflect.Type → *structInfo

func structInfoOf(t reflect.Type) *structInfo {
	if si, ok := structInfos.Load(t); ok {
		return si.(*structInfo)
	}
	// Only the model's own structs (or unnamed ones), which do not decode
	// themselves.
	pt := reflect.PointerTo(t)
	if t.Name() != "" && t.PkgPath() != posType.PkgPath() || t.NumField() > 64 || hasMethod(pt, "UnmarshalYAML") || hasMethod(pt, "UnmarshalText") {
		giveUp()
	}
	si := &structInfo{fields: map[string]int{}, pos: -1}
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("yaml")
		switch {
		case f.Anonymous:
			giveUp() // go-yaml inlines embedded structs
		case f.Type == posType:
			si.pos = i
		case !f.IsExported() || tag == "-" || tag == "":
			// A key go-yaml takes for an untagged field is unknown here.
		case strings.Contains(tag, ","):
			giveUp() // options (inline, …)
		default:
			si.fields[tag] = i
		}
	}
	structInfos.Store(t, si)
	return si
}

func hasMethod(t reflect.Type, name string) bool {
	_, ok := t.MethodByName(name)
	return ok
}
