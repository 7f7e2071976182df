package site

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// The browser engine comes in two builds of the package ./wasm: the
// engine (calculator and search) every page may load, and the engine with
// the browser tools (the worksheet and the checklist, build tag "tools"),
// which only their pages load, so that the others do not pay for them.
const (
	WasmAsset      = "shguide.wasm"
	ToolsWasmAsset = "shguide-tools.wasm"
)

// BuildWasm compiles the browser engine, the package ./wasm of the Go
// module in dir, into the file out with the go command on PATH; tools
// adds the browser tools. The compiler's messages go to stderr. The
// module's data segments are then packed (packDataSegments), which makes
// it compress better.
func BuildWasm(dir, out string, tools bool, stderr io.Writer) error {
	args := []string{"build", "-trimpath", "-buildvcs=false", "-ldflags=-s", "-o", out}
	if tools {
		args = append(args, "-tags", "tools")
	}
	cmd := exec.Command("go", append(args, "./wasm")...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	cmd.Stderr = stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("building the WebAssembly module: %v", err)
	}
	module, err := os.ReadFile(out)
	if err != nil {
		return err
	}
	if module, err = packDataSegments(module); err != nil {
		return fmt.Errorf("packing the WebAssembly module %s: %v", out, err)
	}
	return os.WriteFile(out, module, 0o644)
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
