package site

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"shguide/calculator"
	"shguide/calculator/worksheet"
	"shguide/site/model"
)

// The calculator area: the risk-value calculator (calculator/), the risk
// register (calculator/worksheet/) and the worksheet templates built from
// threats.yaml (calculator/templates.json). Scoring runs in the browser
// on the WebAssembly module (wasm/calc_js.go); the pages work as a
// reference of the metrics without it.

func init() { registerArea(calculatorArea{}) }

type calculatorArea struct{}

func (calculatorArea) name() string { return "calculator" }

// fragments: a link to calculator/#CVSS:3.0/… names a vector, not an
// element; the link checker parses it instead (a broken vector fails the
// build).
func (calculatorArea) fragments() map[string]func(string) string {
	return map[string]func(string) string{outputName(calculatorPath): func(frag string) string {
		if _, err := calculator.Parse(frag); err != nil {
			return "calculator vector: " + err.Error()
		}
		return ""
	}}
}

const (
	calculatorPath = "calculator/"
	worksheetPath  = "calculator/worksheet/"
	templatesPath  = "calculator/templates.json"
)

// CalcPage is the data of the calculator page.
type CalcPage struct {
	Groups       []*CalcGroup
	Severity     []*model.SeverityBand
	Examples     []CalcExample
	MetricsPath  string
	WorksheetURL string
}

// CalcGroup is a metric group: 基本値, 現状値 or 環境値.
type CalcGroup struct {
	ID      string // "base", "temporal", "environmental"
	Title   string
	Table   string // the guideline's table of the group ("3-15"), "" for temporal
	Metrics []*CalcMetric
}

// CalcMetric is one metric as a radio group.
type CalcMetric struct {
	*model.Metric
	ID       string // HTML id prefix: "m-av"
	Subgroup string // heading shown before the metric when it changes ("" none)
	Default  string // value checked without a vector: "" (none), "N", "X"
	Required bool   // one of the eight CVSS base metrics
	Values   []CalcValue
}

// CalcValue is a choice of a metric.
type CalcValue struct {
	*model.MetricValue
	ID     string // "m-av-n"
	Weight string // as printed; PR/MPR: "0.62 / 0.68（スコープ変更あり）"
}

// CalcExample is a link to the calculator with a published vector.
type CalcExample struct {
	Label string
	Path  string
}

// calcGroups orders the model's metrics as the calculator does (CVSS order
// with LP and II after A) and checks them against the calculator: every
// metric and value letter of the method must be offered, no other.
func calcGroups(m *model.Model) ([]*CalcGroup, error) {
	byAbbr := map[string]*model.Metric{}
	for _, list := range [][]*model.Metric{m.BaseMetrics, m.TemporalMetrics, m.EnvironmentalMetrics} {
		for _, mt := range list {
			byAbbr[mt.Abbr] = mt
		}
	}
	groups := []*CalcGroup{
		{ID: "base", Title: "基本値", Table: "3-15"},
		{ID: "temporal", Title: "現状値（CVSS v3.0）"},
		{ID: "environmental", Title: "環境値", Table: "3-24"},
	}
	prevGroup := ""
	for cm := calculator.Metric(0); cm < calculator.NumMetrics; cm++ {
		mt := byAbbr[cm.String()]
		if mt == nil {
			return nil, fmt.Errorf("metrics.yaml: no metric %s", cm)
		}
		delete(byAbbr, cm.String())
		g := groups[0]
		switch {
		case cm >= calculator.MetricCR:
			g = groups[2]
		case cm >= calculator.MetricE:
			g = groups[1]
		}
		c := &CalcMetric{Metric: mt, ID: "m-" + strings.ToLower(mt.Abbr), Required: cm.Required()}
		if mt.Group != prevGroup {
			c.Subgroup = mt.Group
			prevGroup = mt.Group
		}
		switch {
		case cm.Required():
		case cm.Base(): // LP, II: absent means N
			c.Default = "N"
		default:
			c.Default = "X"
		}
		codes := cm.Codes()
		if len(mt.Values) != len(codes) {
			return nil, fmt.Errorf("%s: metrics.yaml lists %d values, the calculator %d (%s)", mt.Pos, len(mt.Values), len(codes), codes)
		}
		for _, v := range mt.Values {
			if len(v.Code) != 1 || !strings.Contains(codes, v.Code) {
				return nil, fmt.Errorf("%s: %s value %q is not one of the calculator's %s", v.Pos, mt.Abbr, v.Code, codes)
			}
			w := v.Weight
			if v.WeightUnchanged != "" {
				w = v.WeightUnchanged + " / " + v.WeightChanged + "（スコープ変更あり）"
			}
			c.Values = append(c.Values, CalcValue{MetricValue: v, ID: c.ID + "-" + strings.ToLower(v.Code), Weight: w})
		}
		g.Metrics = append(g.Metrics, c)
	}
	if len(byAbbr) > 0 {
		return nil, fmt.Errorf("metrics.yaml: metrics the calculator does not know: %s", strings.Join(slices.Sorted(maps.Keys(byAbbr)), ", "))
	}
	return groups, nil
}

