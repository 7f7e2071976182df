package search

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// Excerpt size, in runes of the source text.
const (
	excerptBefore = 30  // shown before the first match
	excerptRunes  = 110 // in all
	maxSpans      = 64  // highlights searched per text
)

const ellipsis = "…"

// makeView folds s keeping offsets, and drops spaces between CJK characters
// as the tokenizer does, so that a needle matches across them.
func makeView(s string, v *folded) {
	foldText(s, true, v)
	w := 0
	for i := 0; i < len(v.r); i++ {
		if v.r[i] == ' ' && w > 0 && classify(v.r[w-1]) == classCJK {
			j := i
			for j < len(v.r) && v.r[j] == ' ' {
				j++
			}
			if j < len(v.r) && classify(v.r[j]) == classCJK {
				i = j - 1
				continue
			}
		}
		v.r[w], v.start[w], v.end[w] = v.r[i], v.start[i], v.end[i]
		w++
	}
	v.r, v.start, v.end = v.r[:w], v.start[:w], v.end[:w]
}

type runeSpan struct{ s, e int }

// boundary reports whether a word may begin or end between a and b: not
// inside a run of letters or of digits (uk|5 is a boundary, u|k is not).
func boundary(a, b rune) bool {
	return classify(a) != classWord || classify(b) != classWord || isDigit(a) != isDigit(b)
}

// find returns the merged spans of the needles in v. Primary needles are
// looked for first and mark their group in found; a run's bigrams
// (fallback needles) only when fallback is set and their group is not found.
func find(v *folded, needles []needle, found []bool, fallback bool) []runeSpan {
	var spans []runeSpan
	for pass := 0; pass < 2; pass++ {
		for _, n := range needles {
			if n.fallback != (pass == 1) || (pass == 1 && (!fallback || found[n.group])) {
				continue
			}
			m := len(n.runes)
			for i := 0; m > 0 && i+m <= len(v.r) && len(spans) < maxSpans; i++ {
				if v.r[i] != n.runes[0] || !slices.Equal(v.r[i:i+m], n.runes) {
					continue
				}
				if n.word && ((i > 0 && !boundary(v.r[i-1], v.r[i])) || (i+m < len(v.r) && !boundary(v.r[i+m-1], v.r[i+m]))) {
					continue
				}
				spans = append(spans, runeSpan{i, i + m})
				if pass == 0 {
					found[n.group] = true
				}
				i += m - 1
			}
		}
	}
	slices.SortFunc(spans, func(a, b runeSpan) int {
		if a.s != b.s {
			return a.s - b.s
		}
		return b.e - a.e
	})
	merged := spans[:0]
	for _, s := range spans {
		if k := len(merged) - 1; k >= 0 && s.s <= merged[k].e {
			merged[k].e = max(merged[k].e, s.e)
			continue
		}
		merged = append(merged, s)
	}
	return merged
}

// highlight returns the byte spans of the primary needles in s, marking
// the groups found.
func highlight(s string, needles []needle, found []bool, v *folded) []Span {
	makeView(s, v)
	var out []Span
	for _, sp := range find(v, needles, found, false) {
		out = append(out, Span{int(v.start[sp.s]), int(v.end[sp.e-1])})
	}
	return out
}

// excerpt returns about excerptRunes runes of s around the first match,
// with the matches' byte spans in the excerpt. Newlines become spaces; an
// ellipsis marks a cut inside a paragraph.
func excerpt(s string, needles []needle, found []bool, v *folded) (string, []Span) {
	if s == "" {
		return "", nil
	}
	makeView(s, v)
	spans := find(v, needles, found, true)
	from, to := 0, 0
	if len(spans) > 0 {
		first := int(v.start[spans[0].s])
		from = first
		for n := 0; n < excerptBefore && from > 0; n++ {
			_, size := utf8.DecodeLastRuneInString(s[:from])
			if s[from-size] == '\n' {
				break
			}
			from -= size
		}
		to = int(v.end[spans[0].e-1])
	}
	end := from
	for n := 0; n < excerptRunes && end < len(s); n++ {
		_, size := utf8.DecodeRuneInString(s[end:])
		end += size
	}
	to = max(to, end)
	var b strings.Builder
	prefix := 0
	if from > 0 && s[from-1] != '\n' {
		b.WriteString(ellipsis)
		prefix = len(ellipsis)
	}
	for i := from; i < to; i++ {
		c := s[i]
		if c == '\n' || c == '\r' || c == '\t' {
			c = ' '
		}
		b.WriteByte(c)
	}
	if to < len(s) {
		b.WriteString(ellipsis)
	}
	var hl []Span
	for _, sp := range spans {
		bs, be := int(v.start[sp.s]), int(v.end[sp.e-1])
		if be <= from || bs >= to {
			continue
		}
		hl = append(hl, Span{max(bs, from) - from + prefix, min(be, to) - from + prefix})
	}
	return b.String(), hl
}
