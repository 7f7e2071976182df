package search

import (
	"slices"
	"strings"
	"testing"
)

// build indexes docs given as ID → title, body.
func build(t *testing.T, th Thesaurus, docs ...Doc) *Index {
	t.Helper()
	for i := range docs {
		if docs[i].URL == "" {
			docs[i].URL = docs[i].ID + "/"
		}
		if docs[i].Title == "" {
			docs[i].Title = docs[i].ID
		}
	}
	ix, err := Build(docs, th)
	if err != nil {
		t.Fatal(err)
	}
	dx, err := Decode(ix.Encode())
	if err != nil {
		t.Fatal(err)
	}
	return dx
}

// A katakana word matches katakana text only, never the same sounds in
// hiragana; a short one not inside a longer katakana word either.
func TestSearchScripts(t *testing.T) {
	ix := build(t, Thesaurus{},
		Doc{ID: "hiragana", Body: "確認するため、求める。定める。"},
		Doc{ID: "router", Body: "GW が接続された無線ルータの無線 LAN に接続して攻撃"},
		Doc{ID: "routers", Body: "ブロードバンドルーターを使う"},
		Doc{ID: "filter", Body: "フィルタを使う"},
		Doc{ID: "program", Body: "boot プログラムの更新"},
		Doc{ID: "log", Body: "ログ情報を集める。ログインする。"},
		Doc{ID: "key", Body: "キー、カード等の払い出し"},
		Doc{ID: "security", Body: "セキュリティ対策"},
	)
	tests := []struct {
		q    string
		want []string
	}{
		{"ルータ", []string{"router", "routers"}}, // not するため, フィルタ
		{"ルーター", []string{"router", "routers"}},
		{"ﾙｰﾀｰ", []string{"router", "routers"}},
		{"るーた", []string{"router"}},  // hiragana: a whole katakana word only
		{"るた", []string{"hiragana"}}, // and the hiragana itself
		{"メール", nil},
		{"める", []string{"hiragana", "log"}},
		{"ログ", []string{"log"}}, // not プログラム
		{"キー", []string{"key"}}, // not セキュリティ's キ
		{"タ", []string{"router", "routers", "filter"}},
	}
	for _, tt := range tests {
		if got := ids(ix.Search(tt.q, Options{})); !sameSet(got, tt.want) {
			t.Errorf("Search(%q) = %q, want %q", tt.q, got, tt.want)
		}
	}
}

// Long-vowel variants meet: at the end of a word always, inside a long
// katakana word too.
func TestSearchLongVowels(t *testing.T) {
	ix := build(t, Thesaurus{},
		Doc{ID: "server", Body: "サーバセキュリティ対策を実施する"},
		Doc{ID: "user", Body: "ユーザー認証の実施"},
		Doc{ID: "memory", Body: "メモリ内のデータを初期化"},
		Doc{ID: "gateway", Body: "ホームゲートウエイの認証"},
	)
	for q, want := range map[string]string{
		"サーバー":       "server",
		"サーバーセキュリティ": "server",
		"ユーザ認証":      "user",
		"ユーザー":       "user",
		"メモリー":       "memory",
		"ホームゲートウェイ":  "gateway",
		"ほーむげーとうぇい":  "gateway",
		"ﾎｰﾑｹﾞｰﾄｳｪｲ": "gateway",
		"ホームゲートウェイー": "gateway",
	} {
		if got := ids(ix.Search(q, Options{})); !slices.Equal(got, []string{want}) {
			t.Errorf("Search(%q) = %q, want %s", q, got, want)
		}
	}
}

var updateThesaurus = Thesaurus{
	Synonyms: []Synonym{
		{Word: "アップデート", Also: []string{"更新"}},
		{Word: "更新", Also: []string{"アップデート"}},
		{Word: "ファームウェア", Also: []string{"ソフトウェア"}},
		{Word: "DoS", Also: []string{"サービス不能"}},
	},
	English: []English{
		{En: "firmware", Ja: []string{"ファームウェア"}},
		{En: "update", Ja: []string{"アップデート", "更新"}},
		{En: "key management", Ja: []string{"鍵管理"}},
		{En: "key", Ja: []string{"鍵"}},
		{En: "denial of service", Ja: []string{"サービス不能"}},
		{En: "multi-factor authentication", Ja: []string{"多要素認証"}},
	},
}

