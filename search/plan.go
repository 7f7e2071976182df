package search

import (
	"slices"
	"strings"

	"github.com/agnivade/levenshtein"
)

// A query plan is a list of groups, one per word of the query, all of
// which a result must match. A group holds alternatives: the word itself
// and what it may also match (spelling variants, synonyms, translations,
// typos, prefixes), each a needle with a quality that scales its score.

// origin is where an alternative comes from.
type origin uint8

const (
	originExact   origin = iota // the word as typed
	originVariant               // a spelling of it (katakana for hiragana, without long-vowel marks)
	originSynonym               // the guideline's synonym (Thesaurus.Synonyms)
	originEnglish               // the Japanese for an English term (Thesaurus.English)
	originPrefix                // a longer word the word being typed begins
	originTypo                  // a word one or two edits away
	originFuzzy                 // most of the characters of a CJK run
)

// approx reports whether an alternative only approximates the word.
func (o origin) approx() bool { return o >= originPrefix }

// strict reports whether an alternative is the word itself: as typed, in
// another spelling, or (for an English term) in the guideline's Japanese.
// Results holding the words strictly rank before those holding synonyms.
func (o origin) strict() bool {
	return o == originExact || o == originVariant || o == originEnglish
}

type needleKind uint8

const (
	needleCJK    needleKind = iota // a CJK run, matched as a substring
	needleTerm                     // an indexed Latin term, matched as a word
	needlePhrase                   // several words, matched as a substring on word boundaries
)

// Katakana word alignment of a CJK needle's matches.
const (
	alignNone   uint8 = iota
	alignEither       // begins or ends a katakana word (ログ in ログ情報, not in プログラム)
	alignBoth         // is a whole katakana word
)

type needle struct {
	kind  needleKind
	runes []rune
	term  int32 // needleTerm: the index term
	align uint8
	strip bool // compared without the inner long-vowel marks of long katakana words
	// cover > 0 makes a CJK needle match by share of its bigrams instead
	// of as a substring.
	cover float64
	// grams are the distinct bigrams of a CJK needle and their index
	// terms (-1 when not indexed), once looked up.
	grams     [][]rune
	gramTerms []int32
}

type alternative struct {
	n       needle
	quality float64
	origin  origin
	word    string // the thesaurus word or English term, for notices
}

type group struct {
	text    string // the word as the query folded it
	display string // the word as typed
	quoted  bool
	alts    []alternative
	// english is set for a group made from an English term: text is the
	// English and the alternatives are its Japanese words.
	english bool
}

// plan is a query ready to run.
type plan struct {
	groups []group
	// phrases are CJK runs that were cut into several groups: a result
	// holding one whole ranks as if its words were next to each other.
	phrases []needle
	english int // groups made from English terms
}

