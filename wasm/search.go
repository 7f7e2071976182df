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

// query answers q, narrowed to a facet ("" or one of search.Facets'
// names; another name narrows nothing), with a response (see response).
func (a *searchAPI) query(q string, limit int, facet string) (any, error) {
	if a.ix == nil {
		return nil, errNotLoaded
	}
	if limit <= 0 {
		limit = defaultLimit
	}
	limit = min(limit, maxLimit)
	f, _ := search.ParseFacet(facet)
	return response{a.ix.Search(q, search.Options{Limit: limit, Facet: f}), f}, nil
}

// response is the value of a query answer:
//
//	{"query", "empty", "total", "all", "facet",
//	 "facets": [{"name", "label", "count"}],
//	 "partial", "expansions": [{"word", "also": […], "english"}], "exact",
//	 "results": [{"id", "kind", "kindLabel", "facet", "label", "title", "url",
//	              "excerpt", "highlights", "titleHighlights", "match",
//	              "code", "via": […], "same": [{"id", "label", "url"}]}]}
//
// total counts the results of facet, all those of every facet; facets the
// results of each. expansions are the synonyms or Japanese words a query
// word was also searched as, exact the query that searches the exact words
// only, partial whether the results hold only some of the words. A
// result's code is the cited code it matched ("CPSF: CPS.AC-3"), via the
// synonyms it matched through, same the items collapsed into it.
// Highlights are [start, end] pairs of offsets in UTF-16 code units, as
// JavaScript strings count them.
type response struct {
	search.Response
	facet search.Facet
}

func (r response) AppendJSON(b []byte) []byte {
	b = append(b, '{')
	b = jsontext.AppendStringField(b, "query", r.Query)
	b = jsontext.AppendBoolField(b, "empty", r.Empty)
	b = jsontext.AppendIntField(b, "total", r.Total)
	b = jsontext.AppendIntField(b, "all", r.Facets[search.FacetAll])
	b = jsontext.AppendStringField(b, "facet", r.facet.String())
	b = jsontext.AppendKey(b, "facets")
	b = append(b, '[')
	for _, f := range search.Facets() {
		b = appendComma(b)
		b = append(b, '{')
		b = jsontext.AppendStringField(b, "name", f.String())
		b = jsontext.AppendStringField(b, "label", f.Label())
		b = jsontext.AppendIntField(b, "count", r.Facets[f])
		b = append(b, '}')
	}
	b = append(b, ']')
	b = jsontext.AppendBoolField(b, "partial", r.Partial)
	b = jsontext.AppendKey(b, "expansions")
	b = append(b, '[')
	for _, x := range r.Expansions {
		b = appendComma(b)
		b = append(b, '{')
		b = jsontext.AppendStringField(b, "word", x.Word)
		b = appendStrings(jsontext.AppendKey(b, "also"), x.Also)
		b = jsontext.AppendBoolField(b, "english", x.English)
		b = append(b, '}')
	}
	b = append(b, ']')
	b = jsontext.AppendStringField(b, "exact", r.Exact)
	b = jsontext.AppendKey(b, "results")
	b = append(b, '[')
	for _, x := range r.Results {
		b = appendComma(b)
		b = append(b, '{')
		b = jsontext.AppendStringField(b, "id", x.ID)
		b = jsontext.AppendStringField(b, "kind", x.Kind.String())
		b = jsontext.AppendStringField(b, "kindLabel", x.Kind.Label())
		b = jsontext.AppendStringField(b, "facet", x.Kind.Facet().String())
		b = jsontext.AppendStringField(b, "label", x.Label)
		b = jsontext.AppendStringField(b, "title", x.Title)
		b = jsontext.AppendStringField(b, "url", x.URL)
		b = jsontext.AppendStringField(b, "excerpt", x.Excerpt)
		b = appendUTF16Spans(jsontext.AppendKey(b, "highlights"), x.Excerpt, x.Highlights)
		b = appendUTF16Spans(jsontext.AppendKey(b, "titleHighlights"), x.Title, x.TitleHighlights)
		b = jsontext.AppendStringField(b, "match", x.Match.String())
		b = jsontext.AppendStringField(b, "code", x.Code)
		b = appendStrings(jsontext.AppendKey(b, "via"), x.Via)
		b = jsontext.AppendKey(b, "same")
		b = append(b, '[')
		for _, d := range x.Same {
			b = appendComma(b)
			b = append(b, '{')
			b = jsontext.AppendStringField(b, "id", d.ID)
			b = jsontext.AppendStringField(b, "label", d.Label)
			b = jsontext.AppendStringField(b, "url", d.URL)
			b = append(b, '}')
		}
		b = append(b, "]}"...)
	}
	return append(b, "]}"...)
}

// appendComma separates an array's elements: a comma unless b ends with
// the array's '['.
func appendComma(b []byte) []byte {
	if n := len(b); n > 0 && b[n-1] != '[' {
		b = append(b, ',')
	}
	return b
}

// appendStrings appends a JSON array of strings.
func appendStrings(b []byte, ss []string) []byte {
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = jsontext.AppendString(b, s)
	}
	return append(b, ']')
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
