package search

import (
	"unicode"
	"unicode/utf8"
)

// Folding makes a reader's spelling meet the guideline's. It is applied to
// the indexed text and to the query alike.
//
// It is hand-written instead of golang.org/x/text/unicode/norm: NFKC tables
// add about 470 KB raw (130 KB gzip) to the WebAssembly module, while the
// guideline (and what readers type about it) needs only the small subset
// below. What it does, rune by rune:
//
//   - full-width ASCII (Ａ, ＵＳＢ, －) → ASCII; ideographic and other
//     Unicode spaces, tabs → ' '; newlines stay '\n' (they end a CJK run)
//   - half-width katakana (ｶﾞ, ﾌｧｰﾑ) → full-width, voiced marks composed,
//     also NFD sequences (カ + U+3099) and spacing marks (カ゛)
//   - compatibility forms: circled numbers ①–⑳ → 1–20, Roman numerals,
//     superscript digits, hyphen and dash variants → '-', 〜 → '~'
//   - case: unicode.ToLower
//   - small kana → large, in katakana and hiragana alike (ァ → ア, ッ → ツ,
//     ヶ → ケ, ぁ → あ: ファームウエア finds ファームウェア)
//   - middle dots (・ ･ ·) are dropped (設計・製造 finds 設計製造)
//
// Scripts stay apart: hiragana is not folded to katakana, so that a
// katakana word (ルータ) never matches the same sounds inside hiragana
// (するため). A hiragana query reaches its katakana spelling as a whole
// word through an alternative of the query plan instead.
//
// The long-vowel mark ー is kept, except at the end of a kana word of four
// or more characters, where it is dropped as Lucene's kuromoji stemmer
// does (サーバー → サーバ, ルーター → ルータ; キー stays): that is where
// spellings differ in practice. Inner marks are compared loosely only for
// long words (see stripLong).
//
// Spaces between CJK characters are ignored by the tokenizer, not here,
// because they still separate Latin words.

// halfKana maps U+FF61..U+FF9F to full-width forms.
var halfKana = [...]rune{
	'。', '「', '」', '、', '・', 'ヲ', 'ァ', 'ィ', 'ゥ', 'ェ', 'ォ', 'ャ', 'ュ', 'ョ', 'ッ', // FF61-FF6F
	'ー', 'ア', 'イ', 'ウ', 'エ', 'オ', 'カ', 'キ', 'ク', 'ケ', 'コ', 'サ', 'シ', 'ス', 'セ', 'ソ', // FF70-FF7F
	'タ', 'チ', 'ツ', 'テ', 'ト', 'ナ', 'ニ', 'ヌ', 'ネ', 'ノ', 'ハ', 'ヒ', 'フ', 'ヘ', 'ホ', 'マ', // FF80-FF8F
	'ミ', 'ム', 'メ', 'モ', 'ヤ', 'ユ', 'ヨ', 'ラ', 'リ', 'ル', 'レ', 'ロ', 'ワ', 'ン', '゛', '゜', // FF90-FF9F
}

// smallKana maps small katakana U+30A1..U+30F6 to the large form; zero means
// unchanged.
func smallKana(r rune) rune {
	switch r {
	case 'ァ', 'ィ', 'ゥ', 'ェ', 'ォ', 'ッ', 'ャ', 'ュ', 'ョ', 'ヮ':
		return r + 1
	case 'ヵ':
		return 'カ'
	case 'ヶ':
		return 'ケ'
	}
	if r >= 0x31F0 && r <= 0x31FF { // Katakana Phonetic Extensions (small ㇰ..ㇿ)
		return smallExt[r-0x31F0]
	}
	return r
}

// smallHiragana maps small hiragana to the large form.
func smallHiragana(r rune) rune {
	switch r {
	case 'ぁ', 'ぃ', 'ぅ', 'ぇ', 'ぉ', 'っ', 'ゃ', 'ゅ', 'ょ', 'ゎ':
		return r + 1
	case 'ゕ':
		return 'か'
	case 'ゖ':
		return 'け'
	}
	return r
}

var smallExt = [...]rune{'ク', 'シ', 'ス', 'ト', 'ヌ', 'ハ', 'ヒ', 'フ', 'ヘ', 'ホ', 'ム', 'ラ', 'リ', 'ル', 'レ', 'ロ'}

