package site

import (
	"bytes"
	"cmp"
	"fmt"
	"html"
	"html/template"
	"io"
	"path"
	"regexp"
	"slices"
	"strings"
	"sync"

	"shguide/site/markdown"
	"shguide/site/model"
)

// Page is one HTML page of the site.
type Page struct {
	Path        string // below the base: "requirements/sr3-h-5/" or "404.html"
	Title       string // <h1>; also the first part of <title>
	Description string // meta description (defaults to the site's)
	Template    string // site/templates/<Template>.html
	Data        any    // .Data in the template
	Nav         string // key of the header navigation entry to mark current
	Crumbs      []Link // breadcrumbs between the home page and this page
	Prev, Next  *Link  // sequential navigation
	Scripts     []string
	Styles      []string  // page-only stylesheets (asset paths), after the site's
	Preload     []Preload // fetched by the page's scripts at once: preloaded from the top of <head>
	NoIndex     bool      // not in sitemap.xml (404.html)
	Tools       bool      // runs the browser tools: loads shguide-tools.wasm as its engine
}

// Preload is an asset a page needs at once, named at the top of <head>: a
// classic script to run as soon as it arrives, while the page parses
// (<script async>), a module (rel="modulepreload") or a file a script
// fetch()es (rel="preload" as="fetch", at low priority so that it does not
// hold up the page's own styles and scripts).
type Preload struct {
	Asset  string
	Module bool
	Script bool
}

// enginePreload is what a page that runs the engine names in <head>:
// engine-boot.js, which prepares the engine while the page parses when the
// page has something to compute on arrival (engine.begin in engine.js
// starts it once the page has been drawn otherwise), and the client
// module. The WebAssembly module is not preloaded here: engine-boot.js
// decides.
func (s *Site) enginePreload() []Preload {
	return []Preload{{Asset: "js/engine-boot.js", Script: true}, {Asset: "js/engine.js", Module: true}}
}

// toolsPreload is enginePreload for the pages of the browser tools, which
// score saved data on arrival: they preload their engine
// (shguide-tools.wasm), and <html data-engine-start="now"> has it start at
// once.
func (s *Site) toolsPreload() []Preload {
	out := s.enginePreload()
	if wasm := s.Wasm(&Page{Tools: true}); s.HasAsset(wasm) {
		out = append(out, Preload{Asset: wasm})
	}
	return out
}

// Wasm is the asset of the engine the page loads.
func (s *Site) Wasm(p *Page) string {
	if p.Tools && s.HasAsset(ToolsWasmAsset) {
		return ToolsWasmAsset
	}
	return WasmAsset
}

// Link is a titled path below the base (it may carry a #fragment).
type Link struct {
	Title string
	Path  string
}

// NavItem is an entry of the header navigation.
type NavItem struct {
	Key   string // matches Page.Nav
	Title string
	Path  string
	Order int
}

// Site is the state of one build: the validated model, the options and
// everything produced so far.
type Site struct {
	M    *model.Model
	Opt  Options
	Base string // "/" or "/repo/"

	md      *markdown.Renderer
	tmpl    *templates          // the parsed templates, bound to this build
	assets  map[string]string   // asset name → output path with its content hash
	imports map[string][]string // JavaScript module → the modules it imports (asset names)
	scripts []string            // global scripts
	nav     []NavItem
	pages   []*Page
	files   map[string][]byte // output path → content (before minification)
	tables  map[string]tableSource
	figures map[string]figureFunc
	urls    sync.Map   // path → url
	sics    []*sicMark // misprints to annotate (sic.go)
	sicSeen []bool     // which of them a page showed

	partsMu sync.Mutex
	parts   map[string]template.HTML // executed layout parts by name and variant

	mdMu   sync.Mutex
	mdDone map[mdKey]template.HTML // rendered Markdown texts (markdown)

	mu       sync.Mutex
	problems []string
}

// AddPage adds a page. Paths must be unique.
func (s *Site) AddPage(p *Page) {
	s.pages = append(s.pages, p)
}

// AddFile adds a non-page file to the output (minified by extension).
func (s *Site) AddFile(name string, data []byte) {
	if _, dup := s.files[name]; dup {
		s.fail("%s: written twice", name)
	}
	s.files[name] = data
}

// AddNav adds a header navigation entry.
func (s *Site) AddNav(n NavItem) { s.nav = append(s.nav, n) }

// Nav returns the header navigation in order.
func (s *Site) Nav() []NavItem { return s.nav }

