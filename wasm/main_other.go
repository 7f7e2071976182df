//go:build !(js && wasm)

package main

import "os"

// The bridge runs only in a browser (GOOS=js GOARCH=wasm). On other
// platforms the package builds so that go vet and go test cover its plain
// Go parts.
func main() {
	os.Stderr.WriteString("shguide wasm: build with GOOS=js GOARCH=wasm\n")
	os.Exit(2)
}
