//go:build js && wasm

package main

import (
	"strconv"
	"syscall/js"

	"shguide/calculator/worksheet"
)

func init() { modules = append(modules, registerCalc) }

// registerCalc sets globalThis.shguide.calc, the calculator and worksheet
// functions. Each returns {ok: true, value} or {ok: false, error} where
// error is an object {kind, message, messageEn} and, for a vector,
// {metric, value, column} (see worksheet.AppendScore):
//
//	score(vector: string) → value: result (scores, severities, subscores, codes …)
//	scoreMany(vectors: string[]) → value: [{ok, value} | {ok: false, error}] in order
//	importCSV(text: string) → value: {unit, rows: [{line, name, vector, note}], problems, badLines}
//	importPaste(text: string) → value: the same, from pasted lines
//	importJSON(doc: any) → value: the same, from the result of JSON.parse
//	exportCSV(rows: {name, vector, note}[]) → value: CSV text with all scores
//	                                          (its byte order mark is lost on the way: wasm_exec.js
//	                                          decodes strings with a TextDecoder, which drops it)
//	exportJSON(rows: {name, vector, note}[]) → value: JSON text with all scores
//
// The logic is package worksheet, plain Go tested natively; results cross
// the bridge as JSON text that one JSON.parse call turns into objects.
func registerCalc(ns js.Value) {
	obj := js.Global().Get("Object").New()
	for name, f := range map[string]calcFn{
		"score":       calcScore,
		"scoreMany":   calcScoreMany,
		"importCSV":   func(a []js.Value) ([]byte, any) { return calcImportText(a, worksheet.ImportCSV) },
		"importPaste": func(a []js.Value) ([]byte, any) { return calcImportText(a, worksheet.ImportPaste) },
		"importJSON":  calcImportJSON,
		"exportCSV":   func(a []js.Value) ([]byte, any) { return calcExport(a, worksheet.AppendCSV) },
		"exportJSON":  func(a []js.Value) ([]byte, any) { return calcExport(a, worksheet.AppendJSON) },
	} {
		obj.Set(name, js.FuncOf(func(this js.Value, args []js.Value) any {
			return calcCall(f, args)
		}))
	}
	ns.Set("calc", obj)
}

// calcFn returns either a complete {ok, …} answer as JSON text or, for a
// plain successful value (a string), that value.
type calcFn func(args []js.Value) (answer []byte, value any)

var jsonParse = js.Global().Get("JSON").Get("parse")

// calcCall runs f and never lets a panic cross into JavaScript.
func calcCall(f calcFn, args []js.Value) (res js.Value) {
	defer func() {
		if r := recover(); r != nil {
			msg := "internal error: " + panicText(r)
			js.Global().Get("console").Call("error", "shguide calc:", msg)
			res = jsonParse.Invoke(string(worksheet.AppendFailure(nil, "internal", msg)))
		}
	}()
	answer, value := f(args)
	if answer == nil {
		return js.ValueOf(map[string]any{"ok": true, "value": value})
	}
	return jsonParse.Invoke(string(answer))
}

func argFailure(name, want string) []byte {
	return worksheet.AppendFailure(nil, "argument", "argument "+name+": want "+want)
}

func isArray(v js.Value) bool {
	return js.Global().Get("Array").Call("isArray", v).Bool()
}

func calcScore(args []js.Value) ([]byte, any) {
	if len(args) < 1 || args[0].Type() != js.TypeString {
		return argFailure("vector", "a string"), nil
	}
	return worksheet.AppendScore(make([]byte, 0, 2048), args[0].String()), nil
}

func calcScoreMany(args []js.Value) ([]byte, any) {
	if len(args) < 1 || !isArray(args[0]) {
		return argFailure("vectors", "an array of strings"), nil
	}
	list := args[0]
	n := list.Length()
	b := make([]byte, 0, 1300*n+32)
	b = append(b, `{"ok":true,"value":[`...)
	for i := 0; i < n; i++ {
		if i > 0 {
			b = append(b, ',')
		}
		v := list.Index(i)
		if v.Type() != js.TypeString {
			b = append(b, argFailure("vectors["+strconv.Itoa(i)+"]", "a string")...)
			continue
		}
		b = worksheet.AppendScore(b, v.String())
	}
	return append(b, "]}"...), nil
}

func calcImportText(args []js.Value, read func(string) *worksheet.Import) ([]byte, any) {
	if len(args) < 1 || args[0].Type() != js.TypeString {
		return argFailure("text", "a string"), nil
	}
	// worksheet rejects texts over MaxInputBytes; the page checks a file's
	// size before reading it, so no huge string is copied here.
	im := read(args[0].String())
	return wrapOK(im.AppendJSON(make([]byte, 0, 4096))), nil
}

func calcImportJSON(args []js.Value) ([]byte, any) {
	if len(args) < 1 {
		return argFailure("doc", "a parsed JSON value"), nil
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
	return wrapOK(worksheet.ImportItems(doc).AppendJSON(make([]byte, 0, 4096))), nil
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

// typeOf is JavaScript's typeof, with "array" and "null" told apart from
// "object".
func typeOf(v js.Value) string {
	switch v.Type() {
	case js.TypeUndefined:
		return "undefined"
	case js.TypeNull:
		return "null"
	case js.TypeBoolean:
		return "boolean"
	case js.TypeNumber:
		return "number"
	case js.TypeString:
		return "string"
	case js.TypeObject:
		if isArray(v) {
			return "array"
		}
		return "object"
	case js.TypeFunction:
		return "function"
	}
	return "other"
}

func calcExport(args []js.Value, write func([]byte, []worksheet.Row) []byte) ([]byte, any) {
	if len(args) < 1 || !isArray(args[0]) {
		return argFailure("rows", "an array of {name, vector, note}"), nil
	}
	list := args[0]
	n := list.Length()
	rows := make([]worksheet.Row, 0, n)
	for i := 0; i < n; i++ {
		v := list.Index(i)
		if typeOf(v) != "object" {
			return argFailure("rows["+strconv.Itoa(i)+"]", "an object {name, vector, note}"), nil
		}
		rows = append(rows, worksheet.Row{Name: field(v, "name").Value, Vector: field(v, "vector").Value, Note: field(v, "note").Value})
	}
	return nil, string(write(make([]byte, 0, 1500*n+256), rows))
}

// wrapOK puts a JSON value into {"ok":true,"value":…}.
func wrapOK(value []byte) []byte {
	b := make([]byte, 0, len(value)+20)
	b = append(b, `{"ok":true,"value":`...)
	b = append(b, value...)
	return append(b, '}')
}
