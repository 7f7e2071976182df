package search

import (
	"slices"

	"github.com/agnivade/levenshtein"
)

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
