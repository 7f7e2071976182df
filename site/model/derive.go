package model

import (
	"slices"

	"shguide/calculator"
)

// derive computes everything the model derives from the content, once, in
// Load: the lookups, parents and back-links, the placements of tables and
// figures, and each assessment's Score. The first of duplicate keys wins;
// it tolerates dangling references and bad vectors, which Validate reports.
func (m *Model) derive() {
	x := &m.idx
	x.tables = map[string]*Caption{}
	for _, c := range m.Tables {
		putFirst(x.tables, c.ID, c)
	}
	x.figures = map[string]*Caption{}
	for _, c := range m.Figures {
		putFirst(x.figures, c.ID, c)
	}
	x.sections = map[string]*Section{}
	x.subsections = map[string]*Subsection{}
	x.placements = map[string]*Placement{}
	m.Placements = nil
	for _, c := range m.Chapters {
		for _, p := range c.placements {
			m.Placements = append(m.Placements, p)
			putFirst(x.placements, p.Kind+":"+p.ID, p)
		}
		for _, s := range c.Sections {
			putFirst(x.sections, s.Number, s)
			for _, ss := range s.Subsections {
				putFirst(x.subsections, ss.Number, ss)
			}
		}
	}
	x.references = map[int]*Reference{}
	for _, r := range m.References {
		if _, ok := x.references[r.No]; !ok {
			x.references[r.No] = r
		}
	}
	x.components = map[string]*Component{}
	var walk func(parent *Component, cs []*Component)
	walk = func(parent *Component, cs []*Component) {
		for _, c := range cs {
			c.Parent = parent
			putFirst(x.components, c.ID, c)
			walk(c, c.Children)
		}
	}
	walk(nil, m.Components)
	x.classes = map[string]*ThreatClass{}
	for _, c := range m.Classes {
		putFirst(x.classes, c.ID, c)
	}
	x.entryPoints = map[int]*EntryPoint{}
	for _, ep := range m.EntryPoints {
		if _, ok := x.entryPoints[ep.Number]; !ok {
			x.entryPoints[ep.Number] = ep
		}
	}
	x.threats = map[string]*Threat{}
	for _, t := range m.Threats {
		putFirst(x.threats, t.ID, t)
		for _, a := range t.Assessments {
			a.Threat = t
		}
	}
	x.metrics = map[string]*Metric{}
	for _, list := range [][]*Metric{m.BaseMetrics, m.TemporalMetrics, m.EnvironmentalMetrics} {
		for _, mt := range list {
			putFirst(x.metrics, mt.Abbr, mt)
		}
	}
	x.lifecycles = map[string]*Lifecycle{}
	for _, l := range m.Lifecycles {
		putFirst(x.lifecycles, l.ID, l)
		for _, p := range l.Phases {
			p.Lifecycle = l
			for _, ms := range p.Measures {
				ms.Phase = p
				ms.ReferredBy = nil
			}
		}
	}
	for _, l := range m.Lifecycles {
		for _, p := range l.Phases {
			for _, ms := range p.Measures {
				for _, r := range ms.Refs {
					for _, no := range r.Measures {
						if t := m.Measure(r.Lifecycle, r.Phase, no); t != nil && !slices.Contains(t.ReferredBy, ms) {
							t.ReferredBy = append(t.ReferredBy, ms)
						}
					}
				}
			}
		}
	}
	x.targets = map[string]*Target{}
	for _, t := range m.Targets {
		putFirst(x.targets, t.Code, t)
	}
	x.marks = map[string]*Mark{}
	for _, mk := range m.Marks {
		putFirst(x.marks, mk.Symbol, mk)
	}
	x.requirements = map[string]*Requirement{}
	for _, r := range m.Requirements {
		putFirst(x.requirements, r.ID, r)
		r.IncludedBy, r.SameAsOf = nil, nil
	}
	x.codes = map[string]map[string][]*Requirement{"uk": {}, "sb327": {}, "cpsf": {}}
	for _, r := range m.Requirements {
		for _, id := range r.Includes {
			if t := x.requirements[id]; t != nil && !slices.Contains(t.IncludedBy, r) {
				t.IncludedBy = append(t.IncludedBy, r)
			}
		}
		if t := x.requirements[r.SameAs]; t != nil && r.SameAs != "" {
			t.SameAsOf = append(t.SameAsOf, r)
		}
		for _, fm := range r.Mappings() {
			if fm.Mapping == nil {
				continue
			}
			for _, code := range fm.Mapping.Refs {
				if l := x.codes[fm.Key][code]; len(l) == 0 || l[len(l)-1] != r {
					x.codes[fm.Key][code] = append(l, r)
				}
			}
		}
	}
	x.scoreErrata = map[string]*Erratum{}
	for _, er := range m.Errata {
		if er.Kind == "score" {
			putFirst(x.scoreErrata, scoreKey(er.Threat, er.Table, er.Case), er)
		}
	}
	m.deriveScores()
}

// deriveScores scores every assessment's vector with the calculator.
func (m *Model) deriveScores() {
	for _, t := range m.Threats {
		for _, a := range t.Assessments {
			a.Score = Score{}
			vec, err := calculator.Parse(a.Vector)
			if a.Vector == "" || err != nil {
				continue
			}
			v := tableScore(vec, a.Table)
			a.Score = Score{OK: true, Value: v.String(), Severity: calculator.SeverityOf(v).String(),
				Erratum: m.ScoreErratum(t.ID, a.Table, a.Case)}
		}
	}
}

// tableScore is the value a score table reports for a vector: the base
// score before mitigation, the environmental score after it.
func tableScore(vec calculator.Vector, table string) calculator.Score {
	sc := vec.Score()
	if _, after := afterTables[table]; after {
		return sc.Environmental
	}
	return sc.Base
}
