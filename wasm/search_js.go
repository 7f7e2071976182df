//go:build js && wasm

package main

import "syscall/js"

func init() { modules = append(modules, registerSearch) }

// registerSearch sets globalThis.shguide.search. Each function returns an
// answer object (bridge.go), load a Promise of one:
//
//	load(bytes: Uint8Array | ArrayBuffer) → Promise<value: {docs, terms, bytes}>
//	query(q: string, limit?: number, facet?: string) → value: {query, empty, total, all, facet, facets, partial, expansions, exact, results}
//	loaded() → value: boolean
//
// facets is [{name, label, count}], the results of every facet (total
// counts those of facet, all those of every facet); expansions is
// [{word, also, english}], the synonyms or Japanese words a query word was
// also searched as; exact is the query that searches the exact words only.
//
// A result is {id, kind, kindLabel, facet, label, title, url, excerpt,
// highlights, titleHighlights, match, code, via, same}; highlights are
// [start, end] UTF-16 offsets into excerpt (titleHighlights into title);
// code names the cited code the query matched ("CPSF: CPS.AC-3"); via the
// synonyms it matched through; same the items collapsed into it
// ({id, label, url}). url is relative to the site base.
func registerSearch(ns js.Value) {
	api := &searchAPI{}
	register(ns, "search", map[string]fn{
		"load": func(args []js.Value) (any, error) {
			b, err := argBytes(args, 0, "bytes") // copied now: the caller may reuse the array
			return async(func() (any, error) {
				if err != nil {
					return nil, err
				}
				return api.load(b)
			}), nil
		},
		"query": func(args []js.Value) (any, error) {
			q, err := argString(args, 0, "q")
			if err != nil {
				return nil, err
			}
			limit, err := argInt(args, 1, "limit", defaultLimit)
			if err != nil {
				return nil, err
			}
			facet := ""
			if len(args) > 2 && !args[2].IsUndefined() && !args[2].IsNull() {
				if facet, err = argString(args, 2, "facet"); err != nil {
					return nil, err
				}
			}
			return api.query(q, limit, facet)
		},
		"loaded": func(args []js.Value) (any, error) {
			return api.ix != nil, nil
		},
	})
}
