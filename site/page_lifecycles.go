package site

import (
	"html/template"
	"strconv"

	"shguide/search"
	"shguide/site/markdown"
	"shguide/site/model"
)

func init() { registerArea(lifecyclesArea{}) }

// lifecyclesArea is chapter 5: the lifecycles of the service and the house
// with their phases and measures.
type lifecyclesArea struct{}

func (lifecyclesArea) name() string { return "lifecycles" }

// RefLink is a resolved measure or section cross-reference.
type RefLink struct {
	Title string
	Path  string
}

func (lifecyclesArea) build(s *Site) error {
	s.AddNav(NavItem{Key: "lifecycles", Title: "ライフサイクル", Path: "lifecycles/", Order: 40})
	s.AddPage(&Page{
		Path: "lifecycles/", Title: "ライフサイクルとセキュリティへの取組み", Template: "lifecycles", Nav: "lifecycles",
		Description: "スマートホームサービス（5 フェーズ）と住宅（6 フェーズ）のライフサイクルにおけるセキュリティへの取組み 54 項目。",
	})
	ls := s.M.Lifecycles
	for i, l := range ls {
		p := &Page{
			Path: lifecyclePath(l.ID), Title: l.Name, Template: "lifecycle", Nav: "lifecycles",
			Description: l.Name + "の各フェーズと、そこで実施すべきセキュリティへの取組み。",
			Crumbs:      []Link{{"ライフサイクル", "lifecycles/"}},
			Data:        l,
		}
		if i > 0 {
			p.Prev = &Link{ls[i-1].Name, lifecyclePath(ls[i-1].ID)}
		}
		if i+1 < len(ls) {
			p.Next = &Link{ls[i+1].Name, lifecyclePath(ls[i+1].ID)}
		}
		s.AddPage(p)
	}
	return nil
}

// refLinks resolves cross-references for templates.
func (s *Site) refLinks(refs []*model.MeasureRef) []RefLink {
	var out []RefLink
	for _, r := range refs {
		if r.Section != "" {
			title := r.Section
			if sec := s.M.Section(r.Section); sec != nil {
				title = sec.FullTitle()
			} else if ss := s.M.Subsection(r.Section); ss != nil {
				title = ss.Number + " " + ss.Title
			}
			out = append(out, RefLink{title, s.sectionPath(r.Section)})
			continue
		}
		ph := s.M.Phase(r.Lifecycle, r.Phase)
		if ph == nil {
			continue
		}
		if len(r.Measures) == 0 {
			out = append(out, RefLink{ph.Lifecycle.Name + "・" + ph.Name + "フェーズ", phasePath(ph)})
			continue
		}
		for _, no := range r.Measures {
			if ms := s.M.Measure(r.Lifecycle, r.Phase, no); ms != nil {
				out = append(out, RefLink{ph.Name + " No." + strconv.Itoa(no) + " " + ms.Title, measurePath(ms)})
			}
		}
	}
	return out
}

func (lifecyclesArea) tables(s *Site) map[string]tableSource {
	t := map[string]tableSource{}
	for _, l := range s.M.Lifecycles {
		t[l.Table] = tableSource{"tbl-phases", l}
		for _, p := range l.Phases {
			t[p.Table] = tableSource{"tbl-measures", p}
		}
	}
	return t
}

func (lifecyclesArea) figures() map[string]figureFunc {
	lifecycle := func(id string) figureFunc {
		return func(s *Site, c *model.Caption) (template.HTML, error) {
			return s.partial("fig-lifecycle", s.M.Lifecycle(id)), nil
		}
	}
	return map[string]figureFunc{"lifecycle-service": lifecycle("service"), "lifecycle-house": lifecycle("house")}
}

// searchDocs: lifecycles, phases and measures (表5-1 to 表5-13).
func (lifecyclesArea) searchDocs(s *Site, add func(int, search.Doc)) {
	// A measure stands under its phase's heading; the lifecycle's name is
	// context.
	for _, l := range s.M.Lifecycles {
		body, heads := s.searchText(l.Intro)
		add(rankLifecycles, search.Doc{ID: "lifecycle/" + l.ID, Kind: search.KindLifecycle, Title: l.Name,
			Heading: heads, Body: body, URL: lifecyclePath(l.ID)})
		for _, p := range l.Phases {
			body, heads := s.searchText(p.Intro)
			add(rankLifecycles, search.Doc{ID: "lifecycle/" + l.ID + "/" + p.ID, Kind: search.KindLifecycle, Title: p.Name + "フェーズ",
				Heading: heads, Body: lines(p.Description, body), Aside: l.Name, URL: phasePath(p)})
			for _, ms := range p.Measures {
				add(rankLifecycles, search.Doc{ID: "lifecycle/" + l.ID + "/" + p.ID + "/" + strconv.Itoa(ms.No), Kind: search.KindLifecycle,
					Title: ms.Title, Heading: p.Name + "フェーズ", Body: markdown.PlainText(ms.Body), Aside: l.Name, URL: measurePath(ms)})
			}
		}
	}
}