var updateDocs = []Doc{
	{ID: "app", Title: "スマートフォンアプリのアップデート", Body: "速やかにアップデートソフトウェアのリリースを行うこと"},
	{ID: "device", Title: "報告された脆弱性に対する更新ソフトウェアの提供", Body: "機器のソフトウェアやファームウェアに脆弱性が報告された場合には、速やかに更新用ソフトウェアの提供を行うこと。"},
	{ID: "regular", Title: "最新のソフトウェアへの定期的な更新", Body: "最新のソフトウェアへと定期的な更新を行うこと。"},
	{ID: "keys", Title: "鍵管理", Body: "鍵の管理を適切に行うこと。"},
	{ID: "dos", Title: "サービス不能 (DoS)", Body: "正規のユーザがサーバやサービスにアクセスできないよう妨害すること"},
	{ID: "mfa", Title: "利用者の認証", Body: "アプリケーション利用時に多要素認証によるセキュリティ対策を行うこと。"},
}

// Synonyms widen a query, rank after the word itself, and are reported
// with the query that searches the exact words only.
func TestSearchSynonyms(t *testing.T) {
	ix := build(t, updateThesaurus, updateDocs...)
	r := ix.Search("アップデート", Options{})
	if got := ids(r); !slices.Equal(got, []string{"app", "regular", "device"}) {
		t.Errorf("アップデート: %q, want the word itself first, then 更新", got)
	}
	if len(r.Expansions) != 1 || r.Expansions[0].Word != "アップデート" || !slices.Equal(r.Expansions[0].Also, []string{"更新"}) || r.Expansions[0].English {
		t.Errorf("expansions %+v", r.Expansions)
	}
	if r.Exact != `"アップデート"` {
		t.Errorf("exact query %q", r.Exact)
	}
	if via := r.Results[1].Via; !slices.Equal(via, []string{"更新"}) {
		t.Errorf("regular matched via %q", via)
	}
	if got := ids(ix.Search(r.Exact, Options{})); !slices.Equal(got, []string{"app"}) {
		t.Errorf("%s: %q, want the exact word only", r.Exact, got)
	}
	// A compound is cut at thesaurus words, each expanded; the item
	// holding the rarer word itself comes first.
	if got := ids(ix.Search("ファームウェア更新", Options{})); len(got) != 3 || got[0] != "device" {
		t.Errorf("ファームウェア更新: %q", got)
	}
	// A Latin word has synonyms too.
	if got := ids(ix.Search("dos ", Options{})); !slices.Equal(got, []string{"dos"}) {
		t.Errorf("dos: %q", got)
	}
	// No expansion, no notice.
	if r := ix.Search("鍵管理", Options{}); len(r.Expansions) != 0 || r.Exact != "" {
		t.Errorf("鍵管理: expansions %+v exact %q", r.Expansions, r.Exact)
	}
}

// English queries find the Japanese pages, through terms of several
// words, plurals, hyphens, typos and the synonyms of the Japanese words.
func TestSearchEnglish(t *testing.T) {
	ix := build(t, updateThesaurus, updateDocs...)
	tests := []struct {
		q    string
		want []string
	}{
		{"firmware update", []string{"device", "regular", "app"}},
		{"Firmware Updates", []string{"device", "regular", "app"}},
		{"firmwear update", []string{"device", "regular", "app"}},
		{"update", []string{"app", "regular", "device"}},
		{"key management", []string{"keys"}},
		{"the key management", []string{"keys"}},
		{"keys", []string{"keys"}},
		{"denial of service", []string{"dos"}},
		{"multi-factor authentication", []string{"mfa"}},
		{"quantum", nil},
	}
	for _, tt := range tests {
		if got := ids(ix.Search(tt.q+" ", Options{})); !slices.Equal(got, tt.want) {
			t.Errorf("Search(%q) = %q, want %q", tt.q, got, tt.want)
		}
	}
	r := ix.Search("firmware update", Options{})
	if len(r.Expansions) != 2 || !r.Expansions[0].English || r.Expansions[0].Word != "firmware" || !slices.Contains(r.Expansions[0].Also, "ファームウェア") {
		t.Errorf("expansions %+v", r.Expansions)
	}
}

