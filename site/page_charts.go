package site

import "shguide/site/svg"

func init() { registerArea(chartsArea{}) }

// chartsArea is the risk charts of the two services before and after mitigation.
type chartsArea struct{}

func (chartsArea) name() string { return "threats-charts" }

// ChartsPage is the data of the risk-charts page.
type ChartsPage struct {
	Charts  []*svg.RiskChart
	Layouts any // svg.ChartLayouts: each has a Name
}

func (chartsArea) build(s *Site) error {
	charts, err := svg.RiskCharts(s.M, links{s})
	if err != nil {
		return err
	}
	s.AddPage(&Page{
		Path: "threats/charts/", Title: "リスク値のグラフ（対策前・対策後）", Template: "charts", Nav: "threats",
		Description: "★★シャッター自動開閉サービスと★★★防犯駆けつけサービスの、脅威ごとのリスク値（セキュリティ対策前・後）と深刻度の分布をグラフと表で示します。",
		Crumbs:      []Link{{"脅威とリスク値", "threats/"}},
		Data:        ChartsPage{Charts: charts, Layouts: svg.ChartLayouts},
	})
	return nil
}
