package site

import "html/template"

// A sharedPart is a part of layout.html that is the same on many pages:
// layoutPart executes it once per build and variant and reuses the
// result, which saves executing the same actions on every page.
type sharedPart struct {
	// variant appends to b what the part's output depends on in page p;
	// nil for a part that is the same on every page.
	variant func(s *Site, p *Page, b []byte) []byte
	// view is the page as the part sees it: only the fields variant
	// reads. A part without a variant sees no page (.Page is nil).
	view func(p *Page) *Page
}

var layoutParts = map[string]sharedPart{
	"html-open": {
		variant: func(s *Site, p *Page, b []byte) []byte { return append(b, s.Wasm(p)...) },
		view:    func(p *Page) *Page { return &Page{Tools: p.Tools} },
	},
	"head-links": {},
	"site-header": {
		// The navigation marks the entry of the page (aria-current).
		variant: func(s *Site, p *Page, b []byte) []byte {
			for _, n := range s.nav {
				switch {
				case n.Path == p.Path:
					b = append(b, 'p')
				case n.Key == p.Nav:
					b = append(b, 'n')
				default:
					b = append(b, '-')
				}
			}
			return b
		},
		view: func(p *Page) *Page { return &Page{Path: p.Path, Nav: p.Nav} },
	},
	"site-footer": {},
}

// layoutPart returns the layout part name (a template of layout.html) for
// page p, executing it the first time the build needs its variant.
func (s *Site) layoutPart(name string, p *Page) template.HTML {
	part, ok := layoutParts[name]
	if !ok {
		s.fail("layoutPart %q: no such part", name)
		return ""
	}
	var buf [64]byte
	key := append(append(buf[:0], name...), 0)
	var view *Page
	if part.variant != nil {
		key = part.variant(s, p, key)
	}
	s.partsMu.Lock()
	h, ok := s.parts[string(key)]
	s.partsMu.Unlock()
	if ok {
		return h
	}
	if part.view != nil {
		view = part.view(p)
	}
	h = s.partial(name, &PageData{Site: s, Page: view, M: s.M})
	s.partsMu.Lock()
	s.parts[string(key)] = h
	s.partsMu.Unlock()
	return h
}
