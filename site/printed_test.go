package site

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"shguide/site/model"
)

var (
	readableOnce  sync.Once
	readableFiles map[string][]byte
	readableErr   error
)

// renderReadable renders the real content unminified once per test binary,
// for goldens and for reading tables cell by cell.
func renderReadable(t testing.TB) map[string][]byte {
	t.Helper()
	readableOnce.Do(func() {
		m, err := model.Load(os.DirFS(contentDir))
		if err == nil {
			err = model.Validate(m)
		}
		if err != nil {
			readableErr = err
			return
		}
		readableFiles, _, readableErr = Render(m, Options{Base: "/", NoMinify: true})
	})
	if readableErr != nil {
		t.Fatal(readableErr)
	}
	return readableFiles
}

// figureOf cuts the <figure> of a table or figure ("t3-10") out of a page.
func figureOf(t testing.TB, page []byte, id string) []byte {
	t.Helper()
	start := bytes.Index(page, []byte(`<figure class="data-table" id="`+id+`"`))
	if start < 0 {
		start = bytes.Index(page, []byte(`<figure class="data-figure" id="`+id+`"`))
	}
	if start < 0 {
		t.Fatalf("no figure #%s", id)
	}
	end := bytes.Index(page[start:], []byte("</figure>"))
	return page[start : start+end+len("</figure>")]
}

var (
	reTag   = regexp.MustCompile(`<[^>]*>`)
	reSpace = regexp.MustCompile(`\s+`)
	reTHead = regexp.MustCompile(`(?s)<thead>(.*?)</thead>`)
	reTH    = regexp.MustCompile(`(?s)<th\b[^>]*>(.*?)</th>`)
)

// textOf is the text of an HTML fragment, whitespace collapsed.
func textOf(h []byte) string {
	s := htmlUnescape(reTag.ReplaceAllString(string(h), ""))
	return strings.TrimSpace(reSpace.ReplaceAllString(s, " "))
}

// headers lists the texts of the header cells of the first table of a
// fragment.
func headers(h []byte) []string {
	head := reTHead.FindSubmatch(h)
	if head == nil {
		return nil
	}
	var out []string
	for _, m := range reTH.FindAllSubmatch(head[1], -1) {
		out = append(out, textOf(m[1]))
	}
	return out
}

// TestPrintedHeaders: every column header the source prints for 表2-3,
// 表3-10, 表3-11, 表6-3 to 表6-8 and the score tables appears in the
// rendered table, in the printed order. The expectations are copied from
// the extracted source (line numbers of ccds-smarthome-guideline-v1.0.txt),
// independently of captions.yaml.
func TestPrintedHeaders(t *testing.T) {
	files := renderReadable(t)
	reqCols := []string{"No.", "レベル", "対象", "項目", "内容", "UK", "SB327", "CPSF"} // l.1690, 1741, 1777, 1789, 1818, 1840
	base := []string{"脅威事例", "基本値", "リスク値", "リスク値ランク", "エントリーポイント", "EP番号", "脅威分類", "脅威事例",
		"攻撃元区分", "攻撃条件の複雑さ", "攻撃に必要な特権レベル", "利用者の関与", "影響の想定範囲(スコープ)", "機密性への影響",
		"完全性への影響", "可用性への影響", "生命・財産への影響", "情報の重要度"} // l.776–777, 1107–1108
	tests := []struct {
		page, id string
		want     []string
	}{
		{"chapters/2.3/index.html", "t2-3", []string{"名称", "説明"}}, // l.364
		{"chapters/3.4/index.html", "t3-10", []string{"エントリーポイント", "EP 番号", "保護すべき資産", "STRIDE+CCDS モデルによる脅威分類",
			"想定される脅威の事例", "接続 I/F 表 3-6", "Who 表 3-7", "Whom 表 3-8", "Where 表 3-9"}}, // l.647
		{"chapters/3.4/index.html", "t3-11", []string{"エントリーポイント", "EP 番号", "保護すべき資産", "STRIDE+CCDS モデルによる脅威分類",
			"想定される脅威の事例", "接続 I/F", "Who", "Whom", "Where"}}, // l.691
		{"chapters/6.1/index.html", "t6-3", reqCols},
		{"chapters/6.2/index.html", "t6-4", reqCols},
		{"chapters/6.2/index.html", "t6-5", reqCols},
		{"chapters/6.2/index.html", "t6-6", reqCols},
		{"chapters/6.2/index.html", "t6-7", reqCols},
		{"chapters/6.2/index.html", "t6-8", reqCols},
		{"chapters/3.5/index.html", "t3-12", base},
		{"chapters/3.5/index.html", "t3-38", base},
		{"chapters/3.7/index.html", "t3-40", []string{"脅威事例", "環境値", "リスク値", "リスクランク", "エントリーポイント", "EP番号", "脅威分類", "脅威事例",
			"機密性の要求度", "完全性の要求度", "可用性の要求度", "緩和対策後の攻撃元区分", "緩和対策後の攻撃条件の複雑さ", "緩和対策後に必要な特権レベル",
			"緩和対策後の利用者の関与", "緩和対策の想定範囲", "緩和対策後の機密性への影響", "緩和対策後の完全性への影響", "緩和対策後の可用性への影響",
			"緩和対策後の生命・財産への影響", "緩和対策後の情報の重要度"}}, // l.1252–1253 without the garbled 緩和対策への影響 (E550)
	}
	for _, tt := range tests {
		got := headers(figureOf(t, files[tt.page], tt.id))
		if len(got) != len(tt.want) {
			t.Errorf("%s #%s: %d headers %q, want %d %q", tt.page, tt.id, len(got), got, len(tt.want), tt.want)
			continue
		}
		for i, w := range tt.want {
			// A metric column may add its abbreviation: "攻撃元区分（AV）".
			if got[i] != w && !strings.HasPrefix(got[i], w+"（") {
				t.Errorf("%s #%s: header %d is %q, want %q", tt.page, tt.id, i+1, got[i], w)
			}
		}
	}
}

