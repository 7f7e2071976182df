package main

import (
	"strconv"
	"unicode/utf8"

	"shguide/internal/jsontext"
	"shguide/search"
)

// The search functions behind globalThis.shguide.search (search_js.go):
// plain Go, tested natively, returning values that write themselves as
// JSON for appendAnswer.

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
// success. The value is {docs, terms, bytes}.
func (a *searchAPI) load(b []byte) (any, error) {
	ix, err := search.Decode(b)
	if err != nil {
		return nil, &Error{Kind: KindIndex, Message: "検索インデックスを読み込めませんでした。ページを再読み込みしてください。", MessageEn: err.Error()}
	}
	a.ix = ix
	v := []byte{'{'}
	v = jsontext.AppendIntField(v, "docs", ix.Len())
	v = jsontext.AppendIntField(v, "terms", ix.Terms())
	v = jsontext.AppendIntField(v, "bytes", len(b))
	return jsontext.Raw(append(v, '}')), nil
}

// query answers q with a response (see response).
func (a *searchAPI) query(q string, limit int) (any, error) {
	if a.ix == nil {
		return nil, errNotLoaded
	}
	if limit <= 0 {
		limit = defaultLimit
	}
	limit = min(limit, maxLimit)
	return response(a.ix.Search(q, limit)), nil
}

// response is the value of a query answer:
//
//	{"query", "empty", "total",
//	 "results": [{"id", "kind", "kindLabel", "label", "title", "url", "excerpt",
//	              "highlights", "titleHighlights", "match"}]}
//
// Highlights are [start, end] pairs of offsets in UTF-16 code units, as
// JavaScript strings count them.
type response search.Response

func (r response) AppendJSON(b []byte) []byte {
	b = append(b, '{')
	b = jsontext.AppendStringField(b, "query", r.Query)
	b = jsontext.AppendBoolField(b, "empty", r.Empty)
	b = jsontext.AppendIntField(b, "total", r.Total)
	b = jsontext.AppendKey(b, "results")
	b = append(b, '[')
	for i, x := range r.Results {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '{')
		b = jsontext.AppendStringField(b, "id", x.ID)
		b = jsontext.AppendStringField(b, "kind", x.Kind.String())
		b = jsontext.AppendStringField(b, "kindLabel", x.Kind.Label())
		b = jsontext.AppendStringField(b, "label", x.Label)
		b = jsontext.AppendStringField(b, "title", x.Title)
		b = jsontext.AppendStringField(b, "url", x.URL)
		b = jsontext.AppendStringField(b, "excerpt", x.Excerpt)
		b = appendUTF16Spans(jsontext.AppendKey(b, "highlights"), x.Excerpt, x.Highlights)
		b = appendUTF16Spans(jsontext.AppendKey(b, "titleHighlights"), x.Title, x.TitleHighlights)
		b = jsontext.AppendStringField(b, "match", x.Match.String())
		b = append(b, '}')
	}
	return append(b, "]}"...)
}

// appendUTF16Spans appends byte spans of s as a JSON array of [start, end]
// pairs of UTF-16 code-unit offsets.
func appendUTF16Spans(b []byte, s string, spans []search.Span) []byte {
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
	b = append(b, '[')
	for i, sp := range spans {
		if sp.Start < byteOff { // spans are ordered; be safe anyway
			byteOff, unitOff = 0, 0
		}
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = strconv.AppendInt(b, int64(advance(sp.Start)), 10)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(advance(sp.End)), 10)
		b = append(b, ']')
	}
	return append(b, ']')
}
