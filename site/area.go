package site

import (
	"cmp"
	"fmt"
	"html/template"
	"slices"
	"strings"

	"shguide/search"
	"shguide/site/model"
)

// An area is a part of the site, one file page_<area>.go: it adds its
// pages, files and header entries when the site is built, and may draw
// tables and figures, contribute search documents and check links into its
// pages by implementing the interfaces below. Areas register themselves in
// an init function and run in name order.
type area interface {
	name() string
	build(s *Site) error
}

// scriptArea loads scripts (asset paths) on every page.
type scriptArea interface {
	scripts() []string
}

// tableArea draws tables of captions.yaml, by table number.
type tableArea interface {
	tables(s *Site) map[string]tableSource
}

// A tableSource is a partial template of _tables.html and its data.
type tableSource struct {
	partial string
	data    any
}

// figureArea draws figures, by the render key of captions.yaml.
type figureArea interface {
	figures() map[string]figureFunc
}

// A figureFunc returns the body of a figure, which renderFigure frames.
type figureFunc func(s *Site, c *model.Caption) (template.HTML, error)

// searchArea contributes search documents. Documents are indexed by rank
// and then in the order added, and the index ranks equal matches in that
// order; the ranks keep the guideline's order across areas.
type searchArea interface {
	searchDocs(s *Site, add func(rank int, d search.Doc))
}

// Search ranks: the guideline's order.
const (
	rankChapters = 10 * (iota + 1)
	rankRequirements
	rankThreats
	rankLifecycles
	rankGlossary
	rankMetrics
	rankReferences
	rankTableRows
)

// fragmentArea has pages whose script reads the URL fragment as data
// (calculator/#CVSS:3.0/…): for such a page (by output file), a check of
// a fragment that is not an element id, returning "" or the problem.
type fragmentArea interface {
	fragments() map[string]func(frag string) string
}

var areas []area

func registerArea(a area) {
	i, found := slices.BinarySearchFunc(areas, a.name(), func(x area, name string) int { return cmp.Compare(x.name(), name) })
	if found {
		panic("site: area " + a.name() + " registered twice")
	}
	areas = slices.Insert(areas, i, a)
}

// fragmentCheck checks a fragment of a link to an output file with the
// check of the area that owns the page; ok is false when no area checks
// that page's fragments.
func fragmentCheck(file, frag string) (problem string, ok bool) {
	for _, a := range areas {
		if fa, is := a.(fragmentArea); is {
			if chk := fa.fragments()[file]; chk != nil {
				return chk(frag), true
			}
		}
	}
	return "", false
}

// collect gathers what the areas draw and load: scripts, tables and
// figures. A table or figure claimed by two areas is an error.
func (s *Site) collect() error {
	s.tables = map[string]tableSource{}
	s.figures = map[string]figureFunc{"none": noneFigure}
	owner := map[string]string{}
	for _, a := range areas {
		if sa, ok := a.(scriptArea); ok {
			for _, sc := range sa.scripts() {
				if !slices.Contains(s.scripts, sc) {
					s.scripts = append(s.scripts, sc)
				}
			}
		}
		if ta, ok := a.(tableArea); ok {
			for id, src := range ta.tables(s) {
				if o, dup := owner["table:"+id]; dup {
					return fmt.Errorf("表 %s is drawn by two areas: %s and %s", id, o, a.name())
				}
				owner["table:"+id] = a.name()
				s.tables[id] = src
			}
		}
		if fa, ok := a.(figureArea); ok {
			for key, f := range fa.figures() {
				if _, dup := s.figures[key]; dup {
					return fmt.Errorf("figure render %q is drawn twice: by %s and %s", key, cmp.Or(owner["figure:"+key], "the site"), a.name())
				}
				owner["figure:"+key] = a.name()
				s.figures[key] = f
			}
		}
	}
	return nil
}

// searchDocs lists every searchable item, each linking to its page and
// anchor, in the guideline's order (which ranks equal matches).
func (s *Site) searchDocs() []search.Doc {
	type ranked struct {
		rank int
		doc  search.Doc
	}
	var docs []ranked
	for _, a := range areas {
		if sa, ok := a.(searchArea); ok {
			sa.searchDocs(s, func(rank int, d search.Doc) {
				d.Body = strings.TrimSpace(d.Body)
				docs = append(docs, ranked{rank, d})
			})
		}
	}
	slices.SortStableFunc(docs, func(a, b ranked) int { return cmp.Compare(a.rank, b.rank) })
	out := make([]search.Doc, len(docs))
	for i, d := range docs {
		out[i] = d.doc
	}
	return out
}
