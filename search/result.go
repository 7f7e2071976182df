package search

import (
	"slices"
	"strings"
)

// hasPhrase reports whether a document holds one of the plan's phrases.
func (ix *Index) hasPhrase(e *entry, p *plan) bool {
	for i := range p.phrases {
		for f := fieldLabel; f <= fieldBody; f++ {
			if n, _ := ix.occurrences(e, f, &p.phrases[i], nil, 1); n > 0 {
				return true
			}
		}
	}
	return false
}

// expansions lists the thesaurus words that matched results.
func expansions(p *plan, cands []*docState) []Expansion {
	var out []Expansion
	for gi := range p.groups {
		g := &p.groups[gi]
		var used uint64
		for _, s := range cands {
			used |= s.groups[gi].alts
		}
		x := Expansion{Word: g.display, English: g.english}
		for ai, a := range g.alts {
			if ai >= 64 || used&(1<<ai) == 0 || (a.origin != originSynonym && a.origin != originEnglish && !(g.english && a.origin == originTypo)) {
				continue
			}
			if !slices.Contains(x.Also, a.word) {
				x.Also = append(x.Also, a.word)
			}
		}
		if len(x.Also) > 0 {
			out = append(out, x)
		}
	}
	return out
}

// exactQuery quotes every word of the plan.
func exactQuery(p *plan) string {
	var b strings.Builder
	for i, g := range p.groups {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteByte('"')
		b.WriteString(strings.Map(func(r rune) rune {
			if r == '"' || r == '“' || r == '”' {
				return -1
			}
			return r
		}, g.display))
		b.WriteByte('"')
	}
	return b.String()
}

// result makes the Result of a document: highlights, excerpt, the matched
// code, the thesaurus words it matched through.
func (ix *Index) result(s *docState, p *plan, idf []float64) Result {
	e := &ix.docs[s.doc]
	r := Result{Doc: int(s.doc), ID: e.ID, Label: e.Label, Kind: e.Kind, Title: e.Title, URL: e.URL, Match: s.match, Score: s.score}
	if s.code >= 0 {
		r.Code = e.Codes[s.code].String()
	} else {
		for _, g := range p.groups {
			k := compactKey(g.text)
			for _, c := range e.Codes {
				if k != "" && compactKey(Fold(c.Code)) == k {
					r.Code = c.String()
				}
			}
		}
	}
	// The synonyms a word matched through, where the item lacks the word
	// itself; the Japanese words of an English term always.
	for gi := range p.groups {
		g := &p.groups[gi]
		m := &s.groups[gi]
		if !g.english && (m.strict[fieldLabel] || m.strict[fieldTitle] || m.strict[fieldHeading] || m.strict[fieldBody]) {
			continue
		}
		for ai, a := range g.alts {
			if ai < 64 && m.alts&(1<<ai) != 0 && (a.origin == originSynonym || a.origin == originEnglish) && !slices.Contains(r.Via, a.word) {
				r.Via = append(r.Via, a.word)
			}
		}
	}
	// The matches recorded while matching, in a field.
	spansIn := func(f field) []runeSpan {
		var out []runeSpan
		for gi := range s.groups {
			for _, h := range s.groups[gi].pos[f] {
				out = append(out, h.runeSpan)
			}
		}
		return mergeSpans(out)
	}
	matchedIn := func(f field) bool {
		for gi := range s.groups {
			if len(s.groups[gi].pos[f]) > 0 {
				return true
			}
		}
		return false
	}
	t := textOf(e)
	view := func(f field) *folded { return &folded{r: t.view[f], start: t.start[f], end: t.end[f]} }
	if matchedIn(fieldTitle) {
		r.TitleHighlights = byteSpans(view(fieldTitle), spansIn(fieldTitle))
	}
	// The excerpt: the body where it matches, else the heading; else,
	// for a match in the title or label, the body (or heading) as it
	// begins; else the context that matched.
	f := fieldBody
	switch {
	case matchedIn(fieldBody):
	case matchedIn(fieldHeading):
		f = fieldHeading
	case matchedIn(fieldTitle) || s.match >= MatchLabelPrefix || matchedIn(fieldLabel):
		if e.Body == "" {
			f = fieldHeading
		}
	case matchedIn(fieldAside):
		f = fieldAside
	}
	text := fieldText(&e.Doc, f)
	if text == "" {
		return r
	}
	spans := spansIn(f)
	r.Excerpt, r.Highlights = excerpt(text, view(f), anchor(s, f, idf, spans), spans)
	return r
}

// anchor returns the view position the excerpt of field f is taken
// around: the start of the closest stretch holding every group, or the
// first match of the rarest group there, or -1.
func anchor(s *docState, f field, idf []float64, spans []runeSpan) int {
	if len(spans) == 0 {
		return -1
	}
	bestG, at := -1, -1
	for g := range s.groups {
		if ps := s.groups[g].pos[f]; len(ps) > 0 && (bestG < 0 || idf[g] > idf[bestG]) {
			bestG, at = g, ps[0].s
		}
	}
	if len(s.groups) > 1 {
		if start, ok := windowStart(s.groups, f); ok {
			at = start
		}
	}
	if at < 0 {
		at = spans[0].s
	}
	return at
}

// windowStart returns where the closest stretch of field f holding every
// group begins.
func windowStart(groups []gmatch, f field) (int, bool) {
	bestGap, start := -1, 0
	for g := range groups {
		if len(groups[g].pos[f]) == 0 {
			return 0, false
		}
	}
	// For each match of the first group, the nearest match of every other.
	for _, a := range groups[0].pos[f] {
		lo, hi := a.s, a.e
		for g := 1; g < len(groups); g++ {
			nearest, d := runeSpan{}, -1
			for _, b := range groups[g].pos[f] {
				dist := max(b.s-a.e, a.s-b.e, 0)
				if d < 0 || dist < d {
					nearest, d = b.runeSpan, dist
				}
			}
			lo, hi = min(lo, nearest.s), max(hi, nearest.e)
		}
		if gap := hi - lo; bestGap < 0 || gap < bestGap {
			bestGap, start = gap, lo
		}
	}
	return start, true
}
