// Package jsontext appends JSON text to byte slices: strings, object keys,
// numbers, and the values of the WebAssembly bridge's answers. It uses
// neither reflection nor encoding/json, whose weight the WebAssembly module
// would carry; the browser turns the text into objects with one JSON.parse
// call, which is much faster than building them member by member through
// syscall/js.
//
// Objects are written by the caller: '{', then members with AppendKey (which
// puts the comma), then '}'.
package jsontext

import (
	"math"
	"strconv"
	"unicode/utf8"
)

const hexDigits = "0123456789abcdef"

// AppendString appends s as a JSON string. Invalid UTF-8 becomes U+FFFD;
// control characters, U+2028 and U+2029 are escaped, so the text is valid
// JSON and valid JavaScript alike.
func AppendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// AppendKey appends `"key":`, preceded by a comma unless b ends with '{'
// or '[' (the first member). key must not need escaping. It is not
// inlined: its copies at every member of every writer would weigh more in
// the WebAssembly module than the call.
//
//go:noinline
func AppendKey(b []byte, key string) []byte {
	if n := len(b); n > 0 && b[n-1] != '{' && b[n-1] != '[' {
		b = append(b, ',')
	}
	b = append(b, '"')
	b = append(b, key...)
	return append(b, '"', ':')
}

// AppendStringField appends the member "key": val.
func AppendStringField(b []byte, key, val string) []byte {
	return AppendString(AppendKey(b, key), val)
}

// AppendIntField appends the member "key": n.
func AppendIntField(b []byte, key string, n int) []byte {
	return strconv.AppendInt(AppendKey(b, key), int64(n), 10)
}

// AppendBoolField appends the member "key": v.
//
//go:noinline
func AppendBoolField(b []byte, key string, v bool) []byte {
	return strconv.AppendBool(AppendKey(b, key), v)
}

// AppendFloat appends f as a JSON number in the shortest form that reads
// back exactly; NaN and infinities, which JSON lacks, become null.
func AppendFloat(b []byte, f float64) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return append(b, "null"...)
	}
	return strconv.AppendFloat(b, f, 'g', -1, 64)
}

// Appender is a value that writes itself as JSON text.
type Appender interface {
	AppendJSON(b []byte) []byte
}

// Raw is JSON text that AppendValue copies as it is.
type Raw []byte

// AppendJSON appends r.
func (r Raw) AppendJSON(b []byte) []byte { return append(b, r...) }

// AppendValue appends a value of a bridge answer: nil, a bool, an int, a
// string or an Appender, which writes anything larger. Other types are a
// programming error and panic. (Generic maps and slices would need
// reflection-like code the WebAssembly module would carry.)
func AppendValue(b []byte, v any) []byte {
	switch v := v.(type) {
	case nil:
		return append(b, "null"...)
	case bool:
		return strconv.AppendBool(b, v)
	case int:
		return strconv.AppendInt(b, int64(v), 10)
	case string:
		return AppendString(b, v)
	case Appender:
		return v.AppendJSON(b)
	}
	panic("jsontext: cannot append a value of this type")
}
