package search

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
