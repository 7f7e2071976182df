package site

import (
	"html/template"
	"io/fs"
	"strconv"
)

func init() { registerArea(openDataArea{}) }

// openDataArea is the open data: the JSON files with their schemas, the CSV
// lists and the page that documents them.
type openDataArea struct{}

func (openDataArea) name() string { return "opendata" }

// OpenDataFile documents one JSON file on the open-data page.
type OpenDataFile struct {
	Name    string // "requirements.json"
	Path    string // "data/requirements.json"
	Schema  string // "data/requirements.schema.json"
	CSV     string // "data/requirements.csv", if there is one
	Title   string
	Count   string
	Fields  []OpenDataField
	Example template.HTML // highlighted JSON of the first item
	Bytes   int           // size of the file
}

// OpenDataField is a row of a fields table.
type OpenDataField struct {
	Name, Type, Meaning string
}

// OpenDataVersion is a row of the format's history.
type OpenDataVersion struct {
	Version int
	Changes string
}

// OpenDataPage is the data of the open-data page.
type OpenDataPage struct {
	Version  int
	Files    []OpenDataFile
	Versions []OpenDataVersion
	Shell    template.HTML
}

// openDataVersions is the history of the format, newest first.
var openDataVersions = []OpenDataVersion{
	{2, "version と guideline を各ファイルの先頭に追加。requirements.json に mappingNote・sameAs・includes、threats.json に scoredAs・assets・analysis と各評価の severity・computedSeverity、lifecycles.json にフェーズの id を追加。glossary.json・errata.json、各ファイルの JSON Schema、requirements.csv・threats.csv を新設。"},
	{1, "requirements.json・threats.json・lifecycles.json を公開。"},
}

var headerFields = []OpenDataField{
	{"version", "number", "このファイルの形式の版（下の「版の履歴」）。フィールドを変えるたびに上げます"},
	{"guideline", "string", "データの出典のガイドラインの版（Ver. 1.0）"},
}

