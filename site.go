package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"shguide/site"
	"shguide/site/model"
)

// The build, serve and check subcommands: thin wrappers over package site.

// contentDir is where the content lives, relative to the working directory.
const contentDir = "content"

// runBuild implements "shguide build [--base /repo/] [--out build] [--wasm file]".
func runBuild(args []string) error {
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	base := fs.String("base", "/", "URL path the site is served under: / or /repo/ for a GitHub project page")
	out := fs.String("out", "build", "output directory (replaced as a whole on success)")
	wasm := fs.String("wasm", "", "prebuilt WebAssembly module; empty: build ./wasm; \"none\": publish without it")
	content := fs.String("content", contentDir, "content directory")
	siteURL := fs.String("url", "", "origin the site is published at (https://user.github.io), for sitemap.xml")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("build: unexpected arguments %q", fs.Args())
	}
	res, err := build(*content, *out, *base, *siteURL, *wasm)
	if err != nil {
		return err
	}
	fmt.Printf("built %s: %d pages, %d files, %s in %v\n", *out, res.Pages, res.Files, sizeString(res.Bytes), res.Duration.Round(time.Millisecond))
	return nil
}

// build builds the WebAssembly module when needed, then the site.
func build(content, out, base, siteURL, wasm string) (*site.Result, error) {
	opt := site.Options{Content: os.DirFS(content), Out: out, Base: base, URL: siteURL}
	switch wasm {
	case "none":
	case "":
		tmp, err := os.MkdirTemp("", "shguide-wasm-")
		if err != nil {
			return nil, err
		}
		defer os.RemoveAll(tmp)
		opt.WasmFile = filepath.Join(tmp, "shguide.wasm")
		if err := buildWasm(opt.WasmFile); err != nil {
			return nil, err
		}
	default:
		opt.WasmFile = wasm
	}
	if opt.WasmFile != "" {
		exec, err := wasmExec()
		if err != nil {
			return nil, err
		}
		opt.WasmExecFile = exec
	}
	res, err := site.Build(context.Background(), opt)
	if err != nil {
		return nil, contentError(content, err)
	}
	return res, nil
}

// buildWasm compiles ./wasm for the browser.
func buildWasm(out string) error {
	cmd := exec.Command("go", "build", "-trimpath", "-buildvcs=false", "-ldflags=-s", "-o", out, "./wasm")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("building the WebAssembly module: %v", err)
	}
	return nil
}

// wasmExec is the wasm_exec.js of the Go that builds the module.
func wasmExec() (string, error) {
	root := runtime.GOROOT()
	if b, err := exec.Command("go", "env", "GOROOT").Output(); err == nil {
		root = strings.TrimSpace(string(b))
	}
	p := filepath.Join(root, "lib", "wasm", "wasm_exec.js")
	if _, err := os.Stat(p); err != nil {
		return "", fmt.Errorf("wasm_exec.js: %v", err)
	}
	return p, nil
}

// contentError prefixes content positions with the content directory, so
// that "content/requirements.yaml:12: …" opens in an editor.
func contentError(dir string, err error) error {
	var es model.Errors
	if !errors.As(err, &es) {
		return err
	}
	var b strings.Builder
	for _, e := range es {
		fmt.Fprintf(&b, "%s: %s\n", filepath.ToSlash(filepath.Join(dir, e.Pos.String())), e.Msg)
	}
	fmt.Fprint(os.Stderr, b.String())
	return fmt.Errorf("%d problem(s) in %s", len(es), dir)
}

// runCheck implements "shguide check": validate the content only.
func runCheck(args []string) error {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	content := fs.String("content", contentDir, "content directory")
	if err := fs.Parse(args); err != nil {
		return err
	}
	m, err := model.Load(os.DirFS(*content))
	if err == nil {
		err = model.Validate(m)
	}
	if err != nil {
		return contentError(*content, err)
	}
	fmt.Printf("%s: %d requirements, %d threats, %d lifecycles, %d chapters: ok\n",
		*content, len(m.Requirements), len(m.Threats), len(m.Lifecycles), len(m.Chapters))
	return nil
}

// runServe implements "shguide serve": build, then serve the output.
func runServe(args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	addr := fs.String("addr", "localhost:8080", "address to listen on")
	base := fs.String("base", "/", "URL path to serve the site under")
	out := fs.String("out", "build", "output directory")
	wasm := fs.String("wasm", "", "prebuilt WebAssembly module; empty: build ./wasm; \"none\": without it")
	content := fs.String("content", contentDir, "content directory")
	if err := fs.Parse(args); err != nil {
		return err
	}
	res, err := build(*content, *out, *base, "", *wasm)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	fmt.Printf("built %d pages in %v; serving http://%s%s (Ctrl-C to stop)\n", res.Pages, res.Duration.Round(time.Millisecond), ln.Addr(), *base)
	srv := &http.Server{Handler: SiteHandler(*out, *base), ReadHeaderTimeout: 10 * time.Second}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		srv.Shutdown(shutdown)
	}()
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// SiteHandler serves a built site under base like GitHub Pages does:
// directory indexes, 404.html for missing paths, correct MIME types
// (application/wasm for the module).
func SiteHandler(dir, base string) http.Handler {
	return site.Handler(dir, base)
}

func sizeString(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
