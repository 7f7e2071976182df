// Package csvtext writes CSV fields for spreadsheet programs (RFC 4180
// quoting) and guards them against formula injection, for every CSV the
// site's browser tools export.
package csvtext

import (
	"strings"
	"unicode/utf8"
)

// formulaStart holds the characters with which a spreadsheet program reads
// a cell as a formula or command: "=", "+", "-", "@", a tab or a carriage
// return (OWASP's list), and the full-width "＝", "＋", "－", "＠", which a
// Japanese spreadsheet program takes for their ASCII forms.
const formulaStart = "=+-@\t\r＝＋－＠"

// Guarded reports whether s would start a formula: its first character,
// after any spaces (ASCII or ideographic, which some programs skip), is in
// formulaStart.
func Guarded(s string) bool {
	s = strings.TrimLeft(s, " \u3000")
	if s == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	return strings.ContainsRune(formulaStart, r)
}

// Guard prefixes a text that a spreadsheet would take for a formula with
// "'", which spreadsheet programs read as "this cell is text" and hide.
func Guard(s string) string {
	if Guarded(s) {
		return "'" + s
	}
	return s
}

// Unguard removes the "'" that Guard added, so that an exported file reads
// back as it was written.
func Unguard(s string) string {
	if len(s) >= 2 && s[0] == '\'' && Guarded(s[1:]) {
		return s[1:]
	}
	return s
}

// needsQuotes reports whether a field must be quoted.
func needsQuotes(s string) bool {
	if s == "" {
		return false
	}
	if s == `\.` || s[0] == ' ' || s[0] == '\t' {
		return true
	}
	return strings.ContainsAny(s, ",\"\r\n")
}

// AppendField appends s as one CSV field, quoted when needed. It does not
// guard: the caller guards the fields that hold user text.
func AppendField(b []byte, s string) []byte {
	if !needsQuotes(s) {
		return append(b, s...)
	}
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			b = append(b, '"')
		}
		b = append(b, s[i])
	}
	return append(b, '"')
}

// AppendGuarded appends user text as one guarded CSV field.
func AppendGuarded(b []byte, s string) []byte { return AppendField(b, Guard(s)) }
