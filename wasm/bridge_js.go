//go:build js && wasm

package main

import (
	"syscall/js"
	"unsafe"
)

// A glue file (search_js.go, calc_js.go) adds a module in its init: a
// function that registers its group of functions on the namespace object.
var modules []func(ns js.Value)

// install creates globalThis.shguide with every module's functions.
func install() js.Value {
	ns := js.Global().Get("Object").New()
	for _, m := range modules {
		m(ns)
	}
	js.Global().Set("shguide", ns)
	return ns
}

// fn is a bridge function: it checks its arguments and returns a value for
// jsontext.AppendValue or an error (see Error), or a promise from async.
type fn func(args []js.Value) (any, error)

// register sets ns[group] to an object holding the given functions; each
// returns an answer object (bridge.go) and never throws.
func register(ns js.Value, group string, fns map[string]fn) {
	obj := js.Global().Get("Object").New()
	for name, f := range fns {
		obj.Set(name, js.FuncOf(func(this js.Value, args []js.Value) any {
			return call(f, args)
		}))
	}
	ns.Set(group, obj)
}

var jsonParse = js.Global().Get("JSON").Get("parse")

// call runs f and turns its outcome into the answer object: the one place
// where Go results become JavaScript values. A panic becomes an internal
// error; it never crosses into JavaScript.
func call(f fn, args []js.Value) (res js.Value) {
	defer func() {
		if r := recover(); r != nil {
			e := panicError(r)
			js.Global().Get("console").Call("error", "shguide:", e.MessageEn)
			res = parse(appendAnswer(nil, nil, e))
		}
	}()
	v, err := f(args)
	if p, ok := v.(promise); ok && err == nil {
		return p.v
	}
	return parse(appendAnswer(takeBuffer(), v, err))
}

// spare is a buffer for answers, kept between calls; a call made while
// another one holds it (none today) allocates its own.
var spare []byte

func takeBuffer() []byte {
	b := spare
	spare = nil
	if b == nil {
		b = make([]byte, 0, 8<<10)
	}
	return b[:0]
}

// parse turns JSON text into a JavaScript value and keeps b for the next
// answer. The text is passed without a copy: syscall/js copies a string
// into JavaScript during the call, before b can change.
func parse(b []byte) js.Value {
	v := jsonParse.Invoke(unsafe.String(unsafe.SliceData(b), len(b)))
	if cap(b) <= 1<<20 { // do not hold on to a large export
		spare = b
	}
	return v
}

// promise is returned by a bridge function as is, not wrapped.
type promise struct{ v js.Value }

// async runs f in a goroutine and returns a Promise that resolves to its
// answer object (it never rejects), so that long work does not run inside
// the js.FuncOf callback, where blocking would deadlock.
func async(f func() (any, error)) promise {
	executor := js.FuncOf(func(this js.Value, args []js.Value) any {
		resolve := args[0]
		go func() {
			resolve.Invoke(call(func([]js.Value) (any, error) { return f() }, nil))
		}()
		return nil
	})
	defer executor.Release()
	return promise{js.Global().Get("Promise").New(executor)}
}

// argString returns args[i] as a string.
func argString(args []js.Value, i int, name string) (string, error) {
	if i >= len(args) || args[i].Type() != js.TypeString {
		return "", argumentError(name, "a string")
	}
	return args[i].String(), nil
}

// argInt returns args[i] as an int, def when absent, undefined or null.
func argInt(args []js.Value, i int, name string, def int) (int, error) {
	if i >= len(args) || args[i].IsUndefined() || args[i].IsNull() {
		return def, nil
	}
	if args[i].Type() != js.TypeNumber {
		return 0, argumentError(name, "a number")
	}
	return args[i].Int(), nil
}

// argBytes copies a Uint8Array or ArrayBuffer argument.
func argBytes(args []js.Value, i int, name string) ([]byte, error) {
	if i >= len(args) {
		return nil, argumentError(name, "a Uint8Array")
	}
	v := args[i]
	if v.InstanceOf(js.Global().Get("ArrayBuffer")) {
		v = js.Global().Get("Uint8Array").New(v)
	}
	if !v.InstanceOf(js.Global().Get("Uint8Array")) {
		return nil, argumentError(name, "a Uint8Array")
	}
	b := make([]byte, v.Get("byteLength").Int())
	js.CopyBytesToGo(b, v)
	return b, nil
}

// argArray returns the length of the array args[i].
func argArray(args []js.Value, i int, name, want string) (js.Value, int, error) {
	if i >= len(args) || !isArray(args[i]) {
		return js.Value{}, 0, argumentError(name, want)
	}
	return args[i], args[i].Length(), nil
}

func isArray(v js.Value) bool {
	return js.Global().Get("Array").Call("isArray", v).Bool()
}
