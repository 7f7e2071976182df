package model

import (
	"strings"
)

func (v *validator) service() {
	u := v.uniq("definition")
	for _, t := range v.m.Definitions {
		v.need(t.Pos, "term", t.Term)
		v.need(t.Pos, "description", t.Description)
		u.check(t.Pos, t.Term)
	}
	seen := map[int]bool{}
	for _, l := range v.m.Levels {
		if l.Stars < 1 || l.Stars > 3 || seen[l.Stars] {
			v.add(l.Pos.At("stars"), "stars %d: want each of 1, 2, 3 once", l.Stars)
		}
		seen[l.Stars] = true
		if l.Label != strings.Repeat("★", l.Stars) {
			v.add(l.Pos.At("label"), "label %q does not match stars %d", l.Label, l.Stars)
		}
		v.need(l.Pos, "service", l.Service)
		v.need(l.Pos, "description", l.Description)
	}
	u = v.uniq("component id")
	var walk func([]*Component)
	walk = func(cs []*Component) {
		for _, c := range cs {
			if v.need(c.Pos, "id", c.ID) && !reSlug.MatchString(c.ID) {
				v.add(c.Pos.At("id"), "id %q is not a lower-case slug", c.ID)
			}
			u.check(c.Pos.At("id"), c.ID)
			v.need(c.Pos, "name", c.Name)
			if c.Target != "" && (c.Target == "service" || !targetCodes[c.Target]) {
				v.add(c.Pos.At("target"), "target %q is not one of SP, PP, H, D, A", c.Target)
			}
			v.entryPointRefs(c.Pos.At("entryPoints"), c.EntryPoints)
			walk(c.Children)
		}
	}
	walk(v.m.Components)
	u = v.uniq("use case id")
	for _, uc := range v.m.UseCases {
		v.need(uc.Pos, "id", uc.ID)
		u.check(uc.Pos.At("id"), uc.ID)
		v.tableRef(uc.Pos, "table", uc.Table, true)
		v.figureRef(uc.Pos, "figure", uc.Figure, false)
		if uc.Level != 2 && uc.Level != 3 {
			v.add(uc.Pos.At("level"), "level %d: want 2 or 3", uc.Level)
		}
		v.need(uc.Pos, "name", uc.Name)
		ps, nos := []Pos{}, []int{}
		for _, s := range uc.Steps {
			ps, nos = append(ps, s.Pos), append(nos, s.No)
			v.need(s.Pos, "action", s.Action)
			v.need(s.Pos, "description", s.Description)
		}
		v.numbered("step", ps, nos)
	}
}

func (v *validator) entryPointRefs(p Pos, eps []int) {
	for _, n := range eps {
		if v.m.EntryPoint(n) == nil {
			v.add(p, "no entry point %d in %s", n, fileRisk)
		}
	}
}
