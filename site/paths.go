package site

import (
	"strconv"
	"strings"

	"shguide/site/markdown"
	"shguide/site/model"
)

// Paths of the site's pages, relative to the base (no leading slash). They
// are the single place where the URL scheme is decided.

func chapterPath(n int) string { return "chapters/" + strconv.Itoa(n) + "/" }

// sectionPath is the page of a section ("3.5") or the anchor of a
// subsection ("3.5.2") on its section page; "" if there is none.
func (s *Site) sectionPath(num string) string {
	if sec := s.M.Section(num); sec != nil {
		return "chapters/" + num + "/"
	}
	if ss := s.M.Subsection(num); ss != nil {
		return "chapters/" + ss.Section.Number + "/#" + sectionAnchor(num)
	}
	return ""
}

// sectionAnchor is the id of a numbered heading: "sec-3-5-2".
func sectionAnchor(num string) string { return markdown.SectionID(num) }

// placementPath is the page where a directive renders.
func placementPath(p *model.Placement) string {
	if p.Section != nil {
		return "chapters/" + p.Section.Number + "/"
	}
	return chapterPath(p.Chapter.Number)
}

func (s *Site) tablePath(id string) string {
	c, p := s.M.Table(id), s.M.Placement("table", id)
	if c == nil || p == nil {
		return ""
	}
	return placementPath(p) + "#" + c.Anchor()
}

func (s *Site) figurePath(id string) string {
	c, p := s.M.Figure(id), s.M.Placement("figure", id)
	if c == nil || p == nil {
		return ""
	}
	return placementPath(p) + "#" + c.Anchor()
}

func reqPath(id string) string { return "requirements/" + model.Slug(id) + "/" }

// codePath is the reverse-index page of a UK / SB327 / CPSF code.
func codePath(column, code string) string {
	return "requirements/" + column + "/" + model.Slug(code) + "/"
}

func codesPath(column string) string { return "requirements/" + column + "/" }

func epPath(n int) string { return "threats/ep" + strconv.Itoa(n) + "/" }

func threatPath(t *model.Threat) string { return epPath(t.EntryPoint) + "#" + t.ID }

func classPath(id string) string { return "threats/#class-" + id }

func lifecyclePath(id string) string { return "lifecycles/" + id + "/" }

func phasePath(p *model.Phase) string { return lifecyclePath(p.Lifecycle.ID) + "#" + p.ID }

func measurePath(m *model.Measure) string {
	return lifecyclePath(m.Phase.Lifecycle.ID) + "#" + m.Anchor()
}

func refPath(no int) string { return "references/#ref-" + strconv.Itoa(no) }

func erratumPath(id string) string { return "errata/#" + strings.ToLower(id) }

func metricPath(abbr string) string { return "metrics/#" + strings.ToLower(abbr) }

func targetPath(code string) string { return "requirements/#target-" + strings.ToLower(code) }

func componentPath(id string) string { return "system-model/#" + id }

// links are the URLs of the build's pages for auto-links (markdown) and
// drawings (svg): base-prefixed, "" where there is no such page.
type links struct{ s *Site }

func (l links) url(p string) string {
	if p == "" {
		return ""
	}
	return l.s.url(p)
}

func (l links) Table(id string) string        { return l.url(l.s.tablePath(id)) }
func (l links) Figure(id string) string       { return l.url(l.s.figurePath(id)) }
func (l links) Section(num string) string     { return l.url(l.s.sectionPath(num)) }
func (l links) Target(code string) string     { return l.s.url(targetPath(code)) }
func (l links) Threat(t *model.Threat) string { return l.s.url(threatPath(t)) }
func (l links) Erratum(id string) string      { return l.s.url(erratumPath(id)) }
func (l links) Errata() string                { return l.s.url("errata/") }
func (l links) Reference(no int) string {
	if l.s.M.Reference(no) == nil {
		return ""
	}
	return l.s.url(refPath(no))
}

func (l links) EntryPoint(n int) string {
	if l.s.M.EntryPoint(n) == nil {
		return ""
	}
	return l.s.url(epPath(n))
}

func (l links) Requirement(id string) string {
	if l.s.M.Requirement(id) == nil {
		return ""
	}
	return l.s.url(reqPath(id))
}

func (l links) SectionTitle(num string) (string, bool) {
	if sec := l.s.M.Section(num); sec != nil {
		return sec.Title, true
	}
	return "", false
}