// TestPrintedRows checks the rows the source prints where the model has
// more or fewer: 表6-5's two range rows, 表2-3 without the model's
// additions, 表3-37's three sub-tables.
func TestPrintedRows(t *testing.T) {
	files := renderReadable(t)
	t65 := figureOf(t, files["chapters/6.2/index.html"], "t6-5")
	rows := regexp.MustCompile(`(?s)<tr\b[^>]*>\s*<th scope="row">(.*?)</th>`).FindAllSubmatch(t65, -1)
	var nos []string
	for _, r := range rows {
		nos = append(nos, textOf(r[1]))
	}
	if strings.Join(nos, " | ") != "SR2-PP-1 ～ SR2-PP-7 | SR3-PP-1 ～ SR3-PP-13 | SR3-PP-14 | SR3-PP-15" { // l.1778–1781
		t.Errorf("表6-5 rows %q", nos)
	}
	for _, id := range []string{"sr2-pp-1", "sr2-pp-4", "sr2-pp-7", "sr3-pp-1", "sr3-pp-13"} {
		if !bytes.Contains(t65, []byte(`href="/requirements/`+id+`/"`)) {
			t.Errorf("表6-5 does not link %s", id)
		}
	}
	if !bytes.Contains(t65, []byte("共通要件への対応 ～ セキュリティパッチの適用")) {
		t.Error("表6-5's first range row lacks its printed 項目")
	}

	t23 := figureOf(t, files["chapters/2.3/index.html"], "t2-3")
	printed, added, _ := bytes.Cut(t23, []byte(`class="site-addition"`))
	var names []string
	for _, m := range regexp.MustCompile(`(?s)<th scope="row"[^>]*>(.*?)</th>`).FindAllSubmatch(printed, -1) {
		names = append(names, textOf(m[1]))
	}
	want := []string{"■ スマートホームサービス情報基盤", "セキュリティサーバ", "認証サーバ", "サービス機器状態管理サーバ", "個人情報管理サーバ",
		"リモートメンテナンスサーバ", "■ スマートホーム", "ホームゲートウェイ", "空調・照明機器等 住宅設備機器（住設機器）", "家電機器",
		"センサー機器", "その他★★サービス対応機器", "■ 第三者サービス情報基盤", "各種サーバ（クラウド他）"} // l.365–383
	if strings.Join(names, " | ") != strings.Join(want, " | ") {
		t.Errorf("表2-3 rows\n%q\nwant\n%q", names, want)
	}
	for _, x := range []string{"スマートホームサービス対応機器群", "スマートフォンアプリ", "このサイトの補足"} {
		if !bytes.Contains(added, []byte(x)) {
			t.Errorf("表2-3: the site's additions lack %s", x)
		}
	}
	if bytes.Contains(printed, []byte("EP①")) {
		t.Error("表2-3 as printed has an EP column")
	}

	t337 := figureOf(t, files["chapters/3.5/index.html"], "t3-37")
	if n := bytes.Count(t337, []byte("<table")); n != 3 {
		t.Errorf("表3-37 has %d tables, want the three printed sub-tables", n)
	}
	for _, title := range []string{"①CVSSv3 算定例：スマートホーム独自方式未適用", "②CVSSv3 算定例：スマートホーム独自方式適用（情報の重要度に影響あり）",
		"③CVSSv3 算定例：スマートホーム独自方式適用（情報の重要度、生命・財産に影響）"} { // l.1079, 1085, 1091
		if !bytes.Contains(t337, []byte(title)) {
			t.Errorf("表3-37 lacks the title %s", title)
		}
	}
}

