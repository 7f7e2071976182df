package search

import "strings"

// Query syntax. A query is folded like the index, then read as words:
//
//   - text in quotes ("…", “…”, 「…」, 『…』; an unclosed quote runs to the
//     end) is one word matched exactly: no synonyms, translations, typos,
//     or spelling variants beyond folding;
//   - elsewhere, spaces separate words, and so does a change between a CJK
//     run and a Latin word (Wi-Fi接続 is two words);
//   - a CJK run is further cut at particles between content words
//     (個人情報の削除 → 個人情報, 削除) when the query plan is made.
//
// Every word is required. The query is being typed when it ends inside a
// word (not after a space or a closing quote): its last word may then be
// the beginning of a longer one.

// qword is a word of a query.
type qword struct {
	runes  []rune // folded; CJK inner spaces dropped
	quoted bool
	cjk    bool // an unquoted CJK run
	parts  int  // connector-separated parts of an unquoted Latin word
	// start and end are the byte range in the query of each rune of an
	// unquoted word; text is a quoted word as typed.
	start, end []int32
	text       string
}

// parsedQuery is a query read into words.
type parsedQuery struct {
	q      string
	folded []rune
	words  []qword
	typing bool
}

// source returns the query's text of runes [i, j) of w, as typed.
func (pq *parsedQuery) source(w *qword, i, j int) string {
	if w.start == nil || i >= j {
		return w.text
	}
	return pq.q[w.start[i]:w.end[j-1]]
}

// maxQueryRunes bounds the folded query that is read.
const maxQueryRunes = 256

// closer returns the closing quote for an opening one, or 0.
func closer(r rune) rune {
	switch r {
	case '"':
		return '"'
	case '“', '”':
		return '”'
	case '「':
		return '」'
	case '『':
		return '』'
	}
	return 0
}

// parseQuery reads q into words.
func parseQuery(q string) parsedQuery {
	var f folded
	foldText(q, true, &f)
	r := f.r
	if len(r) > maxQueryRunes {
		r = r[:maxQueryRunes]
	}
	p := parsedQuery{q: q, folded: r}
	var segs []segment
	plain := func(from, to int) {
		segs = segments(r[from:to], segs[:0], false)
		for _, s := range segs {
			if s.cjk && onlyLongMarks(s.runes) {
				continue
			}
			a, b := from+s.start, from+s.end
			p.words = append(p.words, qword{runes: s.runes, cjk: s.cjk, parts: s.parts, start: f.start[a:b], end: f.end[a:b]})
		}
	}
	start := 0
	endsInWord := false
	for i := 0; i < len(r); i++ {
		c := closer(r[i])
		if c == 0 {
			continue
		}
		plain(start, i)
		j := i + 1
		for j < len(r) && r[j] != c && !(c == '”' && r[j] == '"') {
			j++
		}
		if w := quotedWord(r[i+1 : j]); len(w) > 0 {
			end := len(q)
			if j < len(r) {
				end = int(f.start[j])
			}
			p.words = append(p.words, qword{runes: w, quoted: true, text: strings.TrimSpace(q[f.end[i]:end])})
		}
		start = min(j+1, len(r))
		i = j
	}
	plain(start, len(r))
	if n := len(r); n > 0 && start < n {
		c := classify(r[n-1])
		endsInWord = c == classWord || c == classCJK
	}
	p.typing = endsInWord && len(p.words) > 0
	return p
}

// quotedWord returns the text of a quoted phrase as the index views text:
// CJK inner spaces dropped, other runs of spaces as one, trimmed; nil when
// it holds nothing to search for.
func quotedWord(r []rune) []rune {
	out := make([]rune, 0, len(r))
	searchable := false
	for i, c := range r {
		cl := classify(c)
		if c == '\n' {
			c, cl = ' ', classSpace
		}
		if cl == classSpace {
			if len(out) == 0 || out[len(out)-1] == ' ' {
				continue
			}
			j := i + 1
			for j < len(r) && (r[j] == ' ' || r[j] == '\n') {
				j++
			}
			if j < len(r) && classify(out[len(out)-1]) == classCJK && classify(r[j]) == classCJK {
				continue
			}
		}
		searchable = searchable || cl == classWord || (cl == classCJK && c != 'ー')
		out = append(out, c)
	}
	for len(out) > 0 && out[len(out)-1] == ' ' {
		out = out[:len(out)-1]
	}
	if !searchable {
		return nil
	}
	return out
}

func onlyLongMarks(r []rune) bool {
	for _, c := range r {
		if c != 'ー' {
			return false
		}
	}
	return true
}
