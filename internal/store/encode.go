package store

import (
	"strconv"

	"shguide/internal/jsontext"
)

// AppendStamps appends the member "at" with the non-zero stamps of the
// fields, named by names; nothing when all are zero.
func AppendStamps(b []byte, names []string, stamps ...Stamp) []byte {
	open := false
	for i, at := range stamps {
		if at == 0 {
			continue
		}
		if !open {
			b = append(b, `,"at":{`...)
			open = true
		}
		b = jsontext.AppendKey(b, names[i])
		b = strconv.AppendInt(b, int64(at), 10)
	}
	if open {
		b = append(b, '}')
	}
	return b
}

// AppendStrings appends a JSON array of strings.
func AppendStrings(b []byte, list []string) []byte {
	b = append(b, '[')
	for i, s := range list {
		if i > 0 {
			b = append(b, ',')
		}
		b = jsontext.AppendString(b, s)
	}
	return append(b, ']')
}
