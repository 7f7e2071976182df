package model

import (
	"cmp"
	"maps"
	"slices"
	"strings"
)

// index holds lookups built by Load. Lookups tolerate dangling references
// (they return nil); Validate reports them.
type index struct {
	tables, figures map[string]*Caption
	sections        map[string]*Section
	subsections     map[string]*Subsection
	placements      map[string]*Placement // "table:3-4"
	references      map[int]*Reference
	components      map[string]*Component
	classes         map[string]*ThreatClass // by id
	entryPoints     map[int]*EntryPoint
	threats         map[string]*Threat
	metrics         map[string]*Metric // by abbreviation
	lifecycles      map[string]*Lifecycle
	targets         map[string]*Target
	marks           map[string]*Mark
	requirements    map[string]*Requirement
	scoreErrata     map[string]*Erratum // scoreKey(threat, table, case)
	codes           map[string]map[string][]*Requirement
}

func scoreKey(threat, table, cas string) string { return threat + "\x00" + table + "\x00" + cas }

func putFirst[V any](m map[string]V, k string, v V) {
	if _, ok := m[k]; !ok {
		m[k] = v
	}
}

// Lookups, usable from templates. Each returns nil when absent.

func (m *Model) Table(id string) *Caption           { return m.idx.tables[id] }
func (m *Model) Figure(id string) *Caption          { return m.idx.figures[id] }
func (m *Model) Section(num string) *Section        { return m.idx.sections[num] }
func (m *Model) Subsection(num string) *Subsection  { return m.idx.subsections[num] }
func (m *Model) Reference(no int) *Reference        { return m.idx.references[no] }
func (m *Model) Component(id string) *Component     { return m.idx.components[id] }
func (m *Model) Class(id string) *ThreatClass       { return m.idx.classes[id] }
func (m *Model) EntryPoint(n int) *EntryPoint       { return m.idx.entryPoints[n] }
func (m *Model) Threat(id string) *Threat           { return m.idx.threats[id] }
func (m *Model) Metric(abbr string) *Metric         { return m.idx.metrics[abbr] }
func (m *Model) Lifecycle(id string) *Lifecycle     { return m.idx.lifecycles[id] }
func (m *Model) Target(code string) *Target         { return m.idx.targets[code] }
func (m *Model) Mark(symbol string) *Mark           { return m.idx.marks[symbol] }
func (m *Model) Requirement(id string) *Requirement { return m.idx.requirements[id] }

// Placement is where a table ("table") or figure ("figure") is placed.
func (m *Model) Placement(kind, id string) *Placement { return m.idx.placements[kind+":"+id] }

// ScoreErratum is the score erratum for an assessment row, if any.
func (m *Model) ScoreErratum(threat, table, cas string) *Erratum {
	return m.idx.scoreErrata[scoreKey(threat, table, cas)]
}

// Phase finds a phase of a lifecycle.
func (m *Model) Phase(lifecycle, phase string) *Phase {
	l := m.Lifecycle(lifecycle)
	if l == nil {
		return nil
	}
	for _, p := range l.Phases {
		if p.ID == phase {
			return p
		}
	}
	return nil
}

// Measure finds a measure by lifecycle, phase and number.
func (m *Model) Measure(lifecycle, phase string, no int) *Measure {
	p := m.Phase(lifecycle, phase)
	if p == nil {
		return nil
	}
	for _, ms := range p.Measures {
		if ms.No == no {
			return ms
		}
	}
	return nil
}

// ThreatsOf lists the threats of an entry point in file order.
func (m *Model) ThreatsOf(ep int) []*Threat {
	var out []*Threat
	for _, t := range m.Threats {
		if t.EntryPoint == ep {
			out = append(out, t)
		}
	}
	return out
}

// AssessmentsIn lists the assessments of a score table in file order.
func (m *Model) AssessmentsIn(table string) []*Assessment {
	var out []*Assessment
	for _, t := range m.Threats {
		for _, a := range t.Assessments {
			if a.Table == table {
				out = append(out, a)
			}
		}
	}
	return out
}

// RequirementsOf lists the requirements of a target (and level, 0 = any).
func (m *Model) RequirementsOf(target string, level int) []*Requirement {
	var out []*Requirement
	for _, r := range m.Requirements {
		if r.Target == target && (level == 0 || r.Level == level) {
			out = append(out, r)
		}
	}
	return out
}

// Citing lists the requirements citing a code in a mapping column
// ("uk", "sb327", "cpsf").
func (m *Model) Citing(column, code string) []*Requirement { return m.idx.codes[column][code] }

// Codes lists the codes cited in a mapping column, sorted naturally
// (UK2 before UK10).
func (m *Model) Codes(column string) []string {
	return slices.SortedStableFunc(maps.Keys(m.idx.codes[column]), naturalCompare)
}

// MappingColumn is one of the three mapping columns of a requirement.
type MappingColumn struct {
	Key     string // uk | sb327 | cpsf
	Name    string // UK | SB327 | CPSF
	Mapping *Mapping
}

// Mappings returns the UK, SB327 and CPSF columns in table order.
func (r *Requirement) Mappings() []MappingColumn {
	return []MappingColumn{{"uk", "UK", r.UK}, {"sb327", "SB327", r.SB327}, {"cpsf", "CPSF", r.CPSF}}
}

// naturalCompare orders strings with embedded numbers numerically
// (UK2 before UK10).
func naturalCompare(a, b string) int {
	for a != "" && b != "" {
		da, db := digitsPrefix(a), digitsPrefix(b)
		if da != "" && db != "" {
			na, nb := strings.TrimLeft(da, "0"), strings.TrimLeft(db, "0")
			if c := cmp.Compare(len(na), len(nb)); c != 0 {
				return c
			}
			if c := strings.Compare(na, nb); c != 0 {
				return c
			}
			a, b = a[len(da):], b[len(db):]
			continue
		}
		if c := cmp.Compare(a[0], b[0]); c != 0 {
			return c
		}
		a, b = a[1:], b[1:]
	}
	return cmp.Compare(len(a), len(b))
}

func digitsPrefix(s string) string {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return s[:i]
}
