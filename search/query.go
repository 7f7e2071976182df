package search

import (
	"slices"
	"sort"
	"strings"
)

// Match says how a result matched; results are ordered by it first.
type Match uint8

// Matches, weakest first.
const (
	MatchApprox      Match = iota // through a typo, a word prefix, most of a CJK word, or only some of the words
	MatchContext                  // every word, but some only in boilerplate (Doc.Aside)
	MatchBody                     // every word in the item's own text
	MatchTitle                    // every word in the title (or label, codes)
	MatchLabelPrefix              // the query begins the item's code (sr3-h → SR3-H-5)
	MatchCode                     // the query is a code the item cites (UK5, CPS.AC-3)
	MatchKey                      // the query is the item's own code (SR3-H-5)
)

var matchNames = [...]string{"approx", "context", "body", "title", "prefix", "code", "key"}

func (m Match) String() string {
	if int(m) < len(matchNames) {
		return matchNames[m]
	}
	return "unknown"
}

// Span is a highlighted byte range [Start, End) of a result's text.
type Span struct{ Start, End int }

// Result is one matching document.
type Result struct {
	Doc             int // index in the Index
	ID, Label       string
	Kind            Kind
	Title, URL      string
	Excerpt         string // plain text around the best match
	Highlights      []Span // matched text in Excerpt
	TitleHighlights []Span // matched text in Title
	Match           Match
	Score           float64
	// Code names the cited code the query matched: "CPSF: CPS.AC-3".
	Code string
	// Via lists the synonyms through which the result matched a word it
	// does not hold itself, and the Japanese words of English terms.
	Via []string
	// Same lists items with the same kind, title and text, collapsed into
	// this result.
	Same []Same
}

// Same is an item collapsed into a result.
type Same struct{ ID, Label, URL string }

// Expansion is what a query word was also searched as.
type Expansion struct {
	Word    string   // the query's word (or English term), as typed
	Also    []string // the synonyms, or the Japanese words of the English term, that matched
	English bool
}

// Response is the answer to a query.
type Response struct {
	Query string // the folded query
	Empty bool   // the query has nothing to search for (empty, spaces, punctuation)
	// Total counts the results (after collapsing) in the facet asked for;
	// Results holds at most the limit.
	Total   int
	Results []Result
	// Facets counts the results of each facet, before narrowing to one;
	// Facets[FacetAll] counts them all.
	Facets [facetCount]int
	// Partial is set when no item holds every word of the query: the
	// results hold some of them.
	Partial bool
	// Expansions lists the words also searched as synonyms or English
	// terms, when that found something.
	Expansions []Expansion
	// Exact is the query with every word quoted, which searches the exact
	// words only; it is set when there are Expansions.
	Exact string
}

// Options of a search.
type Options struct {
	Limit int   // results returned; all when <= 0
	Facet Facet // narrows the results to a facet
}

// Ranking parameters: field weights and length normalisation of BM25F.
var (
	fieldWeight = [numFields]float64{4, 4, 2, 1, 0.25}
	fieldB      = [numFields]float64{0.3, 0.5, 0.6, 0.75, 0.75}
)

const (
	k1          = 1.2
	minorFactor = 0.85 // an item without a page of its own
	maxPos      = 32   // positions kept per field and word: proximity, highlights
)

// gmatch is how a document matches a group.
type gmatch struct {
	tf     [numFields]float64 // occurrences, by the quality of their alternative
	exact  [numFields]bool    // a match that is not approximate
	strict [numFields]bool    // a match of the word itself (origin.strict)
	pos    [numFields][]hitSpan
	alts   uint64 // alternatives matched (the first 64)
	ok     bool
}

// hitSpan is where a group matched, and whether strictly.
type hitSpan struct {
	runeSpan
	strict bool
}

// rankOrder orders results: by match, codes in the guideline's order,
// then by the groups matched, the score and the document.
type rankOrder struct{ s []*docState }

func (o *rankOrder) Len() int      { return len(o.s) }
func (o *rankOrder) Swap(i, j int) { o.s[i], o.s[j] = o.s[j], o.s[i] }
func (o *rankOrder) Less(i, j int) bool {
	a, b := o.s[i], o.s[j]
	switch {
	case a.match != b.match:
		return a.match > b.match
	case a.match >= MatchLabelPrefix:
		return a.doc < b.doc
	case a.matched != b.matched:
		return a.matched > b.matched
	case a.score != b.score:
		return a.score > b.score
	}
	return a.doc < b.doc
}

// docState is a document touched by a search.
type docState struct {
	doc     int32
	groups  []gmatch
	matched int // groups matched
	match   Match
	strict  float64 // share (by IDF) of the groups matched strictly in the item's own text
	score   float64
	code    int32 // index of the matched code, or -1
}

