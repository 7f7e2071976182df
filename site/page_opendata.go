package site

import (
	"html/template"
	"strconv"
)

func init() { registerArea(openDataArea{}) }

// openDataArea is the open data: the JSON files and the page that documents them.
type openDataArea struct{}

func (openDataArea) name() string { return "opendata" }

// OpenDataFile documents one JSON file on the open-data page.
type OpenDataFile struct {
	Name    string // "requirements.json"
	Path    string // "data/requirements.json"
	Title   string
	Count   string
	Fields  []OpenDataField
	Example template.HTML // highlighted JSON of the first item
}

// OpenDataField is a row of a fields table.
type OpenDataField struct {
	Name, Type, Meaning string
}

// OpenDataPage is the data of the open-data page.
type OpenDataPage struct {
	Files []OpenDataFile
	Shell template.HTML
}

func (openDataArea) build(s *Site) error {
	reqs, threats, lcs := s.openRequirements(), s.openThreats(), s.openLifecycles()
	s.AddFile("data/requirements.json", marshalJSON(reqs, false))
	s.AddFile("data/threats.json", marshalJSON(threats, false))
	s.AddFile("data/lifecycles.json", marshalJSON(lcs, false))

	example := func(v any) template.HTML { return s.highlight("json", string(marshalJSON(v, true))) }
	var reqEx, threatEx, lcEx any
	if len(reqs.Requirements) > 0 {
		reqEx = map[string]any{"requirements": reqs.Requirements[:1]}
	}
	if len(threats.Threats) > 0 && len(threats.EntryPoints) > 0 {
		threatEx = map[string]any{"entryPoints": threats.EntryPoints[:1], "threats": threats.Threats[:1]}
	}
	if len(lcs.Lifecycles) > 0 && len(lcs.Lifecycles[0].Phases) > 0 {
		l := lcs.Lifecycles[0]
		p := l.Phases[0]
		if len(p.Measures) > 1 {
			p.Measures = p.Measures[:1]
		}
		l.Phases = []phaseJSON{p}
		lcEx = map[string]any{"lifecycles": []lifecycleJSON{l}}
	}
	origin := s.Opt.URL
	if origin == "" {
		origin = "https://example.org"
	}
	shell := "curl -s " + origin + s.url("data/requirements.json") + " \\\n" +
		"  | jq -r '.requirements[] | select(.level == 3 and .target == \"H\") | \"\\(.id)\\t\\(.title)\"'"
	data := OpenDataPage{
		Shell: s.highlight("bash", shell),
		Files: []OpenDataFile{
			{
				Name: "requirements.json", Path: "data/requirements.json", Title: "セキュリティ要件・要求事項",
				Count: strconv.Itoa(len(reqs.Requirements)) + " 項目",
				Fields: []OpenDataField{
					{"requirements[].id", "string", "要件・要求事項の番号（R2-1、SR3-H-5 など）"},
					{"requirements[].level", "number", "レベル: 2（★★）または 3（★★★）"},
					{"requirements[].target", "string", "対象: service（サービス）、SP、PP、H、D、A（表 6-2）"},
					{"requirements[].title", "string", "項目"},
					{"requirements[].body", "string", "内容（プレーンテキスト、改行区切り。箇条書きは「・」）"},
					{"requirements[].uk / sb327 / cpsf", "object", "関連ガイドラインとの対応: symbol（◎ ○ =、表 6-1。原典が「※★★参照」などの注記のみの場合は空文字）と refs（参照項目の配列: UK5、1798.91.05、CPS.AC-3 など）"},
					{"requirements[].url", "string", "この項目のページ（サイト内の絶対パス）"},
				},
				Example: example(reqEx),
			},
			{
				Name: "threats.json", Path: "data/threats.json", Title: "エントリーポイントと脅威・リスク値",
				Count: strconv.Itoa(len(threats.EntryPoints)) + " エントリーポイント・" + strconv.Itoa(len(threats.Threats)) + " 脅威",
				Fields: []OpenDataField{
					{"entryPoints[].number", "number", "EP 番号（1～10）"},
					{"entryPoints[].name", "string", "エントリーポイント名"},
					{"entryPoints[].classes", "string[]", "STRIDE+CCDS モデルによる脅威分類（表 3-3 の名称）"},
					{"threats[].id", "string", "脅威の識別子（ep1-unauthorized-access など）"},
					{"threats[].entryPoint", "number", "EP 番号（1～10）"},
					{"threats[].class", "string", "脅威分類（表 3-3 の名称）"},
					{"threats[].example", "string", "想定される脅威の事例（表 3-10、表 3-11）"},
					{"threats[].url", "string", "この脅威のページ（サイト内の絶対パス）"},
					{"threats[].assessments[].table", "string", "表番号: 3-12、3-37、3-38、3-39（対策前）、3-40、3-41（対策後）"},
					{"threats[].assessments[].case", "string", "表 3-37 の算定例（① ② ③）。他の表では省略"},
					{"threats[].assessments[].vector", "string", "ベクトル。対策後の表では、同じ脅威の対策前の行の基本評価指標に、その表の緩和策後の指標を加えたもの"},
					{"threats[].assessments[].published", "string", "原典に掲載された値（原典の表記のまま）"},
					{"threats[].assessments[].computed", "string", "ベクトルからスマートホーム独自方式で計算した値（小数 1 桁）"},
					{"threats[].assessments[].erratum", "boolean", "published と computed が異なる場合 true（正誤・訂正一覧に理由を記載）"},
				},
				Example: example(threatEx),
			},
			{
				Name: "lifecycles.json", Path: "data/lifecycles.json", Title: "ライフサイクルとセキュリティへの取組み",
				Count: strconv.Itoa(len(lcs.Lifecycles)) + " ライフサイクル",
				Fields: []OpenDataField{
					{"lifecycles[].id", "string", "service（スマートホームサービス）または house（スマートホーム）"},
					{"lifecycles[].name", "string", "ライフサイクル名"},
					{"lifecycles[].phases[].name", "string", "フェーズ名"},
					{"lifecycles[].phases[].description", "string", "フェーズの説明（表 5-1、表 5-7）"},
					{"lifecycles[].phases[].measures[].no", "number", "取組みの番号"},
					{"lifecycles[].phases[].measures[].title", "string", "項目"},
					{"lifecycles[].phases[].measures[].body", "string", "説明（プレーンテキスト、改行区切り）"},
					{"lifecycles[].phases[].measures[].url", "string", "この取組みのページ（サイト内の絶対パス）"},
				},
				Example: example(lcEx),
			},
		},
	}
	s.AddPage(&Page{
		Path: "open-data/", Title: "オープンデータ", Template: "open-data",
		Description: "要件・脅威・ライフサイクルの JSON データとそのフィールド。",
		Data:        data,
	})
	return nil
}
