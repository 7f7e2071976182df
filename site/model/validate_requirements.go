package model

import (
	"strconv"
)

func (v *validator) requirements() {
	mu := v.uniq("mark")
	for _, mk := range v.m.Marks {
		v.oneOf(mk.Pos, "symbol", mk.Symbol, markSymbols)
		mu.check(mk.Pos.At("symbol"), mk.Symbol)
		v.need(mk.Pos, "meaning", mk.Meaning)
	}
	for _, n := range v.m.Numbering {
		v.need(n.Pos, "category", n.Category)
		v.need(n.Pos, "name", n.Name)
		v.need(n.Pos, "code", n.Code)
	}
	tu := v.uniq("target")
	for _, t := range v.m.Targets {
		v.oneOf(t.Pos, "code", t.Code, targetCodes)
		tu.check(t.Pos.At("code"), t.Code)
		v.need(t.Pos, "name", t.Name)
		sp := t.Code != "service"
		if sp {
			v.need(t.Pos, "english", t.English)
		}
		v.sectionRef(t.Pos, "section", t.Section, sp)
		v.tableRef(t.Pos, "table", t.Table, sp)
		v.entryPointRefs(t.Pos.At("entryPoints"), t.EntryPoints)
	}
	ru := v.uniq("requirement")
	for _, r := range v.m.Requirements {
		ru.check(r.Pos.At("id"), r.ID)
		if v.need(r.Pos, "id", r.ID) {
			mm := reRequirement.FindStringSubmatch(r.ID)
			switch {
			case mm == nil:
				v.add(r.Pos.At("id"), "id %q is not R<level>-<n> or SR<level>-<target>-<n>", r.ID)
			default:
				if lv := strconv.Itoa(r.Level); mm[2] != lv {
					v.add(r.Pos.At("level"), "level %d does not match id %s", r.Level, r.ID)
				}
				want := mm[3]
				if mm[1] == "R" {
					want = "service"
				}
				if (mm[1] == "R") != (mm[3] == "") {
					v.add(r.Pos.At("id"), "id %q: R items have no target code, SR items have one", r.ID)
				} else if r.Target != want {
					v.add(r.Pos.At("target"), "target %q does not match id %s (want %s)", r.Target, r.ID, want)
				}
			}
		}
		if r.Level != 2 && r.Level != 3 {
			v.add(r.Pos.At("level"), "level %d: want 2 or 3", r.Level)
		}
		if v.need(r.Pos, "target", r.Target) && v.m.Target(r.Target) == nil {
			v.add(r.Pos.At("target"), "target %q: no such target", r.Target)
		}
		v.need(r.Pos, "title", r.Title)
		v.need(r.Pos, "body", r.Body)
		for _, col := range r.Mappings() {
			if col.Mapping == nil {
				if r.MappingNote == "" {
					v.add(r.Pos, "%s: %s is required (or a mappingNote)", r.ID, col.Key)
				}
				continue
			}
			mp := col.Mapping
			if v.need(mp.Pos, "symbol", mp.Symbol) && v.m.Mark(mp.Symbol) == nil {
				v.add(mp.Pos.At("symbol"), "%s symbol %q is not a mark of 表6-1", col.Key, mp.Symbol)
			}
			for _, code := range mp.Refs {
				if !mappingFormats[col.Key].MatchString(code) {
					v.add(mp.Pos.At("refs"), "%s code %q is malformed", col.Key, code)
				}
			}
			if mp.Symbol == "◎" && len(mp.Refs) > 0 {
				v.add(mp.Pos.At("refs"), "%s: ◎ (not covered by the related guideline) cites codes %v", col.Key, mp.Refs)
			}
		}
		for _, id := range r.Includes {
			t := v.m.Requirement(id)
			switch {
			case t == nil:
				v.add(r.Pos.At("includes"), "includes %q: no such requirement", id)
			case t == r:
				v.add(r.Pos.At("includes"), "%s includes itself", r.ID)
			}
		}
		if r.SameAs != "" {
			t := v.m.Requirement(r.SameAs)
			switch {
			case t == nil:
				v.add(r.Pos.At("sameAs"), "sameAs %q: no such requirement", r.SameAs)
			case t == r || t.SameAs != "":
				v.add(r.Pos.At("sameAs"), "sameAs %q must name an item with its own text", r.SameAs)
			case t.Level != r.Level:
				v.add(r.Pos.At("sameAs"), "sameAs %s is level %d, %s is level %d", t.ID, t.Level, r.ID, r.Level)
			}
		}
	}
}
