package search

import (
	"sort"
	"unicode/utf8"
)

// Excerpt size, in runes of the source text.
const (
	excerptBefore = 30  // shown before the first match
	excerptRunes  = 110 // in all
	maxSpans      = 64  // highlights searched per text
)

const ellipsis = "…"

// makeView folds s and drops spaces between CJK characters as the
// tokenizer does, so that a needle matches across them. With offsets, v
// keeps each rune's byte range in s.
func makeView(s string, v *folded, offsets bool) {
	foldText(s, offsets, v)
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
		v.r[w] = v.r[i]
		if offsets {
			v.start[w], v.end[w] = v.start[i], v.end[i]
		}
		w++
	}
	v.r = v.r[:w]
	if offsets {
		v.start, v.end = v.start[:w], v.end[:w]
	}
}

type runeSpan struct{ s, e int }

// boundary reports whether a word may begin or end between a and b: not
// inside a run of letters or of digits (uk|5 is a boundary, u|k is not).
func boundary(a, b rune) bool {
	return classify(a) != classWord || classify(b) != classWord || isDigit(a) != isDigit(b)
}

// spanOrder orders spans by start, the longest first among equal starts.
type spanOrder struct{ s []runeSpan }

func (o *spanOrder) Len() int      { return len(o.s) }
func (o *spanOrder) Swap(i, j int) { o.s[i], o.s[j] = o.s[j], o.s[i] }
func (o *spanOrder) Less(i, j int) bool {
	if o.s[i].s != o.s[j].s {
		return o.s[i].s < o.s[j].s
	}
	return o.s[i].e > o.s[j].e
}

// mergeSpans sorts spans and merges overlapping ones.
func mergeSpans(spans []runeSpan) []runeSpan {
	sort.Sort(&spanOrder{spans})
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

// byteSpans converts rune spans of a view with offsets into byte spans of
// its source text.
func byteSpans(v *folded, spans []runeSpan) []Span {
	var out []Span
	for _, sp := range spans {
		if sp.s < 0 || sp.e > len(v.r) || sp.s >= sp.e {
			continue
		}
		out = append(out, Span{int(v.start[sp.s]), int(v.end[sp.e-1])})
	}
	return out
}

// excerpt returns about excerptRunes runes of s around the rune span at
// (of the view v of s, made with offsets), with the byte spans of the
// given matches that fall in the excerpt. Newlines become spaces; an
// ellipsis marks a cut inside a paragraph. With at < 0 the excerpt begins
// the text.
func excerpt(s string, v *folded, at int, spans []runeSpan) (string, []Span) {
	if s == "" {
		return "", nil
	}
	from, to := 0, 0
	if at >= 0 && at < len(v.r) {
		first := int(v.start[at])
		from = first
		for n := 0; n < excerptBefore && from > 0; n++ {
			_, size := utf8.DecodeLastRuneInString(s[:from])
			if s[from-size] == '\n' {
				break
			}
			from -= size
		}
		to = int(v.end[at])
	}
	end := from
	for n := 0; n < excerptRunes && end < len(s); n++ {
		_, size := utf8.DecodeRuneInString(s[end:])
		end += size
	}
	to = max(to, end)
	b := make([]byte, 0, to-from+2*len(ellipsis))
	prefix := 0
	if from > 0 && s[from-1] != '\n' {
		b = append(b, ellipsis...)
		prefix = len(ellipsis)
	}
	start := len(b)
	b = append(b, s[from:to]...)
	for i := start; i < len(b); i++ {
		if c := b[i]; c == '\n' || c == '\r' || c == '\t' {
			b[i] = ' '
		}
	}
	if to < len(s) {
		b = append(b, ellipsis...)
	}
	var hl []Span
	for _, sp := range byteSpans(v, spans) {
		if sp.End <= from || sp.Start >= to {
			continue
		}
		hl = append(hl, Span{max(sp.Start, from) - from + prefix, min(sp.End, to) - from + prefix})
	}
	return string(b), hl
}
