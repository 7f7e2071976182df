package site

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// BuildWasm compiles the browser engine, the package ./wasm of the Go
// module in dir, into the file out with the go command on PATH. The
// compiler's messages go to stderr.
func BuildWasm(dir, out string, stderr io.Writer) error {
	cmd := exec.Command("go", "build", "-trimpath", "-buildvcs=false", "-ldflags=-s", "-o", out, "./wasm")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	cmd.Stderr = stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("building the WebAssembly module: %v", err)
	}
	return nil
}

// WasmExec is the wasm_exec.js of the Go on PATH, the one that compiles
// the module: a page needs the glue of the same Go version beside it.
func WasmExec() (string, error) {
	b, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOROOT: %v", err)
	}
	p := filepath.Join(strings.TrimSpace(string(b)), "lib", "wasm", "wasm_exec.js")
	if _, err := os.Stat(p); err != nil {
		return "", fmt.Errorf("wasm_exec.js: %v", err)
	}
	return p, nil
}
