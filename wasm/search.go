package main

import (
	"unicode/utf8"

	"shguide/search"
)

// The search functions behind globalThis.shguide.search (search_js.go):
// plain Go, tested natively, returning trees of map[string]any, []any,
// string, int and bool for appendAnswer.

// searchAPI is the search engine behind globalThis.shguide.search.
type searchAPI struct {
	ix *search.Index
}

// defaultLimit and maxLimit bound the results of one query.
const (
	defaultLimit = 20
	maxLimit     = 200
)

var errNotLoaded = &Error{Kind: KindNotLoaded, Message: "検索インデックスがまだ読み込まれていません。", MessageEn: "search index not loaded"}

// load decodes an index. It replaces a previously loaded one only on
// success.
func (a *searchAPI) load(b []byte) (any, error) {
	ix, err := search.Decode(b)
	if err != nil {
		return nil, &Error{Kind: KindIndex, Message: "検索インデックスを読み込めませんでした。ページを再読み込みしてください。", MessageEn: err.Error()}
	}
	a.ix = ix
	return map[string]any{"docs": ix.Len(), "terms": ix.Terms(), "bytes": len(b)}, nil
}

// query answers q. Offsets of highlights are in UTF-16 code units, as
// JavaScript strings count them.
func (a *searchAPI) query(q string, limit int) (any, error) {
	if a.ix == nil {
		return nil, errNotLoaded
	}
	if limit <= 0 {
		limit = defaultLimit
	}
	limit = min(limit, maxLimit)
	r := a.ix.Search(q, limit)
	results := make([]any, len(r.Results))
	for i, x := range r.Results {
		results[i] = map[string]any{
			"id":              x.ID,
			"kind":            x.Kind.String(),
			"kindLabel":       x.Kind.Label(),
			"label":           x.Label,
			"title":           x.Title,
			"url":             x.URL,
			"excerpt":         x.Excerpt,
			"highlights":      utf16Spans(x.Excerpt, x.Highlights),
			"titleHighlights": utf16Spans(x.Title, x.TitleHighlights),
			"match":           x.Match.String(),
		}
	}
	return map[string]any{
		"query":   r.Query,
		"empty":   r.Empty,
		"total":   r.Total,
		"results": results,
	}, nil
}

// utf16Spans converts byte spans of s into [start, end] pairs of UTF-16
// code-unit offsets.
func utf16Spans(s string, spans []search.Span) []any {
	out := make([]any, 0, len(spans))
	byteOff, unitOff := 0, 0
	advance := func(to int) int {
		for byteOff < to && byteOff < len(s) {
			r, size := utf8.DecodeRuneInString(s[byteOff:])
			byteOff += size
			unitOff++
			if r >= 0x10000 {
				unitOff++
			}
		}
		return unitOff
	}
	for _, sp := range spans {
		if sp.Start < byteOff { // spans are ordered; be safe anyway
			byteOff, unitOff = 0, 0
		}
		start := advance(sp.Start)
		end := advance(sp.End)
		out = append(out, []any{start, end})
	}
	return out
}
