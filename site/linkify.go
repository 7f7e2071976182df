package site

import (
	"html/template"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A span is a part of a text that links somewhere.
type span struct {
	start, end int    // byte offsets
	href       string // path below the base, possibly with a fragment
}

var (
	reLinkCandidates = regexp.MustCompile(
		`[表図] ?\d{1,2}-\d{1,2}` + // 表 3-4, 図2-3
			`|\[\d{1,2}\]` + // [21]
			`|S?R[23]-(?:(?:SP|PP|H|D|A)-)?\d{1,2}` + // SR3-H-5, R2-1
			`|EP[①-⑩]` + // EP⑤
			`|[1-7]\.\d{1,2}(?:\.\d{1,2})?`) // 5.4.2, 6.1 (checked below)
)

// links finds the auto-links of a text (see the package documentation):
// only targets that exist are linked.
func (s *Site) links(text string) []span {
	var out []span
	for _, ix := range reLinkCandidates.FindAllStringIndex(text, -1) {
		a, b := ix[0], ix[1]
		tok := text[a:b]
		before, after := text[:a], text[b:]
		var href string
		switch {
		case strings.HasPrefix(tok, "表") || strings.HasPrefix(tok, "図"):
			if strings.HasSuffix(before, "「") || startsWithDigit(after) {
				continue // another document's figure; or part of a longer number
			}
			id := strings.TrimSpace(tok[len("表"):])
			if strings.HasPrefix(tok, "表") {
				href = s.tablePath(id)
			} else {
				href = s.figurePath(id)
			}
		case tok[0] == '[':
			n, _ := strconv.Atoi(tok[1 : len(tok)-1])
			if s.M.Reference(n) != nil {
				href = refPath(n)
			}
		case strings.HasPrefix(tok, "EP"):
			r, _ := utf8.DecodeRuneInString(tok[2:])
			if n := int(r-'①') + 1; s.M.EntryPoint(n) != nil {
				href = epPath(n)
			}
		case tok[0] == 'R' || tok[0] == 'S':
			if endsWithAlnum(before) || startsWithAlnum(after) || strings.HasSuffix(before, "-") {
				continue
			}
			if s.M.Requirement(tok) != nil {
				href = reqPath(tok)
			}
		default: // a section number
			if endsWithDigitOrDot(before) || startsWithDigitOrDot(after) || endsWithAlnum(before) || strings.HasPrefix(after, "倍") {
				continue
			}
			if strings.Count(tok, ".") == 2 {
				href = s.sectionPath(tok)
				break
			}
			// Two-part numbers only before 節 or the section's own title, so
			// that "1.2倍" or "v3.0" are never taken for sections.
			sec := s.M.Section(tok)
			if sec == nil {
				continue
			}
			rest := strings.TrimLeft(after, " ")
			if strings.HasPrefix(rest, "節") || (sec.Title != "" && strings.HasPrefix(rest, firstRunes(sec.Title, 4))) {
				href = s.sectionPath(tok)
			}
		}
		if href != "" {
			out = append(out, span{a, b, href})
		}
	}
	return out
}

func firstRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

func startsWithDigit(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }

func startsWithDigitOrDot(s string) bool {
	return s != "" && (s[0] >= '0' && s[0] <= '9' || s[0] == '.' && len(s) > 1 && s[1] >= '0' && s[1] <= '9')
}

func endsWithDigitOrDot(s string) bool {
	return s != "" && (s[len(s)-1] >= '0' && s[len(s)-1] <= '9' || s[len(s)-1] == '.')
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func endsWithAlnum(s string) bool   { return s != "" && isAlnum(s[len(s)-1]) }
func startsWithAlnum(s string) bool { return s != "" && isAlnum(s[0]) }

// linkText renders plain text as HTML: escaped, auto-linked, line breaks
// kept as <br>.
func (s *Site) linkText(text string) template.HTML {
	var b strings.Builder
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	for i, line := range lines {
		if i > 0 {
			b.WriteString("<br>")
		}
		s.writeLinked(&b, line)
	}
	return template.HTML(b.String())
}

func (s *Site) writeLinked(b *strings.Builder, text string) {
	last := 0
	for _, sp := range s.links(text) {
		b.WriteString(template.HTMLEscapeString(text[last:sp.start]))
		b.WriteString(`<a href="`)
		b.WriteString(template.HTMLEscapeString(s.url(sp.href)))
		b.WriteString(`">`)
		b.WriteString(template.HTMLEscapeString(text[sp.start:sp.end]))
		b.WriteString(`</a>`)
		last = sp.end
	}
	b.WriteString(template.HTMLEscapeString(text[last:]))
}
