package site

import (
	"html/template"
	"strconv"
	"strings"

	"shguide/search"
	"shguide/site/markdown"
	"shguide/site/model"
	"shguide/site/svg"
)

func init() { registerArea(analysisArea{}) }

// analysisArea is the reference pages of chapters 2 and 3: system model,
// use cases, assets, risk-analysis steps and items, metrics, severity.
type analysisArea struct{}

func (analysisArea) name() string { return "analysis" }

func (analysisArea) build(s *Site) error {
	s.AddNav(NavItem{Key: "metrics", Title: "リスク評価方法", Path: "metrics/", Order: 50})
	pages := []*Page{
		{Path: "system-model/", Title: "システムモデルと構成機器", Template: "system-model", Nav: "threats",
			Description: "スマートホームのシステムモデル（図 2-3）の構成機器（表 2-3）とエントリーポイント。"},
		{Path: "use-cases/", Title: "ユースケース", Template: "use-cases", Nav: "threats",
			Description: "★★サービス（シャッター自動開閉）と★★★サービス（駆けつけ防犯）のユースケース（表 2-4、表 2-5）。"},
		{Path: "protected-assets/", Title: "保護すべき資産", Template: "assets", Nav: "threats",
			Description: "エントリーポイントごとの保護すべき資産（表 3-2）。"},
		{Path: "risk-analysis/", Title: "リスク分析の手順と詳細分析項目", Template: "risk-analysis", Nav: "metrics",
			Description: "リスク分析・評価の手順（表 3-1）と、想定される脅威の詳細分析項目（表 3-5～表 3-9）。"},
		{Path: "metrics/", Title: "リスク値の評価指標と計算式", Template: "metrics", Nav: "metrics",
			Description: "スマートホーム独自方式の基本値・環境値の評価指標（表 3-15～表 3-35）と計算式（図 3-2、図 3-3）。"},
		{Path: "severity/", Title: "深刻度レベル", Template: "severity", Nav: "metrics",
			Description: "リスク値の深刻度レベル分け（表 3-36）。"},
	}
	for _, p := range pages {
		s.AddPage(p)
	}
	return nil
}

func (analysisArea) tables(s *Site) map[string]tableSource {
	m := s.M
	t := map[string]tableSource{}
	// A metric's table gives the values of its metrics (表3-18: C, I, A).
	for _, list := range [][]*model.Metric{m.BaseMetrics, m.TemporalMetrics, m.EnvironmentalMetrics} {
		for _, mt := range list {
			if mt.Table != "" {
				ms, _ := t[mt.Table].data.([]*model.Metric)
				t[mt.Table] = tableSource{"tbl-metric", append(ms, mt)}
			}
		}
	}
	for _, uc := range m.UseCases {
		t[uc.Table] = tableSource{"tbl-usecase", uc}
	}
	t["2-2"] = tableSource{"tbl-levels", m.Levels}
	t["2-3"] = tableSource{"tbl-components", componentTable(s)}
	t["3-1"] = tableSource{"tbl-steps", m.RiskSteps}
	t["3-2"] = tableSource{"tbl-assets", dict("Assets", m.Assets, "Notes", m.AssetNotes)}
	t["3-5"] = tableSource{"tbl-items", dict("Rows", m.AnalysisItems, "Head", "項目")}
	t["3-6"] = tableSource{"tbl-items", dict("Rows", m.Interfaces, "Head", "項目", "Note", m.InterfacesNote)}
	t["3-7"] = tableSource{"tbl-items", dict("Rows", m.Who, "Head", "項目")}
	t["3-8"] = tableSource{"tbl-items", dict("Rows", m.Whom, "Head", "項目")}
	t["3-9"] = tableSource{"tbl-items", dict("Rows", m.Where, "Head", "項目")}
	t["3-13"] = tableSource{"tbl-issues", m.CVSSIssues}
	t["3-14"] = tableSource{"tbl-criteria", m.Criteria}
	t["3-15"] = tableSource{"tbl-params", dict("Metrics", m.BaseMetrics)}
	t["3-24"] = tableSource{"tbl-params", dict("Metrics", m.EnvironmentalMetrics, "Grouped", true)}
	t["3-36"] = tableSource{"tbl-severity", m.Severity}
	return t
}

func (analysisArea) figures() map[string]figureFunc {
	partial := func(name string, data func(m *model.Model) any) figureFunc {
		return func(s *Site, c *model.Caption) (template.HTML, error) { return s.partial(name, data(s.M)), nil }
	}
	// 図2-3 is the system model, 図3-1 the model with the entry points (3.3.1).
	systemModel := func(eps bool) figureFunc {
		return func(s *Site, c *model.Caption) (template.HTML, error) {
			return svg.SystemModel(s.M, links{s}, "f"+c.ID, "figure", eps)
		}
	}
	return map[string]figureFunc{
		"levels":                partial("fig-levels", func(m *model.Model) any { return m.Levels }),
		"formula-base":          partial("fig-formula", func(m *model.Model) any { return m.Formulas.Base }),
		"formula-environmental": partial("fig-formula", func(m *model.Model) any { return m.Formulas.Environmental }),
		"usecase-shutter":       usecaseFigure,
		"usecase-security":      usecaseFigure,
		"system-model":          systemModel(false),
		"system-model-ep":       systemModel(true),
	}
}

func usecaseFigure(s *Site, c *model.Caption) (template.HTML, error) {
	for _, uc := range s.M.UseCases {
		if uc.Figure == c.ID {
			return s.partial("fig-usecase", uc), nil
		}
	}
	return s.partial("fig-none", c), nil
}

