package search

import (
	"math"
	"slices"
	"strings"

	"github.com/agnivade/levenshtein"
)

// Match says how a result matched; results are ordered by it first.
type Match uint8

// Matches, weakest first.
const (
	MatchApprox      Match = iota // through a typo, a word prefix, or only part of the query
	MatchBody                     // every query term, exactly
	MatchTitle                    // every query term, exactly, in the title (or label, keywords)
	MatchLabelPrefix              // the query begins the item's code (sr3-h → SR3-H-5)
	MatchKey                      // the query is the item's code or keyword (SR3-H-5, UK5)
)

var matchNames = [...]string{"approx", "body", "title", "prefix", "key"}

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
	Excerpt         string // plain text around the first match in the body
	Highlights      []Span // matched text in Excerpt
	TitleHighlights []Span // matched text in Title
	Match           Match
	Score           float64
}

// Response is the answer to a query.
type Response struct {
	Query   string // the folded query
	Empty   bool   // the query has nothing to search for (empty, spaces, punctuation)
	Total   int    // matching documents; Results holds at most the limit
	Results []Result
}

// Ranking and tolerance parameters.
const (
	k1          = 1.2
	bParam      = 0.75
	titleWeight = 3.0

	qualityPrefix = 0.7  // a word the query's last word begins
	qualityTypo1  = 0.5  // one edit away
	qualityTypo2  = 0.35 // two edits away
	maxPrefixAlts = 64   // prefix expansions of the word being typed
	minCover      = 0.5  // share of a CJK run's bigrams (by IDF) a document must hold
)

// maxEdits is the typo tolerance for a query word of n runes: none below
// three (a two-letter word one edit away is any two-letter word), one for
// short words, two for longer ones.
func maxEdits(n int) int {
	switch {
	case n < 3:
		return 0
	case n <= 5:
		return 1
	}
	return 2
}

type alt struct {
	term    int32
	quality float64
	exact   bool
}

// A query is a list of groups (its words and CJK runs), all of which a
// document must match. A group has slots: one per bigram of a CJK run (a
// document matches the group when it holds at least half of them, by IDF
// weight), or a single slot for a word, with its prefix and typo
// alternatives.
type slot struct {
	alts   []alt
	group  int
	weight float64 // share of the group
}

// needle is text to highlight: a whole CJK run, or a word.
type needle struct {
	runes []rune
	word  bool // must sit on word boundaries
	group int
	// fallback needles (a run's bigrams) are used only when the group's
	// primary needle is found neither in the title nor in the body.
	fallback bool
}

type plan struct {
	slots   []slot
	needles []needle
	groups  int
}

// maxGroups bounds the words of a query that are searched.
const maxGroups = 16

func (ix *Index) idf(df int) float64 {
	n := float64(len(ix.docs))
	return math.Log(1 + (n-float64(df)+0.5)/(float64(df)+0.5))
}

func (ix *Index) makePlan(segs []segment, typing bool) plan {
	var p plan
	for i, s := range segs {
		last := typing && i == len(segs)-1
		if p.groups >= maxGroups {
			break
		}
		if s.cjk {
			ix.planCJK(&p, s.runes)
			continue
		}
		ix.planWord(&p, s.runes, s.parts, last)
	}
	return p
}

func (ix *Index) planCJK(p *plan, run []rune) {
	g := p.groups
	p.groups++
	p.needles = append(p.needles, needle{runes: run, group: g})
	if len(run) == 1 {
		lo, hi := ix.prefixRange(string(run))
		sl := slot{weight: 1, group: g}
		for t := lo; t < hi; t++ {
			sl.alts = append(sl.alts, alt{term: int32(t), quality: 1, exact: true})
		}
		p.slots = append(p.slots, sl)
		return
	}
	start := len(p.slots)
	seen := map[string]bool{}
	var sum float64
	for i := 0; i+1 < len(run); i++ {
		bg := string(run[i : i+2])
		if seen[bg] {
			continue
		}
		seen[bg] = true
		p.needles = append(p.needles, needle{runes: run[i : i+2], group: g, fallback: true})
		sl := slot{group: g}
		df := 0
		if t := ix.lookup(bg); t >= 0 {
			sl.alts = []alt{{term: int32(t), quality: 1, exact: true}}
			df = len(ix.postings(t))
		}
		sl.weight = ix.idf(df)
		sum += sl.weight
		p.slots = append(p.slots, sl)
	}
	for i := start; i < len(p.slots); i++ {
		p.slots[i].weight /= sum
	}
}

