package markdown

import (
	"html/template"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Targets are what auto-links point at. Each method returns the URL of
// its target, or "" when there is no such target (and no link).
type Targets interface {
	Table(id string) string                 // "3-4"
	Figure(id string) string                // "2-3"
	Reference(no int) string                // [21]
	EntryPoint(n int) string                // EP⑤
	Requirement(id string) string           // "SR3-H-5"
	Section(num string) string              // "3.5" or "3.5.2"
	SectionTitle(num string) (string, bool) // the title of a section "3.5"
}

// A Span is a part of a text that links somewhere.
type Span struct {
	Start, End int    // byte offsets
	Href       string // URL
}

var (
	reLinkCandidates = regexp.MustCompile(
		`[表図] ?\d{1,2}-\d{1,2}` + // 表 3-4, 図2-3
			`|\[\d{1,2}\]` + // [21]
			`|S?R[23]-(?:(?:SP|PP|H|D|A)-)?\d{1,2}` + // SR3-H-5, R2-1
			`|EP[①-⑩]` + // EP⑤
			`|[1-7]\.\d{1,2}(?:\.\d{1,2})?`) // 5.4.2, 6.1 (checked below)
)

// Links finds the auto-links of a text (see the package documentation):
// only targets that exist are linked.
func (r *Renderer) Links(text string) []Span {
	t := r.targets
	var out []Span
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
				href = t.Table(id)
			} else {
				href = t.Figure(id)
			}
		case tok[0] == '[':
			n, _ := strconv.Atoi(tok[1 : len(tok)-1])
			href = t.Reference(n)
		case strings.HasPrefix(tok, "EP"):
			c, _ := utf8.DecodeRuneInString(tok[2:])
			href = t.EntryPoint(int(c-'①') + 1)
		case tok[0] == 'R' || tok[0] == 'S':
			if endsWithAlnum(before) || startsWithAlnum(after) || strings.HasSuffix(before, "-") {
				continue
			}
			href = t.Requirement(tok)
		default: // a section number
			if endsWithDigitOrDot(before) || startsWithDigitOrDot(after) || endsWithAlnum(before) || strings.HasPrefix(after, "倍") {
				continue
			}
			if strings.Count(tok, ".") == 2 {
				href = t.Section(tok)
				break
			}
			// Two-part numbers only before 節 or the section's own title, so
			// that "1.2倍" or "v3.0" are never taken for sections.
			title, ok := t.SectionTitle(tok)
			if !ok {
				continue
			}
			rest := strings.TrimLeft(after, " ")
			if strings.HasPrefix(rest, "節") || (title != "" && strings.HasPrefix(rest, firstRunes(title, 4))) {
				href = t.Section(tok)
			}
		}
		if href != "" {
			out = append(out, Span{a, b, href})
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

// Text renders plain text as HTML: escaped, auto-linked, line breaks kept
// as <br>.
func (r *Renderer) Text(text string) template.HTML {
	var b strings.Builder
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	for i, line := range lines {
		if i > 0 {
			b.WriteString("<br>")
		}
		r.writeLinked(&b, line)
	}
	return template.HTML(b.String())
}

func (r *Renderer) writeLinked(b *strings.Builder, text string) {
	last := 0
	for _, sp := range r.Links(text) {
		b.WriteString(template.HTMLEscapeString(text[last:sp.Start]))
		b.WriteString(`<a href="`)
		b.WriteString(template.HTMLEscapeString(sp.Href))
		b.WriteString(`">`)
		b.WriteString(template.HTMLEscapeString(text[sp.Start:sp.End]))
		b.WriteString(`</a>`)
		last = sp.End
	}
	b.WriteString(template.HTMLEscapeString(text[last:]))
}
