package model

func (v *validator) lifecycles() {
	u := v.uniq("lifecycle")
	total := 0
	for _, l := range v.m.Lifecycles {
		v.oneOf(l.Pos, "id", l.ID, lifecycleIDs)
		u.check(l.Pos.At("id"), l.ID)
		v.need(l.Pos, "name", l.Name)
		v.sectionRef(l.Pos, "section", l.Section, true)
		v.tableRef(l.Pos, "table", l.Table, true)
		v.figureRef(l.Pos, "figure", l.Figure, true)
		pu := v.uniq("phase")
		if len(l.Phases) == 0 {
			v.add(l.Pos, "lifecycle %s has no phases", l.ID)
		}
		for _, p := range l.Phases {
			if v.need(p.Pos, "id", p.ID) && !reSlug.MatchString(p.ID) {
				v.add(p.Pos.At("id"), "id %q is not a lower-case slug", p.ID)
			}
			pu.check(p.Pos.At("id"), p.ID)
			v.need(p.Pos, "name", p.Name)
			v.need(p.Pos, "description", p.Description)
			v.sectionRef(p.Pos, "section", p.Section, true)
			v.tableRef(p.Pos, "table", p.Table, true)
			v.measureRefs(p.Refs)
			var ps []Pos
			var nos []int
			for _, ms := range p.Measures {
				total++
				ps, nos = append(ps, ms.Pos), append(nos, ms.No)
				v.need(ms.Pos, "title", ms.Title)
				v.need(ms.Pos, "body", ms.Body)
				v.measureRefs(ms.Refs)
			}
			v.numbered("measure", ps, nos)
		}
	}
}

func (v *validator) measureRefs(refs []*MeasureRef) {
	for _, r := range refs {
		if r.Section != "" {
			if r.Lifecycle != "" || r.Phase != "" || len(r.Measures) > 0 {
				v.add(r.Pos, "a ref names either a section or lifecycle/phase/measures")
			}
			v.sectionRef(r.Pos, "section", r.Section, true)
			continue
		}
		if !v.need(r.Pos, "lifecycle", r.Lifecycle) || !v.need(r.Pos, "phase", r.Phase) {
			continue
		}
		if v.m.Phase(r.Lifecycle, r.Phase) == nil {
			v.add(r.Pos.At("phase"), "no phase %s/%s", r.Lifecycle, r.Phase)
			continue
		}
		for _, no := range r.Measures {
			if v.m.Measure(r.Lifecycle, r.Phase, no) == nil {
				v.add(r.Pos.At("measures"), "no measure %s/%s No.%d", r.Lifecycle, r.Phase, no)
			}
		}
	}
}
