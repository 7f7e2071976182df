package site

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"shguide/search"

	"shguide/site/model"
)

// realSite renders the real content once for the search tests.
var realSite = sync.OnceValues(func() (*realRender, error) {
	m, err := model.Load(os.DirFS(contentDir))
	if err != nil {
		return nil, err
	}
	if err := model.Validate(m); err != nil {
		return nil, err
	}
	files, _, err := Render(m, Options{Base: "/"})
	if err != nil {
		return nil, err
	}
	var raw []byte
	for name, b := range files {
		if reHashedAsset.ReplaceAllString(name, ".") == "assets/"+searchIndexAsset {
			raw = b
		}
	}
	ix, err := search.Decode(raw)
	if err != nil {
		return nil, err
	}
	return &realRender{m: m, files: files, ix: ix}, nil
})

type realRender struct {
	m     *model.Model
	files map[string][]byte
	ix    *search.Index
}

func loadRealSite(t testing.TB) *realRender {
	t.Helper()
	r, err := realSite()
	if err != nil {
		t.Fatalf("real content does not render:\n%v", err)
	}
	return r
}

func resultIDs(r search.Response) []string {
	out := make([]string, len(r.Results))
	for i, x := range r.Results {
		out[i] = x.ID
	}
	return out
}

// TestSearchRelevance runs typical readers' queries over the real index and
// asserts the expected items are in the top results.
func TestSearchRelevance(t *testing.T) {
	ix := loadRealSite(t).ix
	tests := []struct {
		name string
		q    string
		top  int
		want []string
	}{
		{"requirement ID", "SR3-H-5", 1, []string{"requirement/SR3-H-5"}},
		{"requirement ID lower case", "sr3-h-5", 1, []string{"requirement/SR3-H-5"}},
		{"requirement ID without hyphens", "sr3h5", 1, []string{"requirement/SR3-H-5"}},
		{"requirement ID being typed", "SR3-H-", 7, []string{"requirement/SR3-H-1", "requirement/SR3-H-5", "requirement/SR3-H-7"}},
		{"section number", "5.4.5", 1, []string{"section/5.4.5"}},
		{"table number", "表3-6", 1, []string{"table/3-6"}},
		{"entry point", "EP5", 3, []string{"entry-point/5"}},
		{"technology USB", "USB", 3, []string{"requirement/SR2-H-5", "requirement/SR2-D-4"}},
		{"technology full-width ＵＳＢ", "ＵＳＢ", 3, []string{"requirement/SR2-H-5", "requirement/SR2-D-4"}},
		{"technology ZigBee", "ZigBee", 1, []string{"row/3-6/6"}},
		{"technology lower case", "zigbee", 1, []string{"row/3-6/6"}},
		{"Japanese 鍵管理", "鍵管理", 5, []string{"requirement/SR3-SP-11", "requirement/SR3-H-7", "requirement/SR3-D-3"}},
		{"Japanese 転売", "転売", 6, []string{"section/5.4.5", "lifecycle/house/resale", "requirement/R2-9"}},
		{"Japanese 踏み台", "踏み台", 3, []string{"class/stepping-stone", "threat/ep5-stepping-stone", "threat/ep7-stepping-stone"}},
		{"long vowel サーバー", "認証サーバー", 1, []string{"component/auth-server"}},
		{"long vowel ユーザー", "ユーザー認証", 5, []string{"requirement/SR2-SP-4"}},
		{"small kana ファームウエア", "ファームウエア", 1, []string{"requirement/SR2-D-5"}},
		{"half-width katakana", "ﾌｧｰﾑｳｪｱ", 1, []string{"requirement/SR2-D-5"}},
		{"hiragana", "ほーむげーとうぇい", 5, []string{"entry-point/5", "term/ホームゲートウェイ", "component/home-gateway"}},
		{"hiragana small kana", "ふぁーむうぇあ", 1, []string{"requirement/SR2-D-5"}},
		{"middle dot omitted", "設計製造", 3, []string{"lifecycle/service/design-manufacturing"}},
		{"space instead of middle dot", "設計 製造", 3, []string{"lifecycle/service/design-manufacturing"}},
		{"middle dot kept", "設計・製造フェーズ", 3, []string{"lifecycle/service/design-manufacturing"}},
		{"typo Etherent", "Etherent", 1, []string{"row/3-6/1"}},
		{"typo Bluetoth", "Bluetoth", 1, []string{"row/3-6/5"}},
		{"word being typed", "zigb", 1, []string{"row/3-6/6"}},
		{"metric abbreviation", "LP", 1, []string{"metric/LP"}},
		{"glossary abbreviation", "CVSS", 3, []string{"abbr/CVSS"}},
		{"reference number", "[25]", 1, []string{"reference/25"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ix.Search(tt.q, search.Options{Limit: 20})
			got := resultIDs(r)
			for _, id := range tt.want {
				if i := slices.Index(got, id); i < 0 || i >= tt.top {
					t.Errorf("Search(%q): %s not in the top %d of %q", tt.q, id, tt.top, got)
				}
			}
		})
	}
}

