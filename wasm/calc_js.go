//go:build js && wasm

package main

import (
	"strconv"
	"syscall/js"
)

func init() { modules = append(modules, registerCalc) }

// registerCalc sets globalThis.shguide.calc, the calculator's functions.
// Each returns an answer object (bridge.go):
//
//	score(vector: string) → value: the scored vector (calc.go)
//	scoreMany(vectors: string[]) → value: one answer per vector, in order
//
// The worksheet's imports and exports are its session's (tools_js.go).
func registerCalc(ns js.Value) {
	register(ns, "calc", map[string]fn{
		"score": func(args []js.Value) (any, error) {
			s, err := argString(args, 0, "vector")
			if err != nil {
				return nil, err
			}
			return score(s)
		},
		"scoreMany": calcScoreMany,
	})
}

func calcScoreMany(args []js.Value) (any, error) {
	list, n, err := argArray(args, 0, "vectors", "an array of strings")
	if err != nil {
		return nil, err
	}
	out := make(answers, n)
	for i := range n {
		v := list.Index(i)
		if v.Type() != js.TypeString {
			out[i] = answer{err: argumentError("vectors["+strconv.Itoa(i)+"]", "a string")}
			continue
		}
		out[i] = scoreAnswer(v.String())
	}
	return out, nil
}
