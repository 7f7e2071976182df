package site

import (
	"html/template"

	"shguide/calculator"
)

// renderTable draws a table of captions.yaml from the model, framed with
// its caption and anchor, exactly as a {{table N-M}} directive shows it.
func (s *Site) renderTable(id string) template.HTML {
	c := s.M.Table(id)
	if c == nil {
		s.fail("table %s: not in %s", id, fileCaptions)
		return ""
	}
	name, data := s.tableSource(id)
	if name == "" {
		s.fail("表 %s (%s): no renderer for this table", id, c.Caption)
		return ""
	}
	body := s.partial(name, data)
	return s.partial("table-frame", dict("Caption", c, "Body", body))
}

// tableSource maps a table number to the partial template that draws it and
// the data it needs. Tables are drawn from the catalogue they belong to, so
// a new table only needs a case here and a partial in _tables.html.
func (s *Site) tableSource(id string) (string, any) {
	m := s.M
	switch id {
	case "1-1":
		return "tbl-terms", dict("Head", "用語", "Rows", m.Terms)
	case "1-2":
		return "tbl-abbr", m.Abbreviations
	case "2-1":
		return "tbl-terms", dict("Head", "用語", "Rows", m.Definitions)
	case "2-2":
		return "tbl-levels", m.Levels
	case "2-3":
		return "tbl-components", m.Components
	case "3-1":
		return "tbl-steps", m.RiskSteps
	case "3-2":
		return "tbl-assets", dict("Assets", m.Assets, "Notes", m.AssetNotes)
	case "3-3":
		return "tbl-classes", m.Classes
	case "3-4":
		return "tbl-entrypoints", m.EntryPoints
	case "3-5":
		return "tbl-items", dict("Rows", m.AnalysisItems, "Head", "項目")
	case "3-6":
		return "tbl-items", dict("Rows", m.Interfaces, "Head", "項目", "Note", m.InterfacesNote)
	case "3-7":
		return "tbl-items", dict("Rows", m.Who, "Head", "項目")
	case "3-8":
		return "tbl-items", dict("Rows", m.Whom, "Head", "項目")
	case "3-9":
		return "tbl-items", dict("Rows", m.Where, "Head", "項目")
	case "3-10", "3-11":
		// 表3-10 covers the service platforms (EP①–④), 表3-11 the home side.
		lo, hi := 1, 4
		if id == "3-11" {
			lo, hi = 5, 99
		}
		var ts []*Threat
		for _, t := range m.Threats {
			if t.EntryPoint >= lo && t.EntryPoint <= hi {
				ts = append(ts, t)
			}
		}
		return "tbl-analysis", s.analysisGroups(ts)
	case "3-12", "3-37", "3-38", "3-39", "3-40", "3-41":
		return "tbl-scores", s.scoreTable(id)
	case "3-13":
		return "tbl-issues", m.CVSSIssues
	case "3-14":
		return "tbl-criteria", m.Criteria
	case "3-15":
		return "tbl-params", dict("Metrics", m.BaseMetrics)
	case "3-24":
		return "tbl-params", dict("Metrics", m.EnvironmentalMetrics, "Grouped", true)
	case "3-36":
		return "tbl-severity", m.Severity
	case "6-1":
		return "tbl-marks", m.Marks
	case "6-2":
		return "tbl-numbering", m.Numbering
	}
	for _, uc := range m.UseCases {
		if uc.Table == id {
			return "tbl-usecase", uc
		}
	}
	if ms := m.MetricsIn(id); len(ms) > 0 {
		return "tbl-metric", ms
	}
	for _, l := range m.Lifecycles {
		if l.Table == id {
			return "tbl-phases", l
		}
	}
	if p := m.PhaseWithTable(id); p != nil {
		return "tbl-measures", p
	}
	for _, t := range m.Targets {
		if t.Table == id {
			return "tbl-requirements", dict("Target", t, "Rows", m.RequirementsOf(t.Code, 0))
		}
	}
	return "", nil
}

// EPGroup is the threats of one entry point, for tables grouped by EP.
type EPGroup struct {
	EP      *EntryPoint
	Threats []*Threat
}

