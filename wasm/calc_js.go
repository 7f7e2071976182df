//go:build js && wasm

package main

import (
	"strconv"
	"syscall/js"

	"shguide/calculator/worksheet"
)

func init() { modules = append(modules, registerCalc) }

// registerCalc sets globalThis.shguide.calc, the calculator and worksheet
// functions. Each returns an answer object (bridge.go):
//
//	score(vector: string) → value: the scored vector (calc.go)
//	scoreMany(vectors: string[]) → value: one answer per vector, in order
//	importCSV(text: string) → value: {unit, rows: [{line, name, vector, note}], problems, badLines}
//	importPaste(text: string) → value: the same, from pasted lines
//	importJSON(doc: any) → value: the same, from the result of JSON.parse
//	exportCSV(rows: {name, vector, note}[]) → value: CSV text with all scores
//	exportJSON(rows: {name, vector, note}[]) → value: JSON text with all scores
func registerCalc(ns js.Value) {
	register(ns, "calc", map[string]fn{
		"score": func(args []js.Value) (any, error) {
			s, err := argString(args, 0, "vector")
			if err != nil {
				return nil, err
			}
			return score(s)
		},
		"scoreMany":   calcScoreMany,
		"importCSV":   func(a []js.Value) (any, error) { return calcImportText(a, worksheet.ImportCSV) },
		"importPaste": func(a []js.Value) (any, error) { return calcImportText(a, worksheet.ImportPaste) },
		"importJSON":  calcImportJSON,
		"exportCSV":   func(a []js.Value) (any, error) { return calcExport(a, worksheet.AppendCSV) },
		"exportJSON":  func(a []js.Value) (any, error) { return calcExport(a, worksheet.AppendJSON) },
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

func calcImportText(args []js.Value, read func(string) *worksheet.Import) (any, error) {
	text, err := argString(args, 0, "text")
	if err != nil {
		return nil, err
	}
	// worksheet rejects texts over MaxInputBytes; the page checks a file's
	// size before reading it, so no huge string is copied here.
	return read(text), nil
}

func calcImportJSON(args []js.Value) (any, error) {
	if len(args) < 1 {
		return nil, argumentError("doc", "a parsed JSON value")
	}
	doc := worksheet.Document{Type: typeOf(args[0])}
	list := args[0]
	if doc.Type == "object" {
		if rows := args[0].Get("rows"); isArray(rows) {
			doc.Type, list = "rows", rows
		}
	}
	if doc.Type == "array" || doc.Type == "rows" {
		// Items past the row limit are only counted as over the limit.
		n := min(list.Length(), worksheet.MaxRows+1)
		doc.Items = make([]worksheet.Item, n)
		for i := range n {
			doc.Items[i] = item(list.Index(i))
		}
	}
	return worksheet.ImportItems(doc), nil
}

// item describes one element of an imported array for worksheet.ImportItems.
func item(v js.Value) worksheet.Item {
	it := worksheet.Item{Type: typeOf(v)}
	switch it.Type {
	case "string":
		it.Vector = worksheet.Field{Type: "string", Value: v.String()}
	case "object":
		it.Name, it.Vector, it.Note = field(v, "name"), field(v, "vector"), field(v, "note")
	}
	return it
}

func field(obj js.Value, key string) worksheet.Field {
	v := obj.Get(key)
	f := worksheet.Field{Type: typeOf(v)}
	if f.Type == "string" {
		f.Value = v.String()
	}
	return f
}

func calcExport(args []js.Value, write func([]byte, []worksheet.Row) []byte) (any, error) {
	list, n, err := argArray(args, 0, "rows", "an array of {name, vector, note}")
	if err != nil {
		return nil, err
	}
	rows := make([]worksheet.Row, 0, n)
	for i := range n {
		v := list.Index(i)
		if typeOf(v) != "object" {
			return nil, argumentError("rows["+strconv.Itoa(i)+"]", "an object {name, vector, note}")
		}
		rows = append(rows, worksheet.Row{Name: field(v, "name").Value, Vector: field(v, "vector").Value, Note: field(v, "note").Value})
	}
	return string(write(make([]byte, 0, 1500*n+256), rows)), nil
}
