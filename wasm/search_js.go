//go:build js && wasm

package main

import "syscall/js"

func init() { modules = append(modules, registerSearch) }

// registerSearch sets globalThis.shguide.search. Each function returns an
// answer object (bridge.go), load a Promise of one:
//
//	load(bytes: Uint8Array | ArrayBuffer) → Promise<value: {docs, terms, bytes}>
//	query(q: string, limit?: number) → value: {query, empty, total, results}
//	loaded() → value: boolean
//
// A result is {id, kind, kindLabel, label, title, url, excerpt, highlights,
// titleHighlights, match}; highlights are [start, end] UTF-16 offsets into
// excerpt (titleHighlights into title). url is relative to the site base.
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
			return api.query(q, limit)
		},
		"loaded": func(args []js.Value) (any, error) {
			return api.ix != nil, nil
		},
	})
}