// Qualities of alternatives.
const (
	qualityVariant = 0.95
	qualitySynonym = 0.8
	qualityEnglish = 0.9
	qualityPrefix  = 0.7
	qualityTypo1   = 0.5
	qualityTypo2   = 0.35
	qualityFuzzy   = 0.6
	maxPrefixAlts  = 64 // prefix expansions of the word being typed
	minCover       = 0.5
	maxGroups      = 16 // words of a query that are searched
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

// particles are the hiragana that a CJK query run is cut at when they
// stand alone (or as a pair: への, での) between content words.
func particle(r rune) bool {
	switch r {
	case 'の', 'を', 'に', 'は', 'が', 'と', 'で', 'へ', 'や', 'も':
		return true
	}
	return false
}

// span is a range [i, j) of a word's runes.
type span struct{ i, j int }

// splitParticles cuts a CJK run at particles standing between two
// non-hiragana characters: 個人情報の削除 → 個人情報, 削除; 生命財産への影響 →
// 生命財産, 影響. なりすまし and 踏み台 are kept whole.
func splitParticles(r []rune) []span {
	var out []span
	start := 0
	for i := 1; i < len(r)-1; i++ {
		if scriptOf(r[i-1]) == scriptHiragana || !particle(r[i]) {
			continue
		}
		j := i + 1
		if j < len(r)-1 && particle(r[j]) && scriptOf(r[j+1]) != scriptHiragana {
			j++
		}
		if j >= len(r) || scriptOf(r[j]) == scriptHiragana {
			continue
		}
		out = append(out, span{start, i})
		start = j
		i = j
	}
	return append(out, span{start, len(r)})
}

func allScript(r []rune, sc int) bool {
	for i, c := range r {
		if scriptOf(c) != sc && !(c == 'ー' && i > 0) {
			return false
		}
	}
	return len(r) > 0
}

// toKatakana converts hiragana to katakana.
func toKatakana(r []rune) []rune {
	out := make([]rune, len(r))
	for i, c := range r {
		if c >= 0x3041 && c <= 0x3096 {
			c += 0x60
		}
		out[i] = c
	}
	return out
}

func (ix *Index) makePlan(pq parsedQuery) plan {
	var p plan
	words := pq.words
	// English terms, matched first so that stopwords inside them count.
	enAt := make([]int, len(words)) // words of the English term starting here
	enKey := make([]string, len(words))
	enTypo := make([]bool, len(words))
	for i := 0; i < len(words); {
		n, key, typo := ix.englishAt(words, i)
		if n == 0 {
			i++
			continue
		}
		enAt[i], enKey[i], enTypo[i] = n, key, typo
		p.english++
		i += n
	}
	last := len(words) - 1
	for i := 0; i < len(words) && len(p.groups) < maxGroups; {
		w := &words[i]
		switch {
		case enAt[i] > 0:
			n := enAt[i]
			first, end := &words[i], &words[i+n-1]
			display := pq.q[first.start[0]:end.end[len(end.end)-1]]
			ix.planEnglish(&p, words[i:i+n], enKey[i], enTypo[i], display)
			i += n
			continue
		case w.quoted:
			ix.planQuoted(&p, w.runes, w.text)
		case w.cjk:
			ix.planCJK(&p, &pq, w)
		case p.english > 0 && englishStopword(string(w.runes)):
			// no meaning of its own beside an English term
		default:
			ix.planWord(&p, &pq, w, 0, len(w.runes), w.parts, pq.typing && i == last)
		}
		i++
	}
	return p
}

// englishWords returns the English words of an unquoted Latin word of
// letters, possibly hyphenated (multi-factor → multi, factor), or nil.
func englishWords(w qword) []string {
	if w.quoted || w.cjk {
		return nil
	}
	var out []string
	start := 0
	for i, r := range w.runes {
		switch {
		case r >= 'a' && r <= 'z':
		case r == '-' && i > start:
			out = append(out, string(w.runes[start:i]))
			start = i + 1
		default:
			return nil
		}
	}
	if start == len(w.runes) {
		return nil
	}
	return append(out, string(w.runes[start:]))
}

// englishAt returns the number of query words making the longest English
// term of the thesaurus starting at words[i], its key, and whether a word
// was read through a typo.
func (ix *Index) englishAt(words []qword, i int) (n int, key string, typo bool) {
	th := &ix.th
	if th.enMax == 0 {
		return 0, "", false
	}
	var canon []string
	var typos []bool
	var ends []int // query words consumed after each English word
	for j := i; j < len(words) && len(canon) < th.enMax; j++ {
		ws := englishWords(words[j])
		if ws == nil {
			break
		}
		for _, w := range ws {
			c := th.englishWord(w)
			t := false
			if c == "" && ix.lookup(w) < 0 {
				c, t = ix.englishTypo(w)
			}
			if c == "" {
				c = w
			}
			canon = append(canon, c)
			typos = append(typos, t)
			ends = append(ends, 0)
		}
		ends[len(ends)-1] = j - i + 1
	}
	for k := len(canon); k > 0; k-- {
		if ends[k-1] == 0 {
			continue // a term ends inside a hyphenated word
		}
		key := strings.Join(canon[:k], " ")
		if _, ok := th.english[key]; ok {
			return ends[k-1], key, slices.Contains(typos[:k], true)
		}
	}
	return 0, "", false
}

// englishTypo returns the English word of the thesaurus closest to w
// within the typo tolerance.
func (ix *Index) englishTypo(w string) (string, bool) {
	e := maxEdits(len(w))
	if e == 0 || len(w) > 64 {
		return "", false
	}
	best, bestD := "", e+1
	for _, c := range ix.th.enList {
		if d := len(c) - len(w); d > e || d < -e {
			continue
		}
		if d := levenshtein.ComputeDistance(w, c); d < bestD {
			best, bestD = c, d
		}
	}
	return best, best != ""
}

func (ix *Index) planEnglish(p *plan, words []qword, key string, typo bool, display string) {
	g := group{english: true, display: display}
	for i, w := range words {
		if i > 0 {
			g.text += " "
		}
		g.text += string(w.runes)
	}

	o, q := originEnglish, qualityEnglish
	if typo {
		o, q = originTypo, qualityTypo1
	}
	for _, e := range ix.th.english[key] {
		for _, n := range ix.needlesFor(e.runes) {
			g.alts = append(g.alts, alternative{n: n, quality: q, origin: o, word: e.word})
		}
	}
	// And the synonyms of those words (firmware: ファームウェア, and so
	// ソフトウェア).
	for _, e := range ix.th.english[key] {
		for _, s := range ix.th.synonyms[string(e.runes)] {
			for _, n := range ix.needlesFor(s.runes) {
				g.alts = append(g.alts, alternative{n: n, quality: q * qualitySynonym, origin: originSynonym, word: s.word})
			}
		}
	}
	// The English itself, where the guideline has it (log, boot).
	if len(words) == 1 {
		if t := ix.lookup(g.text); t >= 0 {
			g.alts = append(g.alts, alternative{n: needle{kind: needleTerm, runes: words[0].runes, term: int32(t)}, quality: 1})
		}
	} else if n, ok := ix.phraseNeedle([]rune(g.text)); ok {
		g.alts = append(g.alts, alternative{n: n, quality: 1})
	}
	p.groups = append(p.groups, g)
}

func (ix *Index) planQuoted(p *plan, r []rune, display string) {
	g := group{text: string(r), display: display, quoted: true}
	if ns := ix.needlesFor(r); len(ns) == 1 {
		g.alts = append(g.alts, alternative{n: ns[0], quality: 1})
	} else if n, ok := ix.phraseNeedle(r); ok {
		g.alts = append(g.alts, alternative{n: n, quality: 1})
	}
	p.groups = append(p.groups, g)
}

// needlesFor returns the needle for a folded word or phrase of the
// thesaurus or a quoted phrase: a CJK run, an indexed Latin term, or a
// phrase; none when a Latin word is not in the index.
func (ix *Index) needlesFor(r []rune) []needle {
	segs := segments(r, nil, true)
	if len(segs) == 1 && segs[0].start == 0 && segs[0].end == len(r) {
		s := segs[0]
		if s.cjk {
			n := needle{kind: needleCJK, runes: s.runes}
			if allScript(s.runes, scriptKatakana) && len(s.runes) <= 3 {
				n.align = alignEither
			}
			return []needle{n}
		}
		if t := ix.lookup(string(s.runes)); t >= 0 {
			return []needle{{kind: needleTerm, runes: s.runes, term: int32(t)}}
		}
		return nil
	}
	if n, ok := ix.phraseNeedle(r); ok {
		return []needle{n}
	}
	return nil
}

// phraseNeedle returns a needle matching r as a substring on word
// boundaries, when all its terms are in the index.
func (ix *Index) phraseNeedle(r []rune) (needle, bool) {
	ok := true
	for _, s := range segments(r, nil, true) {
		indexTerms(s, func(t []rune) { ok = ok && ix.lookup(string(t)) >= 0 })
	}
	return needle{kind: needlePhrase, runes: r}, ok && len(r) > 0
}

func (ix *Index) planCJK(p *plan, pq *parsedQuery, w *qword) {
	parts := splitParticles(w.runes)
	if len(parts) > 1 {
		p.phrases = append(p.phrases, needle{kind: needleCJK, runes: w.runes})
	}
	for _, part := range parts {
		if len(p.groups) >= maxGroups {
			return
		}
		ix.planCJKPart(p, pq, w, part, true)
	}
}

// planCJKPart adds the group of a CJK word. With split, a word holding
// thesaurus words is cut at them (ファームウェア更新 → ファームウェア, 更新),
// so that each is expanded; a result holding the whole word ranks as if
// they were side by side.
func (ix *Index) planCJKPart(p *plan, pq *parsedQuery, w *qword, sp span, split bool) {
	r := w.runes[sp.i:sp.j]
	key := string(r)
	syn := ix.th.synonyms[key]
	if split && len(syn) == 0 {
		if pieces := ix.thesaurusPieces(r); len(pieces) > 1 {
			p.phrases = append(p.phrases, needle{kind: needleCJK, runes: r})
			for _, pc := range pieces {
				if len(p.groups) < maxGroups {
					ix.planCJKPart(p, pq, w, span{sp.i + pc.i, sp.i + pc.j}, false)
				}
			}
			return
		}
	}
	g := group{text: key, display: pq.source(w, sp.i, sp.j)}
	exact := needle{kind: needleCJK, runes: r}
	if allScript(r, scriptKatakana) && len(r) <= 3 {
		exact.align = alignEither
	}
	g.alts = append(g.alts, alternative{n: exact, quality: 1})
	if st, ok := stripLong(r); ok {
		g.alts = append(g.alts, alternative{n: needle{kind: needleCJK, runes: st, strip: true}, quality: qualityVariant, origin: originVariant})
	}
	if len(r) >= 2 && allScript(r, scriptHiragana) {
		// Its katakana spelling, as a word: a whole katakana word, or for
		// four letters or more also one beginning or ending a compound
		// (ぺねとれーしょん in ペネトレーションテスト).
		k := toKatakana(r)
		align := alignBoth
		if len(r) >= 4 {
			align = alignEither
		}
		g.alts = append(g.alts, alternative{n: needle{kind: needleCJK, runes: k, align: align}, quality: qualityVariant, origin: originVariant})
		if st, ok := stripLong(k); ok {
			g.alts = append(g.alts, alternative{n: needle{kind: needleCJK, runes: st, strip: true, align: align}, quality: qualityVariant, origin: originVariant})
		}
	}
	for _, s := range syn {
		for _, n := range ix.needlesFor(s.runes) {
			g.alts = append(g.alts, alternative{n: n, quality: qualitySynonym, origin: originSynonym, word: s.word})
		}
	}
	if len(r) >= 4 {
		f := exact
		f.align, f.cover = alignNone, minCover
		g.alts = append(g.alts, alternative{n: f, quality: qualityFuzzy, origin: originFuzzy})
	}
	p.groups = append(p.groups, g)
}

// thesaurusPieces cuts r at the thesaurus words it contains, longest and
// leftmost first; it returns r alone when it contains none.
func (ix *Index) thesaurusPieces(r []rune) []span {
	var out []span
	start := 0
	for i := 0; i < len(r); {
		n := 0
		for j := len(r); j > i+1; j-- {
			if _, ok := ix.th.synonyms[string(r[i:j])]; ok {
				n = j - i
				break
			}
		}
		if n == 0 {
			i++
			continue
		}
		if start < i {
			out = append(out, span{start, i})
		}
		out = append(out, span{i, i + n})
		i += n
		start = i
	}
	if start < len(r) {
		out = append(out, span{start, len(r)})
	}
	return out
}

// planWord adds the group(s) of runes [i, j) of a Latin word w.
func (ix *Index) planWord(p *plan, pq *parsedQuery, qw *qword, i, j, parts int, typing bool) {
	w := qw.runes[i:j]
	word := string(w)
	display := pq.source(qw, i, j)
	exact := ix.lookup(word)
	if exact < 0 && parts > 1 {
		if lo, hi := ix.prefixRange(word); typing && lo < hi {
			// A code being typed (sr3-h): the codes it begins.
			g := group{text: word, display: display}
			for t := lo; t < hi && len(g.alts) < maxPrefixAlts; t++ {
				g.alts = append(g.alts, alternative{n: needle{kind: needleTerm, runes: []rune(ix.terms[t]), term: int32(t)}, quality: qualityPrefix, origin: originPrefix})
			}
			p.groups = append(p.groups, g)
			return
		}
		// An unknown compound: look for its words instead.
		n, at := 0, i
		forWords(w, func(part []rune) {
			n++
			if len(p.groups) < maxGroups {
				ix.planWord(p, pq, qw, at, at+len(part), 1, typing && n == parts)
			}
			at += len(part) + 1
		})
		return
	}
	if exact < 0 && !typing {
		var split []int
		mixedParts(w, func(s string) { split = append(split, runeCount(s)) })
		if len(split) > 1 {
			at := i
			for _, n := range split {
				if len(p.groups) < maxGroups {
					ix.planWord(p, pq, qw, at, at+n, 1, false)
				}
				at += n
			}
			return
		}
	}
	g := group{text: word, display: display}
	have := map[int32]bool{}
	if exact >= 0 {
		g.alts = append(g.alts, alternative{n: needle{kind: needleTerm, runes: w, term: int32(exact)}, quality: 1})
		have[int32(exact)] = true
	}
	for _, s := range ix.th.synonyms[word] {
		for _, n := range ix.needlesFor(s.runes) {
			g.alts = append(g.alts, alternative{n: n, quality: qualitySynonym, origin: originSynonym, word: s.word})
		}
	}
	if typing {
		lo, hi := ix.prefixRange(word)
		for t, k := lo, 0; t < hi && k < maxPrefixAlts; t++ {
			if !have[int32(t)] {
				g.alts = append(g.alts, alternative{n: needle{kind: needleTerm, runes: []rune(ix.terms[t]), term: int32(t)}, quality: qualityPrefix, origin: originPrefix})
				have[int32(t)] = true
				k++
			}
		}
	}
	if n := len(w); exact < 0 && parts == 1 && isTypoCandidate(word) {
		e := maxEdits(n)
		for l := n - e; e > 0 && l <= n+e; l++ {
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
				g.alts = append(g.alts, alternative{n: needle{kind: needleTerm, runes: []rune(ix.terms[t]), term: t}, quality: q, origin: originTypo})
				have[t] = true
			}
		}
	}
	p.groups = append(p.groups, g)
}

// intersect returns the documents in every list (each ascending).
func intersect(lists [][]uint32) []uint32 {
	if len(lists) == 0 {
		return nil
	}
	// From the shortest list (the order of the others does not matter).
	for i := range lists {
		if len(lists[i]) < len(lists[0]) {
			lists[0], lists[i] = lists[i], lists[0]
		}
	}
	out := slices.Clone(lists[0])
	for _, l := range lists[1:] {
		w := 0
		j := 0
		for _, d := range out {
			for j < len(l) && l[j] < d {
				j++
			}
			if j < len(l) && l[j] == d {
				out[w] = d
				w++
			}
		}
		out = out[:w]
		if w == 0 {
			break
		}
	}
	return out
}