// Every word is needed; items with the words closer together rank
// first; where no item holds every word, those holding most of them
// answer, and the response says so.
func TestSearchWordsAndProximity(t *testing.T) {
	filler := strings.Repeat("その他の文章。", 20)
	ix := build(t, Thesaurus{},
		Doc{ID: "far", Title: "a", Body: "通信を行う。" + filler + "データは暗号化すること。"},
		Doc{ID: "near", Title: "b", Body: filler + "通信経路の暗号化を行うこと。"},
		Doc{ID: "one", Title: "c", Body: "通信のみ"},
	)
	r := ix.Search("通信 暗号化", Options{})
	if got := ids(r); !slices.Equal(got, []string{"near", "far"}) || r.Partial {
		t.Errorf("通信 暗号化: %q partial %v, want near before far, not one", got, r.Partial)
	}
	r = ix.Search("通信 量子", Options{})
	if got := ids(r); len(got) != 3 || !r.Partial {
		t.Errorf("通信 量子: %q partial %v, want the items holding 通信, partial", got, r.Partial)
	}
	// Not for a single word, nor for less than half the words.
	if r := ix.Search("通信量子", Options{}); r.Total != 0 {
		t.Errorf("通信量子: %q", ids(r))
	}
	if r := ix.Search("通信 量子 重力", Options{}); r.Total != 0 {
		t.Errorf("通信 量子 重力: %q", ids(r))
	}
	// Particles cut a run into words: 通信経路の暗号化 is 通信経路 and 暗号化;
	// the item holding the whole phrase ranks first.
	ix = build(t, Thesaurus{},
		Doc{ID: "words", Title: "a", Body: "暗号化は通信経路で行う"},
		Doc{ID: "phrase", Title: "b", Body: "通信経路の暗号化を行う"},
	)
	if got := ids(ix.Search("通信経路の暗号化", Options{})); !slices.Equal(got, []string{"phrase", "words"}) {
		t.Errorf("通信経路の暗号化: %q", got)
	}
}

// Quoted text matches exactly: as a phrase, without synonyms.
func TestSearchQuoted(t *testing.T) {
	ix := build(t, updateThesaurus, append(slices.Clone(updateDocs),
		Doc{ID: "phrase", Title: "p", Body: "LAN 内接続機器との通信は、通信経路の暗号化を行うこと。"},
		Doc{ID: "apart", Title: "q", Body: "通信経路を暗号化すること"},
		Doc{ID: "latin", Title: "r", Body: "a denial of service attack"},
	)...)
	for q, want := range map[string][]string{
		`"通信経路の暗号化"`:          {"phrase"},
		`「通信経路の暗号化」`:          {"phrase"},
		`『通信経路の暗号化』`:          {"phrase"},
		`“通信経路の暗号化”`:          {"phrase"},
		`"通信経路の暗号化`:           {"phrase"}, // unclosed: to the end
		`"更新"`:                {"device", "regular"},
		`"denial of service"`: {"latin"},
		`"of service denial"`: nil,
		`"" 更新`:               {"device", "regular", "app"},
	} {
		if got := ids(ix.Search(q, Options{})); !sameSet(got, want) {
			t.Errorf("Search(%s) = %q, want %q", q, got, want)
		}
	}
}

// Boilerplate (Aside) matches but ranks after the item's own text, and
// items with the same kind, title and text collapse into one result.
func TestSearchFieldsAndCollapse(t *testing.T) {
	ix := build(t, Thesaurus{},
		Doc{ID: "ep1", Kind: KindThreat, Label: "EP①", Title: "DDoS (DoS) 攻撃", Heading: "サービス不能", Aside: "一次資産: アップデートソフトウェア"},
		Doc{ID: "ep3", Kind: KindThreat, Label: "EP③", Title: "DDoS (DoS) 攻撃", Heading: "サービス不能", Aside: "一次資産: 設定情報"},
		Doc{ID: "own", Kind: KindRequirement, Title: "スマートフォンアプリの更新", Body: "アップデートソフトウェアのリリースを行うこと"},
		Doc{ID: "head", Kind: KindRequirement, Title: "鍵", Heading: "アップデートソフトウェア"},
	)
	r := ix.Search("アップデートソフトウェア", Options{})
	if got := ids(r); !slices.Equal(got, []string{"head", "own", "ep1"}) {
		t.Fatalf("got %q, want the heading, the body, then the boilerplate", got)
	}
	if m := []Match{r.Results[0].Match, r.Results[1].Match, r.Results[2].Match}; !slices.Equal(m, []Match{MatchBody, MatchBody, MatchContext}) {
		t.Errorf("matches %v", m)
	}
	if r.Results[2].Excerpt != "一次資産: アップデートソフトウェア" {
		t.Errorf("a boilerplate match shows the boilerplate: %q", r.Results[2].Excerpt)
	}
	r = ix.Search("DDoS", Options{})
	if got := ids(r); !slices.Equal(got, []string{"ep1"}) || r.Total != 1 {
		t.Fatalf("DDoS: %q total %d, want one result", got, r.Total)
	}
	if same := r.Results[0].Same; len(same) != 1 || same[0] != (Same{ID: "ep3", Label: "EP③", URL: "ep3/"}) {
		t.Errorf("collapsed %+v", same)
	}
	if r.Results[0].Excerpt != "サービス不能" {
		t.Errorf("excerpt %q, want the heading when only the title matches", r.Results[0].Excerpt)
	}
}