// TestPrintedTablesGolden compares the affected tables of the real content
// with testdata/golden/tables (go test -run TestPrintedTablesGolden -update).
func TestPrintedTablesGolden(t *testing.T) {
	files := renderReadable(t)
	for _, tt := range []struct{ page, id string }{
		{"chapters/2.3/index.html", "t2-3"},
		{"chapters/3.4/index.html", "t3-10"},
		{"chapters/3.4/index.html", "t3-11"},
		{"chapters/3.5/index.html", "t3-37"},
		{"chapters/3.7/index.html", "t3-41"},
		{"chapters/6.2/index.html", "t6-5"},
	} {
		got := figureOf(t, files[tt.page], tt.id)
		golden := filepath.Join("testdata", "golden", "tables", tt.id+".html")
		if *update {
			if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -run TestPrintedTablesGolden -update)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s:\n%s", tt.id, golden, firstDiff(string(want), string(got)))
		}
	}
}

// TestFigureNotes: every figure drawn from data says so, with the source's
// figure number and page.
func TestFigureNotes(t *testing.T) {
	files := renderReadable(t)
	m, err := model.Load(os.DirFS(contentDir))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range m.Figures {
		p := m.Placement("figure", c.ID)
		if p == nil {
			t.Errorf("図 %s is not placed", c.ID)
			continue
		}
		fig := figureOf(t, files[outputName(placementPath(p))], c.Anchor())
		note := "原典の図をデータから再構成（原典 " + c.Label() + "、p."
		if has := bytes.Contains(fig, []byte(note)); has != (c.Render != "none") {
			t.Errorf("図 %s (render %s): note present = %v", c.ID, c.Render, has)
		}
	}
}

// TestUKPages: each of the thirteen UK items has its page with the
// published title, the site's translation marked as such, its ETSI EN 303
// 645 provision group, the PSTI requirement for UK1 to UK3 only, and the
// requirements that map to it (none for UK11).
func TestUKPages(t *testing.T) {
	files, _ := renderReal(t)
	m, err := model.Load(os.DirFS(contentDir))
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Related.UK) != 13 {
		t.Fatalf("%d UK items", len(m.Related.UK))
	}
	list := string(files["requirements/uk/index.html"])
	for i, it := range m.Related.UK {
		n := i + 1
		name := "requirements/uk/" + model.Slug(it.Code) + "/index.html"
		page := string(files[name])
		if page == "" {
			t.Errorf("%s: no page %s", it.Code, name)
			continue
		}
		for _, want := range []string{
			`<span lang="en">` + it.Title + `</span></h1>`,
			it.Ja + ` <span class="site-note">（このサイトによる訳。ガイドラインの文言ではありません）</span>`,
			"ETSI EN 303 645 の 5." + strconv.Itoa(n) + ` <span lang="en">` + it.ETSI.Title + "</span>",
			`href="https://www.gov.uk/government/publications/code-of-practice-for-consumer-iot-security/code-of-practice-for-consumer-iot-security"`,
		} {
			if !strings.Contains(page, want) {
				t.Errorf("%s: missing %s", it.Code, want)
			}
		}
		if hasPSTI := strings.Contains(page, "PSTI 規則 2023"); hasPSTI != (n <= 3) {
			t.Errorf("%s: PSTI shown = %v", it.Code, hasPSTI)
		}
		citing := m.Citing("uk", it.Code)
		for _, r := range citing {
			if !strings.Contains(page, `href="/requirements/`+r.Slug()+`/"`) {
				t.Errorf("%s: does not list %s", it.Code, r.ID)
			}
		}
		if len(citing) == 0 && !strings.Contains(page, "参照している要件・要求事項はありません") {
			t.Errorf("%s: cited by none, and the page does not say so", it.Code)
		}
		if !strings.Contains(list, `href="/requirements/uk/`+model.Slug(it.Code)+`/"`) {
			t.Errorf("the UK list does not link %s", it.Code)
		}
	}
	if len(m.Citing("uk", "UK11")) != 0 {
		t.Error("UK11 is cited now: TestUKPages no longer checks an uncited item")
	}
}

