package site

func init() {
	registerArea(area{name: "threats-charts", build: buildCharts})
}

// ChartsPage is the data of the risk-charts page.
type ChartsPage struct {
	Charts  []*RiskChart
	Layouts []*rcLayout
}

func buildCharts(s *Site) error {
	charts, err := s.RiskCharts()
	if err != nil {
		return err
	}
	s.AddPage(&Page{
		Path: "threats/charts/", Title: "リスク値のグラフ（対策前・対策後）", Template: "charts", Nav: "threats",
		Description: "★★シャッター自動開閉サービスと★★★防犯駆けつけサービスの、脅威ごとのリスク値（セキュリティ対策前・後）と深刻度の分布をグラフと表で示します。",
		Crumbs:      []Link{{"脅威とリスク値", "threats/"}},
		Data:        ChartsPage{Charts: charts, Layouts: rcLayouts},
	})
	return nil
}
