package site

func init() {
	registerArea(area{name: "lifecycles", build: buildLifecycles})
}

// RefLink is a resolved measure or section cross-reference.
type RefLink struct {
	Title string
	Path  string
}

func buildLifecycles(s *Site) error {
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
func (s *Site) refLinks(refs []*MeasureRef) []RefLink {
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
				out = append(out, RefLink{ph.Name + " No." + itoa(no) + " " + ms.Title, measurePath(ms)})
			}
		}
	}
	return out
}