func (ix *Index) planWord(p *plan, w []rune, parts int, last bool) {
	word := string(w)
	exact := ix.lookup(word)
	if exact < 0 && parts > 1 {
		if lo, hi := ix.prefixRange(word); last && lo < hi {
			// A code being typed (sr3-h): the codes it begins.
			sl := slot{weight: 1, group: p.groups}
			for t := lo; t < hi && len(sl.alts) < maxPrefixAlts; t++ {
				sl.alts = append(sl.alts, alt{term: int32(t), quality: qualityPrefix})
				p.needles = append(p.needles, needle{runes: []rune(ix.terms[t]), word: true, group: p.groups})
			}
			p.groups++
			p.slots = append(p.slots, sl)
			return
		}
		// An unknown compound: look for its words instead.
		n := 0
		forWords(w, func(part []rune) {
			n++
			if p.groups < maxGroups {
				ix.planWord(p, part, 1, last && n == parts)
			}
		})
		return
	}
	if exact < 0 && !last {
		var split [][]rune
		mixedParts(w, func(s string) { split = append(split, []rune(s)) })
		if len(split) > 1 {
			for _, part := range split {
				if p.groups < maxGroups {
					ix.planWord(p, part, 1, false)
				}
			}
			return
		}
	}
	g := p.groups
	p.groups++
	sl := slot{weight: 1, group: g}
	have := map[int32]bool{}
	if exact >= 0 {
		sl.alts = append(sl.alts, alt{term: int32(exact), quality: 1, exact: true})
		have[int32(exact)] = true
	}
	if last {
		lo, hi := ix.prefixRange(word)
		for t := lo; t < hi && len(sl.alts) < maxPrefixAlts; t++ {
			if !have[int32(t)] {
				sl.alts = append(sl.alts, alt{term: int32(t), quality: qualityPrefix})
				have[int32(t)] = true
			}
		}
	}
	n := len(w)
	if e := maxEdits(n); e > 0 && parts == 1 && isTypoCandidate(word) {
		for l := n - e; l <= n+e; l++ {
			if l < 0 || l >= len(ix.typo) {
				continue
			}
			for _, t := range ix.typo[l] {
				if have[t] {
					continue
				}
				d := levenshtein.ComputeDistance(word, ix.terms[t])
				if d == 0 || d > e {
					continue
				}
				q := qualityTypo1
				if d == 2 {
					q = qualityTypo2
				}
				sl.alts = append(sl.alts, alt{term: t, quality: q})
				have[t] = true
			}
		}
	}
	p.slots = append(p.slots, sl)
	p.needles = append(p.needles, needle{runes: w, word: true, group: g})
	for _, a := range sl.alts {
		if !a.exact {
			p.needles = append(p.needles, needle{runes: []rune(ix.terms[a.term]), word: true, group: g})
		}
	}
}

// scratch holds the per-document arrays of a search, reused through a
// pool: allocating them per keystroke makes the WebAssembly garbage
// collector pause.
type scratch struct {
	accs      []acc
	cover     []float64 // per document and group
	best      []float64
	bestExact []uint8 // 1 exact, 2 exact in the title
	seen      []bool
	touched   []int32
}

func (ix *Index) getScratch(groups int) *scratch {
	n := len(ix.docs)
	sc, _ := ix.scratch.Get().(*scratch)
	if sc == nil {
		sc = &scratch{accs: make([]acc, n), best: make([]float64, n), bestExact: make([]uint8, n), seen: make([]bool, n)}
	}
	clear(sc.accs)
	if cap(sc.cover) < n*groups {
		sc.cover = make([]float64, n*groups)
	}
	sc.cover = sc.cover[:n*groups]
	clear(sc.cover)
	return sc
}

type acc struct {
	score   float64
	matched int // slots matched
	exact   int // slots matched exactly
	title   int // slots matched exactly in the title
	match   Match
}

