package site

import (
	"embed"
	"html/template"
	"io/fs"
	"strings"
	"sync"
)

//go:embed all:templates
var templateFS embed.FS

// templates are the parsed templates: the layout and partials (layout.html
// and the files starting with "_"), and each page template in its own set
// with the layout, since every page template defines "main"; a page
// template reaches the partials through the partial function. The sets
// are clones of the layout with their files added; the clones are made
// before any set runs, as html/template requires (it copies the parse
// trees, which it rewrites on first execution).
//
// Parsing is most of the cost of a small build, so parsed templates are
// kept for the process and reused by later builds: a build takes a parsed
// set for its duration (the template functions serve that build's Site)
// and gives it back.
type templates struct {
	site   *Site
	shared *template.Template
	pages  map[string]*template.Template
}

var idleTemplates struct {
	sync.Mutex
	list []*templates
}

// takeTemplates binds a parsed set to s, parsing one if none is idle.
func takeTemplates(s *Site) (*templates, error) {
	idleTemplates.Lock()
	var t *templates
	if n := len(idleTemplates.list); n > 0 {
		t, idleTemplates.list = idleTemplates.list[n-1], idleTemplates.list[:n-1]
	}
	idleTemplates.Unlock()
	if t == nil {
		var err error
		if t, err = parseTemplates(); err != nil {
			return nil, err
		}
	}
	t.site = s
	return t, nil
}

// release makes the set available to the next build.
func (t *templates) release() {
	t.site = nil
	idleTemplates.Lock()
	idleTemplates.list = append(idleTemplates.list, t)
	idleTemplates.Unlock()
}

func parseTemplates() (*templates, error) {
	ents, err := fs.ReadDir(templateFS, "templates")
	if err != nil {
		return nil, err
	}
	var partials, pages []string
	for _, e := range ents {
		name := e.Name()
		switch {
		case !strings.HasSuffix(name, ".html") || name == "layout.html":
		case strings.HasPrefix(name, "_"):
			partials = append(partials, "templates/"+name)
		default:
			pages = append(pages, name)
		}
	}
	t := &templates{pages: map[string]*template.Template{}}
	funcs := funcMap(func() *Site { return t.site })
	layout, err := template.New("").Funcs(funcs).ParseFS(templateFS, "templates/layout.html")
	if err != nil {
		return nil, err
	}
	// layout only serves as the original of the clones.
	add := func(files ...string) (*template.Template, error) {
		c, err := layout.Clone()
		if err != nil {
			return nil, err
		}
		return c.ParseFS(templateFS, files...)
	}
	if t.shared, err = add(partials...); err != nil {
		return nil, err
	}
	for _, name := range pages {
		pt, err := add("templates/" + name)
		if err != nil {
			return nil, err
		}
		t.pages[strings.TrimSuffix(name, ".html")] = pt
	}
	return t, nil
}
