package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"syscall"
	"time"

	"shguide/site"
	"shguide/site/model"
)

// The build, serve and check subcommands: thin wrappers over package site.

// contentDir is where the content lives, relative to the working directory.
const contentDir = "content"

const buildUsage = `Usage: shguide build [flags]

Validates content/ and renders the whole site into a fresh directory that
replaces --out only when everything succeeded: a broken content file is
reported as file:line and leaves the previous site untouched. The
WebAssembly engine is compiled from ./wasm with the go command on PATH,
twice: the engine every page may load, and the engine with the browser
tools (-tags tools) for the worksheet and the checklist; --wasm and
--tools-wasm name prebuilt modules instead.

Exit status: 0 built, 1 a problem (printed on standard error), 2 usage.

Examples:
  shguide build
      the site for the root of a host, in build/
  shguide build --base /shguide/ --url https://user.github.io
      for a GitHub project page, with absolute URLs in sitemap.xml
  shguide build --wasm none --out /tmp/site
      without the engine: reading pages only, no calculator or search

Flags:
`

const serveUsage = `Usage: shguide serve [flags]

Builds the site as "shguide build" does, then serves it the way GitHub
Pages does (directory indexes, 404.html, the base path), on this machine
only unless --addr names another interface. Ctrl-C stops it.

Exit status: 0 stopped, 1 a problem (printed on standard error), 2 usage.

Examples:
  shguide serve
      http://localhost:8080/
  shguide serve --addr localhost:9000 --base /shguide/
      as a GitHub project page would serve it

Flags:
`

const checkUsage = `Usage: shguide check [flags]

Validates the content without building the site: every problem is
printed as file:line: message, which editors open at the line.

Exit status: 0 valid, 1 problems (printed on standard error), 2 usage.

Example:
  shguide check --content content

Flags:
`

// parseFlags parses a subcommand's flags. --help prints the usage to
// stdout; a bad flag or an argument prints the problem and the usage to
// stderr. ok is false when the command should stop with status.
func parseFlags(fs *flag.FlagSet, usage string, args []string, stdout, stderr io.Writer) (status int, ok bool) {
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), usage)
		fs.PrintDefaults()
	}
	if slices.ContainsFunc(args, func(a string) bool { return a == "-h" || a == "-help" || a == "--help" }) {
		fs.SetOutput(stdout)
		fs.Usage()
		return 0, false
	}
	fs.SetOutput(stderr)
	if err := fs.Parse(args); err != nil {
		return 2, false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "shguide %s: unexpected arguments %q\n\n", fs.Name(), fs.Args())
		fs.Usage()
		return 2, false
	}
	return 0, true
}

// siteFlags are the flags of build and serve.
type siteFlags struct {
	content, out, base, wasm, toolsWasm string
}

func (f *siteFlags) register(fs *flag.FlagSet, base string) {
	fs.StringVar(&f.content, "content", contentDir, "content directory")
	fs.StringVar(&f.out, "out", "build", "output directory (replaced as a whole on success)")
	fs.StringVar(&f.base, "base", base, "URL path the site is served under: / or /repo/ for a GitHub project page")
	fs.StringVar(&f.wasm, "wasm", "", "prebuilt WebAssembly module; empty: build ./wasm; \"none\": publish without it")
	fs.StringVar(&f.toolsWasm, "tools-wasm", "", "prebuilt module with the browser tools (go build -tags tools ./wasm); empty: build it unless --wasm is given")
}

// runBuild implements "shguide build".
func runBuild(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	var f siteFlags
	f.register(fs, "/")
	siteURL := fs.String("url", "", "origin the site is published at (https://user.github.io), for sitemap.xml and robots.txt")
	if status, ok := parseFlags(fs, buildUsage, args, stdout, stderr); !ok {
		return status
	}
	res, err := build(f, *siteURL, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "shguide build:", err)
		return 1
	}
	fmt.Fprintf(stdout, "built %s: %d pages, %d files, %s in %v\n", f.out, res.Pages, res.Files, sizeString(res.Bytes), res.Duration.Round(time.Millisecond))
	return 0
}

