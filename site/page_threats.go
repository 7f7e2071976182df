package site

import (
	"fmt"
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
		"3-10": {"tbl-analysis", analysisTable(s, "3-10", threatsWhere(m, platformTarget))},
		"3-11": {"tbl-analysis", analysisTable(s, "3-11", threatsWhere(m, func(target string) bool { return !platformTarget(target) }))},
	}
	for _, id := range model.ScoreTables {
		t[id] = tableSource{"tbl-scores", scoreTable(s, id)}
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

// AnalysisTable is 表3-10 or 表3-11 as printed: the printed header and the
// threats grouped by entry point.
type AnalysisTable struct {
	Columns []string
	Groups  []EPGroup
}

// analysisColumns is the number of columns of 表3-10 and 表3-11: entry
// point, EP number, assets, class, example, I/F, Who, Whom, Where.
const analysisColumns = 9

func analysisTable(s *Site, id string, ts []*model.Threat) AnalysisTable {
	at := AnalysisTable{Groups: analysisGroups(s.M, ts)}
	c := s.M.Table(id)
	if c == nil {
		return at
	}
	at.Columns = c.Columns
	if len(at.Columns) != analysisColumns {
		s.fail("表 %s: captions.yaml columns lists %d printed columns, the table has %d", id, len(at.Columns), analysisColumns)
	}
	return at
}

// EPGroup is the threats of one entry point, for tables grouped by EP.
// Assets is the assets all its threats share (the printed table shows them
// once per entry point), nil when they differ.
type EPGroup struct {
	EP      *model.EntryPoint
	Threats []*model.Threat
	Assets  []*model.AssetGroup
}

func analysisGroups(m *model.Model, ts []*model.Threat) []EPGroup {
	var out []EPGroup
	for _, t := range ts {
		if len(out) == 0 || out[len(out)-1].EP.Number != t.EntryPoint {
			ep := m.EntryPoint(t.EntryPoint)
			if ep == nil {
				continue
			}
			out = append(out, EPGroup{EP: ep, Assets: t.Assets})
		}
		g := &out[len(out)-1]
		g.Threats = append(g.Threats, t)
		if g.Assets != nil && !sameAssets(g.Assets, t.Assets) {
			g.Assets = nil
		}
	}
	return out
}

func sameAssets(a, b []*model.AssetGroup) bool {
	return slices.EqualFunc(a, b, func(x, y *model.AssetGroup) bool {
		return x.Kind == y.Kind && slices.Equal(x.Items, y.Items) && slices.Equal(x.Details, y.Details)
	})
}

// ScoreTable is a score table (表3-12, 表3-37 to 表3-41) ready to draw: one
// part, or (表3-37) the printed sub-tables.
type ScoreTable struct {
	ID    string
	After bool // after mitigation: modified metrics are shown
	Parts []ScorePart
}

// ScorePart is a printed (sub-)table: its title (表3-37 only), header and
// rows.
type ScorePart struct {
	Title   string
	Groups  []*model.ColumnGroup
	Threat  []string      // headers of the four threat columns
	Columns []ScoreColumn // metric columns
	Result  []string      // headers of the score and severity columns
	Rest    int           // columns outside the groups (they span both header rows)
	Rows    []ScoreRow
}

// ScoreColumn is a metric column: its printed header and the metric.
type ScoreColumn struct {
	Head   string
	Metric *model.Metric
}

// ScoreRow is one assessment with its metric values as labelled cells.
// EPRows is the number of rows the entry point's name spans from this row
// (0 on the rows it covers).
type ScoreRow struct {
	A      *model.Assessment
	Threat *model.Threat
	EP     *model.EntryPoint
	Class  *model.ThreatClass
	Cells  []MetricCell
	EPRows int
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

func scoreTable(s *Site, id string) ScoreTable {
	m := s.M
	st := ScoreTable{ID: id}
	_, st.After = model.AfterMitigation(id)
	c := m.Table(id)
	if c == nil {
		return st
	}
	type part struct {
		cas, title string
		columns    []string
		groups     []*model.ColumnGroup
	}
	parts := []part{{"", "", c.Columns, c.ColumnGroups}}
	if len(c.Parts) > 0 {
		parts = parts[:0]
		for _, p := range c.Parts {
			parts = append(parts, part{p.Case, p.Title, p.Columns, p.ColumnGroups})
		}
	}
	for _, p := range parts {
		sp, err := scorePart(m, st.After, p.columns)
		if err != "" {
			s.fail("表 %s%s: captions.yaml columns: %s", id, p.cas, err)
			continue
		}
		sp.Title, sp.Groups = p.title, p.groups
		span := 0
		for _, g := range p.groups {
			span += g.Span
		}
		sp.Rest = len(p.columns) - span
		for _, a := range m.AssessmentsIn(id) {
			if a.Case == p.cas {
				sp.Rows = append(sp.Rows, scoreRow(m, a, sp.Columns))
			}
		}
		for i := 0; i < len(sp.Rows); {
			j := i + 1
			for j < len(sp.Rows) && sp.Rows[j].Threat.EntryPoint == sp.Rows[i].Threat.EntryPoint {
				j++
			}
			sp.Rows[i].EPRows = j - i
			i = j
		}
		st.Parts = append(st.Parts, sp)
	}
	return st
}

// scorePart lays out a printed header: four threat columns, the metric
// columns (the first n of the table's metrics: 表3-37 ① prints no LP and
// II), then the score and its severity.
func scorePart(m *model.Model, after bool, columns []string) (ScorePart, string) {
	metrics := beforeColumns
	if after {
		metrics = afterColumns
	}
	n := len(columns) - 6
	if n < 1 || n > len(metrics) {
		return ScorePart{}, fmt.Sprintf("%d printed columns; want 4 threat columns, up to %d metrics, score and severity", len(columns), len(metrics))
	}
	sp := ScorePart{Threat: columns[:4], Result: columns[4+n:]}
	for i, abbr := range metrics[:n] {
		mt := m.Metric(abbr)
		if mt == nil {
			mt = &model.Metric{Abbr: abbr, Name: abbr}
		}
		sp.Columns = append(sp.Columns, ScoreColumn{Head: columns[4+i], Metric: mt})
	}
	return sp, ""
}

func scoreRow(m *model.Model, a *model.Assessment, cols []ScoreColumn) ScoreRow {
	r := ScoreRow{A: a, Threat: a.Threat, EP: m.EntryPoint(a.Threat.EntryPoint), Class: m.Class(a.Threat.Class)}
	vec, err := calculator.Parse(a.Vector)
	for _, col := range cols {
		mt := col.Metric
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
	// A threat's class is its heading; its entry point, the assets (the
	// same for every threat of an entry point) and the analysis rows are
	// context.
	for _, t := range m.Threats {
		class := ""
		if c := m.Class(t.Class); c != nil {
			class = c.Name
		}
		body := ""
		if t.ScoredAs != "" && t.ScoredAs != t.Example {
			body = t.ScoredAs
		}
		var aside []string
		if ep := m.EntryPoint(t.EntryPoint); ep != nil {
			aside = append(aside, ep.Name)
		}
		for _, g := range t.Assets {
			aside = append(aside, assetKindName(g.Kind)+": "+strings.Join(g.Items, "、"))
		}
		for _, a := range t.Analysis {
			if l := strings.Join(a.Interfaces, "、") + " / " + a.Who + " / " + a.Where; !slices.Contains(aside, l) {
				aside = append(aside, l)
			}
		}
		add(rankThreats, search.Doc{ID: "threat/" + t.ID, Kind: search.KindThreat, Label: model.EPMark(t.EntryPoint), Title: t.Example,
			Heading: class, Body: body, Aside: strings.Join(aside, "\n"), URL: threatPath(t)})
	}
}
