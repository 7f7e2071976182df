package search

import (
	"slices"
	"unicode"
)

// Tokenisation works on folded runes. Japanese has no word boundaries, so a
// run of CJK characters (kanji, kana) becomes overlapping character
// bigrams: 鍵管理 → 鍵管 管理, plus its last character alone so that a
// one-character query (鍵) can match by prefix. A katakana word of four or
// more letters with inner long-vowel marks is also indexed without them
// (サーバーセキュリティ → サバセキユリテイ), so that spellings with and without
// the marks meet (see stripLong). In indexed text, spaces
// inside a CJK run are skipped (the source has stray ones: ホームゲート ウェイ);
// in a query they separate words that must all match (通信 暗号化), which
// also finds the joined form. A newline or any other character ends a run.
//
// Latin letters and digits form words. Words joined by a single connector
// (- . _ /) form a compound such as sr3-h-5, cps.ac-3, 1798.91.05 or wi-fi,
// indexed whole, by its connector suffixes (ac-3, h-5), joined (wifi,
// sr3h5) and by its words. A word mixing letters and digits (uk5, iso27001)
// is also indexed by its letter and digit parts.

type runeClass uint8

const (
	classOther runeClass = iota
	classSpace
	classBreak // newline: ends a CJK run
	classWord
	classCJK
	classConnector
)

func classify(r rune) runeClass {
	switch {
	case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
		return classWord
	case r == ' ':
		return classSpace
	case r == '\n':
		return classBreak
	case r == '-', r == '.', r == '_', r == '/':
		return classConnector
	case r < 0x80:
		return classOther
	case isCJK(r):
		return classCJK
	case unicode.IsLetter(r), unicode.IsDigit(r):
		return classWord
	}
	return classOther
}

func isCJK(r rune) bool {
	switch {
	case r >= 0x30A1 && r <= 0x30FA, r >= 0x30FC && r <= 0x30FF: // katakana, ー
		return true
	case r >= 0x3041 && r <= 0x309F: // hiragana
		return true
	case r >= 0x3005 && r <= 0x3007: // 々 〆 〇
		return true
	case r >= 0x4E00 && r <= 0x9FFF, r >= 0x3400 && r <= 0x4DBF, r >= 0xF900 && r <= 0xFAFF:
		return true
	case r >= 0x20000 && r <= 0x3FFFF:
		return true
	case r >= 0xAC00 && r <= 0xD7A3: // Hangul syllables
		return true
	}
	return false
}

// segment is a CJK run or a Latin word or compound, in folded runes.
type segment struct {
	cjk   bool
	runes []rune // CJK characters with inner spaces removed, or the word/compound
	parts int    // number of connector-separated words (1 for a plain word)
	// start and end are the rune positions in the folded text (end exclusive).
	start, end int
}

// segments splits folded text into segments, reusing buf. With joinSpaces
// (indexed text) spaces between CJK characters do not end a run.
func segments(r []rune, buf []segment, joinSpaces bool) []segment {
	segs := buf[:0]
	for i := 0; i < len(r); {
		switch classify(r[i]) {
		case classCJK:
			// run is r[start:end] until spaces are dropped from it.
			start := i
			run := r[start:start]
			joined := false
			end := i
			for i < len(r) {
				c := classify(r[i])
				if c == classCJK {
					if joined {
						run = append(run, r[i])
					} else {
						run = r[start : i+1]
					}
					i++
					end = i
					continue
				}
				if c == classSpace && joinSpaces {
					j := i
					for j < len(r) && r[j] == ' ' {
						j++
					}
					if j < len(r) && classify(r[j]) == classCJK {
						if !joined {
							run = slices.Clone(run)
							joined = true
						}
						i = j
						continue
					}
				}
				break
			}
			segs = append(segs, segment{cjk: true, runes: run, parts: 1, start: start, end: end})
			i = end
		case classWord:
			start := i
			parts := 1
			for i < len(r) {
				c := classify(r[i])
				if c == classWord {
					i++
					continue
				}
				if c == classConnector && i+1 < len(r) && classify(r[i+1]) == classWord && i > start {
					parts++
					i++
					continue
				}
				break
			}
			segs = append(segs, segment{runes: r[start:i], parts: parts, start: start, end: i})
		default:
			i++
		}
	}
	return segs
}