// A code query finds the code's reverse-index page first, then exactly
// the requirements citing it (collapsed ones included), each naming the
// code it matched.
func TestSearchCodes(t *testing.T) {
	rs := loadRealSite(t)
	for _, c := range []struct{ column, scheme, code, query string }{
		{"cpsf", "CPSF", "CPS.AC-3", "CPS.AC-3"},
		{"cpsf", "CPSF", "CPS.AC-3", "cps.ac-3"},
		{"cpsf", "CPSF", "CPS.AC-3", "cps ac 3"},
		{"uk", "UK", "UK5", "UK5"},
		{"uk", "UK", "UK5", "uk5"},
		{"uk", "UK", "UK3", "ｕｋ３"},
		{"sb327", "SB327", "1798.91.05", "1798.91.05"},
	} {
		var want []string
		for _, r := range rs.m.Citing(c.column, c.code) {
			want = append(want, "requirement/"+r.ID)
		}
		if len(want) == 0 {
			t.Fatalf("no requirement cites %s", c.code)
		}
		res := rs.ix.Search(c.query, search.Options{})
		if first := res.Results[0]; first.ID != "code/"+c.column+"/"+c.code || first.Match != search.MatchKey {
			t.Errorf("Search(%q) first result %s (%s), want the reverse index of %s", c.query, first.ID, first.Match, c.code)
		}
		var got []string
		for _, x := range res.Results[1:] {
			if x.Match != search.MatchCode {
				continue
			}
			if x.Code != c.scheme+": "+c.code {
				t.Errorf("Search(%q): %s names the code %q", c.query, x.ID, x.Code)
			}
			got = append(got, x.ID)
			for _, d := range x.Same {
				got = append(got, d.ID)
			}
		}
		sort.Strings(want)
		sort.Strings(got)
		if !slices.Equal(got, want) {
			t.Errorf("Search(%q) code matches %q, want the citing requirements %q", c.query, got, want)
		}
	}
}

// Folded queries find what their plain forms find, in the same order; a
// hiragana spelling finds the same items, first the same one (its
// katakana is a variant that weighs a little less, so close scores may
// swap further down).
func TestSearchFoldingEquivalence(t *testing.T) {
	ix := loadRealSite(t).ix
	for _, p := range [][2]string{
		{"サーバー", "サーバ"}, {"ユーザー", "ユーザ"}, {"ファームウエア", "ファームウェア"}, {"ＵＳＢ", "usb"},
		{"ほーむげーとうぇい", "ホームゲートウェイ"}, {"ｾｷｭﾘﾃｨ", "セキュリティ"}, {"ＣＰＳ．ＡＣ－３", "CPS.AC-3"},
	} {
		a, b := resultIDs(ix.Search(p[0], search.Options{})), resultIDs(ix.Search(p[1], search.Options{}))
		same := slices.Equal(a, b)
		if strings.HasPrefix(p[0], "ほ") {
			same = len(a) > 0 && len(b) > 0 && a[0] == b[0] && slices.Equal(slices.Sorted(slices.Values(a)), slices.Sorted(slices.Values(b)))
		}
		if len(a) == 0 || !same {
			t.Errorf("Search(%q) = %d results, Search(%q) = %d; want the same non-empty list", p[0], len(a), p[1], len(b))
		}
	}
}

func TestSearchMessagesCases(t *testing.T) {
	ix := loadRealSite(t).ix
	for _, q := range []string{"", "   ", "\u3000\t"} {
		if r := ix.Search(q, search.Options{Limit: 10}); !r.Empty || r.Total != 0 {
			t.Errorf("Search(%q): empty %v total %d, want empty", q, r.Empty, r.Total)
		}
	}
	for _, q := range []string{"xyzzyq", "量子力学", "<img src=x onerror=alert(1)>"} {
		r := ix.Search(q, search.Options{Limit: 10})
		if r.Empty || r.Total != 0 {
			t.Errorf("Search(%q): empty %v total %d %q, want no match", q, r.Empty, r.Total, resultIDs(r))
		}
	}
	if r := ix.Search("<img src=x onerror=alert(1)>", search.Options{Limit: 10}); r.Query != "<img src=x onerror=alert(1)>" {
		t.Errorf("query echoed as %q", r.Query)
	}
}

