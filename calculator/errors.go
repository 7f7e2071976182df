package calculator

import (
	"strconv"
	"unicode/utf8"
)

// ErrorKind classifies a ParseError.
type ErrorKind uint8

const (
	ErrPrefix        ErrorKind = iota + 1 // the input does not start with "CVSS:"
	ErrVersion                            // a version other than 3.0 or 3.1
	ErrEmpty                              // an empty component ("//" or a trailing "/")
	ErrMalformed                          // a component without ":"
	ErrUnknownMetric                      // a metric name the method does not define
	ErrInvalidValue                       // a value the metric does not take
	ErrDuplicate                          // a metric given twice
	ErrMissing                            // a required base metric is absent
	ErrTrailing                           // text after the last valid value
)

var kindNames = [...]string{
	ErrPrefix:        "prefix",
	ErrVersion:       "version",
	ErrEmpty:         "empty",
	ErrMalformed:     "malformed",
	ErrUnknownMetric: "unknown-metric",
	ErrInvalidValue:  "invalid-value",
	ErrDuplicate:     "duplicate",
	ErrMissing:       "missing",
	ErrTrailing:      "trailing",
}

// String returns a stable machine-readable name such as "invalid-value".
func (k ErrorKind) String() string {
	if int(k) < len(kindNames) && kindNames[k] != "" {
		return kindNames[k]
	}
	return "unknown"
}

// ParseError reports why a vector string was rejected and where.
type ParseError struct {
	Kind   ErrorKind
	Metric string // the metric concerned ("" for prefix, version, empty, malformed)
	Value  string // the offending value or text
	Offset int    // byte offset in Input where the problem starts
	Input  string
}

var _ error = (*ParseError)(nil)

// Column is the 1-based character position of Offset in Input.
func (e *ParseError) Column() int {
	off := e.Offset
	if off > len(e.Input) {
		off = len(e.Input)
	}
	return utf8.RuneCountInString(e.Input[:off]) + 1
}

func (e *ParseError) Error() string {
	at := "at column " + strconv.Itoa(e.Column()) + ": "
	switch e.Kind {
	case ErrPrefix:
		return "vector must start with CVSS:3.0/ or CVSS:3.1/, got " + quote(e.Value)
	case ErrVersion:
		return at + "unsupported CVSS version " + quote(e.Value) + " (want 3.0 or 3.1)"
	case ErrEmpty:
		return at + "empty component"
	case ErrMalformed:
		return at + "component " + quote(e.Value) + " is not METRIC:VALUE"
	case ErrUnknownMetric:
		return at + "unknown metric " + quote(e.Metric)
	case ErrInvalidValue:
		return at + "invalid value " + quote(e.Value) + " for " + e.Metric + " (valid: " + validList(e.Metric) + ")"
	case ErrDuplicate:
		return at + "duplicate metric " + e.Metric
	case ErrMissing:
		return "missing base metric " + e.Metric
	case ErrTrailing:
		return at + "unexpected " + quote(e.Value) + " after " + e.Metric + " value"
	}
	return "invalid vector"
}

// Japanese returns the message shown to users of the site.
func (e *ParseError) Japanese() string {
	at := strconv.Itoa(e.Column()) + " 文字目: "
	switch e.Kind {
	case ErrPrefix:
		return "ベクトルは「CVSS:3.0/」または「CVSS:3.1/」で始めてください（先頭が「" + e.Value + "」です）"
	case ErrVersion:
		return at + "CVSS のバージョン「" + e.Value + "」には対応していません（3.0 または 3.1）"
	case ErrEmpty:
		return at + "空の項目があります（「//」または末尾の「/」）"
	case ErrMalformed:
		return at + "「" + e.Value + "」は「項目:値」の形式ではありません"
	case ErrUnknownMetric:
		return at + "不明な評価項目「" + e.Metric + "」です"
	case ErrInvalidValue:
		return at + e.Metric + " の値「" + e.Value + "」は無効です（有効な値: " + validList(e.Metric) + "）"
	case ErrDuplicate:
		return at + e.Metric + " が重複しています"
	case ErrMissing:
		return "基本評価項目 " + e.Metric + " がありません"
	case ErrTrailing:
		return at + e.Metric + " の値の後に余分な文字「" + e.Value + "」があります"
	}
	return "ベクトルが不正です"
}

// quote is strconv.Quote for the text of vectors: the value in double
// quotes, with quotes, backslashes, control characters and invalid UTF-8
// escaped and every other character kept. strconv.Quote would bring its
// tables of printable characters into the WebAssembly module.
func quote(s string) string {
	const hex = "0123456789abcdef"
	b := make([]byte, 0, len(s)+2)
	b = append(b, '"')
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		c := s[i]
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, '\\', 'x', hex[c>>4], hex[c&0xf])
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c == '\n':
			b = append(b, '\\', 'n')
		case c == '\r':
			b = append(b, '\\', 'r')
		case c == '\t':
			b = append(b, '\\', 't')
		case r < 0x20 || r == 0x7f:
			b = append(b, '\\', 'x', hex[c>>4], hex[c&0xf])
		default:
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return string(append(b, '"'))
}

func validList(metric string) string {
	m, ok := lookupMetric(metric)
	if !ok {
		return ""
	}
	codes := m.Codes()
	b := make([]byte, 0, 2*len(codes))
	for i := 0; i < len(codes); i++ {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = append(b, codes[i])
	}
	return string(b)
}