// url prefixes a path below the base with the base. Pages link to the same
// few paths over and over, so the URLs are kept for the build.
func (s *Site) url(p string) string {
	if strings.HasPrefix(p, "#") || strings.Contains(p, "://") {
		return p
	}
	if u, ok := s.urls.Load(p); ok {
		return u.(string)
	}
	u := s.Base + strings.TrimPrefix(p, "/")
	s.urls.Store(p, u)
	return u
}

// PageData is what a page template receives.
type PageData struct {
	Site *Site
	Page *Page
	M    *model.Model
	Data any
}

// partial executes a template of the layout set (tables, figures, snippets).
func (s *Site) partial(name string, data any) template.HTML {
	b := getBuffer()
	defer putBuffer(b)
	s.execute(b, name, data)
	return template.HTML(b.String())
}

// execute writes a template of the layout set to w.
func (s *Site) execute(w io.Writer, name string, data any) {
	if err := s.tmpl.shared.ExecuteTemplate(w, name, data); err != nil {
		s.fail("template %s: %v", name, err)
	}
}

// renderPage executes a page's template inside the layout and minifies
// the result (unless Options.NoMinify). Each step writes into a pooled
// buffer; only the finished file is allocated, at its size.
func (s *Site) renderPage(p *Page) ([]byte, error) {
	t := s.tmpl.pages[p.Template]
	if t == nil {
		return nil, fmt.Errorf("%s: no template %q", p.Path, p.Template)
	}
	b, sic, toc, out := getBuffer(), getBuffer(), getBuffer(), getBuffer()
	defer func() { putBuffer(b); putBuffer(sic); putBuffer(toc); putBuffer(out) }()
	err := t.ExecuteTemplate(b, "layout", &PageData{Site: s, Page: p, M: s.M, Data: p.Data})
	if err != nil {
		return nil, fmt.Errorf("%s: %v", p.Path, err)
	}
	page := s.annotateSic(p, b.Bytes(), sic)
	if depth := sideTOCDepth[p.Template]; depth > 0 {
		page = addSideTOC(page, depth, toc)
	}
	if s.Opt.NoMinify {
		return bytes.Clone(page), nil
	}
	// The minifier reads a *bytes.Buffer's bytes in place when they have
	// room for one more byte (parse.NewInputBytes), as buffers have. Its
	// output is smaller than the page: room for that, grown at once.
	out.Grow(len(page))
	if err := minifier.Minify("text/html", out, bytes.NewBuffer(page)); err != nil {
		return nil, fmt.Errorf("minify %s: %v", outputName(p.Path), err)
	}
	return bytes.Clone(out.Bytes()), nil
}

// sideTOCDepth names the long pages that get a side table of contents and
// its depth: 2 lists the h2 of <main>, 3 the h3 below them too.
var sideTOCDepth = map[string]int{"section": 3, "entrypoint": 3, "errata": 2, "lifecycle": 2, "metrics": 2, "glossary": 2}

var (
	reMainOpen   = regexp.MustCompile(`<main id="main"`)
	reTOCHeading = regexp.MustCompile(`(?s)<h([23]) id="([^"]+)"([^>]*)>(.*?)</h[23]>`)
	reAnchorLink = regexp.MustCompile(`(?s)<a class="anchor"[^>]*>.*?</a>`)
	reTOCTag     = regexp.MustCompile(`(?s)<[^>]*>`)
)

