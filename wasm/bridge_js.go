//go:build js && wasm

package main

import "syscall/js"

// A glue file (search_js.go, the calculator's) adds a module in its init:
// a function that sets its functions on the namespace object.
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

// fn is a bridge function: it returns a value for ValueOf or an error.
type fn func(args []js.Value) (any, error)

// group sets obj[name] to an object holding the given functions.
func group(ns js.Value, name string, fns map[string]fn) {
	obj := js.Global().Get("Object").New()
	for k, f := range fns {
		obj.Set(k, js.FuncOf(func(this js.Value, args []js.Value) any {
			return call(f, args)
		}))
	}
	ns.Set(name, obj)
}

// call runs f and wraps its outcome as {ok: true, value} or
// {ok: false, error}. A panic becomes an error: it never crosses into
// JavaScript.
func call(f fn, args []js.Value) (res js.Value) {
	defer func() {
		if r := recover(); r != nil {
			js.Global().Get("console").Call("error", "shguide: panic:", panicText(r))
			res = failure("internal error: " + panicText(r))
		}
	}()
	v, err := f(args)
	if err != nil {
		return failure(err.Error())
	}
	if p, ok := v.(promise); ok {
		return p.v
	}
	return js.ValueOf(map[string]any{"ok": true, "value": v})
}

func failure(msg string) js.Value {
	return js.ValueOf(map[string]any{"ok": false, "error": msg})
}

func panicText(r any) string {
	switch v := r.(type) {
	case error:
		return v.Error()
	case string:
		return v
	}
	return "panic"
}

// promise is returned by a bridge function as is, not wrapped.
type promise struct{ v js.Value }

// async runs f in a goroutine and returns a Promise that resolves to its
// {ok, value} or {ok: false, error} object (it never rejects), so that long
// work does not run inside the js.FuncOf callback.
func async(f func() (any, error)) promise {
	var executor js.Func
	executor = js.FuncOf(func(this js.Value, args []js.Value) any {
		resolve := args[0]
		go func() {
			resolve.Invoke(call(func([]js.Value) (any, error) { return f() }, nil))
		}()
		return nil
	})
	defer executor.Release()
	return promise{js.Global().Get("Promise").New(executor)}
}

// argString returns args[i] as a string, or an error naming the argument.
func argString(args []js.Value, i int, name string) (string, error) {
	if i >= len(args) || args[i].Type() != js.TypeString {
		return "", argError(name, "a string")
	}
	return args[i].String(), nil
}

// argInt returns args[i] as an int, def when absent or undefined.
func argInt(args []js.Value, i int, name string, def int) (int, error) {
	if i >= len(args) || args[i].IsUndefined() || args[i].IsNull() {
		return def, nil
	}
	if args[i].Type() != js.TypeNumber {
		return 0, argError(name, "a number")
	}
	return args[i].Int(), nil
}

// argBytes copies a Uint8Array or ArrayBuffer argument.
func argBytes(args []js.Value, i int, name string) ([]byte, error) {
	if i >= len(args) {
		return nil, argError(name, "a Uint8Array")
	}
	v := args[i]
	if v.InstanceOf(js.Global().Get("ArrayBuffer")) {
		v = js.Global().Get("Uint8Array").New(v)
	}
	if !v.InstanceOf(js.Global().Get("Uint8Array")) {
		return nil, argError(name, "a Uint8Array")
	}
	b := make([]byte, v.Get("byteLength").Int())
	js.CopyBytesToGo(b, v)
	return b, nil
}

type argErr struct{ msg string }

func (e argErr) Error() string { return e.msg }

func argError(name, want string) error {
	return argErr{"argument " + name + ": want " + want}
}