// TestMarkLegend: the legend of ◎ ○ = (表6-1's wording) and — shows
// wherever the marks do.
func TestMarkLegend(t *testing.T) {
	files, _ := renderReal(t)
	for _, page := range []string{"requirements/index.html", "requirements/sr3-h-5/index.html", "requirements/uk/uk3/index.html",
		"requirements/cpsf/cps-ac-3/index.html", "requirements/sb327/1798-91-05/index.html", "chapters/6.2/index.html"} {
		h := string(files[page])
		for _, want := range []string{"関連ガイドラインでは検討されていないが、本ガイドラインは定義している。",
			"関連ガイドラインよりも、本ガイドラインでは更に詳細なディティールまで定義している。",
			"要件、要求事項の概要は、ほぼ関連ガイドラインに対応している。", "記載なし（原典の欄が空欄"} {
			if !strings.Contains(h, want) {
				t.Errorf("%s: the legend lacks %s", page, want)
			}
		}
	}
}

// TestSicNotes: each misprint kept as printed is followed by its note on
// the pages that show it, once per page, only where its section allows,
// and never on the errata page.
func TestSicNotes(t *testing.T) {
	files, _ := renderReal(t)
	tests := []struct {
		page, want string
		n          int
	}{
		{"requirements/r2-6/index.html", `ガイドンス<a class="sic" href="/errata/#e322"`, 1},
		{"chapters/6.2/index.html", `危険化<a class="sic" href="/errata/#e323"`, 1},
		{"chapters/2.2/index.html", `5.5 節<a class="sic" href="/errata/#e114"`, 1},
		{"chapters/2.2/index.html", `5.6 節<a class="sic" href="/errata/#e114"`, 1},
		{"chapters/3.5/index.html", `MLP/MI<a class="sic" href="/errata/#e119"`, 1},
		{"chapters/3.5/index.html", `影響の想定範囲(スコア)<a class="sic" href="/errata/#e557"`, 1},
		{"risk-analysis/index.html", `WiFi Aliance<a class="sic" href="/errata/#e115"`, 1},
		{"risk-analysis/index.html", `上記 4～10<a class="sic" href="/errata/#e116"`, 1},
		{"metrics/index.html", `ヒーピスプレイ<a class="sic" href="/errata/#e117"`, 1},
		{"metrics/index.html", `再評する<a class="sic" href="/errata/#e118"`, 1},
		{"chapters/5.2/index.html", `生産・施工<a class="sic" href="/errata/#e316"`, 1},
		{"chapters/5.4/index.html", `href="/errata/#e316"`, 0}, // 5.4.2 prints the same sentence, rightly
		{"lifecycles/house/index.html", `表 4-4<a class="sic" href="/errata/#e317"`, 1},
		{"requirements/index.html", `ガイドンス<span class="sic"`, 1}, // inside a link: no nested link
		{"errata/index.html", `class="sic"`, 0},
	}
	for _, tt := range tests {
		if n := strings.Count(string(files[tt.page]), tt.want); n != tt.n {
			t.Errorf("%s: %d × %s, want %d", tt.page, n, tt.want, tt.n)
		}
	}
}