// indexTerms calls emit for every term of a segment as indexed; the slice
// is only valid during the call.
func indexTerms(s segment, emit func(term []rune)) {
	if s.cjk {
		bigrams(s.runes, emit)
		emit(s.runes[len(s.runes)-1:])
		if st, ok := stripLong(s.runes); ok {
			bigrams(st, emit)
		}
		return
	}
	latinTerms(s.runes, s.parts, emit)
}

// latinTerms calls emit for every term of a Latin word or compound of
// parts connector-separated words; the slice is only valid during the call.
func latinTerms(r []rune, parts int, emit func(term []rune)) {
	emit(r)
	if parts == 1 {
		mixedPartsRunes(r, emit)
		return
	}
	// Connector suffixes: ac-3 of cps.ac-3, h-5 of sr3-h-5.
	n := 0
	for i, c := range r {
		if classify(c) == classConnector {
			n++
			if n < parts-1 {
				emit(r[i+1:])
			}
		}
	}
	if joined, ok := joinCompoundRunes(r); ok {
		emit(joined)
	}
	forWords(r, func(w []rune) {
		emit(w)
		mixedPartsRunes(w, emit)
	})
}

func bigrams(r []rune, emit func([]rune)) {
	for i := 0; i+1 < len(r); i++ {
		emit(r[i : i+2])
	}
}

// minStrip is the number of letters (long-vowel marks not counted) from
// which a katakana word is also compared without its inner marks. Shorter
// words keep them: ルータ must not meet the ルタ of フィルタ.
const minStrip = 4

// stripLong returns r without the long-vowel marks of its katakana words of
// minStrip or more letters, and whether anything was dropped.
func stripLong(r []rune) ([]rune, bool) {
	var out []rune
	last := 0
	kanaRuns(r, func(i, j int) {
		if scriptOf(r[i]) != scriptKatakana {
			return
		}
		letters, marks := 0, 0
		for _, c := range r[i:j] {
			if c == 'ー' {
				marks++
			} else {
				letters++
			}
		}
		if letters < minStrip || marks == 0 {
			return
		}
		if out == nil {
			out = make([]rune, 0, len(r))
		}
		out = append(out, r[last:i]...)
		for _, c := range r[i:j] {
			if c != 'ー' {
				out = append(out, c)
			}
		}
		last = j
	})
	if out == nil {
		return r, false
	}
	return append(out, r[last:]...), true
}

// joinCompoundRunes drops the connectors of a compound containing a letter
// (wi-fi → wifi); numbers (7.7) are not joined.
func joinCompoundRunes(c []rune) ([]rune, bool) {
	letter := false
	out := make([]rune, 0, len(c))
	for _, r := range c {
		switch classify(r) {
		case classConnector:
			continue
		case classWord:
			if r < '0' || r > '9' {
				letter = true
			}
		}
		out = append(out, r)
	}
	return out, letter
}

// forWords calls f for each connector-separated word of a compound.
func forWords(c []rune, f func([]rune)) {
	start := 0
	for i, r := range c {
		if classify(r) == classConnector {
			f(c[start:i])
			start = i + 1
		}
	}
	f(c[start:])
}

// mixedParts emits the letter and digit parts of a word mixing both
// (uk5 → uk 5, iso27001 → iso 27001). Plain words emit nothing.
func mixedParts(w []rune, emit func(string)) {
	mixedPartsRunes(w, func(p []rune) { emit(string(p)) })
}

func mixedPartsRunes(w []rune, emit func([]rune)) {
	start := 0
	split := false
	for i := 1; i <= len(w); i++ {
		if i == len(w) || isDigit(w[i]) != isDigit(w[i-1]) {
			if i < len(w) || split {
				emit(w[start:i])
				split = true
			}
			start = i
		}
	}
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// isTypoCandidate reports whether a term can be reached by typo tolerance,
// and a query word can reach others: a plain word of letters. Words with
// digits are codes (uk5, sr3), where one edit is another code.
func isTypoCandidate(t string) bool {
	for _, r := range t {
		if classify(r) != classWord || isDigit(r) {
			return false
		}
	}
	return t != ""
}