// scratch holds the per-document arrays of a search, reused between
// searches: allocating them per keystroke makes the WebAssembly garbage
// collector pause.
type scratch struct {
	slot   []int32 // per document: index in states + 1
	mark   []uint8
	cover  []float64
	states []docState // of the last search, to reuse their arrays
}

// reset empties a gmatch, keeping the arrays of its positions.
func (m *gmatch) reset() {
	pos := m.pos
	*m = gmatch{}
	for f := range pos {
		m.pos[f] = pos[f][:0]
	}
}

// getScratch takes a spare scratch or makes one. (A sync.Pool would do
// too, but weighs 11 KB of WebAssembly code more than a list under a lock.)
func (ix *Index) getScratch() *scratch {
	var sc *scratch
	ix.spareMu.Lock()
	if n := len(ix.spare); n > 0 {
		sc = ix.spare[n-1]
		ix.spare = ix.spare[:n-1]
	}
	ix.spareMu.Unlock()
	if sc == nil || len(sc.slot) != len(ix.docs) {
		n := len(ix.docs)
		sc = &scratch{slot: make([]int32, n), mark: make([]uint8, n), cover: make([]float64, n)}
	}
	return sc
}

// putScratch keeps sc for a later search.
func (ix *Index) putScratch(sc *scratch) {
	ix.spareMu.Lock()
	ix.spare = append(ix.spare, sc)
	ix.spareMu.Unlock()
}