// Search answers query q with at most limit results (all when limit <= 0).
func (ix *Index) Search(q string, limit int) Response {
	var f folded
	foldText(q, false, &f)
	resp := Response{Query: strings.TrimSpace(string(f.r))}
	segs := segments(f.r, nil, false)
	if len(segs) == 0 || len(ix.docs) == 0 {
		resp.Empty = len(segs) == 0
		return resp
	}
	typing := false
	if n := len(f.r); n > 0 {
		c := classify(f.r[n-1])
		typing = c == classWord || c == classCJK
	}
	p := ix.makePlan(segs, typing)

	sc := ix.getScratch(p.groups)
	defer ix.scratch.Put(sc)
	accs, cover, best, bestExact, seen := sc.accs, sc.cover, sc.best, sc.bestExact, sc.seen
	ng := p.groups
	touched := sc.touched[:0]
	defer func() { sc.touched = touched[:0] }()
	for _, sl := range p.slots {
		touched = touched[:0]
		for _, a := range sl.alts {
			idf := ix.idf(len(ix.postings(int(a.term))))
			for _, po := range ix.postings(int(a.term)) {
				d := po.doc
				s := a.quality * ix.bm25(idf, po)
				if !seen[d] {
					seen[d] = true
					touched = append(touched, int32(d))
				}
				if s > best[d] {
					best[d] = s
				}
				if a.exact {
					e := uint8(1)
					if po.title > 0 {
						e = 2
					}
					bestExact[d] = max(bestExact[d], e)
				}
			}
		}
		for _, d := range touched {
			ac := &accs[d]
			cover[int(d)*ng+sl.group] += sl.weight
			ac.score += best[d]
			ac.matched++
			if bestExact[d] > 0 {
				ac.exact++
			}
			if bestExact[d] == 2 {
				ac.title++
			}
			best[d], bestExact[d], seen[d] = 0, 0, false
		}
	}

	// Codes: the whole query equal to, or beginning, an item's label.
	key := compactKey(string(f.r))
	for _, d := range ix.keys[key] {
		accs[d].match = MatchKey
	}
	if len(segs) == 1 && !segs[0].cjk && len(key) >= 2 {
		i, _ := slices.BinarySearchFunc(ix.labels, key, func(l labelKey, k string) int { return strings.Compare(l.key, k) })
		for ; i < len(ix.labels) && strings.HasPrefix(ix.labels[i].key, key); i++ {
			if d := ix.labels[i].doc; accs[d].match < MatchLabelPrefix {
				accs[d].match = MatchLabelPrefix
			}
		}
	}

	type cand struct {
		doc   int32
		match Match
		cover float64
		score float64
	}
	var cands []cand
	nslots := len(p.slots)
	for d := range accs {
		ac := &accs[d]
		all := ac.matched > 0
		sum := 0.0
		for _, c := range cover[d*ng : d*ng+ng] {
			all = all && c >= minCover-1e-9
			sum += min(c, 1)
		}
		if ac.match == MatchApprox {
			if !all {
				continue
			}
			switch {
			case ac.title == nslots:
				ac.match = MatchTitle
			case ac.exact == nslots:
				ac.match = MatchBody
			}
		}
		cv := 1.0
		if ng > 0 {
			cv = math.Round(sum/float64(ng)*1e6) / 1e6
		}
		cands = append(cands, cand{int32(d), ac.match, cv, ac.score})
	}
	slices.SortFunc(cands, func(a, b cand) int {
		switch {
		case a.match != b.match:
			return int(b.match) - int(a.match)
		case a.match >= MatchLabelPrefix:
			return int(a.doc) - int(b.doc) // codes in the guideline's order
		case a.cover != b.cover:
			return cmpFloat(b.cover, a.cover)
		case a.score != b.score:
			return cmpFloat(b.score, a.score)
		}
		return int(a.doc) - int(b.doc)
	})
	resp.Total = len(cands)
	if limit > 0 && len(cands) > limit {
		cands = cands[:limit]
	}
	resp.Results = make([]Result, len(cands))
	var view folded
	for i, c := range cands {
		e := &ix.docs[c.doc]
		r := Result{Doc: int(c.doc), ID: e.ID, Label: e.Label, Kind: e.Kind, Title: e.Title, URL: e.URL, Match: c.match, Score: c.score}
		needles := ix.docNeedles(p, c.doc)
		found := make([]bool, p.groups)
		r.TitleHighlights = highlight(e.Title, needles, found, &view)
		r.Excerpt, r.Highlights = excerpt(e.Body, needles, found, &view)
		resp.Results[i] = r
	}
	return resp
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func (ix *Index) bm25(idf float64, p posting) float64 {
	d := &ix.docs[p.doc]
	tf := titleWeight*float64(p.title)/(1-bParam+bParam*float64(d.titleLen)/ix.avgTitle) +
		float64(p.body)/(1-bParam+bParam*float64(d.bodyLen)/ix.avgBody)
	return idf * tf * (k1 + 1) / (k1 + tf)
}

// docNeedles returns the plan's needles that can occur in doc: primary
// needles always, alternative words only when the doc contains them.
func (ix *Index) docNeedles(p plan, doc int32) []needle {
	out := make([]needle, 0, len(p.needles))
	for _, n := range p.needles {
		if n.word && !n.fallback {
			if t := ix.lookup(string(n.runes)); t >= 0 && !ix.contains(t, doc) {
				continue
			}
		}
		out = append(out, n)
	}
	return out
}

func (ix *Index) contains(t int, doc int32) bool {
	ps := ix.postings(t)
	_, ok := slices.BinarySearchFunc(ps, uint32(doc), func(p posting, d uint32) int { return int(p.doc) - int(d) })
	return ok
}