// voiced returns the voiced (dakuten) or semi-voiced (handakuten) form of a
// katakana, or 0 when there is none.
func voiced(r rune, semi bool) rune {
	if r >= 0x3041 && r <= 0x3096 { // hiragana: through katakana
		if v := voiced(r+0x60, semi); v != 0 && v-0x60 <= 0x3096 {
			return v - 0x60
		}
		return 0
	}
	if semi {
		if r >= 'ハ' && r <= 'ホ' && (r-'ハ')%3 == 0 {
			return r + 2
		}
		return 0
	}
	switch {
	case r == 'ウ':
		return 'ヴ'
	case r >= 'カ' && r <= 'ヂ' && (r-'カ')%2 == 0: // カ キ … チ
		return r + 1
	case r == 'ツ' || r == 'テ' || r == 'ト':
		return r + 1
	case r >= 'ハ' && r <= 'ホ' && (r-'ハ')%3 == 0:
		return r + 1
	case r >= 'ワ' && r <= 'ヲ':
		return r + 8 // ワ→ヷ ヰ→ヸ ヱ→ヹ ヲ→ヺ
	case r == 'ヽ':
		return 'ヾ'
	}
	return 0
}

func isVoicedMark(r rune) (mark, semi bool) {
	switch r {
	case 0x3099, '゛', 0xFF9E:
		return true, false
	case 0x309A, '゜', 0xFF9F:
		return true, true
	}
	return false, false
}

// foldRune folds one rune. It returns up to four output runes (n of them);
// n == 0 drops the rune.
func foldRune(r rune) (out [4]rune, n int) {
	switch {
	case r < 0x80:
		if r >= 'A' && r <= 'Z' {
			r += 'a' - 'A'
		} else if r == '\t' || r == '\r' || r == '\f' || r == '\v' {
			r = ' '
		}
		return [4]rune{r}, 1
	case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII
		return foldRune(r - 0xFEE0)
	case r >= 0xFF61 && r <= 0xFF9F: // half-width katakana
		return foldRune(halfKana[r-0xFF61])
	case r >= 0x3041 && r <= 0x3096: // hiragana
		return [4]rune{smallHiragana(r)}, 1
	case r == '・' || r == 0x00B7 || r == 0x2027 || r == 0x2219 || r == 0x00AD:
		return out, 0
	case r >= 0x30A1 && r <= 0x30F6, r >= 0x31F0 && r <= 0x31FF:
		return [4]rune{smallKana(r)}, 1
	case r >= 0x2460 && r <= 0x2473: // ① .. ⑳
		return number(int(r-0x2460) + 1)
	case r >= 0x24F5 && r <= 0x24FE: // ⓵ .. ⓾
		return number(int(r-0x24F5) + 1)
	case r >= 0x2776 && r <= 0x277F: // ❶ .. ❿
		return number(int(r-0x2776) + 1)
	case r >= 0x2160 && r <= 0x217F: // Roman numerals; only Ⅰ..Ⅻ are common
		return roman(int(r-0x2160)%16 + 1)
	case r == '²' || r == '³':
		return [4]rune{'2' + r - '²'}, 1
	case r == '¹':
		return [4]rune{'1'}, 1
	case r >= 0x2070 && r <= 0x2079 && r != 0x2071 && r != 0x2072 && r != 0x2073:
		return [4]rune{'0' + r - 0x2070}, 1
	case r >= 0x2010 && r <= 0x2015, r == 0x2212, r == 0xFE63:
		return [4]rune{'-'}, 1
	case r == '〜':
		return [4]rune{'~'}, 1
	case r == 0x3000, r == 0x00A0, r >= 0x2000 && r <= 0x200A, r == 0x202F, r == 0x205F:
		return [4]rune{' '}, 1
	case r == 0x200B, r == 0xFEFF: // zero-width space, BOM
		return out, 0
	}
	return [4]rune{unicode.ToLower(r)}, 1
}

func number(v int) (out [4]rune, n int) {
	if v < 10 {
		return [4]rune{rune('0' + v)}, 1
	}
	return [4]rune{rune('0' + v/10), rune('0' + v%10)}, 2
}