// build builds the WebAssembly module when needed, then the site.
func build(f siteFlags, siteURL string, stderr io.Writer) (*site.Result, error) {
	opt := site.Options{Content: os.DirFS(f.content), Out: f.out, Base: f.base, URL: siteURL}
	var tmp string
	module := func(name string, tools bool) (string, error) {
		if tmp == "" {
			var err error
			if tmp, err = os.MkdirTemp("", "shguide-wasm-"); err != nil {
				return "", err
			}
		}
		out := filepath.Join(tmp, name)
		return out, site.BuildWasm(".", out, tools, stderr)
	}
	defer func() {
		if tmp != "" {
			os.RemoveAll(tmp)
		}
	}()
	var err error
	switch f.wasm {
	case "none":
	case "":
		if opt.WasmFile, err = module(site.WasmAsset, false); err != nil {
			return nil, err
		}
	default:
		opt.WasmFile = f.wasm
	}
	switch {
	case f.toolsWasm == "none" || f.wasm == "none":
	case f.toolsWasm != "":
		opt.ToolsWasmFile = f.toolsWasm
	case f.wasm == "":
		if opt.ToolsWasmFile, err = module(site.ToolsWasmAsset, true); err != nil {
			return nil, err
		}
	}
	if opt.WasmFile != "" {
		exec, err := site.WasmExec()
		if err != nil {
			return nil, err
		}
		opt.WasmExecFile = exec
	}
	res, err := site.Build(context.Background(), opt)
	if err != nil {
		return nil, contentError(f.content, err, stderr)
	}
	return res, nil
}

// contentError prints content problems with the content directory before
// each position, so that "content/requirements.yaml:12: …" opens in an
// editor, and sums them up.
func contentError(dir string, err error, stderr io.Writer) error {
	var es model.Errors
	if !errors.As(err, &es) {
		return err
	}
	for _, e := range es {
		fmt.Fprintf(stderr, "%s: %s\n", filepath.ToSlash(filepath.Join(dir, e.Pos.String())), e.Msg)
	}
	return fmt.Errorf("%d problem(s) in %s", len(es), dir)
}

// runCheck implements "shguide check": validate the content only.
func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	content := fs.String("content", contentDir, "content directory")
	if status, ok := parseFlags(fs, checkUsage, args, stdout, stderr); !ok {
		return status
	}
	m, err := model.Load(os.DirFS(*content))
	if err == nil {
		err = model.Validate(m)
	}
	if err != nil {
		fmt.Fprintln(stderr, "shguide check:", contentError(*content, err, stderr))
		return 1
	}
	fmt.Fprintf(stdout, "%s: %d requirements, %d threats, %d lifecycles, %d chapters: ok\n",
		*content, len(m.Requirements), len(m.Threats), len(m.Lifecycles), len(m.Chapters))
	return 0
}

// serverTimeouts bound what a client may hold of the local server: slow
// requests are cut off and idle keep-alive connections closed.
var serverTimeouts = struct {
	readHeader, read, write, idle time.Duration
}{10 * time.Second, 30 * time.Second, 2 * time.Minute, 2 * time.Minute}

// runServe implements "shguide serve": build, then serve the output until
// interrupted.
func runServe(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	var f siteFlags
	f.register(fs, "/")
	addr := fs.String("addr", "localhost:8080", "address to listen on; localhost keeps the site on this machine")
	if status, ok := parseFlags(fs, serveUsage, args, stdout, stderr); !ok {
		return status
	}
	res, err := build(f, "", stderr)
	if err != nil {
		fmt.Fprintln(stderr, "shguide serve:", err)
		return 1
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(stderr, "shguide serve:", err)
		return 1
	}
	if !loopback(ln.Addr()) {
		fmt.Fprintf(stderr, "shguide serve: listening on %s: other machines on the network can read the site\n", ln.Addr())
	}
	srv := &http.Server{
		Handler:           site.Handler(f.out, f.base),
		ReadHeaderTimeout: serverTimeouts.readHeader,
		ReadTimeout:       serverTimeouts.read,
		WriteTimeout:      serverTimeouts.write,
		IdleTimeout:       serverTimeouts.idle,
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	done := make(chan struct{})
	go func() {
		defer close(done)
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		srv.Shutdown(shutdown)
	}()
	fmt.Fprintf(stdout, "built %d pages in %v; serving http://%s%s (Ctrl-C to stop)\n", res.Pages, res.Duration.Round(time.Millisecond), ln.Addr(), f.base)
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintln(stderr, "shguide serve:", err)
		return 1
	}
	<-done
	return 0
}

// loopback reports whether an address is reachable from this machine only.
func loopback(a net.Addr) bool {
	ta, ok := a.(*net.TCPAddr)
	return ok && ta.IP.IsLoopback()
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
