package search

import (
	"strconv"
	"strings"
	"testing"
)

// fixtureDocs are a few items of the guideline, as the site produces them
// (wording from the source; the full index is tested in site/).
var fixtureDocs = []Doc{
	{ID: "requirement/SR2-SP-1", Kind: KindRequirement, Label: "SR2-SP-1", Title: "共通要件への対応",
		Body: "IoT 分野共通セキュリティガイドラインの共通要件★と同等の対策を満たしていること。", URL: "requirements/sr2-sp-1/",
		Codes: []Code{{"UK", "UK1"}, {"UK", "UK6"}, {"UK", "UK13"}, {"SB-327", "1798.91.05"}, {"CPSF", "CPS.IP-1"}, {"CPSF", "CPS.IP-6"}, {"CPSF", "CPS.PT-2"}}},
	{ID: "requirement/SR2-SP-4", Kind: KindRequirement, Label: "SR2-SP-4", Title: "サーバログイン時におけるユーザ認証の実施",
		Body: "ログインユーザ（オペレータ）に対する認証を行う仕組みを有すること。\n総当たり攻撃対策を行い、危険化が疑われる場合には値の変更が可能な実装とすること。", URL: "requirements/sr2-sp-4/",
		Codes: []Code{{"CPSF", "CPS.AC-3"}, {"CPSF", "CPS.AC-5"}, {"CPSF", "CPS.AC-6"}, {"CPSF", "CPS.AC-9"}}},
	{ID: "requirement/SR3-H-5", Kind: KindRequirement, Label: "SR3-H-5", Title: "LAN 内接続機器との通信経路暗号化",
		Body: "LAN 内接続機器との通信は、通信経路の暗号化を行うこと。\n※ホームゲートウェイと LAN 内の機器が、有線で接続される場合には、対象外とする。", URL: "requirements/sr3-h-5/",
		Codes: []Code{{"UK", "UK5"}, {"CPSF", "CPS.DS-3"}}},
	{ID: "requirement/SR3-H-7", Kind: KindRequirement, Label: "SR3-H-7", Title: "鍵管理",
		Body: "通信経路暗号化やデータの暗号化に用いる鍵の管理を適切に行うこと。\n※鍵管理の方法については、以下を参考にガイドラインに準拠した実装とすること。", URL: "requirements/sr3-h-7/",
		Codes: []Code{{"UK", "UK4"}, {"CPSF", "CPS.DS-5"}}},
	{ID: "requirement/SR2-D-5", Kind: KindRequirement, Label: "SR2-D-5", Title: "報告された脆弱性に対する更新ソフトウェアの提供",
		Body: "機器のソフトウェアやファームウェアに脆弱性が報告された場合には、テストを実施した上で、速やかに更新用ソフトウェアの提供を行うこと。", URL: "requirements/sr2-d-5/",
		Codes: []Code{{"UK", "UK3"}, {"CPSF", "CPS.DS-7"}, {"CPSF", "CPS.MA-1"}}},
	{ID: "requirement/R2-9", Kind: KindRequirement, Label: "R2-9", Title: "転売時のスマートホーム構成機器に対する初期化及びアップデート",
		Body: "転売時には、スマートホーム内の構成機器に対して、下記の対応を行った上で、新しい利用者への引継ぎを行うこと。\n1) 設定及び収集、蓄積した情報の初期化を行うこと。", URL: "requirements/r2-9/",
		Codes: []Code{{"UK", "UK3"}, {"UK", "UK8"}, {"CPSF", "CPS.DS-7"}, {"CPSF", "CPS.MA-1"}}},
	{ID: "section/5.4.5", Kind: KindSection, Label: "5.4.5", Title: "転売フェーズ",
		Body: "転売フェーズにおけるセキュリティへの取り組みを以下に示す。", URL: "chapters/5/#s5.4.5"},
	{ID: "lifecycle/house/resale/3", Kind: KindLifecycle, Title: "転売後の管理",
		Body: "次利用者へ免責事項とセキュリティ上の注意事項を周知する。", URL: "lifecycles/house/#resale-3"},
	{ID: "section/3.4", Kind: KindSection, Label: "3.4", Title: "想定される脅威の詳細分析",
		Body: "Ethernet: CAT ケーブルを通信媒体とし 10Mbps～1 Gbps のデータ伝送を行う規格であり、IEEE802.3 として規格化されている。\nBluetooth: 数 m から数十 m 程度の距離の情報機器間で、電波を使い簡易な情報のやりとりを行う使用される。\nZigBee とは、センサーネットワークを主目的とする近距離無線通信規格の一つであり、基礎部分の（電気的な）仕様は IEEE 802.15.4 として規格化されている。\nWi-Fi (wireless fidelity) は、WiFi Aliance によって IEEE802.11 シリーズを利用した無線 LAN 機器間の相互接続性を認証されたこと (Wi-Fi Certified) を示す、ブランド名である。", URL: "chapters/3/#s3.4"},
	{ID: "threat/ep5-stepping-stone", Kind: KindThreat, Label: "EP⑤", Title: "踏み台",
		Body: "BOT 化等、攻撃の踏み台として悪用される\nホームゲートウェイ", URL: "threats/ep5-stepping-stone/"},
	{ID: "entry-point/5", Kind: KindEntryPoint, Label: "EP⑤", Title: "ホームゲートウェイ",
		Body: "不正アクセス 情報の暴露 データ改ざん なりすまし マルウェア感染 サービス不能 踏み台", URL: "threats/#ep5"},
	{ID: "term/API", Kind: KindTerm, Label: "API", Title: "API", Body: "Application Program Interface", URL: "glossary/#API"},
	{ID: "metric/LP", Kind: KindMetric, Label: "LP", Title: "生命・財産への影響", Body: "脆弱性への攻撃が生命・財産に影響を及ぼす可能性を評価する。", URL: "metrics/#LP"},
	{ID: "reference/25", Kind: KindReference, Label: "[25]", Title: "NIST SP800-57 Part1 鍵管理における推奨事項（第一部：一般事項）", Body: "アメリカ国立標準技術研究所（NIST）※翻訳：IPA", URL: "references/#ref25"},
	{ID: "threat/ep5-information-disclosure-storage", Kind: KindThreat, Label: "EP⑤", Title: "接続されたストレージデバイスによる情報の暴露 (USB インターフェース等の対応機器)",
		Body: "情報の暴露\nユーザ (意図的)", URL: "threats/ep5-information-disclosure-storage/"},
	{ID: "where/3", Kind: KindSection, Label: "", Title: "非正規 I/F", Body: "ふさぎ忘れた不要ポート、製造時にだけ使用する USB 端子など", URL: "chapters/3/#t3-9"},
}

