package model

import (
	"slices"
	"strconv"

	"shguide/calculator"
)

func (v *validator) threats() {
	u := v.uniq("threat id")
	names := func(list []*AnalysisItem) map[string]bool {
		s := map[string]bool{}
		for _, it := range list {
			s[it.Name] = true
		}
		return s
	}
	ifs, who, whom, where := names(v.m.Interfaces), names(v.m.Who), names(v.m.Whom), names(v.m.Where)
	for _, t := range v.m.Threats {
		if v.need(t.Pos, "id", t.ID) {
			if mm := reThreatID.FindStringSubmatch(t.ID); mm == nil {
				v.add(t.Pos.At("id"), "id %q is not ep<N>-<slug>", t.ID)
			} else if mm[1] != strconv.Itoa(t.EntryPoint) {
				v.add(t.Pos.At("id"), "id %q does not match entryPoint %d", t.ID, t.EntryPoint)
			}
		}
		u.check(t.Pos.At("id"), t.ID)
		ep := v.m.EntryPoint(t.EntryPoint)
		if ep == nil {
			v.add(t.Pos.At("entryPoint"), "entryPoint %d: no such entry point", t.EntryPoint)
		}
		if v.need(t.Pos, "class", t.Class) {
			if v.m.Class(t.Class) == nil {
				v.add(t.Pos.At("class"), "class %q: no such class", t.Class)
			} else if ep != nil && !slices.Contains(ep.Classes, t.Class) {
				v.add(t.Pos.At("class"), "class %q is not a class of %s (表3-4)", t.Class, ep.Mark())
			}
		}
		v.need(t.Pos, "example", t.Example)
		v.assetGroups(t.Assets)
		for _, a := range t.Analysis {
			// Interfaces and Who may be empty where the source leaves the cell blank.
			for _, x := range a.Interfaces {
				if !ifs[x] {
					v.add(a.Pos.At("interfaces"), "interface %q: no such interface (表3-6)", x)
				}
			}
			if a.Who != "" && !who[a.Who] {
				v.add(a.Pos.At("who"), "who %q: not in 表3-7", a.Who)
			}
			for _, k := range []struct {
				key  string
				list []string
			}{{"whom2", a.Whom2}, {"whom3", a.Whom3}} {
				if len(k.list) == 0 {
					v.add(a.Pos.At(k.key), "%s is required", k.key)
				}
				for _, x := range k.list {
					if !whom[x] {
						v.add(a.Pos.At(k.key), "%s %q: not in 表3-8", k.key, x)
					}
				}
			}
			if v.need(a.Pos, "where", a.Where) && !where[a.Where] {
				v.add(a.Pos.At("where"), "where %q: not in 表3-9", a.Where)
			}
		}
		v.assessments(t)
	}
}

// assessments checks every vector and compares the published value with
// the one the calculator gives.
func (v *validator) assessments(t *Threat) {
	seen := map[string]Pos{}
	vectors := map[string]calculator.Vector{}
	for _, a := range t.Assessments {
		v.oneOf(a.Pos, "table", a.Table, scoreTables)
		if a.Table == "3-37" {
			v.oneOf(a.Pos, "case", a.Case, cases)
		} else if a.Case != "" {
			v.add(a.Pos.At("case"), "case is for table 3-37 only")
		}
		key := a.Table + a.Case
		if first, ok := seen[key]; ok {
			v.add(a.Pos, "%s has two assessments in table %s%s (first at %s)", t.ID, a.Table, a.Case, first)
		}
		seen[key] = a.Pos
		if !v.need(a.Pos, "vector", a.Vector) {
			continue
		}
		vec, err := calculator.Parse(a.Vector)
		if err != nil {
			v.add(a.Pos.At("vector"), "vector: %v", err)
			continue
		}
		vectors[a.Table] = vec
		if _, after := afterTables[a.Table]; after && !vec.HasEnvironmental() {
			v.add(a.Pos.At("vector"), "table %s is after mitigation but the vector has no environmental metrics", a.Table)
		}
		computed := tableScore(vec, a.Table)
		pub, ok := calculator.ParseScore(a.Published)
		if !v.need(a.Pos, "published", a.Published) {
			continue
		}
		if !ok {
			v.add(a.Pos.At("published"), "published %q is not a score 0–10 with one decimal", a.Published)
			continue
		}
		if v.need(a.Pos, "severity", a.Severity) {
			if s, ok := calculator.ParseSeverity(a.Severity); !ok {
				v.add(a.Pos.At("severity"), "severity %q is not a band of 表3-36", a.Severity)
			} else if s != calculator.SeverityOf(pub) {
				v.add(a.Pos.At("severity"), "severity %s does not match the published %s (%s)", a.Severity, a.Published, calculator.SeverityOf(pub).Japanese())
			}
		}
		er := v.m.ScoreErratum(t.ID, a.Table, a.Case)
		if pub == computed {
			if er != nil {
				v.add(er.Pos, "stale erratum %s: %s table %s%s publishes %s and the calculator agrees", er.ID, t.ID, a.Table, a.Case, a.Published)
			}
			continue
		}
		if er == nil {
			v.add(a.Pos.At("published"), "published %s but the calculator gives %s for %s: add a score erratum (threat %s, table %s%s, published %q, computed %q)",
				a.Published, computed, a.Vector, t.ID, a.Table, caseSuffix(a.Case), a.Published, computed.String())
			continue
		}
		if p, ok := calculator.ParseScore(er.Published); !ok || p != pub {
			v.add(er.Pos.At("published"), "erratum %s: published %q, but %s table %s%s publishes %s", er.ID, er.Published, t.ID, a.Table, a.Case, a.Published)
		}
		if c, ok := calculator.ParseScore(er.Computed); !ok || c != computed {
			v.add(er.Pos.At("computed"), "erratum %s: computed %q, but the calculator gives %s", er.ID, er.Computed, computed)
		}
	}
	// An after-mitigation vector carries the before-mitigation base metrics.
	for _, a := range t.Assessments {
		before, ok := afterTables[a.Table]
		if !ok {
			continue
		}
		av, ok1 := vectors[a.Table]
		bv, ok2 := vectors[before]
		if !ok1 || !ok2 {
			continue
		}
		if got, want := baseOf(av), baseOf(bv); got != want {
			v.add(a.Pos.At("vector"), "base metrics %s differ from the table %s row %s", got, before, want)
		}
	}
}

func caseSuffix(c string) string {
	if c == "" {
		return ""
	}
	return ", case " + c
}

// baseOf is the canonical base part of a vector (through II).
func baseOf(vec calculator.Vector) string {
	var b calculator.Vector
	b.Version = vec.Version
	for m := calculator.MetricAV; m <= calculator.MetricII; m++ {
		b.SetCode(m, vec.Code(m))
	}
	return b.String()
}
