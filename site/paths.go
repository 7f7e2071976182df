package site

import (
	"strconv"
	"strings"
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
func sectionAnchor(num string) string { return "sec-" + strings.ReplaceAll(num, ".", "-") }

// placementPath is the page where a directive renders.
func placementPath(p *Placement) string {
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

func reqPath(id string) string { return "requirements/" + slugID(id) + "/" }

// codePath is the reverse-index page of a UK / SB327 / CPSF code.
func codePath(column, code string) string {
	return "requirements/" + column + "/" + slugID(code) + "/"
}

func codesPath(column string) string { return "requirements/" + column + "/" }

func epPath(n int) string { return "threats/ep" + strconv.Itoa(n) + "/" }

func threatPath(t *Threat) string { return epPath(t.EntryPoint) + "#" + t.ID }

func classPath(id string) string { return "threats/#class-" + id }

func lifecyclePath(id string) string { return "lifecycles/" + id + "/" }

func phasePath(p *Phase) string { return lifecyclePath(p.Lifecycle.ID) + "#" + p.ID }

func measurePath(m *Measure) string { return lifecyclePath(m.Phase.Lifecycle.ID) + "#" + m.Anchor() }

func refPath(no int) string { return "references/#ref-" + strconv.Itoa(no) }

func erratumPath(id string) string { return "errata/#" + strings.ToLower(id) }

func metricPath(abbr string) string { return "metrics/#" + strings.ToLower(abbr) }

func targetPath(code string) string { return "requirements/#target-" + strings.ToLower(code) }

func componentPath(id string) string { return "system-model/#" + id }
