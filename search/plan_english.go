package search

import (
	"slices"
	"strings"

	"github.com/agnivade/levenshtein"
)

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
