//go:build js && wasm

// Command wasm is the WebAssembly module of the site: search (and the
// calculator) for the browser, as functions on globalThis.shguide.
package main

import "syscall/js"

func main() {
	ns := install()
	// The page's loader waits for this callback (see assets/js/wasm-loader.js).
	if ready := js.Global().Get("shguideReady"); ready.Type() == js.TypeFunction {
		ready.Invoke(ns)
	}
	select {} // keep the functions alive
}