// roman folds Ⅰ..Ⅻ (and the small forms) to lower-case Latin letters as
// NFKC does.
func roman(v int) (out [4]rune, n int) {
	const letters = "i ii iii iv v vi vii viii ix x xi xii l c d m"
	k := 0
	for i := 0; i < len(letters); i++ {
		if letters[i] == ' ' {
			k++
			continue
		}
		if k == v-1 {
			out[n] = rune(letters[i])
			n++
		}
	}
	return out, n
}

// folded is folded text with, for every folded rune, the byte range of the
// source text it came from. Several folded runes may share one source range
// (⑩ → "10") and one folded rune may cover several source runes (ｶﾞ → ガ).
type folded struct {
	r          []rune
	start, end []int32
}

// foldText folds s. With offsets false only r is filled.
func foldText(s string, offsets bool, f *folded) {
	f.r = f.r[:0]
	f.start = f.start[:0]
	f.end = f.end[:0]
	for i := 0; i < len(s); {
		c, size := utf8.DecodeRuneInString(s[i:])
		if mark, semi := isVoicedMark(c); mark && len(f.r) > 0 {
			// Compose with the preceding kana when it has a voiced form.
			if v := voiced(f.r[len(f.r)-1], semi); v != 0 {
				f.r[len(f.r)-1] = v
				if offsets {
					f.end[len(f.end)-1] = int32(i + size)
				}
				i += size
				continue
			}
		}
		out, n := foldRune(c)
		for k := 0; k < n; k++ {
			f.r = append(f.r, out[k])
			if offsets {
				f.start = append(f.start, int32(i))
				f.end = append(f.end, int32(i+size))
			}
		}
		i += size
	}
	dropTrailingLong(f, offsets)
}

// Scripts of folded runes, for the long-vowel rule and word boundaries.
const (
	scriptOther = iota
	scriptHiragana
	scriptKatakana
	scriptKanji
)

func scriptOf(r rune) int {
	switch {
	case r >= 0x3041 && r <= 0x309F:
		return scriptHiragana
	case r >= 0x30A1 && r <= 0x30FA, r >= 0x30FC && r <= 0x30FF:
		return scriptKatakana
	case r >= 0x4E00 && r <= 0x9FFF, r >= 0x3400 && r <= 0x4DBF, r >= 0xF900 && r <= 0xFAFF,
		r >= 0x20000 && r <= 0x3FFFF, r >= 0x3005 && r <= 0x3007:
		return scriptKanji
	}
	return scriptOther
}

// kanaRuns calls f for every maximal run [i, j) of r in one kana script;
// a long-vowel mark belongs to the run it follows.
func kanaRuns(r []rune, f func(i, j int)) {
	for i := 0; i < len(r); {
		sc := scriptOf(r[i])
		if r[i] == 'ー' || (sc != scriptHiragana && sc != scriptKatakana) {
			i++
			continue
		}
		j := i + 1
		for j < len(r) && (r[j] == 'ー' || (scriptOf(r[j]) == sc && r[j] != 'ー')) {
			j++
		}
		f(i, j)
		i = j
	}
}

// dropTrailingLong drops the long-vowel marks ending a kana run of four or
// more characters.
func dropTrailingLong(f *folded, offsets bool) {
	w := 0
	last := 0
	kanaRuns(f.r, func(i, j int) {
		if j-i < 4 || f.r[j-1] != 'ー' {
			return
		}
		end := j
		for end > i+1 && f.r[end-1] == 'ー' {
			end--
		}
		w = compact(f, offsets, w, last, end)
		last = j
	})
	if last == 0 {
		return
	}
	w = compact(f, offsets, w, last, len(f.r))
	f.r = f.r[:w]
	if offsets {
		f.start, f.end = f.start[:w], f.end[:w]
	}
}

// compact moves runes [from, to) of f to w and returns the new w.
func compact(f *folded, offsets bool, w, from, to int) int {
	if w != from {
		copy(f.r[w:], f.r[from:to])
		if offsets {
			copy(f.start[w:], f.start[from:to])
			copy(f.end[w:], f.end[from:to])
		}
	}
	return w + to - from
}

// Fold returns the folded form of s: the form the index and queries are
// compared in.
func Fold(s string) string {
	var f folded
	foldText(s, false, &f)
	return string(f.r)
}
