package site

func init() {
	registerArea(area{name: "analysis", build: buildAnalysis})
}

// buildAnalysis adds the reference pages of chapters 2 and 3: system model,
// use cases, assets, risk-analysis steps and items, metrics, severity.
func buildAnalysis(s *Site) error {
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
