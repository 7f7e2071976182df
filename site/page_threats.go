package site

import (
	"slices"
	"strconv"
	"strings"

	"shguide/calculator"
	"shguide/search"
	"shguide/site/model"
)

func init() { registerArea(threatsArea{}) }

// threatsArea is chapter 3's threats: the overview by class and a page per
// entry point with its threats, their analysis and scores.
type threatsArea struct{}

func (threatsArea) name() string { return "threats" }

// EPPage is the data of an entry-point page.
type EPPage struct {
	EP      *model.EntryPoint
	Assets  []*model.Asset
	Threats []*model.Threat
	Target  *model.Target
}

// ClassThreats is a threat class with its threats across entry points.
type ClassThreats struct {
	Class   *model.ThreatClass
	Threats []*model.Threat
}

func (threatsArea) build(s *Site) error {
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
			if slices.Contains(a.EntryPoints, ep.Number) {
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

func (threatsArea) tables(s *Site) map[string]tableSource {
	m := s.M
	t := map[string]tableSource{
		"3-3": {"tbl-classes", m.Classes},
		"3-4": {"tbl-entrypoints", m.EntryPoints},
		// 表3-10 analyses the threats of the service platforms' entry points
		// (targets SP and PP), 表3-11 those of the home.
		"3-10": {"tbl-analysis", analysisGroups(m, threatsWhere(m, platformTarget))},
		"3-11": {"tbl-analysis", analysisGroups(m, threatsWhere(m, func(target string) bool { return !platformTarget(target) }))},
	}
	for _, id := range model.ScoreTables {
		t[id] = tableSource{"tbl-scores", scoreTable(m, id)}
	}
	return t
}

func platformTarget(target string) bool { return target == "SP" || target == "PP" }

// threatsWhere lists the threats of the entry points whose target passes.
func threatsWhere(m *model.Model, target func(string) bool) []*model.Threat {
	var ts []*model.Threat
	for _, t := range m.Threats {
		if ep := m.EntryPoint(t.EntryPoint); ep != nil && target(ep.Target) {
			ts = append(ts, t)
		}
	}
	return ts
}

// EPGroup is the threats of one entry point, for tables grouped by EP.
type EPGroup struct {
	EP      *model.EntryPoint
	Threats []*model.Threat
}

func analysisGroups(m *model.Model, ts []*model.Threat) []EPGroup {
	var out []EPGroup
	for _, t := range ts {
		if len(out) == 0 || out[len(out)-1].EP.Number != t.EntryPoint {
			ep := m.EntryPoint(t.EntryPoint)
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
	After   bool            // after mitigation: modified metrics are shown
	Columns []*model.Metric // metric columns
	Rows    []ScoreRow
}

// ScoreRow is one assessment with its metric values as labelled cells.
type ScoreRow struct {
	A      *model.Assessment
	Threat *model.Threat
	EP     *model.EntryPoint
	Class  *model.ThreatClass
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

func scoreTable(m *model.Model, id string) ScoreTable {
	st := ScoreTable{ID: id}
	cols := beforeColumns
	if _, after := model.AfterMitigation(id); after {
		st.After, cols = true, afterColumns
	}
	for _, abbr := range cols {
		mt := m.Metric(abbr)
		if mt == nil {
			mt = &model.Metric{Abbr: abbr, Name: abbr}
		}
		st.Columns = append(st.Columns, mt)
	}
	for _, a := range m.AssessmentsIn(id) {
		st.Rows = append(st.Rows, scoreRow(m, a, st.Columns))
	}
	return st
}

func scoreRow(m *model.Model, a *model.Assessment, cols []*model.Metric) ScoreRow {
	r := ScoreRow{A: a, Threat: a.Threat, EP: m.EntryPoint(a.Threat.EntryPoint), Class: m.Class(a.Threat.Class)}
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

// searchDocs: entry points (表3-4), threat classes (表3-3) and threats
// (表3-10, 表3-11).
func (threatsArea) searchDocs(s *Site, add func(int, search.Doc)) {
	m := s.M
	for _, ep := range m.EntryPoints {
		var classes []string
		for _, id := range ep.Classes {
			if c := m.Class(id); c != nil {
				classes = append(classes, c.Name)
			}
		}
		add(rankThreats, search.Doc{ID: "entry-point/" + strconv.Itoa(ep.Number), Kind: search.KindEntryPoint, Label: ep.Mark(),
			Title: ep.Name, Body: strings.Join(classes, "、"), URL: epPath(ep.Number)})
	}
	for _, c := range m.Classes {
		add(rankThreats, search.Doc{ID: "class/" + c.ID, Kind: search.KindThreat, Title: c.Name,
			Body: lines(c.Description, c.Model), URL: classPath(c.ID)})
	}
	for _, t := range m.Threats {
		var b []string
		if c := m.Class(t.Class); c != nil {
			b = append(b, c.Name)
		}
		if ep := m.EntryPoint(t.EntryPoint); ep != nil {
			b = append(b, ep.Name)
		}
		if t.ScoredAs != "" && t.ScoredAs != t.Example {
			b = append(b, t.ScoredAs)
		}
		for _, g := range t.Assets {
			b = append(b, assetKindName(g.Kind)+": "+strings.Join(g.Items, "、"))
		}
		for _, a := range t.Analysis {
			if l := strings.Join(a.Interfaces, "、") + " / " + a.Who + " / " + a.Where; !slices.Contains(b, l) {
				b = append(b, l)
			}
		}
		add(rankThreats, search.Doc{ID: "threat/" + t.ID, Kind: search.KindThreat, Label: model.EPMark(t.EntryPoint), Title: t.Example,
			Body: strings.Join(b, "\n"), URL: threatPath(t)})
	}
}
