package site

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"shguide/search"
)

// searchDocs lists every searchable item of the model, each linking to its
// page and anchor, in the guideline's order (which ranks equal matches).
func (s *Site) searchDocs() []search.Doc {
	m := s.M
	var docs []search.Doc
	add := func(d search.Doc) {
		d.Body = strings.TrimSpace(d.Body)
		docs = append(docs, d)
	}
	lines := func(parts ...string) string {
		var out []string
		for _, p := range parts {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
		return strings.Join(out, "\n")
	}

	// Chapters, sections and subsections (heading anchors), tables and
	// figures (captions).
	for _, c := range m.Chapters {
		add(search.Doc{ID: "chapter/" + strconv.Itoa(c.Number), Kind: search.KindSection,
			Label: "第" + strconv.Itoa(c.Number) + "章", Title: c.Title, Body: s.searchText(c.Intro), URL: chapterPath(c.Number)})
		for _, sec := range c.Sections {
			parts := splitSubsections(sec.Body)
			add(search.Doc{ID: "section/" + sec.Number, Kind: search.KindSection, Label: sec.Number, Title: sec.Title,
				Body: s.searchText(parts[0].body), URL: s.sectionPath(sec.Number)})
			for _, p := range parts[1:] {
				ss := m.Subsection(p.number)
				if ss == nil {
					continue
				}
				add(search.Doc{ID: "section/" + ss.Number, Kind: search.KindSection, Label: ss.Number, Title: ss.Title,
					Body: s.searchText(p.body), URL: s.sectionPath(ss.Number)})
			}
		}
	}
	for _, list := range [][]*Caption{m.Tables, m.Figures} {
		for _, c := range list {
			p := s.tablePath(c.ID)
			if c.Kind == "figure" {
				p = s.figurePath(c.ID)
			}
			if p == "" {
				continue
			}
			add(search.Doc{ID: c.Kind + "/" + c.ID, Kind: search.KindSection, Label: c.Label(), Title: c.Caption, URL: p})
		}
	}

	// Requirements (表6-3 to 表6-8).
	for _, r := range m.Requirements {
		var kw []string
		for _, mp := range []*Mapping{r.UK, r.SB327, r.CPSF} {
			if mp != nil {
				kw = append(kw, mp.Refs...)
			}
		}
		target := ""
		if t := m.Target(r.Target); t != nil {
			target = t.Name
		}
		add(search.Doc{ID: "requirement/" + r.ID, Kind: search.KindRequirement, Label: r.ID, Title: r.Title,
			Body: lines(plainText(r.Body), target, r.MappingNote), URL: reqPath(r.ID), Keywords: kw})
	}

	// Entry points (表3-4), threat classes (表3-3) and threats (表3-10, 表3-11).
	for _, ep := range m.EntryPoints {
		var classes []string
		for _, id := range ep.Classes {
			if c := m.Class(id); c != nil {
				classes = append(classes, c.Name)
			}
		}
		add(search.Doc{ID: "entry-point/" + strconv.Itoa(ep.Number), Kind: search.KindEntryPoint, Label: ep.Mark(),
			Title: ep.Name, Body: strings.Join(classes, "、"), URL: epPath(ep.Number)})
	}
	for _, c := range m.Classes {
		add(search.Doc{ID: "class/" + c.ID, Kind: search.KindThreat, Title: c.Name,
			Body: lines(c.Description, c.Model), URL: classPath(c.ID)})
	}
	for _, t := range m.Threats {
		var b []string
		if c := m.Class(t.Class); c != nil {
			b = append(b, c.Name)
		}
		if ep := m.EntryPoint(t.EntryPoint); ep != nil {
			b = append(b, ep.Name)
		}
		if t.ScoredAs != "" && t.ScoredAs != t.Example {
			b = append(b, t.ScoredAs)
		}
		for _, g := range t.Assets {
			b = append(b, assetKindName(g.Kind)+": "+strings.Join(g.Items, "、"))
		}
		for _, a := range t.Analysis {
			if l := strings.Join(a.Interfaces, "、") + " / " + a.Who + " / " + a.Where; !slices.Contains(b, l) {
				b = append(b, l)
			}
		}
		add(search.Doc{ID: "threat/" + t.ID, Kind: search.KindThreat, Label: EPMark(t.EntryPoint), Title: t.Example,
			Body: strings.Join(b, "\n"), URL: threatPath(t)})
	}

	// Lifecycles, phases and measures (表5-1 to 表5-13).
	for _, l := range m.Lifecycles {
		add(search.Doc{ID: "lifecycle/" + l.ID, Kind: search.KindLifecycle, Title: l.Name,
			Body: s.searchText(l.Intro), URL: lifecyclePath(l.ID)})
		for _, p := range l.Phases {
			add(search.Doc{ID: "lifecycle/" + l.ID + "/" + p.ID, Kind: search.KindLifecycle, Title: p.Name + "フェーズ",
				Body: lines(p.Description, s.searchText(p.Intro)), URL: phasePath(p)})
			for _, ms := range p.Measures {
				add(search.Doc{ID: "lifecycle/" + l.ID + "/" + p.ID + "/" + strconv.Itoa(ms.No), Kind: search.KindLifecycle,
					Title: ms.Title, Body: lines(plainText(ms.Body), l.Name+"・"+p.Name+"フェーズ"), URL: measurePath(ms)})
			}
		}
	}

	// Glossary (表1-1, 表1-2, 表2-1).
	for _, t := range m.Terms {
		add(search.Doc{ID: "term/" + t.Term, Kind: search.KindTerm, Title: t.Term, Body: plainText(t.Description),
			URL: "glossary/#" + TermAnchor(t.Term)})
	}
	for _, a := range m.Abbreviations {
		add(search.Doc{ID: "abbr/" + a.Abbr, Kind: search.KindTerm, Label: a.Abbr, Title: a.Abbr, Body: a.Name,
			URL: "glossary/#" + AbbrAnchor(a.Abbr)})
	}
	for _, d := range m.Definitions {
		add(search.Doc{ID: "definition/" + d.Term, Kind: search.KindTerm, Title: d.Term, Body: plainText(d.Description),
			URL: "glossary/#definitions"})
	}

	// Metric definitions (表3-15 to 表3-35) and severity (表3-36).
	for _, list := range [][]*Metric{m.BaseMetrics, m.TemporalMetrics, m.EnvironmentalMetrics} {
		for _, mt := range list {
			b := []string{mt.Description}
			for _, v := range mt.Values {
				b = append(b, v.Label+" ("+v.Code+"): "+v.Description)
			}
			add(search.Doc{ID: "metric/" + mt.Abbr, Kind: search.KindMetric, Label: mt.Abbr, Title: mt.Name,
				Body: lines(b...), URL: metricPath(mt.Abbr)})
		}
	}
	if len(m.Severity) > 0 {
		var b []string
		for _, sv := range m.Severity {
			b = append(b, sv.Name+" ("+sv.En+"): "+sv.Min+"～"+sv.Max)
		}
		add(search.Doc{ID: "severity", Kind: search.KindMetric, Title: "深刻度レベル分け", Body: lines(b...), URL: "severity/"})
	}

	// References.
	for _, r := range m.References {
		add(search.Doc{ID: "reference/" + strconv.Itoa(r.No), Kind: search.KindReference, Label: "[" + strconv.Itoa(r.No) + "]",
			Title: r.Title, Body: r.URL, URL: refPath(r.No)})
	}

	// Rows of the data tables that have no page of their own, linking to
	// the table.
	row := func(table, key, title, body string) {
		p := s.tablePath(table)
		if p == "" || title == "" {
			return
		}
		add(search.Doc{ID: "row/" + table + "/" + key, Kind: search.KindSection, Title: title, Body: body, URL: p})
	}
	for _, l := range m.Levels {
		row("2-2", strconv.Itoa(l.Stars), l.Label+" "+l.Service, lines(l.Note, plainText(l.Description)))
	}
	var comps func([]*Component)
	comps = func(cs []*Component) {
		for _, c := range cs {
			add(search.Doc{ID: "component/" + c.ID, Kind: search.KindSection, Title: c.Name, Body: plainText(c.Description),
				URL: componentPath(c.ID)})
			comps(c.Children)
		}
	}
	comps(m.Components)
	for _, u := range m.UseCases {
		for _, st := range u.Steps {
			row(u.Table, strconv.Itoa(st.No), st.Action, lines(plainText(st.Description), u.Name))
		}
	}
	for _, st := range m.RiskSteps {
		row("3-1", strconv.Itoa(st.No), st.Title, plainText(st.Description))
	}
	for i, a := range m.Assets {
		var b []string
		for _, d := range a.Devices {
			for _, g := range d.Groups {
				b = append(b, d.Name+" "+assetKindName(g.Kind)+": "+strings.Join(g.Items, "、")+" "+strings.Join(g.Details, "、"))
			}
		}
		row("3-2", strconv.Itoa(i), a.Target, lines(b...))
	}
	for _, x := range []struct {
		table string
		items []*AnalysisItem
	}{{"3-5", m.AnalysisItems}, {"3-6", m.Interfaces}, {"3-7", m.Who}, {"3-8", m.Whom}, {"3-9", m.Where}} {
		for _, it := range x.items {
			row(x.table, strconv.Itoa(it.No), it.Name, lines(plainText(it.Description), it.Group))
		}
	}
	for i, c := range m.CVSSIssues {
		row("3-13", strconv.Itoa(i), c.Title, plainText(c.Description))
	}
	for _, c := range m.Criteria {
		row("3-14", strconv.Itoa(c.No), c.Name, plainText(c.Body))
	}
	return docs
}

// subsectionPart is the text of a section before its first "### x.y.z"
// heading (number "") or of one subsection.
type subsectionPart struct {
	number string
	body   string
}

var reSubsection = regexp.MustCompile(`^###\s+(\d+(?:\.\d+)+)\s`)

// splitSubsections cuts a section's Markdown at its "###" headings.
func splitSubsections(md string) []subsectionPart {
	parts := []subsectionPart{{}}
	var b strings.Builder
	for _, line := range strings.Split(md, "\n") {
		if m := reSubsection.FindStringSubmatch(line); m != nil {
			parts[len(parts)-1].body = b.String()
			b.Reset()
			parts = append(parts, subsectionPart{number: m[1]})
			continue
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
	parts[len(parts)-1].body = b.String()
	return parts
}

// searchText turns chapter Markdown into plain text: headings keep their
// text, a table or figure directive becomes its caption.
func (s *Site) searchText(md string) string {
	var out []string
	for _, line := range strings.Split(md, "\n") {
		t := strings.TrimSpace(line)
		if m := reDirective.FindStringSubmatch(t); m != nil {
			c := s.M.Table(m[2])
			if m[1] == "figure" {
				c = s.M.Figure(m[2])
			}
			if c != nil {
				out = append(out, c.Label()+" "+c.Caption)
			}
			continue
		}
		if strings.HasPrefix(t, "#") {
			out = append(out, "", strings.TrimSpace(strings.TrimLeft(t, "#")), "")
			continue
		}
		out = append(out, line)
	}
	return plainText(strings.Join(out, "\n"))
}
