//go:build js && wasm

// Command wasm is the WebAssembly module of the site: the calculator, the
// worksheet and search for the browser, as functions on globalThis.shguide.
// It runs in a Web Worker (site/assets/js/engine-worker.js).
package main

import "syscall/js"

func main() {
	ns := install()
	// The worker waits for this callback (see assets/js/engine-worker.js).
	if ready := js.Global().Get("shguideReady"); ready.Type() == js.TypeFunction {
		ready.Invoke(ns)
	}
	select {} // keep the functions alive
}
