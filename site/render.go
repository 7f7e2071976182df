package site

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
)

//go:embed all:templates
var templateFS embed.FS

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
	NoIndex     bool // not in sitemap.xml (404.html)
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

// area is a part of the site, registered by a page_<area>.go file.
type area struct {
	name    string
	build   func(*Site) error
	scripts []string // asset paths loaded on every page
}

var areas []area

func registerArea(a area) { areas = append(areas, a) }

// Site is the state of one build: the validated model, the options and
// everything produced so far.
type Site struct {
	M    *Model
	Opt  Options
	Base string // "/" or "/repo/"

	md      goldmark.Markdown
	tmpl    *template.Template            // layout, partials and funcs
	pageTpl map[string]*template.Template // per page template
	assets  map[string]string             // asset path → version hash
	scripts []string                      // global scripts
	nav     []NavItem
	pages   []*Page
	files   map[string][]byte // output path → content (before minification)

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

// url prefixes a path below the base with the base.
func (s *Site) url(p string) string {
	if strings.HasPrefix(p, "#") || strings.Contains(p, "://") {
		return p
	}
	return s.Base + strings.TrimPrefix(p, "/")
}

// PageData is what a page template receives.
type PageData struct {
	Site *Site
	Page *Page
	M    *Model
	Data any
}

// loadTemplates parses the layout and partials (layout.html and files
// starting with "_") into the partial set, and each page template into its
// own set with them. Sets are parsed separately rather than cloned because
// html/template rewrites parse trees on first execution.
func (s *Site) loadTemplates() error {
	ents, err := fs.ReadDir(templateFS, "templates")
	if err != nil {
		return err
	}
	shared := []string{}
	var pagesT []string
	for _, e := range ents {
		name := e.Name()
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		if name == "layout.html" || strings.HasPrefix(name, "_") {
			shared = append(shared, "templates/"+name)
		} else {
			pagesT = append(pagesT, name)
		}
	}
	parse := func(files ...string) (*template.Template, error) {
		return template.New("").Funcs(s.funcs()).ParseFS(templateFS, files...)
	}
	if s.tmpl, err = parse(shared...); err != nil {
		return err
	}
	s.pageTpl = map[string]*template.Template{}
	for _, name := range pagesT {
		t, err := parse(append(append([]string{}, shared...), "templates/"+name)...)
		if err != nil {
			return err
		}
		s.pageTpl[strings.TrimSuffix(name, ".html")] = t
	}
	return nil
}

// partial executes a template of the layout set (tables, figures, snippets).
func (s *Site) partial(name string, data any) template.HTML {
	var b bytes.Buffer
	if err := s.tmpl.ExecuteTemplate(&b, name, data); err != nil {
		s.fail("template %s: %v", name, err)
	}
	return template.HTML(b.String())
}

// renderPage executes a page's template inside the layout.
func (s *Site) renderPage(p *Page) ([]byte, error) {
	t := s.pageTpl[p.Template]
	if t == nil {
		return nil, fmt.Errorf("%s: no template %q", p.Path, p.Template)
	}
	var b bytes.Buffer
	err := t.ExecuteTemplate(&b, "layout", &PageData{Site: s, Page: p, M: s.M, Data: p.Data})
	if err != nil {
		return nil, fmt.Errorf("%s: %v", p.Path, err)
	}
	return b.Bytes(), nil
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
		if !containsStr(out, x) {
			out = append(out, x)
		}
	}
	return out
}

// sortPages orders pages by path for deterministic output.
func (s *Site) sortPages() error {
	sort.SliceStable(s.pages, func(i, j int) bool { return s.pages[i].Path < s.pages[j].Path })
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