// Search answers query q.
func (ix *Index) Search(q string, o Options) Response {
	pq := parseQuery(q)
	resp := Response{Query: strings.TrimSpace(string(pq.folded))}
	if len(pq.words) == 0 || len(ix.docs) == 0 {
		resp.Empty = len(pq.words) == 0
		return resp
	}
	p := ix.makePlan(pq)
	sc := ix.getScratch()
	defer ix.putScratch(sc)
	states := sc.states[:0]
	defer func() {
		for _, s := range states {
			sc.slot[s.doc] = 0
		}
		sc.states = states
	}()
	ng := len(p.groups)
	state := func(d int32) *docState {
		if k := sc.slot[d]; k > 0 {
			return &states[k-1]
		}
		n := len(states)
		var gs []gmatch
		if n < cap(states) {
			if old := states[:n+1][n].groups; cap(old) >= ng {
				gs = old[:ng]
				for i := range gs {
					gs[i].reset()
				}
			}
		}
		if gs == nil {
			gs = make([]gmatch, ng)
		}
		states = append(states, docState{doc: d, groups: gs, code: -1})
		sc.slot[d] = int32(n + 1)
		return &states[n]
	}

	// Match every alternative of every group.
	var spans []runeSpan
	match := func(gi, ai int, d uint32) bool {
		a := &p.groups[gi].alts[ai]
		e := &ix.docs[d]
		var m *gmatch
		for f := field(0); f < numFields; f++ {
			var tf float64
			tf, spans = ix.occurrences(e, f, &a.n, spans[:0], maxSpans)
			if tf == 0 {
				continue
			}
			if m == nil {
				m = &state(int32(d)).groups[gi]
				m.ok = true
				if ai < 64 {
					m.alts |= 1 << ai
				}
			}
			m.tf[f] += a.quality * tf
			m.exact[f] = m.exact[f] || !a.origin.approx()
			m.strict[f] = m.strict[f] || a.origin.strict()
			for _, s := range spans {
				if len(m.pos[f]) >= maxPos {
					break
				}
				m.pos[f] = append(m.pos[f], hitSpan{s, a.origin.strict()})
			}
		}
		return m != nil
	}
	matched := func(d uint32, gi int) bool {
		k := sc.slot[d]
		return k > 0 && states[k-1].groups[gi].ok
	}
	// The candidates of every alternative, and the groups from the one
	// with the fewest.
	altCands := make([][][]uint32, ng)
	order := make([]int, ng)
	size := make([]int, ng)
	for gi := range p.groups {
		order[gi] = gi
		altCands[gi] = make([][]uint32, len(p.groups[gi].alts))
		for ai := range p.groups[gi].alts {
			if a := &p.groups[gi].alts[ai]; a.origin != originFuzzy {
				altCands[gi][ai] = ix.candidates(&a.n, sc)
				size[gi] += len(altCands[gi][ai])
			}
		}
	}
	for i := 1; i < len(order); i++ { // insertion sort: a few groups, stable
		for j := i; j > 0 && size[order[j]] < size[order[j-1]]; j-- {
			order[j], order[j-1] = order[j-1], order[j]
		}
	}
	// pass matches the groups in that order; with and, a group only in
	// the items matching all the groups before it (the answer needs all
	// of them, unless none has them all).
	pass := func(and bool) {
		found := make([]bool, ng) // matched by an alternative that is not approximate
		for k, gi := range order {
			for ai := range p.groups[gi].alts {
				a := &p.groups[gi].alts[ai]
				if a.origin == originFuzzy {
					continue
				}
				for _, d := range altCands[gi][ai] {
					if a.origin == originVariant && matched(d, gi) {
						continue // the same text as the word itself
					}
					if and && k > 0 {
						if sl := sc.slot[d]; sl == 0 || states[sl-1].matched != k {
							continue
						}
					}
					if match(gi, ai, d) && !a.origin.approx() {
						found[gi] = true
					}
				}
			}
			for i := range states {
				if states[i].groups[gi].ok {
					states[i].matched++
				}
			}
		}
		// Most of a CJK word: a lone word only where it is nowhere; one
		// of several only in items holding all the others.
		for gi := range p.groups {
			for ai := range p.groups[gi].alts {
				a := &p.groups[gi].alts[ai]
				if a.origin != originFuzzy || (ng == 1 && found[gi]) {
					continue
				}
				for _, d := range ix.candidates(&a.n, sc) {
					if sl := sc.slot[d]; (ng > 1 && sl == 0) || matched(d, gi) || (sl > 0 && states[sl-1].matched != ng-1) {
						continue
					}
					if match(gi, ai, d) {
						states[sc.slot[d]-1].matched++
					}
				}
			}
		}
	}
	pass(true)
	if ng > 1 && len(pq.words) > 1 && !slices.ContainsFunc(states, func(s docState) bool { return s.matched == ng }) {
		// No item holds every word: match them all, for the items
		// holding some.
		for _, s := range states {
			sc.slot[s.doc] = 0
		}
		states = states[:0]
		pass(false)
	}

	// Codes: the whole query equal to an item's label or a cited code, or
	// beginning a label.
	key := compactKey(string(pq.folded))
	for _, d := range ix.keys[key] {
		state(d).match = MatchKey
	}
	for _, c := range ix.codes[key] {
		if s := state(c.doc); s.match < MatchCode {
			s.match = MatchCode
			s.code = c.code
		}
	}
	if len(pq.words) == 1 && !pq.words[0].cjk && !pq.words[0].quoted && len(key) >= 2 {
		i, _ := slices.BinarySearchFunc(ix.labels, key, func(l labelKey, k string) int { return strings.Compare(l.key, k) })
		for ; i < len(ix.labels) && strings.HasPrefix(ix.labels[i].key, key); i++ {
			if s := state(ix.labels[i].doc); s.match < MatchLabelPrefix {
				s.match = MatchLabelPrefix
			}
		}
	}

	// Which documents answer: those matching every group, or else those
	// matching the most.
	full := false
	best := 0
	for i := range states {
		s := &states[i]
		full = full || s.matched == ng || s.match > MatchTitle
		best = max(best, s.matched)
	}
	// Some of the words answer only for a query of several words, and
	// only with at least half of them.
	need := (ng + 1) / 2
	resp.Partial = !full && len(pq.words) > 1 && ng > 1 && best >= need
	idf, strictIDF := ix.groupIDF(states, ng)
	var cands []*docState
	for i := range states {
		s := &states[i]
		if s.match <= MatchTitle {
			switch {
			case full && s.matched < ng, !full && (!resp.Partial || s.matched < need):
				continue
			}
			s.match = tier(s, full)
		}
		// Results holding the rarest of the words as typed come before
		// those holding their synonyms.
		s.strict = strictShare(s, strictIDF)
		s.score = ix.score(s, &p, idf) * (0.5 + 0.5*s.strict)
		cands = append(cands, s)
	}
	sort.Sort(&rankOrder{cands})

	// Collapse items with the same kind, title and text.
	type collapsed struct {
		s    *docState
		same []int32
	}
	var results []collapsed
	leader := map[int32]int{}
	for _, s := range cands {
		k := ix.docs[s.doc].same
		if i, ok := leader[k]; ok {
			results[i].same = append(results[i].same, s.doc)
			continue
		}
		leader[k] = len(results)
		results = append(results, collapsed{s: s})
	}
	for _, r := range results {
		resp.Facets[ix.docs[r.s.doc].Kind.Facet()]++
	}
	resp.Facets[FacetAll] = len(results)
	if o.Facet != FacetAll {
		w := 0
		for _, r := range results {
			if ix.docs[r.s.doc].Kind.Facet() == o.Facet {
				results[w] = r
				w++
			}
		}
		results = results[:w]
	}
	resp.Total = len(results)
	resp.Expansions = expansions(&p, cands)
	if len(resp.Expansions) > 0 {
		resp.Exact = exactQuery(&p)
	}
	if o.Limit > 0 && len(results) > o.Limit {
		results = results[:o.Limit]
	}
	resp.Results = make([]Result, len(results))
	for i, c := range results {
		resp.Results[i] = ix.result(c.s, &p, idf)
		for _, d := range c.same {
			e := &ix.docs[d]
			resp.Results[i].Same = append(resp.Results[i].Same, Same{ID: e.ID, Label: e.Label, URL: e.URL})
		}
	}
	return resp
}
