package site

import (
	"strings"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
)

// jsonTokens tokenises JSON as chroma's JSON lexer does, coalesced as
// chroma.Coalesce does, for the highlighted examples of the open-data page:
// the lexer's regular expressions allocate some 250 bytes for each byte of
// JSON. It follows the lexer's states and rules (lexers/embedded/json.xml)
// for the JSON encoding/json writes, and gives up (ok false) on anything
// else — comments, whitespace other than spaces and line breaks outside
// strings, text the lexer would mark as an error, invalid UTF-8, CR
// (which chroma turns into LF) — which chroma then tokenises itself.
func jsonTokens(s string) (tokens []chroma.Token, ok bool) {
	if !utf8.ValidString(s) || strings.IndexByte(s, '\r') >= 0 {
		return nil, false
	}
	const (
		root = iota
		objectValue
		objectAttribute
		arrayValue
	)
	stack := []int{root}
	emit := func(t chroma.TokenType, v string) {
		// chroma.Coalesce: runs of one type, up to 8 KB, become one token.
		if n := len(tokens); n > 0 && tokens[n-1].Type == t && len(tokens[n-1].Value) < 8192 {
			tokens[n-1].Value += v
			return
		}
		tokens = append(tokens, chroma.Token{Type: t, Value: v})
	}
	push := func(state int) { stack = append(stack, state) }
	pop := func(n int) bool {
		if len(stack) <= n {
			return false // the lexer would pop its root state
		}
		stack = stack[:len(stack)-n]
		return true
	}
	for i := 0; i < len(s); {
		state := stack[len(stack)-1]
		c := s[i]
		switch {
		case c == ' ' || c == '\n':
			j := i
			for j < len(s) && (s[j] == ' ' || s[j] == '\n') {
				j++
			}
			if j < len(s) && isOtherSpace(s[j:]) {
				return nil, false
			}
			emit(chroma.Text, s[i:j])
			i = j
		case c == '/' || isOtherSpace(s[i:]):
			return nil, false // a comment, or whitespace \s matches beyond ours
		case c == '"':
			j := jsonStringEnd(s, i)
			if j < 0 {
				return nil, false
			}
			if state == objectValue {
				emit(chroma.NameTag, s[i:j])
				push(objectAttribute)
			} else {
				emit(chroma.LiteralStringDouble, s[i:j])
			}
			i = j
		case state == objectValue:
			if c != '}' || !pop(1) {
				return nil, false
			}
			emit(chroma.Punctuation, "}")
			i++
		case c == 't' || c == 'f' || c == 'n':
			word := ""
			for _, w := range [...]string{"true", "false", "null"} {
				if strings.HasPrefix(s[i:], w) {
					word = w
				}
			}
			if word == "" || i+len(word) < len(s) && isWordByte(s[i+len(word)]) {
				return nil, false
			}
			emit(chroma.KeywordConstant, word)
			i += len(word)
		case c == '-' || '0' <= c && c <= '9':
			t, j := jsonNumber(s, i)
			if j < 0 {
				return nil, false
			}
			emit(t, s[i:j])
			i = j
		case c == '{':
			emit(chroma.Punctuation, "{")
			push(objectValue)
			i++
		case c == '[':
			emit(chroma.Punctuation, "[")
			push(arrayValue)
			i++
		case state == objectAttribute && (c == ':' || c == ','):
			if c == ',' && !pop(1) {
				return nil, false
			}
			emit(chroma.Punctuation, s[i:i+1])
			i++
		case state == objectAttribute && c == '}':
			if !pop(2) {
				return nil, false
			}
			emit(chroma.Punctuation, "}")
			i++
		case state == arrayValue && (c == ',' || c == ']'):
			if c == ']' && !pop(1) {
				return nil, false
			}
			emit(chroma.Punctuation, s[i:i+1])
			i++
		default:
			return nil, false
		}
	}
	return tokens, true
}

// isOtherSpace reports whether s starts with whitespace the lexer's \s
// matches other than a space or a line break (tab, CR, NBSP, …).
func isOtherSpace(s string) bool {
	switch s[0] {
	case '\t', '\r', '\v', '\f':
		return true
	}
	return s[0] >= 0x80 // any non-ASCII character, whitespace or not: left to chroma
}

func isWordByte(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c >= 0x80
}

// jsonStringEnd returns the index after the string starting at s[i] (a
// quote), as the lexer's "(\\\\|\\"|[^"])*" matches it, or -1 when it is
// not closed.
func jsonStringEnd(s string, i int) int {
	for j := i + 1; j < len(s); j++ {
		switch {
		case s[j] == '\\' && j+1 < len(s) && (s[j+1] == '\\' || s[j+1] == '"'):
			j++
		case s[j] == '"':
			return j + 1
		}
	}
	return -1
}

// jsonNumber returns the type and the end of the number at s[i], as the
// lexer's float and integer rules match it, or -1 for none.
func jsonNumber(s string, i int) (chroma.TokenType, int) {
	digits := func(j int) int {
		for j < len(s) && '0' <= s[j] && s[j] <= '9' {
			j++
		}
		return j
	}
	j := i
	if s[j] == '-' {
		j++
	}
	switch {
	case j < len(s) && s[j] == '0':
		j++
	case j < len(s) && '1' <= s[j] && s[j] <= '9':
		j = digits(j)
	default:
		return chroma.Error, -1
	}
	end, t := j, chroma.LiteralNumberInteger
	if j+1 < len(s) && s[j] == '.' && digits(j+1) > j+1 {
		end, t = digits(j+1), chroma.LiteralNumberFloat
	}
	if k := end; k < len(s) && (s[k] == 'e' || s[k] == 'E') {
		k++
		if k < len(s) && (s[k] == '+' || s[k] == '-') {
			k++
		}
		if e := digits(k); e > k {
			end, t = e, chroma.LiteralNumberFloat
		}
	}
	if end < len(s) && s[end] >= 0x80 {
		return chroma.Error, -1 // \d matches other digits too: left to chroma
	}
	return t, end
}