// SystemModelSVG is the diagram for templates: {{.Site.SystemModelSVG
// "home" "small" true}} (see svg.SystemModel).
func (s *Site) SystemModelSVG(id, size string, eps bool) template.HTML {
	h, err := svg.SystemModel(s.M, links{s}, id, size, eps)
	if err != nil {
		s.fail("%v", err)
	}
	return h
}

func (analysisArea) searchDocs(s *Site, add func(int, search.Doc)) {
	m := s.M
	plain := markdown.PlainText
	// Metric definitions (表3-15 to 表3-35) and severity (表3-36).
	for _, list := range [][]*model.Metric{m.BaseMetrics, m.TemporalMetrics, m.EnvironmentalMetrics} {
		for _, mt := range list {
			b := []string{mt.Description}
			for _, v := range mt.Values {
				b = append(b, v.Label+" ("+v.Code+"): "+v.Description)
			}
			add(rankMetrics, search.Doc{ID: "metric/" + mt.Abbr, Kind: search.KindMetric, Label: mt.Abbr, Title: mt.Name,
				Body: lines(b...), URL: metricPath(mt.Abbr)})
		}
	}
	if len(m.Severity) > 0 {
		var b []string
		for _, sv := range m.Severity {
			b = append(b, sv.Name+" ("+sv.En+"): "+sv.Min+"～"+sv.Max)
		}
		add(rankMetrics, search.Doc{ID: "severity", Kind: search.KindMetric, Title: "深刻度レベル分け", Body: lines(b...), URL: "severity/"})
	}

	// Rows of the data tables that have no page of their own, linking to
	// the table.
	row := func(table, key, title, body string) {
		p := s.tablePath(table)
		if p == "" || title == "" {
			return
		}
		add(rankTableRows, search.Doc{ID: "row/" + table + "/" + key, Kind: search.KindSection, Title: title, Body: body, URL: p, Minor: true})
	}
	for _, l := range m.Levels {
		row("2-2", strconv.Itoa(l.Stars), l.Label+" "+l.Service, lines(l.Note, plain(l.Description)))
	}
	var comps func([]*model.Component)
	comps = func(cs []*model.Component) {
		for _, c := range cs {
			add(rankTableRows, search.Doc{ID: "component/" + c.ID, Kind: search.KindSection, Title: c.Name, Body: plain(c.Description),
				URL: componentPath(c.ID)})
			comps(c.Children)
		}
	}
	comps(m.Components)
	for _, u := range m.UseCases {
		for _, st := range u.Steps {
			row(u.Table, strconv.Itoa(st.No), st.Action, lines(plain(st.Description), u.Name))
		}
	}
	for _, st := range m.RiskSteps {
		row("3-1", strconv.Itoa(st.No), st.Title, plain(st.Description))
	}
	for i, a := range m.Assets {
		var b []string
		for _, d := range a.Devices {
			for _, g := range d.Groups {
				b = append(b, d.Name+" "+assetKindName(g.Kind)+": "+strings.Join(g.Items, "、")+" "+strings.Join(g.Details, "、"))
			}
		}
		row("3-2", strconv.Itoa(i), a.Target, lines(b...))
	}
	for _, x := range []struct {
		table string
		items []*model.AnalysisItem
	}{{"3-5", m.AnalysisItems}, {"3-6", m.Interfaces}, {"3-7", m.Who}, {"3-8", m.Whom}, {"3-9", m.Where}} {
		for _, it := range x.items {
			row(x.table, strconv.Itoa(it.No), it.Name, lines(plain(it.Description), it.Group))
		}
	}
	for i, c := range m.CVSSIssues {
		row("3-13", strconv.Itoa(i), c.Title, plain(c.Description))
	}
	for _, c := range m.Criteria {
		row("3-14", strconv.Itoa(c.No), c.Name, plain(c.Body))
	}
}

// ComponentTable is 表2-3 as printed (its rows and columns) and, apart,
// what the model adds to it: the parts the system model has that 表2-3
// does not list, and each part's entry points and requirement target.
type ComponentTable struct {
	Columns []string
	Rows    []ComponentRow
	Added   []ComponentRow // every component, with the model's additions
}

// ComponentRow is a row: a ■ group (Depth 0) or a member.
type ComponentRow struct {
	*model.Component
	Depth int
	For   *model.Target // the requirement target (表6-2), if any
}

// Printed reports whether 表2-3 lists the component.
func (r ComponentRow) Printed() bool { return r.Source == "" }

// componentColumns is the number of columns of 表2-3: 名称, 説明.
const componentColumns = 2

func componentTable(s *Site) ComponentTable {
	ct := ComponentTable{}
	if c := s.M.Table("2-3"); c != nil {
		ct.Columns = c.Columns
	}
	if s.M.Table("2-3") != nil && len(ct.Columns) != componentColumns {
		s.fail("表 2-3: captions.yaml columns lists %d printed columns, the table has %d", len(ct.Columns), componentColumns)
	}
	// Printed: the groups and their members; a part the model adds is
	// left out, its members stay where the source prints them.
	var printed func(cs []*model.Component, depth int)
	printed = func(cs []*model.Component, depth int) {
		for _, c := range cs {
			if c.Source != "" {
				printed(c.Children, depth)
				continue
			}
			ct.Rows = append(ct.Rows, ComponentRow{Component: c, Depth: min(depth, 1)})
			printed(c.Children, depth+1)
		}
	}
	printed(s.M.Components, 0)
	var all func(cs []*model.Component, depth int)
	all = func(cs []*model.Component, depth int) {
		for _, c := range cs {
			if c.Source != "" || len(c.EntryPoints) > 0 || c.Target != "" {
				ct.Added = append(ct.Added, ComponentRow{Component: c, Depth: depth, For: s.M.Target(c.Target)})
			}
			all(c.Children, depth+1)
		}
	}
	all(s.M.Components, 0)
	return ct
}
