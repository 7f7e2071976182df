package site

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"shguide/site/markdown"
	"shguide/site/model"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
)

// Options configure a build.
type Options struct {
	Content fs.FS  // the content tree
	Out     string // output directory, replaced as a whole on success ("" = render in memory only)
	Base    string // URL path prefix of the site: "/" or "/repo/"
	URL     string // optional origin ("https://example.github.io") for sitemap.xml and robots.txt

	WasmFile string // prebuilt shguide.wasm to publish as assets/shguide.wasm ("" = none)
	// ToolsWasmFile is the prebuilt engine with the browser tools, published
	// as assets/shguide-tools.wasm ("" = none: the tools' pages load
	// WasmFile, which lacks them).
	ToolsWasmFile string
	WasmExecFile  string // wasm_exec.js of the same Go version (published with the .wasm)

	// NoMinify writes the rendered files as they are (for debugging).
	NoMinify bool
}

// Result describes a finished build.
type Result struct {
	Pages    int               // HTML pages
	Files    int               // all files written
	Bytes    int64             // total size
	Duration time.Duration     // load + validate + render + write
	Output   map[string][]byte // every file by slash path (also when Out is "")
}

var reBase = regexp.MustCompile(`^/([A-Za-z0-9._~-]+/)*$`)

// Build loads and validates the content and renders the whole site. It
// writes nothing unless everything succeeded: the site is rendered in
// memory, link-checked, written into a temporary directory next to Out and
// swapped in.
func Build(ctx context.Context, opt Options) (*Result, error) {
	start := time.Now()
	if opt.Base == "" {
		opt.Base = "/"
	}
	if !reBase.MatchString(opt.Base) {
		return nil, fmt.Errorf("base %q: want a path that starts and ends with /, like /repo/", opt.Base)
	}
	opt.URL = strings.TrimSuffix(opt.URL, "/")
	m, err := model.Load(opt.Content)
	if err != nil {
		return nil, err
	}
	if err := model.Validate(m); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	files, pages, err := Render(m, opt)
	if err != nil {
		return nil, err
	}
	res := &Result{Pages: pages, Files: len(files), Output: files}
	for _, b := range files {
		res.Bytes += int64(len(b))
	}
	if opt.Out != "" {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if err := writeSwap(opt.Out, files); err != nil {
			return nil, err
		}
	}
	res.Duration = time.Since(start)
	return res, nil
}

// Render renders a validated model into files (slash paths → content),
// minified and link-checked, and returns the number of HTML pages.
func Render(m *model.Model, opt Options) (map[string][]byte, int, error) {
	if opt.Base == "" {
		opt.Base = "/"
	}
	s := &Site{M: m, Opt: opt, Base: opt.Base, files: map[string][]byte{}, parts: map[string]template.HTML{}}
	s.md = markdown.New(links{s}, s.directive)
	if err := s.addAssets(); err != nil {
		return nil, 0, err
	}
	tmpl, err := takeTemplates(s)
	if err != nil {
		return nil, 0, err
	}
	defer tmpl.release()
	s.tmpl = tmpl
	if err := s.collect(); err != nil {
		return nil, 0, err
	}
	for _, a := range areas {
		if err := a.build(s); err != nil {
			return nil, 0, fmt.Errorf("%s: %w", a.name(), err)
		}
	}
	slices.SortStableFunc(s.nav, func(a, b NavItem) int { return cmp.Compare(a.Order, b.Order) })
	if err := s.sortPages(); err != nil {
		return nil, 0, err
	}
	s.addSitemap()
	s.prepareSic()
	// Render (and minify) pages in parallel; each result lands in its own
	// slot so the output does not depend on scheduling.
	out := make([][]byte, len(s.pages))
	errs := make([]error, len(s.pages))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, p := range s.pages {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			out[i], errs[i] = s.renderPage(p)
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, 0, err
	}
	s.checkSic()
	if len(s.problems) > 0 {
		slices.Sort(s.problems)
		return nil, 0, errors.New(strings.Join(s.problems, "\n"))
	}
	files, err := minifyAll(s.files, opt.NoMinify)
	if err != nil {
		return nil, 0, err
	}
	for i, p := range s.pages {
		name := outputName(p.Path)
		if _, dup := files[name]; dup {
			return nil, 0, fmt.Errorf("%s: written twice", name)
		}
		files[name] = out[i]
	}
	if err := s.addOffline(files); err != nil {
		return nil, 0, err
	}
	if err := checkLinks(files, opt.Base); err != nil {
		return nil, 0, err
	}
	return files, len(s.pages), nil
}

