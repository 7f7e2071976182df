package site

func init() {
	registerArea(area{name: "threats", build: buildThreats})
}

// EPPage is the data of an entry-point page.
type EPPage struct {
	EP      *EntryPoint
	Assets  []*Asset
	Threats []*Threat
	Target  *Target
}

// ClassThreats is a threat class with its threats across entry points.
type ClassThreats struct {
	Class   *ThreatClass
	Threats []*Threat
}

func buildThreats(s *Site) error {
	s.AddNav(NavItem{Key: "threats", Title: "脅威とリスク値", Path: "threats/", Order: 30})
	var classes []ClassThreats
	for _, c := range s.M.Classes {
		ct := ClassThreats{Class: c}
		for _, t := range s.M.Threats {
			if t.Class == c.ID {
				ct.Threats = append(ct.Threats, t)
			}
		}
		classes = append(classes, ct)
	}
	s.AddPage(&Page{
		Path: "threats/", Title: "想定される脅威とリスク値", Template: "threats", Nav: "threats",
		Description: "エントリーポイント EP①～EP⑩ ごとの想定脅威と、★★・★★★サービスのリスク値（セキュリティ対策前・後）。",
		Data:        classes,
	})
	eps := s.M.EntryPoints
	for i, ep := range eps {
		d := &EPPage{EP: ep, Threats: s.M.ThreatsOf(ep.Number), Target: s.M.Target(ep.Target)}
		for _, a := range s.M.Assets {
			if containsInt(a.EntryPoints, ep.Number) {
				d.Assets = append(d.Assets, a)
			}
		}
		p := &Page{
			Path: epPath(ep.Number), Title: ep.Mark() + " " + ep.Name, Template: "entrypoint", Nav: "threats",
			Description: ep.Mark() + " " + ep.Name + " に想定される脅威の詳細分析とリスク値。",
			Crumbs:      []Link{{"脅威とリスク値", "threats/"}},
			Data:        d,
		}
		if i > 0 {
			p.Prev = &Link{eps[i-1].Mark() + " " + eps[i-1].Name, epPath(eps[i-1].Number)}
		}
		if i+1 < len(eps) {
			p.Next = &Link{eps[i+1].Mark() + " " + eps[i+1].Name, epPath(eps[i+1].Number)}
		}
		s.AddPage(p)
	}
	return nil
}

func containsInt(list []int, x int) bool {
	for _, y := range list {
		if y == x {
			return true
		}
	}
	return false
}
