package model

func (v *validator) items(what string, list []*AnalysisItem, groups bool) {
	ps, nos := []Pos{}, []int{}
	u := v.uniq(what)
	for _, it := range list {
		ps, nos = append(ps, it.Pos), append(nos, it.No)
		v.need(it.Pos, "name", it.Name)
		u.check(it.Pos.At("name"), it.Name)
		v.need(it.Pos, "description", it.Description)
		if groups {
			v.need(it.Pos, "group", it.Group)
		}
	}
	v.numbered(what, ps, nos)
}

func (v *validator) risk() {
	ps, nos := []Pos{}, []int{}
	for _, s := range v.m.RiskSteps {
		ps, nos = append(ps, s.Pos), append(nos, s.No)
		v.need(s.Pos, "title", s.Title)
		v.need(s.Pos, "description", s.Description)
	}
	v.numbered("step", ps, nos)
	for _, a := range v.m.Assets {
		v.need(a.Pos, "target", a.Target)
		if len(a.EntryPoints) == 0 {
			v.add(a.Pos.At("entryPoints"), "entryPoints is required")
		}
		v.entryPointRefs(a.Pos.At("entryPoints"), a.EntryPoints)
		if len(a.Devices) == 0 {
			v.add(a.Pos, "asset %q has no devices", a.Target)
		}
		for _, d := range a.Devices {
			v.need(d.Pos, "name", d.Name)
			if len(d.Groups) == 0 {
				v.add(d.Pos, "device %q has no asset groups", d.Name)
			}
			v.assetGroups(d.Groups)
		}
	}
	u := v.uniq("class id")
	un := v.uniq("class name")
	for _, c := range v.m.Classes {
		if v.need(c.Pos, "id", c.ID) && !reSlug.MatchString(c.ID) {
			v.add(c.Pos.At("id"), "id %q is not a lower-case slug", c.ID)
		}
		u.check(c.Pos.At("id"), c.ID)
		v.need(c.Pos, "name", c.Name)
		un.check(c.Pos.At("name"), c.Name)
		v.oneOf(c.Pos, "model", c.Model, classModels)
		v.need(c.Pos, "description", c.Description)
	}
	seen := map[int]Pos{}
	for i, ep := range v.m.EntryPoints {
		if ep.Number != i+1 {
			v.add(ep.Pos.At("number"), "entry point %d out of sequence: want %d", ep.Number, i+1)
		}
		if first, ok := seen[ep.Number]; ok {
			v.add(ep.Pos, "duplicate entry point %d (first at %s)", ep.Number, first)
		}
		seen[ep.Number] = ep.Pos
		v.need(ep.Pos, "name", ep.Name)
		v.oneOf(ep.Pos, "kind", ep.Kind, epKinds)
		if ep.Target != "" && v.m.Target(ep.Target) == nil && len(v.m.Targets) > 0 {
			v.add(ep.Pos.At("target"), "target %q: no such target in %s", ep.Target, fileRequirements)
		}
		v.need(ep.Pos, "target", ep.Target)
		if len(ep.Classes) == 0 {
			v.add(ep.Pos.At("classes"), "classes is required")
		}
		cu := v.uniq("class")
		for _, c := range ep.Classes {
			if v.m.Class(c) == nil {
				v.add(ep.Pos.At("classes"), "class %q: no such class", c)
			}
			cu.check(ep.Pos.At("classes"), c)
		}
	}
	v.items("analysis item", v.m.AnalysisItems, true)
	v.items("interface", v.m.Interfaces, true)
	v.items("who", v.m.Who, false)
	v.items("whom", v.m.Whom, false)
	v.items("where", v.m.Where, false)
	for _, c := range v.m.CVSSIssues {
		v.need(c.Pos, "title", c.Title)
		v.need(c.Pos, "description", c.Description)
	}
	ps, nos = nil, nil
	for _, c := range v.m.Criteria {
		ps, nos = append(ps, c.Pos), append(nos, c.No)
		v.need(c.Pos, "name", c.Name)
		v.need(c.Pos, "body", c.Body)
	}
	v.numbered("criterion", ps, nos)
}

func (v *validator) assetGroups(gs []*AssetGroup) {
	for _, g := range gs {
		v.oneOf(g.Pos, "kind", g.Kind, assetKinds)
		if len(g.Items) == 0 {
			v.add(g.Pos, "asset group has no items")
		}
	}
}