// minifier minifies by media type; it is safe for concurrent use.
var minifier = newMinifier()

func newMinifier() *minify.M {
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepDefaultAttrVals: true})
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("application/javascript", js.Minify)
	m.AddFunc("application/json", json.Minify)
	m.AddFunc("application/manifest+json", json.Minify)
	m.AddFunc("image/svg+xml", (&svgMemo{out: map[string][]byte{}}).minify)
	m.AddFunc("application/xml", xml.Minify)
	return m
}

// svgMemo minifies SVG, remembering the result for small images: the
// header's icons are inline on every page, and minifying each costs more
// than the icon. The minified form depends only on the input and whether
// it is inline in HTML, so it holds for any build.
type svgMemo struct {
	mu  sync.RWMutex
	out map[string][]byte // "i" (inline) or "-", then the input
}

const (
	svgMemoMaxInput = 4 << 10
	svgMemoMaxLen   = 256
)

func (c *svgMemo) minify(m *minify.M, w io.Writer, r io.Reader, params map[string]string) error {
	in, ok := r.(interface{ Bytes() []byte })
	if !ok || len(in.Bytes()) > svgMemoMaxInput || len(params) > 1 || len(params) == 1 && params["inline"] != "1" {
		return svg.Minify(m, w, r, params)
	}
	var key [svgMemoMaxInput + 1]byte
	key[0] = '-'
	if params["inline"] == "1" {
		key[0] = 'i'
	}
	k := key[:1+copy(key[1:], in.Bytes())]
	c.mu.RLock()
	out, hit := c.out[string(k)]
	c.mu.RUnlock()
	if !hit {
		var b bytes.Buffer
		if err := svg.Minify(m, &b, r, params); err != nil {
			return err
		}
		out = b.Bytes()
		c.mu.Lock()
		if len(c.out) < svgMemoMaxLen {
			c.out[string(k)] = out
		}
		c.mu.Unlock()
	}
	_, err := w.Write(out)
	return err
}

var minifyTypes = map[string]string{
	".html": "text/html", ".css": "text/css", ".js": "application/javascript",
	".json": "application/json", ".webmanifest": "application/manifest+json",
	".svg": "image/svg+xml", ".xml": "application/xml",
}

// minifyAll minifies every file other than the pages by extension, in
// parallel.
func minifyAll(files map[string][]byte, off bool) (map[string][]byte, error) {
	if off {
		return files, nil
	}
	names := slices.Sorted(maps.Keys(files))
	out := make([][]byte, len(names))
	errs := make([]error, len(names))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, name := range names {
		mt := minifyTypes[filepath.Ext(name)]
		// Go's wasm_exec.js is published as Go ships it (with its licence).
		if mt == "" || path.Base(reHashedAsset.ReplaceAllString(name, ".")) == "wasm_exec.js" {
			out[i] = files[name]
			continue
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			b, err := minifier.Bytes(mt, files[name])
			if err != nil {
				errs[i] = fmt.Errorf("minify %s: %v", name, err)
			}
			out[i] = b
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	res := make(map[string][]byte, len(names))
	for i, name := range names {
		res[name] = out[i]
	}
	return res, nil
}

// writeSwap writes the files into a fresh directory next to out and
// replaces out with it.
func writeSwap(out string, files map[string][]byte) error {
	out = filepath.Clean(out)
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(out)+".new-")
	if err != nil {
		return err
	}
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(tmp)
		}
	}()
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		p := filepath.Join(tmp, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, files[name], 0o644); err != nil {
			return err
		}
	}
	old := ""
	if _, err := os.Stat(out); err == nil {
		old = tmp + ".old"
		if err := os.Rename(out, old); err != nil {
			return err
		}
	}
	if err := os.Rename(tmp, out); err != nil {
		if old != "" {
			os.Rename(old, out)
		}
		return err
	}
	ok = true
	if old != "" {
		return os.RemoveAll(old)
	}
	return nil
}
