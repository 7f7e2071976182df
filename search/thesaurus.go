package search

import (
	"errors"
	"slices"
	"strconv"
	"strings"
)

// Thesaurus is the vocabulary queries are expanded with, kept as reviewed
// data outside the engine: the guideline's own synonyms, and English terms
// for its Japanese words.
type Thesaurus struct {
	Synonyms []Synonym
	English  []English
}

// Synonym says that a query for Word also searches for the words Also.
// It is one way: two words the guideline uses for the same thing are two
// entries.
type Synonym struct {
	Word string
	Also []string
}

// English maps an English term of one or more words ("key management") to
// the guideline's Japanese words for it.
type English struct {
	En string
	Ja []string
}

// expansion is a word a query word also searches for.
type expansion struct {
	word  string // as written in the thesaurus, for notices
	runes []rune // folded
}

// thesaurus is a Thesaurus ready for lookups.
type thesaurus struct {
	src      Thesaurus
	synonyms map[string][]expansion // folded word → its synonyms
	english  map[string][]expansion // folded English words joined by one space → Japanese words
	enWords  map[string]bool        // every folded English word of the table
	enList   []string               // enWords in the table's order (typo candidates)
	enMax    int                    // most words in an English term
}

// check validates a thesaurus as Build receives it.
func (t Thesaurus) check() error {
	seen := map[string]int{}
	for i, s := range t.Synonyms {
		where := "synonym " + strconv.Itoa(i) + " (" + s.Word + ")"
		k := Fold(s.Word)
		switch {
		case strings.TrimSpace(k) == "":
			return errors.New(where + ": empty word")
		case len(s.Also) == 0:
			return errors.New(where + ": no synonyms")
		}
		if j, dup := seen[k]; dup {
			return errors.New(where + ": duplicate word, first at synonym " + strconv.Itoa(j))
		}
		seen[k] = i
		for _, a := range s.Also {
			if f := Fold(a); strings.TrimSpace(f) == "" || f == k {
				return errors.New(where + ": bad synonym " + strconv.Quote(a))
			}
		}
	}
	seenEn := map[string]int{}
	for i, e := range t.English {
		where := "English term " + strconv.Itoa(i) + " (" + e.En + ")"
		k := englishKey(e.En)
		switch {
		case k == "":
			return errors.New(where + ": no English words")
		case len(e.Ja) == 0:
			return errors.New(where + ": no Japanese words")
		}
		if j, dup := seenEn[k]; dup {
			return errors.New(where + ": duplicate term, first at English term " + strconv.Itoa(j))
		}
		seenEn[k] = i
		for _, j := range e.Ja {
			if strings.TrimSpace(Fold(j)) == "" {
				return errors.New(where + ": empty Japanese word")
			}
		}
	}
	return nil
}

// englishKey folds an English term to its words joined by one space; a
// hyphen separates words too (man-in-the-middle, multi-factor).
func englishKey(s string) string {
	return strings.Join(strings.Fields(strings.Map(func(r rune) rune {
		if r == '-' {
			return ' '
		}
		return r
	}, Fold(s))), " ")
}

func prepareThesaurus(t Thesaurus) thesaurus {
	th := thesaurus{src: t, synonyms: map[string][]expansion{}, english: map[string][]expansion{}, enWords: map[string]bool{}}
	exp := func(words []string) []expansion {
		out := make([]expansion, 0, len(words))
		for _, w := range words {
			out = append(out, expansion{word: w, runes: []rune(queryForm(w))})
		}
		return out
	}
	for _, s := range t.Synonyms {
		th.synonyms[queryForm(s.Word)] = exp(s.Also)
	}
	for _, e := range t.English {
		k := englishKey(e.En)
		th.english[k] = exp(e.Ja)
		words := strings.Fields(k)
		th.enMax = max(th.enMax, len(words))
		for _, w := range words {
			th.enWords[w] = true
		}
	}
	// enList in the table's order: typos resolve to the first word of the
	// table among equally close ones.
	for _, e := range t.English {
		for _, w := range strings.Fields(englishKey(e.En)) {
			if !slices.Contains(th.enList, w) {
				th.enList = append(th.enList, w)
			}
		}
	}
	return th
}

// queryForm folds a word as the index holds CJK text: no spaces between
// CJK characters.
func queryForm(s string) string {
	var f folded
	foldText(s, false, &f)
	var b strings.Builder
	last := rune(0)
	for i, r := range f.r {
		if r == ' ' || r == '\n' {
			j := i
			for j < len(f.r) && (f.r[j] == ' ' || f.r[j] == '\n') {
				j++
			}
			if last == 0 || last == ' ' || j == len(f.r) || (classify(last) == classCJK && classify(f.r[j]) == classCJK) {
				continue
			}
			r = ' '
		}
		b.WriteRune(r)
		last = r
	}
	return b.String()
}

// englishWord returns the form of a folded Latin word the English table
// knows (passwords → password, vulnerabilities → vulnerability), or "".
func (th *thesaurus) englishWord(w string) string {
	if th.enWords[w] {
		return w
	}
	for _, c := range [...]struct{ cut, add string }{{"ies", "y"}, {"es", ""}, {"s", ""}} {
		if s, ok := strings.CutSuffix(w, c.cut); ok && s != "" && th.enWords[s+c.add] {
			return s + c.add
		}
	}
	return ""
}

// englishStopword reports words of English queries that carry no meaning
// of their own outside a term ("terms of use" keeps its "of").
func englishStopword(w string) bool {
	switch w {
	case "a", "an", "the", "of", "in", "on", "for", "to", "and", "or", "with", "by", "at", "from", "is", "are", "how":
		return true
	}
	return false
}
