package model

import (
	"reflect"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml/token"
)

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