var reID = regexp.MustCompile(`\sid="([^"]+)"`)

// Every search result links to an existing page and, with a fragment, to
// an element with that id.
func TestSearchDocURLs(t *testing.T) {
	rs := loadRealSite(t)
	ids := map[string]map[string]int{}
	for i := 0; i < rs.ix.Len(); i++ {
		d := rs.ix.Doc(i)
		page, frag, _ := strings.Cut(d.URL, "#")
		name := outputName(page)
		html, ok := rs.files[name]
		if !ok {
			t.Errorf("%s: URL %s: no page %s", d.ID, d.URL, name)
			continue
		}
		if frag == "" {
			continue
		}
		if ids[name] == nil {
			ids[name] = map[string]int{}
			for _, m := range reID.FindAllSubmatch(html, -1) {
				ids[name][string(m[1])]++
			}
		}
		switch n := ids[name][frag]; {
		case n == 0:
			t.Errorf("%s: URL %s: no element with id %q", d.ID, d.URL, frag)
		case n > 1:
			t.Errorf("%s: URL %s: %d elements with id %q", d.ID, d.URL, n, frag)
		}
	}
}

// The index covers every kind of item the site has.
func TestSearchDocsCover(t *testing.T) {
	rs := loadRealSite(t)
	kinds := map[search.Kind]int{}
	seen := map[string]bool{}
	for i := 0; i < rs.ix.Len(); i++ {
		d := rs.ix.Doc(i)
		kinds[d.Kind]++
		seen[d.ID] = true
	}
	m := rs.m
	measures := 0
	for _, l := range m.Lifecycles {
		for _, p := range l.Phases {
			measures += len(p.Measures)
		}
	}
	for _, c := range []struct {
		kind search.Kind
		min  int
	}{
		{search.KindRequirement, len(m.Requirements)},
		{search.KindThreat, len(m.Threats) + len(m.Classes)},
		{search.KindEntryPoint, len(m.EntryPoints)},
		{search.KindLifecycle, measures},
		{search.KindTerm, len(m.Terms) + len(m.Abbreviations)},
		{search.KindMetric, len(m.BaseMetrics) + len(m.EnvironmentalMetrics)},
		{search.KindReference, len(m.References)},
		{search.KindSection, len(m.Chapters) + len(m.Tables)},
	} {
		if kinds[c.kind] < c.min {
			t.Errorf("%d docs of kind %s, want at least %d", kinds[c.kind], c.kind, c.min)
		}
	}
	for _, r := range m.Requirements {
		if !seen["requirement/"+r.ID] {
			t.Errorf("requirement %s not indexed", r.ID)
		}
	}
	for _, c := range m.Chapters {
		for _, s := range c.Sections {
			if !seen["section/"+s.Number] {
				t.Errorf("section %s not indexed", s.Number)
			}
			for _, ss := range s.Subsections {
				if !seen["section/"+ss.Number] {
					t.Errorf("subsection %s not indexed", ss.Number)
				}
			}
		}
	}
}

// The gzip index inflates to the raw one; both are deterministic.
func TestSearchIndexFiles(t *testing.T) {
	rs := loadRealSite(t)
	raw, gz := rs.files[assetFile(t, rs.files, searchIndexAsset)], rs.files[assetFile(t, rs.files, searchIndexGzAsset)]
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		t.Fatal(err)
	}
	inflated, err := io.ReadAll(zr)
	if err != nil || !bytes.Equal(inflated, raw) {
		t.Fatalf("gzip index does not inflate to the raw index (err %v)", err)
	}
	files, _, err := Render(rs.m, Options{Base: "/"})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(files[assetFile(t, files, searchIndexGzAsset)], gz) || !bytes.Equal(files[assetFile(t, files, searchIndexAsset)], raw) {
		t.Error("two renders wrote different index files")
	}
	t.Logf("search index: %d docs, %d terms, %d postings; %d bytes raw, %d bytes gzip",
		rs.ix.Len(), rs.ix.Terms(), rs.ix.Postings(), len(raw), len(gz))
	if len(gz) > searchIndexBudget {
		t.Errorf("the gzip index is %d bytes, over its budget of %d", len(gz), searchIndexBudget)
	}
}

// searchIndexBudget is the most the gzip index may weigh: a reader's first
// search downloads it whole.
const searchIndexBudget = 130_000