func fixtureIndex(t testing.TB) *Index {
	t.Helper()
	ix, err := Build(fixtureDocs, fixtureThesaurus)
	if err != nil {
		t.Fatal(err)
	}
	// Queries run on the decoded index, as in the browser.
	dx, err := Decode(ix.Encode())
	if err != nil {
		t.Fatal(err)
	}
	return dx
}

// ids returns the IDs of a response's results.
func ids(r Response) []string {
	out := make([]string, len(r.Results))
	for i, x := range r.Results {
		out[i] = x.ID
	}
	return out
}

// fixtureThesaurus is a few entries of content/synonyms.yaml and
// content/english.yaml.
var fixtureThesaurus = Thesaurus{
	Synonyms: []Synonym{
		{Word: "アップデート", Also: []string{"更新"}},
		{Word: "更新", Also: []string{"アップデート"}},
		{Word: "ファームウェア", Also: []string{"ソフトウェア"}},
		{Word: "暗号化", Also: []string{"暗号"}},
	},
	English: []English{
		{En: "firmware", Ja: []string{"ファームウェア"}},
		{En: "update", Ja: []string{"アップデート", "更新"}},
		{En: "key management", Ja: []string{"鍵管理"}},
		{En: "key", Ja: []string{"鍵"}},
		{En: "stepping stone", Ja: []string{"踏み台"}},
		{En: "log", Ja: []string{"ログ"}},
	},
}

// syntheticDocs makes n documents of mixed Japanese and Latin text from the
// fixture, for benchmarks and size tests.
func syntheticDocs(n int) []Doc {
	docs := make([]Doc, n)
	for i := range docs {
		d := fixtureDocs[i%len(fixtureDocs)]
		d.ID += "#" + strconv.Itoa(i)
		d.Body = strings.Repeat(d.Body+"\n", 1+i%4)
		docs[i] = d
	}
	return docs
}