// Facets count the results of each kind and narrow them.
func TestSearchFacets(t *testing.T) {
	ix := fixtureIndex(t)
	all := ix.Search("ホームゲートウェイ", Options{})
	if all.Facets[FacetAll] != all.Total || all.Total == 0 {
		t.Fatalf("facets %v, total %d", all.Facets, all.Total)
	}
	sum := 0
	for _, f := range Facets() {
		sum += all.Facets[f]
		r := ix.Search("ホームゲートウェイ", Options{Facet: f})
		if r.Total != all.Facets[f] || r.Facets != all.Facets {
			t.Errorf("facet %s: total %d, want %d; facets %v", f, r.Total, all.Facets[f], r.Facets)
		}
		for _, x := range r.Results {
			if x.Kind.Facet() != f {
				t.Errorf("facet %s holds %s of kind %s", f, x.ID, x.Kind)
			}
		}
	}
	if sum != all.Total {
		t.Errorf("facets sum to %d, total %d", sum, all.Total)
	}
	for _, c := range []struct {
		k Kind
		f Facet
	}{{KindSection, FacetSection}, {KindRequirement, FacetRequirement}, {KindCode, FacetRequirement}, {KindThreat, FacetThreat},
		{KindEntryPoint, FacetThreat}, {KindLifecycle, FacetLifecycle}, {KindTerm, FacetTerm}, {KindMetric, FacetSection}, {KindReference, FacetSection}} {
		if c.k.Facet() != c.f {
			t.Errorf("kind %s is in facet %s, want %s", c.k, c.k.Facet(), c.f)
		}
	}
	for _, f := range append(Facets(), FacetAll) {
		if g, ok := ParseFacet(f.String()); !ok || g != f {
			t.Errorf("ParseFacet(%q) = %v %v", f.String(), g, ok)
		}
	}
	if f, ok := ParseFacet("<script>"); ok || f != FacetAll {
		t.Errorf("ParseFacet(bad) = %v %v", f, ok)
	}
}

// A code query names the code in each result citing it, and the item
// whose own label it is comes first.
func TestSearchCodes(t *testing.T) {
	docs := append(slices.Clone(fixtureDocs), Doc{ID: "code/uk/UK3", Kind: KindCode, Label: "UK3", Title: "UK3 を参照する要件", URL: "requirements/uk/uk3/"})
	ix := build(t, Thesaurus{}, docs...)
	r := ix.Search("uk3", Options{})
	if got := ids(r); !slices.Equal(got, []string{"code/uk/UK3", "requirement/SR2-D-5", "requirement/R2-9"}) {
		t.Fatalf("uk3: %q, want the reverse index first", got)
	}
	if r.Results[0].Match != MatchKey || r.Results[1].Match != MatchCode || r.Results[1].Code != "UK: UK3" || r.Results[0].Code != "" {
		t.Errorf("results %+v", r.Results[:2])
	}
	if r := ix.Search("CPS.DS-3 暗号化", Options{}); len(r.Results) == 0 || r.Results[0].Code != "CPSF: CPS.DS-3" {
		t.Errorf("CPS.DS-3 暗号化: %+v", r.Results)
	}
}

// sameSet reports whether a and b hold the same IDs in any order.
func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}