// addSideTOC lists the headings of <main> (to depth) in a side table of
// contents at the end of <main>, which the style sheet shows beside the
// text on wide screens. Pages with fewer than two headings are left alone.
//
// The page with the contents is written to out, and out's bytes returned.
func addSideTOC(page []byte, depth int, out *bytes.Buffer) []byte {
	start := reMainOpen.FindIndex(page)
	end := bytes.LastIndex(page, []byte("</main>"))
	if start == nil || end < start[1] {
		return page
	}
	type entry struct {
		sub      bool // an h3 below an h2
		id, text string
	}
	var entries []entry
	for _, m := range reTOCHeading.FindAllSubmatch(page[start[1]:end], -1) {
		level := int(m[1][0] - '0')
		attrs := string(m[3])
		if level > depth || strings.Contains(attrs, "toc-title") || strings.Contains(attrs, "visually-hidden") {
			continue
		}
		text := strings.Join(strings.Fields(html.UnescapeString(string(reTOCTag.ReplaceAll(reAnchorLink.ReplaceAll(m[4], nil), nil)))), " ")
		if text != "" {
			entries = append(entries, entry{sub: level == 3 && len(entries) > 0, id: string(m[2]), text: text})
		}
	}
	if len(entries) < 2 {
		return page
	}
	var b strings.Builder
	inSub := false
	for i, e := range entries {
		switch {
		case e.sub && !inSub:
			b.WriteString("<ol>")
			inSub = true
		case !e.sub && inSub:
			b.WriteString("</li></ol></li>")
			inSub = false
		case i > 0:
			b.WriteString("</li>")
		}
		fmt.Fprintf(&b, `<li><a href="#%s">%s</a>`, template.HTMLEscapeString(e.id), template.HTMLEscapeString(e.text))
	}
	if inSub {
		b.WriteString("</li></ol>")
	}
	b.WriteString("</li>")
	out.Reset()
	out.Grow(len(page) + b.Len() + 200)
	out.Write(page[:start[1]])
	out.WriteString(` class="has-side-toc"`)
	out.Write(page[start[1]:end])
	out.WriteString(`<nav class="side-toc" aria-labelledby="side-toc-h"><h2 id="side-toc-h" class="toc-title">このページの内容</h2><ol>`)
	out.WriteString(b.String())
	out.WriteString("</ol></nav>\n")
	out.Write(page[end:])
	return out.Bytes()
}

// buffers hold rendered pages and partials until they are copied out, so
// that a build does not grow a fresh buffer for each. A new one starts at
// the size of a typical page rather than growing to it.
var buffers = sync.Pool{New: func() any { return bytes.NewBuffer(make([]byte, 0, 64<<10)) }}

func getBuffer() *bytes.Buffer { return buffers.Get().(*bytes.Buffer) }

func putBuffer(b *bytes.Buffer) {
	if b.Cap() > 4<<20 {
		return // an outlier: let it go
	}
	b.Reset()
	buffers.Put(b)
}

// outputName is the file a page path is written to.
func outputName(p string) string {
	if p == "" || strings.HasSuffix(p, "/") {
		return p + "index.html"
	}
	return p
}

// Scripts are the scripts a page loads: global ones, then its own.
func (s *Site) Scripts(p *Page) []string {
	out := append([]string{}, s.scripts...)
	for _, x := range p.Scripts {
		if !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

// sortPages orders pages by path for deterministic output.
func (s *Site) sortPages() error {
	slices.SortStableFunc(s.pages, func(a, b *Page) int { return cmp.Compare(a.Path, b.Path) })
	for i := 1; i < len(s.pages); i++ {
		if s.pages[i].Path == s.pages[i-1].Path {
			return fmt.Errorf("page %s added twice", s.pages[i].Path)
		}
	}
	for _, p := range s.pages {
		if p.Path != "" && (strings.HasPrefix(p.Path, "/") || path.Clean(p.Path) != strings.TrimSuffix(p.Path, "/")) {
			return fmt.Errorf("page path %q: want a clean relative path", p.Path)
		}
	}
	return nil
}

// markdown renders a Markdown text; a problem (a table that cannot be
// drawn, say) is recorded as a build error. Pages show the same texts
// again and again (a requirement's body on its page and in those that
// refer to it), so each is rendered once per build.
func (s *Site) markdown(src string, o markdown.Options) template.HTML {
	k := mdKey{src, o}
	s.mdMu.Lock()
	h, ok := s.mdDone[k]
	s.mdMu.Unlock()
	if ok {
		return h
	}
	h, err := s.md.Render(src, o)
	if err != nil {
		s.fail("%v", err)
		return h
	}
	s.mdMu.Lock()
	if s.mdDone == nil {
		s.mdDone = map[mdKey]template.HTML{}
	}
	s.mdDone[k] = h
	s.mdMu.Unlock()
	return h
}

type mdKey struct {
	src string
	o   markdown.Options
}

// markdownFragment renders parsed Markdown (a chapter's) likewise.
func (s *Site) markdownFragment(f markdown.Fragment, o markdown.Options) template.HTML {
	h, err := s.md.RenderFragment(f, o)
	if err != nil {
		s.fail("%v", err)
	}
	return h
}

// directive draws the table or figure a chapter's directive names.
func (s *Site) directive(w io.Writer, kind, id string) error {
	if kind == "table" {
		s.writeTable(w, id)
	} else {
		s.writeFigure(w, id)
	}
	return nil
}

// fail records a build problem (reported when the build ends).
func (s *Site) fail(format string, args ...any) {
	s.mu.Lock()
	s.problems = append(s.problems, fmt.Sprintf(format, args...))
	s.mu.Unlock()
}