func (s *Site) analysisGroups(ts []*Threat) []EPGroup {
	var out []EPGroup
	for _, t := range ts {
		if len(out) == 0 || out[len(out)-1].EP.Number != t.EntryPoint {
			ep := s.M.EntryPoint(t.EntryPoint)
			if ep == nil {
				continue
			}
			out = append(out, EPGroup{EP: ep})
		}
		out[len(out)-1].Threats = append(out[len(out)-1].Threats, t)
	}
	return out
}

// ScoreTable is a score table (表3-12, 表3-37 to 表3-41) ready to draw.
type ScoreTable struct {
	ID      string
	After   bool      // after mitigation: modified metrics are shown
	Columns []*Metric // metric columns
	Rows    []ScoreRow
}

// ScoreRow is one assessment with its metric values as labelled cells.
type ScoreRow struct {
	A      *Assessment
	Threat *Threat
	EP     *EntryPoint
	Class  *ThreatClass
	Cells  []MetricCell
}

// MetricCell is a metric's value in a vector: the value's label
// (ネットワーク) and code (N); Code is "" when the vector leaves it out.
type MetricCell struct {
	Code, Label string
}

var (
	beforeColumns = []string{"AV", "AC", "PR", "UI", "S", "C", "I", "A", "LP", "II"}
	afterColumns  = []string{"CR", "IR", "AR", "MAV", "MAC", "MPR", "MUI", "MS", "MC", "MI", "MA", "MLP", "MII"}
)

func (s *Site) scoreTable(id string) ScoreTable {
	st := ScoreTable{ID: id}
	cols := beforeColumns
	if _, after := afterTables[id]; after {
		st.After, cols = true, afterColumns
	}
	for _, abbr := range cols {
		mt := s.M.Metric(abbr)
		if mt == nil {
			mt = &Metric{Abbr: abbr, Name: abbr}
		}
		st.Columns = append(st.Columns, mt)
	}
	for _, a := range s.M.AssessmentsIn(id) {
		st.Rows = append(st.Rows, s.scoreRow(a, st.Columns))
	}
	return st
}

func (s *Site) scoreRow(a *Assessment, cols []*Metric) ScoreRow {
	r := ScoreRow{A: a, Threat: a.Threat, EP: s.M.EntryPoint(a.Threat.EntryPoint), Class: s.M.Class(a.Threat.Class)}
	vec, err := calculator.Parse(a.Vector)
	for _, mt := range cols {
		cell := MetricCell{}
		if cm, ok := calculator.LookupMetric(mt.Abbr); ok && err == nil {
			if code := vec.Code(cm); code != 0 && code != 'X' {
				cell.Code = string(code)
				cell.Label = cell.Code
				for _, v := range mt.Values {
					if v.Code == cell.Code {
						cell.Label = v.Label
					}
				}
			}
		}
		r.Cells = append(r.Cells, cell)
	}
	return r
}

// Scored lists a threat's assessments by table for the side-by-side view:
// before and after mitigation for the ★★ (表3-38/3-40) and ★★★ (表3-39/3-41)
// services.
type Scored struct {
	CVSS     *Assessment   // 表3-12
	Examples []*Assessment // 表3-37
	Before2  *Assessment   // 表3-38
	After2   *Assessment   // 表3-40
	Before3  *Assessment   // 表3-39
	After3   *Assessment   // 表3-41
}

// Scores groups a threat's assessments.
func (t *Threat) Scores() Scored {
	var sc Scored
	for _, a := range t.Assessments {
		switch a.Table {
		case "3-12":
			sc.CVSS = a
		case "3-37":
			sc.Examples = append(sc.Examples, a)
		case "3-38":
			sc.Before2 = a
		case "3-40":
			sc.After2 = a
		case "3-39":
			sc.Before3 = a
		case "3-41":
			sc.After3 = a
		}
	}
	return sc
}

// Differs reports whether the published value disagrees with the method.
func (a *Assessment) Differs() bool {
	if !a.Score.OK {
		return false
	}
	p, ok1 := calculator.ParseScore(a.Published)
	c, ok2 := calculator.ParseScore(a.Score.Value)
	return ok1 && ok2 && p != c
}

// PublishedSeverity is the English band of the published value.
func (a *Assessment) PublishedSeverity() string {
	if p, ok := calculator.ParseScore(a.Published); ok {
		return calculator.SeverityOf(p).String()
	}
	return ""
}