// The search page: the results list, the status line, the no-JavaScript
// message with the indexes, and asset URLs honouring the base.
func TestSearchPage(t *testing.T) {
	rs := loadRealSite(t)
	files, _, err := Render(rs.m, Options{Base: "/repo/"})
	if err != nil {
		t.Fatal(err)
	}
	html := string(files["search/index.html"])
	for _, want := range []string{
		`<ul id="search-results"`,
		`id="search-status"`,
		`role="status"`,
		`<noscript>`,
		`検索には JavaScript が必要です`,
		`href="/repo/requirements/"`,
		`href="/repo/threats/"`,
		`href="/repo/lifecycles/"`,
		`action="/repo/search/"`,
		`data-index="/repo/assets/search-index.`,
		`data-index-raw="/repo/assets/search-index.`,
		`<script type="module" src="/repo/assets/js/search.`,
		`<link rel="modulepreload" href="/repo/assets/js/engine.`,
		`<script async src="/repo/assets/js/engine-boot.`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("search page lacks %s", want)
		}
	}
	// engine-boot.js starts the module and the index when the address holds
	// a query; a static preload would fetch them before the first paint.
	if strings.Contains(html, `rel="preload"`) {
		t.Error("search page preloads the engine or the index from its HTML")
	}
	if strings.Contains(html, "<script>") || strings.Contains(html, "onerror=") {
		t.Error("search page has an inline script or handler")
	}
}

var latencyQueries = []struct{ name, q string }{
	{"id", "SR3-H-5"},
	{"id-typing", "sr3-h"},
	{"code", "CPS.AC-3"},
	{"latin", "ZigBee"},
	{"japanese", "鍵管理"},
	{"japanese-common", "セキュリティ"},
	{"japanese-phrase", "通信経路の暗号化"},
	{"single-kanji", "機"},
	{"folded", "ﾌｧｰﾑｳｪｱ"},
	{"typo", "Etherent"},
	{"typing-latin", "blu"},
	{"two-words", "ホームゲートウェイ 認証"},
	{"no-match", "xyzzyq"},
}

// BenchmarkSearchReal measures query latency over the real index, with the
// p50 and p95 of single queries (go test -run '^$' -bench SearchReal ./site).
func BenchmarkSearchReal(b *testing.B) {
	ix := loadRealSite(b).ix
	for _, q := range latencyQueries {
		b.Run(q.name, func(b *testing.B) {
			b.ReportAllocs()
			var ds []time.Duration
			for b.Loop() {
				start := time.Now()
				ix.Search(q.q, search.Options{Limit: 20})
				ds = append(ds, time.Since(start))
			}
			reportPercentiles(b, ds)
		})
	}
}

func reportPercentiles(b *testing.B, ds []time.Duration) {
	slices.Sort(ds)
	b.ReportMetric(float64(ds[len(ds)/2].Nanoseconds()), "p50-ns")
	b.ReportMetric(float64(ds[len(ds)*95/100].Nanoseconds()), "p95-ns")
}

func BenchmarkSearchIndexBuild(b *testing.B) {
	rs := loadRealSite(b)
	s := &Site{M: rs.m, Opt: Options{Base: "/"}}
	docs := s.searchDocs()
	b.ReportAllocs()
	for b.Loop() {
		ix, err := search.Build(docs, searchThesaurus(rs.m))
		if err != nil {
			b.Fatal(err)
		}
		ix.Encode()
	}
}

// The glossary shows this site's English for the guideline's terms, marked
// as the site's translation, and the thesaurus the search uses, with the
// guideline's text that justifies each synonym.
func TestGlossaryThesaurus(t *testing.T) {
	rs := loadRealSite(t)
	html := string(rs.files["glossary/index.html"])
	for _, want := range []string{
		`id="english"`, `英語の検索語（本サイトの訳）`, `本サイトが付けた訳です。ガイドラインの本文ではありません`,
		`<dt>ホームゲートウェイ</dt>`, `<span class="glossary-en-label">英語（本サイトの訳）</span> <span lang="en">home gateway</span>`,
		`<dt lang="en">firmware</dt><dd>ファームウェア</dd>`,
		`id="synonyms"`, `検索で同じとみなす語（本サイトの追加）`, `<dt>アップデート、更新</dt>`,
		`「関連する脆弱性が報告された場合、アップデートプログラムを提供する。」（表5-10 4 最新の脆弱性への対応）`,
		`<dt>ファームウェア → ソフトウェア</dt>`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("glossary lacks %s", want)
		}
	}
	if n := strings.Count(html, `class="glossary-en"`); n < 10 {
		t.Errorf("%d glossary entries have an English term, want at least 10", n)
	}
	page := string(rs.files["search/index.html"])
	for _, want := range []string{`<nav id="search-facets" class="search-facets" aria-label="種類で絞り込む" hidden>`, `<p id="search-notice" class="search-notice" hidden>`} {
		if !strings.Contains(page, want) {
			t.Errorf("search page lacks %s", want)
		}
	}
}
