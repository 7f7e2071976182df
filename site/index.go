package site

import (
	"sort"
	"strings"
)

// index holds lookups built by Load. Lookups tolerate dangling references
// (they return nil); Validate reports them.
type index struct {
	tables, figures map[string]*Caption
	chapters        map[int]*Chapter
	sections        map[string]*Section
	subsections     map[string]*Subsection
	placements      map[string]*Placement // "table:3-4"
	references      map[int]*Reference
	components      map[string]*Component
	classes         map[string]*ThreatClass // by id
	classNames      map[string]*ThreatClass // by Japanese name
	entryPoints     map[int]*EntryPoint
	threats         map[string]*Threat
	metrics         map[string]*Metric // by abbreviation
	lifecycles      map[string]*Lifecycle
	targets         map[string]*Target
	marks           map[string]*Mark
	requirements    map[string]*Requirement
	errata          map[string]*Erratum
	scoreErrata     map[string]*Erratum // scoreKey(threat, table, case)
	codes           map[string]map[string][]*Requirement
}

func scoreKey(threat, table, cas string) string { return threat + "\x00" + table + "\x00" + cas }

// link builds the lookups and the derived fields (parents, back-links,
// placements). The first of duplicate keys wins; Validate reports duplicates.
func (m *Model) link() {
	x := &m.idx
	x.tables = map[string]*Caption{}
	for _, c := range m.Tables {
		putFirst(x.tables, c.ID, c)
	}
	x.figures = map[string]*Caption{}
	for _, c := range m.Figures {
		putFirst(x.figures, c.ID, c)
	}
	x.chapters = map[int]*Chapter{}
	x.sections = map[string]*Section{}
	x.subsections = map[string]*Subsection{}
	x.placements = map[string]*Placement{}
	m.Placements = nil
	for _, c := range m.Chapters {
		if _, ok := x.chapters[c.Number]; !ok {
			x.chapters[c.Number] = c
		}
		m.addPlacements(c, nil, c.Intro, c.IntroLine)
		for _, s := range c.Sections {
			putFirst(x.sections, s.Number, s)
			for _, ss := range s.Subsections {
				putFirst(x.subsections, ss.Number, ss)
			}
			m.addPlacements(c, s, s.Body, s.BodyLine)
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
	x.classNames = map[string]*ThreatClass{}
	for _, c := range m.Classes {
		putFirst(x.classes, c.ID, c)
		putFirst(x.classNames, c.Name, c)
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
						if t := m.Measure(r.Lifecycle, r.Phase, no); t != nil && !containsPtr(t.ReferredBy, ms) {
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
			if t := x.requirements[id]; t != nil && !containsPtr(t.IncludedBy, r) {
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
	x.errata = map[string]*Erratum{}
	x.scoreErrata = map[string]*Erratum{}
	for _, er := range m.Errata {
		putFirst(x.errata, er.ID, er)
		if er.Kind == "score" {
			putFirst(x.scoreErrata, scoreKey(er.Threat, er.Table, er.Case), er)
		}
	}
}

func (m *Model) addPlacements(c *Chapter, s *Section, md string, first int) {
	for _, d := range directives(md, first) {
		p := &Placement{Pos: Pos{File: c.Pos.File, Line: d.Line}, Kind: d.Kind, ID: d.ID, Chapter: c, Section: s}
		m.Placements = append(m.Placements, p)
		putFirst(m.idx.placements, d.Kind+":"+d.ID, p)
	}
}

func putFirst[V any](m map[string]V, k string, v V) {
	if _, ok := m[k]; !ok {
		m[k] = v
	}
}

func containsPtr[T comparable](list []T, x T) bool {
	for _, y := range list {
		if y == x {
			return true
		}
	}
	return false
}

// Lookups, usable from templates. Each returns nil when absent.

func (m *Model) Table(id string) *Caption            { return m.idx.tables[id] }
func (m *Model) Figure(id string) *Caption           { return m.idx.figures[id] }
func (m *Model) Chapter(n int) *Chapter              { return m.idx.chapters[n] }
func (m *Model) Section(num string) *Section         { return m.idx.sections[num] }
func (m *Model) Subsection(num string) *Subsection   { return m.idx.subsections[num] }
func (m *Model) Reference(no int) *Reference         { return m.idx.references[no] }
func (m *Model) Component(id string) *Component      { return m.idx.components[id] }
func (m *Model) Class(id string) *ThreatClass        { return m.idx.classes[id] }
func (m *Model) ClassNamed(name string) *ThreatClass { return m.idx.classNames[name] }
func (m *Model) EntryPoint(n int) *EntryPoint        { return m.idx.entryPoints[n] }
func (m *Model) Threat(id string) *Threat            { return m.idx.threats[id] }
func (m *Model) Metric(abbr string) *Metric          { return m.idx.metrics[abbr] }
func (m *Model) Lifecycle(id string) *Lifecycle      { return m.idx.lifecycles[id] }
func (m *Model) Target(code string) *Target          { return m.idx.targets[code] }
func (m *Model) Mark(symbol string) *Mark            { return m.idx.marks[symbol] }
func (m *Model) Requirement(id string) *Requirement  { return m.idx.requirements[id] }
func (m *Model) Erratum(id string) *Erratum          { return m.idx.errata[id] }

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
	ks := sortedKeys(m.idx.codes[column])
	sort.SliceStable(ks, func(i, j int) bool { return naturalLess(ks[i], ks[j]) })
	return ks
}

// MetricsIn lists the metrics whose values a table gives (表3-18: C, I, A).
func (m *Model) MetricsIn(table string) []*Metric {
	var out []*Metric
	for _, list := range [][]*Metric{m.BaseMetrics, m.TemporalMetrics, m.EnvironmentalMetrics} {
		for _, mt := range list {
			if mt.Table == table {
				out = append(out, mt)
			}
		}
	}
	return out
}

// PhaseWithTable finds the phase whose measures a table lists.
func (m *Model) PhaseWithTable(table string) *Phase {
	for _, l := range m.Lifecycles {
		for _, p := range l.Phases {
			if p.Table == table {
				return p
			}
		}
	}
	return nil
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

// slugID lower-cases an ID or code for a URL segment; dots become hyphens
// (CPS.AC-3 → cps-ac-3, 1798.91.05 → 1798-91-05).
func slugID(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	return strings.Trim(b.String(), "-")
}

// naturalLess orders strings with embedded numbers numerically.
func naturalLess(a, b string) bool {
	for a != "" && b != "" {
		da, db := digitsPrefix(a), digitsPrefix(b)
		if da != "" && db != "" {
			na, nb := strings.TrimLeft(da, "0"), strings.TrimLeft(db, "0")
			if len(na) != len(nb) {
				return len(na) < len(nb)
			}
			if na != nb {
				return na < nb
			}
			a, b = a[len(da):], b[len(db):]
			continue
		}
		if a[0] != b[0] {
			return a[0] < b[0]
		}
		a, b = a[1:], b[1:]
	}
	return len(a) < len(b)
}

func digitsPrefix(s string) string {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return s[:i]
}
