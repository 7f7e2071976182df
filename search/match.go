package search

import (
	"math"
	"slices"
)

// candidates returns the documents that may hold needle n, ascending: those
// holding all its terms (or, for a fuzzy needle, half of its bigrams).
func (ix *Index) candidates(n *needle, sc *scratch) []uint32 {
	switch n.kind {
	case needleTerm:
		return ix.postings(int(n.term))
	case needlePhrase:
		var lists [][]uint32
		for _, s := range segments(n.runes, nil, true) {
			missing := false
			indexTerms(s, func(t []rune) {
				if i := ix.lookup(string(t)); i >= 0 {
					lists = append(lists, ix.postings(i))
				} else {
					missing = true
				}
			})
			if missing {
				return nil
			}
		}
		return intersect(lists)
	}
	if len(n.runes) == 1 {
		lo, hi := ix.prefixRange(string(n.runes))
		for t := lo; t < hi; t++ {
			for _, d := range ix.postings(t) {
				sc.mark[d] = 1
			}
		}
		var out []uint32
		for d, m := range sc.mark {
			if m != 0 {
				out = append(out, uint32(d))
				sc.mark[d] = 0
			}
		}
		return out
	}
	ix.lookupGrams(n)
	if n.cover > 0 {
		return ix.fuzzyCandidates(n, sc)
	}
	lists := make([][]uint32, 0, len(n.gramTerms))
	for _, t := range n.gramTerms {
		if t < 0 {
			return nil
		}
		lists = append(lists, ix.postings(int(t)))
	}
	return intersect(lists)
}

// lookupGrams fills the bigrams of a CJK needle and their terms.
func (ix *Index) lookupGrams(n *needle) {
	if n.grams != nil || len(n.runes) < 2 {
		return
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.runes); i++ {
		bg := string(n.runes[i : i+2])
		if seen[bg] {
			continue
		}
		seen[bg] = true
		n.grams = append(n.grams, n.runes[i:i+2])
		n.gramTerms = append(n.gramTerms, int32(ix.lookup(bg)))
	}
}

func idfOf(n, df float64) float64 {
	return math.Log(1 + (n-df+0.5)/(df+0.5))
}

// fuzzyCandidates returns the documents holding at least n.cover of the
// needle's distinct bigrams, but not all of them (those match exactly).
func (ix *Index) fuzzyCandidates(n *needle, sc *scratch) []uint32 {
	for _, t := range n.gramTerms {
		if t < 0 {
			continue
		}
		for _, d := range ix.postings(int(t)) {
			sc.cover[d] += 1 / float64(len(n.grams))
		}
	}
	var out []uint32
	for d, c := range sc.cover {
		if c >= n.cover-1e-9 && c < 1-1e-9 {
			out = append(out, uint32(d))
		}
		sc.cover[d] = 0
	}
	return out
}

// occurrences counts the matches of needle n in field f of e and appends
// their spans (view positions) to spans, at most limit of them. A fuzzy
// needle counts its share of bigrams found, and spans them.
func (ix *Index) occurrences(e *entry, f field, n *needle, spans []runeSpan, limit int) (float64, []runeSpan) {
	t := textOf(e)
	view := t.view[f]
	if len(view) == 0 {
		return 0, spans
	}
	switch n.kind {
	case needleTerm:
		return termOccurrences(view, n, spans, limit)
	case needlePhrase:
		return substringOccurrences(view, nil, n, true, spans, limit)
	}
	if n.cover > 0 {
		// The share of the needle's bigrams found here, if it is enough
		// and the needle itself is not (that is an exact match).
		ix.lookupGrams(n)
		grams := n.grams
		found := 0
		start := len(spans)
		for _, g := range grams {
			k, sp := substringOccurrences(view, nil, &needle{kind: needleCJK, runes: g}, false, spans, limit)
			if k > 0 {
				found++
				spans = sp
			}
		}
		c := float64(found) / float64(len(grams))
		if found < 2 || c < n.cover-1e-9 || c > 1-1e-9 {
			return 0, spans[:start]
		}
		return c, spans
	}
	if n.strip {
		sv := t.strip[f]
		if sv.r == nil {
			if _, changed := stripLong(n.runes); changed {
				return 0, spans
			}
			return substringOccurrences(view, nil, n, false, spans, limit)
		}
		return substringOccurrences(sv.r, sv.pos, n, false, spans, limit)
	}
	return substringOccurrences(view, nil, n, false, spans, limit)
}

// substringOccurrences finds n.runes in text; pos (if not nil) maps text
// positions to view positions. With words, a match must sit on word
// boundaries; a CJK needle's katakana alignment is checked.
func substringOccurrences(text []rune, pos []int32, n *needle, words bool, spans []runeSpan, limit int) (float64, []runeSpan) {
	m := len(n.runes)
	count := 0.0
	for i := 0; m > 0 && i+m <= len(text); i++ {
		if text[i] != n.runes[0] || !slices.Equal(text[i:i+m], n.runes) {
			continue
		}
		if words && ((i > 0 && !boundary(text[i-1], text[i])) || (i+m < len(text) && !boundary(text[i+m-1], text[i+m]))) {
			continue
		}
		if n.align != alignNone {
			startOK := i == 0 || !katakanaLetter(text[i-1])
			endOK := i+m == len(text) || !katakanaLetter(text[i+m])
			if (n.align == alignBoth && !(startOK && endOK)) || (n.align == alignEither && !startOK && !endOK) {
				continue
			}
		}
		count++
		if len(spans) < limit {
			s, e := i, i+m
			if pos != nil {
				s, e = int(pos[i]), int(pos[i+m-1])+1
			}
			spans = append(spans, runeSpan{s, e})
		}
		i += m - 1
	}
	return count, spans
}

func katakanaLetter(r rune) bool { return scriptOf(r) == scriptKatakana }

// termOccurrences finds the Latin words and compounds of view that are
// indexed under the needle's term.
func termOccurrences(view []rune, n *needle, spans []runeSpan, limit int) (float64, []runeSpan) {
	count := 0.0
	first := n.runes[0]
	for i := 0; i < len(view); {
		c := classify(view[i])
		if c != classWord {
			i++
			continue
		}
		// A Latin segment: a word and its connected words.
		j := i
		for j < len(view) {
			cj := classify(view[j])
			if cj == classWord || (cj == classConnector && j+1 < len(view) && classify(view[j+1]) == classWord && j > i) {
				j++
				continue
			}
			break
		}
		if containsRune(view[i:j], first) {
			found := false
			latinTerms(view[i:j], 1+countConnectors(view[i:j]), func(t []rune) { found = found || slices.Equal(t, n.runes) })
			if found {
				count++
				if len(spans) < limit {
					spans = append(spans, runeSpan{i, j})
				}
			}
		}
		i = j
	}
	return count, spans
}

func containsRune(r []rune, c rune) bool { return slices.Contains(r, c) }

func countConnectors(r []rune) int {
	n := 0
	for _, c := range r {
		if classify(c) == classConnector {
			n++
		}
	}
	return n
}
