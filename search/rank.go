package search

import (
	"slices"
)

// tier returns how a document that matched groups matched. The title tier
// needs every word itself in the title; a synonym there counts as text.
func tier(s *docState, full bool) Match {
	if !full || s.matched < len(s.groups) {
		return MatchApprox
	}
	m := MatchTitle
	for _, g := range s.groups {
		title := g.strict[fieldLabel] || g.strict[fieldTitle]
		text := g.exact[fieldLabel] || g.exact[fieldTitle] || g.exact[fieldHeading] || g.exact[fieldBody]
		switch {
		case !text && !g.exact[fieldAside]:
			return MatchApprox
		case !text:
			m = min(m, MatchContext)
		case !title:
			m = min(m, MatchBody)
		}
	}
	return m
}

// strictShare returns the share, by IDF, of the groups a document holds
// strictly in its own text (not only in Aside).
func strictShare(s *docState, idf []float64) float64 {
	sum, got := 0.0, 0.0
	for g := range s.groups {
		sum += idf[g]
		m := &s.groups[g]
		if m.strict[fieldLabel] || m.strict[fieldTitle] || m.strict[fieldHeading] || m.strict[fieldBody] {
			got += idf[g]
		}
	}
	if sum == 0 {
		return 0
	}
	return got / sum
}

// groupIDF returns the inverse document frequency of each group: of the
// documents it matches exactly (or else of those it matches at all), and
// of those holding the word itself in their own text.
func (ix *Index) groupIDF(states []docState, ng int) (idf, strict []float64) {
	idf = make([]float64, ng)
	strict = make([]float64, ng)
	n := float64(len(ix.docs))
	for g := 0; g < ng; g++ {
		exact, any, st := 0, 0, 0
		for i := range states {
			m := &states[i].groups[g]
			if !m.ok {
				continue
			}
			any++
			if slices.Contains(m.exact[:], true) {
				exact++
			}
			if m.strict[fieldLabel] || m.strict[fieldTitle] || m.strict[fieldHeading] || m.strict[fieldBody] {
				st++
			}
		}
		df := float64(any)
		if exact > 0 {
			df = float64(exact)
		}
		idf[g] = idfOf(n, df)
		strict[g] = idfOf(n, float64(st))
	}
	return idf, strict
}

// score is the BM25F score of a document over the groups it matches,
// with a bonus for the groups standing close together.
func (ix *Index) score(s *docState, p *plan, idf []float64) float64 {
	e := &ix.docs[s.doc]
	total := 0.0
	for g := range s.groups {
		m := &s.groups[g]
		if !m.ok {
			continue
		}
		tf := 0.0
		for f := field(0); f < numFields; f++ {
			if m.tf[f] > 0 {
				tf += fieldWeight[f] * m.tf[f] / (1 - fieldB[f] + fieldB[f]*e.length[f]/ix.avg[f])
			}
		}
		total += idf[g] * tf * (k1 + 1) / (k1 + tf)
	}
	mean := 0.0
	for _, v := range idf {
		mean += v
	}
	if len(idf) > 0 {
		mean /= float64(len(idf))
	}
	if len(s.groups) > 1 {
		total += mean * proximity(s, ix.hasPhrase(e, p))
	}
	// A title that is all query (鍵管理 for 鍵管理) beats one that merely
	// holds it.
	if c := titleCover(s, len(textOf(e).view[fieldTitle])); c > 0 {
		total += mean * c * c
	}
	if e.Minor {
		total *= minorFactor
	}
	return total
}

// titleCover returns the share of a title's runes that the query's words
// themselves (not synonyms) cover.
func titleCover(s *docState, n int) float64 {
	if n == 0 {
		return 0
	}
	var spans []runeSpan
	for g := range s.groups {
		for _, h := range s.groups[g].pos[fieldTitle] {
			if h.strict {
				spans = append(spans, h.runeSpan)
			}
		}
	}
	covered := 0
	for _, sp := range mergeSpans(spans) {
		covered += sp.e - sp.s
	}
	return float64(covered) / float64(n)
}

// proximity is 1 for groups side by side (or a whole phrase of the
// query) down towards 0 for groups far apart or in different fields; the
// words themselves count fully, synonyms half.
func proximity(s *docState, phrase bool) float64 {
	if phrase {
		return 1
	}
	best := 0.0
	for f, factor := range [...]float64{fieldLabel: 1, fieldTitle: 1, fieldHeading: 0.8, fieldBody: 0.7} {
		for _, strict := range [...]bool{true, false} {
			if w, ok := window(s.groups, field(f), strict); ok {
				v := factor / (1 + float64(w)/8)
				if !strict {
					v /= 2
				}
				best = max(best, v)
			}
		}
	}
	return best
}

// window returns the smallest gap (in runes, not counting the matched
// text) of a stretch of field f holding a match of every group; with
// strict, only matches of the words themselves.
func window(groups []gmatch, f field, strict bool) (int, bool) {
	type hit struct {
		s runeSpan
		g int
	}
	var hits []hit
	for g := range groups {
		n := len(hits)
		for _, s := range groups[g].pos[f] {
			if s.strict || !strict {
				hits = append(hits, hit{s.runeSpan, g})
			}
		}
		if len(hits) == n {
			return 0, false
		}
	}
	for i := 1; i < len(hits); i++ { // insertion sort: each group's hits are in order already
		for j := i; j > 0 && hits[j].s.s < hits[j-1].s.s; j-- {
			hits[j], hits[j-1] = hits[j-1], hits[j]
		}
	}
	count := make([]int, len(groups))
	have := 0
	best := -1
	lo := 0
	for hi := range hits {
		if count[hits[hi].g] == 0 {
			have++
		}
		count[hits[hi].g]++
		for have == len(groups) {
			end := 0
			covered := 0
			for k := lo; k <= hi; k++ {
				end = max(end, hits[k].s.e)
				covered += hits[k].s.e - hits[k].s.s
			}
			if gap := max(0, end-hits[lo].s.s-covered); best < 0 || gap < best {
				best = gap
			}
			count[hits[lo].g]--
			if count[hits[lo].g] == 0 {
				have--
			}
			lo++
		}
	}
	return best, best >= 0
}