// WorksheetPage is the data of the worksheet page.
type WorksheetPage struct {
	Templates     []*WorksheetTemplate
	TemplatesURL  string
	CalculatorURL string
	MaxRows       int
	// StorageKey and LegacyKey are the localStorage keys of the
	// worksheets (package worksheet).
	StorageKey, LegacyKey string
}

// WorksheetTemplate is a starting point built from a score table: the rows
// of 表3-38 to 表3-41 with their vectors and published values.
type WorksheetTemplate struct {
	ID    string         `json:"id"`
	Title string         `json:"title"`
	Table string         `json:"table"`
	Rows  []WorksheetRow `json:"rows"`
}

// WorksheetRow is a row of a template, in the worksheet's import format.
type WorksheetRow struct {
	Name   string `json:"name"`
	Vector string `json:"vector"`
	Note   string `json:"note"`
}

// worksheetTemplates builds the templates from the threats' assessments.
func worksheetTemplates(m *model.Model) []*WorksheetTemplate {
	service := func(level int) string {
		for _, u := range m.UseCases {
			if u.Level == level {
				return u.Name
			}
		}
		return ""
	}
	specs := []struct {
		id, table string
		level     int
		phase     string
	}{
		{"star2-before", "3-38", 2, "セキュリティ対策前"},
		{"star2-after", "3-40", 2, "セキュリティ対策後"},
		{"star3-before", "3-39", 3, "セキュリティ対策前"},
		{"star3-after", "3-41", 3, "セキュリティ対策後"},
	}
	var out []*WorksheetTemplate
	for _, sp := range specs {
		t := &WorksheetTemplate{
			ID:    sp.id,
			Table: sp.table,
			Title: strings.Repeat("★", sp.level) + " " + service(sp.level) + " — " + sp.phase + "（表 " + sp.table + "）",
			Rows:  []WorksheetRow{},
		}
		for _, a := range m.AssessmentsIn(sp.table) {
			th := a.Threat
			name := th.ScoredAs
			if name == "" {
				name = th.Example
			}
			note := "表 " + a.Table + " 公表値 " + a.PublishedScore()
			if a.Severity != "" {
				note += "（" + a.Severity + "）"
			}
			if a.Differs() {
				note += "。計算値 " + a.Score.Value
				if a.Score.Erratum != nil {
					note += "（正誤 " + a.Score.Erratum.ID + "）"
				}
			}
			t.Rows = append(t.Rows, WorksheetRow{Name: model.EPMark(th.EntryPoint) + " " + name, Vector: a.Vector, Note: note})
		}
		out = append(out, t)
	}
	return out
}

func (calculatorArea) build(s *Site) error {
	groups, err := calcGroups(s.M)
	if err != nil {
		return err
	}
	s.AddNav(NavItem{Key: "calculator", Title: "リスク値計算機", Path: calculatorPath, Order: 55})
	var examples []CalcExample
	for _, id := range []string{"3-38", "3-39", "3-40", "3-41"} {
		list := s.M.AssessmentsIn(id)
		if len(list) == 0 {
			continue
		}
		a := list[0]
		examples = append(examples, CalcExample{
			Label: "表 " + id + " の最初の行（" + model.EPMark(a.Threat.EntryPoint) + "、公表値 " + a.PublishedScore() + "）",
			Path:  a.CalculatorPath(),
		})
	}
	s.AddPage(&Page{
		Path: calculatorPath, Title: "リスク値計算機", Template: "calculator", Nav: "calculator",
		Description: "スマートホーム独自方式（CVSS v3.0 + 生命・財産への影響 LP・情報の重要度 II）の基本値・現状値・環境値をブラウザーで計算します。入力はブラウザーの外に送信されません。",
		Scripts:     []string{"js/calculator.js"},
		Preload:     s.enginePreload(),
		Data: &CalcPage{Groups: groups, Severity: s.M.Severity, Examples: examples,
			MetricsPath: "metrics/", WorksheetURL: s.url(worksheetPath)},
	})
	tpls := worksheetTemplates(s.M)
	s.AddFile(templatesPath, marshalJSON(map[string]any{"templates": tpls}, false))
	s.AddPage(&Page{
		Path: worksheetPath, Title: "リスク評価ワークシート", Template: "calculator-worksheet", Nav: "calculator",
		Description: "複数の脅威のリスク値をまとめて評価するワークシート。CSV・JSON の読み込みと書き出し、ガイドラインの表 3-38〜3-41 からの開始に対応。データはブラウザー内にのみ保存されます。",
		Crumbs:      []Link{{"リスク値計算機", calculatorPath}},
		Scripts:     []string{"js/worksheet.js"}, Tools: true,
		Preload: s.toolsPreload(),
		Data: &WorksheetPage{Templates: tpls, TemplatesURL: s.url(templatesPath),
			CalculatorURL: s.url(calculatorPath), MaxRows: worksheet.MaxRows,
			StorageKey: worksheet.StorageKey, LegacyKey: worksheet.LegacyKey},
	})
	return nil
}