func (openDataArea) build(s *Site) error {
	reqs, threats, lcs, gl, errata := s.openRequirements(), s.openThreats(), s.openLifecycles(), s.openGlossary(), s.openErrata()
	sizes := map[string]int{}
	add := func(name string, data []byte) {
		s.AddFile(name, data)
		sizes[name] = len(data)
	}
	add("data/requirements.json", marshalJSON(reqs, false))
	add("data/threats.json", marshalJSON(threats, false))
	add("data/lifecycles.json", marshalJSON(lcs, false))
	add("data/glossary.json", marshalJSON(gl, false))
	add("data/errata.json", marshalJSON(errata, false))
	add("data/requirements.csv", requirementsCSV(reqs))
	add("data/threats.csv", threatsCSV(threats))
	names, err := fs.Glob(schemas, "schema/*.schema.json")
	if err != nil {
		return err
	}
	for _, n := range names {
		b, err := fs.ReadFile(schemas, n)
		if err != nil {
			return err
		}
		add("data/"+n[len("schema/"):], b)
	}

	example := func(v any) template.HTML { return s.highlight("json", string(marshalJSON(v, true))) }
	h := s.openHeader()
	var reqEx, threatEx, lcEx, glEx, errEx any
	if len(reqs.Requirements) > 0 {
		reqEx = requirementsJSON{h, reqs.Requirements[:1]}
	}
	if len(threats.Threats) > 0 && len(threats.EntryPoints) > 0 {
		t := threats.Threats[0]
		if len(t.Assessments) > 1 {
			t.Assessments = t.Assessments[:1]
		}
		threatEx = threatsJSON{h, threats.EntryPoints[:1], []threatJSON{t}}
	}
	if len(lcs.Lifecycles) > 0 && len(lcs.Lifecycles[0].Phases) > 0 {
		l := lcs.Lifecycles[0]
		p := l.Phases[0]
		if len(p.Measures) > 1 {
			p.Measures = p.Measures[:1]
		}
		l.Phases = []phaseJSON{p}
		lcEx = lifecyclesJSON{h, []lifecycleJSON{l}}
	}
	if len(gl.Terms) > 0 && len(gl.Abbreviations) > 0 && len(gl.Definitions) > 0 {
		glEx = glossaryJSON{h, gl.Terms[:1], gl.Abbreviations[:1], gl.Definitions[:1]}
	}
	for _, e := range errata.Errata {
		if e.Kind == "score" {
			errEx = errataJSON{h, []erratumJSON{e}}
			break
		}
	}
	if errEx == nil && len(errata.Errata) > 0 {
		errEx = errataJSON{h, errata.Errata[:1]}
	}
	origin := s.Opt.URL
	if origin == "" {
		origin = "https://example.org"
	}
	shell := "curl -s " + origin + s.url("data/requirements.json") + " \\\n" +
		"  | jq -r '.requirements[] | select(.level == 3 and .target == \"H\") | \"\\(.id)\\t\\(.title)\"'"
	file := func(f OpenDataFile) OpenDataFile {
		f.Schema = "data/" + f.Name[:len(f.Name)-len(".json")] + ".schema.json"
		f.Bytes = sizes[f.Path]
		f.Fields = append(append([]OpenDataField{}, headerFields...), f.Fields...)
		return f
	}
	data := OpenDataPage{
		Version:  openDataVersion,
		Versions: openDataVersions,
		Shell:    s.highlight("bash", shell),
		Files: []OpenDataFile{
			file(OpenDataFile{
				Name: "requirements.json", Path: "data/requirements.json", CSV: "data/requirements.csv", Title: "セキュリティ要件・要求事項（表 6-3～表 6-8）",
				Count: strconv.Itoa(len(reqs.Requirements)) + " 項目",
				Fields: []OpenDataField{
					{"requirements[].id", "string", "要件・要求事項の番号（R2-1、SR3-H-5 など）"},
					{"requirements[].level", "number", "レベル: 2（★★）または 3（★★★）"},
					{"requirements[].target", "string", "対象: service（サービス）、SP、PP、H、D、A（表 6-2）"},
					{"requirements[].title", "string", "項目"},
					{"requirements[].body", "string", "内容（プレーンテキスト、改行区切り。箇条書きは「・」）"},
					{"requirements[].uk / sb327 / cpsf", "object", "関連ガイドラインとの対応: symbol（◎ ○ =、表 6-1。原典が注記だけの場合と空欄の場合は空文字）と refs（参照項目の配列: UK5、1798.91.05、CPS.AC-3 など）"},
					{"requirements[].mappingNote", "string", "原典が対応欄に対応の代わりに印字している注記（「※★★参照」「※スマートホーム情報基盤を参照」）。ない場合は空文字"},
					{"requirements[].sameAs", "string", "同一の対策とされている項目（表 6-5 の SR2-PP-n → SR2-SP-n など）。ない場合は空文字"},
					{"requirements[].includes", "string[]", "「★★… への対応」の項目が対象とする項目（R3-1 → R2-1 … など）"},
					{"requirements[].url", "string", "この項目のページ（サイト内の絶対パス）"},
				},
				Example: example(reqEx),
			}),
			file(OpenDataFile{
				Name: "threats.json", Path: "data/threats.json", CSV: "data/threats.csv", Title: "エントリーポイントと脅威・詳細分析・リスク値（表 3-4、表 3-10～表 3-12、表 3-37～表 3-41）",
				Count: strconv.Itoa(len(threats.EntryPoints)) + " エントリーポイント・" + strconv.Itoa(len(threats.Threats)) + " 脅威",
				Fields: []OpenDataField{
					{"entryPoints[].number", "number", "EP 番号（1～10）"},
					{"entryPoints[].name", "string", "エントリーポイント名"},
					{"entryPoints[].classes", "string[]", "STRIDE+CCDS モデルによる脅威分類（表 3-3 の名称）"},
					{"threats[].id", "string", "脅威の識別子（ep1-unauthorized-access など）"},
					{"threats[].entryPoint", "number", "EP 番号（1～10）"},
					{"threats[].class", "string", "脅威分類（表 3-3 の名称）"},
					{"threats[].example", "string", "想定される脅威の事例（表 3-10、表 3-11 の文言）"},
					{"threats[].scoredAs", "string", "リスク値の表（表 3-12、表 3-37～表 3-41）での文言が異なる場合の文言。同じ場合は空文字"},
					{"threats[].assets[]", "object", "保護すべき資産（表 3-10、表 3-11）: kind（primary 一次資産、secondary 二次資産、both 一次資産/二次資産）、items（資産）、details（最後の資産の内訳。EP⑧ の「通信経路上のデータ」の下の 3 項目など。ない場合は空の配列）"},
					{"threats[].analysis[]", "object", "詳細分析の行（表 3-10、表 3-11）: interfaces（接続 I/F、表 3-6）、who（Who、表 3-7）、whom2・whom3（★★・★★★の Whom、表 3-8）、where（Where、表 3-9）。原典でセルが失われている場合は空文字・空の配列（正誤・訂正一覧に記載）"},
					{"threats[].url", "string", "この脅威のページ（サイト内の絶対パス）"},
					{"threats[].assessments[].table", "string", "表番号: 3-12、3-37、3-38、3-39（対策前）、3-40、3-41（対策後）"},
					{"threats[].assessments[].case", "string", "表 3-37 の算定例（① ② ③）。他の表では省略"},
					{"threats[].assessments[].vector", "string", "ベクトル。対策後の表では、同じ脅威の対策前の行の基本評価指標に、その表の緩和策後の指標を加えたもの"},
					{"threats[].assessments[].published", "string", "原典に掲載されたリスク値（原典の表記のまま: 9.3、10、5）"},
					{"threats[].assessments[].severity", "string", "原典に掲載された深刻度（リスク値ランク: 緊急、重要、警告、注意）"},
					{"threats[].assessments[].computed", "string", "ベクトルからスマートホーム独自方式で計算した値（小数 1 桁）"},
					{"threats[].assessments[].computedSeverity", "string", "computed の深刻度（表 3-36: 緊急、重要、警告、注意、なし）"},
					{"threats[].assessments[].erratum", "boolean", "published と computed が異なる場合 true（正誤・訂正一覧に理由を記載）"},
				},
				Example: example(threatEx),
			}),
			file(OpenDataFile{
				Name: "lifecycles.json", Path: "data/lifecycles.json", Title: "ライフサイクルとセキュリティへの取組み（表 5-1～表 5-13）",
				Count: strconv.Itoa(len(lcs.Lifecycles)) + " ライフサイクル",
				Fields: []OpenDataField{
					{"lifecycles[].id", "string", "service（スマートホームサービス）または house（スマートホーム）"},
					{"lifecycles[].name", "string", "ライフサイクル名"},
					{"lifecycles[].phases[].id", "string", "フェーズの識別子（planning、after など。ページのアンカー）"},
					{"lifecycles[].phases[].name", "string", "フェーズ名"},
					{"lifecycles[].phases[].description", "string", "フェーズの説明（表 5-1、表 5-7）"},
					{"lifecycles[].phases[].measures[].no", "number", "取組みの番号"},
					{"lifecycles[].phases[].measures[].title", "string", "項目"},
					{"lifecycles[].phases[].measures[].body", "string", "説明（プレーンテキスト、改行区切り）"},
					{"lifecycles[].phases[].measures[].url", "string", "この取組みのページ（サイト内の絶対パス）"},
				},
				Example: example(lcEx),
			}),
			file(OpenDataFile{
				Name: "glossary.json", Path: "data/glossary.json", Title: "用語・略称・定義（表 1-1、表 1-2、表 2-1）",
				Count: strconv.Itoa(len(gl.Terms)) + " 用語・" + strconv.Itoa(len(gl.Abbreviations)) + " 略称・" + strconv.Itoa(len(gl.Definitions)) + " 定義",
				Fields: []OpenDataField{
					{"terms[].term / description", "string", "用語とその説明（表 1-1）"},
					{"abbreviations[].abbr / name", "string", "略称とその名称（表 1-2）"},
					{"definitions[].term / description", "string", "本書におけるサービス・システムの定義（表 2-1）"},
					{"…[].url", "string", "用語集での位置（サイト内の絶対パス）"},
				},
				Example: example(glEx),
			}),
			file(OpenDataFile{
				Name: "errata.json", Path: "data/errata.json", Title: "正誤・訂正一覧",
				Count: strconv.Itoa(len(errata.Errata)) + " 件",
				Fields: []OpenDataField{
					{"errata[].id", "string", "番号（E001 など）"},
					{"errata[].kind", "string", "種類: transcription（転記時の再構成）、label（表記の訂正）、score（公表値と計算値の相違）、formula（計算式の解釈）、sic（原文のままの誤記）、note（原文どおりの注記）"},
					{"errata[].location", "string", "原典での位置（表・行・原文の行番号）"},
					{"errata[].source / used", "string", "原典の記載と、このサイトが用いたもの"},
					{"errata[].reason", "string", "理由"},
					{"errata[].threat / table / case / published / computed / vector", "string", "kind が score の場合: 脅威、表、算定例、公表値、計算値、ベクトル（ほかは空文字）"},
					{"errata[].sic[]", "object", "kind が sic の場合: text（原文のままの文言）と reading（推定される読み）"},
					{"errata[].url", "string", "正誤・訂正一覧での位置（サイト内の絶対パス）"},
				},
				Example: example(errEx),
			}),
		},
	}
	s.AddPage(&Page{
		Path: "open-data/", Title: "オープンデータ", Template: "open-data",
		Description: "要件・脅威・ライフサイクル・用語・正誤の JSON データ（JSON Schema 付き）と CSV、そのフィールドと版。",
		Styles:      []string{chromaStyle},
		Data:        data,
	})
	return nil
}
