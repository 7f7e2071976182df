package site

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"shguide/site/internal/fixture"
	"shguide/site/model"
)

// reAssetVersion matches the content hash in an asset's name.
var reAssetVersion = regexp.MustCompile(`\.[0-9a-f]{10}\.`)

// assetFile finds an asset's output path by its unhashed name
// ("search-index.bin" → "assets/search-index.0123456789.bin").
func assetFile(t testing.TB, files map[string][]byte, name string) string {
	t.Helper()
	stem, ext, _ := strings.Cut(name, ".")
	re := regexp.MustCompile(`^assets/` + regexp.QuoteMeta(stem) + `\.[0-9a-f]{10}\.` + regexp.QuoteMeta(ext) + `$`)
	for f := range files {
		if re.MatchString(f) {
			return f
		}
	}
	t.Fatalf("no asset %s", name)
	return ""
}

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// renderFixture renders the fixture unminified (readable goldens).
func renderFixture(t testing.TB, base string) map[string][]byte {
	t.Helper()
	m, err := model.Load(fixture.Content())
	if err != nil {
		t.Fatal(err)
	}
	if err := model.Validate(m); err != nil {
		t.Fatal(err)
	}
	files, _, err := Render(m, Options{Base: base, NoMinify: true})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestGolden compares representative pages of the fixture site with
// testdata/golden (go test -run TestGolden -update rewrites them).
func TestGolden(t *testing.T) {
	files := renderFixture(t, "/")
	for _, page := range []string{
		"chapters/3.3/index.html",         // a section with tables, a figure and auto-links
		"requirements/sr2-h-1/index.html", // a requirement
		"threats/ep1/index.html",          // a threat with analysis and scores
		"requirements/index.html",         // the requirement index with filters
		"lifecycles/service/index.html",   // measures with cross-references
	} {
		got, ok := files[page]
		if !ok {
			t.Errorf("%s not rendered", page)
			continue
		}
		// Asset versions change with every stylesheet edit; the pages do not.
		got = reAssetVersion.ReplaceAll(got, []byte(".VERSION."))
		golden := filepath.Join("testdata", "golden", strings.ReplaceAll(strings.TrimSuffix(page, "/index.html"), "/", "_")+".html")
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
			t.Fatalf("%v (run go test -run TestGolden -update)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s:\n%s", page, golden, firstDiff(string(want), string(got)))
		}
	}
}

// firstDiff shows the first differing line.
func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + strconv.Itoa(i+1) + ":\n  want: " + w + "\n  got:  " + g
		}
	}
	return ""
}

// TestRenderFixtureContent checks specific rendering rules on the fixture.
func TestRenderFixtureContent(t *testing.T) {
	files := renderFixture(t, "/")
	tests := []struct {
		page string
		want []string
		not  []string
	}{
		{"chapters/1.1/index.html", []string{
			`<a href="/chapters/1.1/#t1-1">表 1-1</a>`,      // table mention links to where it is placed
			`<a href="/chapters/3.3/#sec-3-3-1">3.3.1</a>`, // subsection number
			`<h2 id="sec-1-1-1">1.1.1 小節<a class="anchor" href="#sec-1-1-1"`,
			`<h3 id="sec-1-1-1-h1">（1）見出し`,
			`<figure class="data-table" id="t1-1"`,
			`<th scope="row">住宅</th>`,
			`影響度が1.2倍に算出される`, // "1.2倍" is not section 1.2
		}, []string{`<a href="/chapters/1.2/`}},
		{"chapters/1/index.html", []string{`<a href="/references/#ref-1">[1]</a>`}, nil},
		{"chapters/3.4/index.html", []string{
			`<a href="/requirements/r2-1/">R2-1</a>`,
			`<a href="/requirements/sr2-h-1/">SR2-H-1</a>`,
			`<a href="/chapters/6.1/">6.1</a> 節`,
		}, nil},
		{"requirements/sr2-h-1/index.html", []string{
			`<a class="code" href="/requirements/cpsf/cps-ac-3/">CPS.AC-3</a>`,
			`<a class="code" href="/requirements/sb327/1798-91-05/">1798.91.05</a>`,
			`要件、要求事項の概要は、ほぼ関連ガイドラインに対応している。`, // meaning of "=" (表6-1)
			`<a href="/references/#ref-1">[1]</a>`,
		}, nil},
		{"requirements/r2-1/index.html", []string{`<a href="/requirements/r3-1/"><span class="req-id">R3-1</span>`}, nil}, // back-link
		{"requirements/cpsf/cps-ac-3/index.html", []string{`<a href="/requirements/sr2-h-1/">`}, nil},
		{"lifecycles/service/index.html", []string{
			`<li class="measure" id="planning-1">`,
			`参照: <a href="/lifecycles/service/#planning-1">サービス企画 No.1 企業組織としての対応方針の策定</a>`,
			`参照元: <a href="/lifecycles/service/#planning-2">`,
		}, nil},
		{"threats/ep1/index.html", []string{
			`<article class="threat" id="ep1-unauthorized-access"`,
			`<span class="score sev-high"><span class="score-value">8.1</span> <span class="score-sev">重要</span></span>`,
		}, nil},
		{"index.html", []string{`<html lang="ja" data-base="/" data-index="/assets/search-index.`, `<meta http-equiv="Content-Security-Policy" content="` + strings.ReplaceAll(csp, "'", "&#39;") + `">`}, nil},
	}
	for _, tt := range tests {
		h := string(files[tt.page])
		if h == "" {
			t.Errorf("%s: not rendered", tt.page)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(h, w) {
				t.Errorf("%s: missing %s", tt.page, w)
			}
		}
		for _, w := range tt.not {
			if strings.Contains(h, w) {
				t.Errorf("%s: unexpected %s", tt.page, w)
			}
		}
	}
}

// TestBase checks that --base reaches every link, asset and JSON URL.
func TestBase(t *testing.T) {
	files := renderFixture(t, "/repo/")
	reAttr := regexp.MustCompile(`(?:href|src|action|data-base)="([^"]*)"`)
	for name, b := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		for _, mm := range reAttr.FindAllStringSubmatch(string(b), -1) {
			u := mm[1]
			if strings.HasPrefix(u, "#") || strings.HasPrefix(u, "http") {
				continue
			}
			if !strings.HasPrefix(u, "/repo/") {
				t.Errorf("%s: %q ignores the base", name, u)
			}
		}
	}
	if !bytes.Contains(files["data/requirements.json"], []byte(`"url":"/repo/requirements/r2-1/"`)) {
		t.Errorf("requirements.json urls ignore the base:\n%s", files["data/requirements.json"])
	}
	if !bytes.Contains(files["manifest.webmanifest"], []byte(`"start_url":"/repo/"`)) {
		t.Errorf("manifest ignores the base: %s", files["manifest.webmanifest"])
	}
	if _, err := Build(context.Background(), Options{Content: fixture.Content(), Base: "repo"}); err == nil {
		t.Error("a base without slashes was accepted")
	}
}

// TestBuildWritesNothingOnFailure: invalid content leaves the old output
// untouched and no temporary directory behind.
func TestBuildWritesNothingOnFailure(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "build")
	if _, err := Build(context.Background(), Options{Content: fixture.Content(), Out: out}); err != nil {
		t.Fatal(err)
	}
	sentinel := filepath.Join(out, "sentinel")
	if err := os.WriteFile(sentinel, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	broken := fixture.Content()
	broken["requirements.yaml"] = &fstest.MapFile{Data: bytes.Replace(broken["requirements.yaml"].Data, []byte("includes: [R2-1]"), []byte("includes: [R2-9]"), 1)}
	_, err := Build(context.Background(), Options{Content: broken, Out: out})
	if err == nil || !strings.Contains(err.Error(), `includes "R2-9"`) {
		t.Fatalf("err = %v", err)
	}
	if _, err := os.Stat(sentinel); err != nil {
		t.Errorf("old output was touched: %v", err)
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		t.Errorf("left behind: %v", ents)
	}
	// A successful build replaces the directory as a whole.
	if _, err := Build(context.Background(), Options{Content: fixture.Content(), Out: out}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(sentinel); !os.IsNotExist(err) {
		t.Errorf("stale file survived a rebuild: %v", err)
	}
	for _, f := range []string{"index.html", ".nojekyll", "404.html", "sitemap.xml", "robots.txt", "manifest.webmanifest", "data/threats.json"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("missing %s", f)
		}
	}
}

// TestLinkCheckFailsBuild: a template linking to a missing page is reported
// with the page and the href.
func TestLinkCheck(t *testing.T) {
	files := map[string][]byte{
		"index.html":   []byte(`<a href="/a/">a</a><a href="/b/">b</a><a href="#x">x</a><a href="/a/#nope">n</a><img src="https://cdn.example/x.png"><a href="c/">rel</a><p id="y"></p>`),
		"a/index.html": []byte(`<h1 id="top">A</h1><a href="/#y">y</a><a href="/a">noslash</a>`),
	}
	err := checkLinks(files, "/")
	if err == nil {
		t.Fatal("no error")
	}
	for _, w := range []string{
		`index.html: <a href="/b/">: no such file`,
		`index.html: <a href="#x">: no such anchor on this page`,
		`index.html: <a href="/a/#nope">: no such anchor #nope in a/index.html`,
		`index.html: <img src="https://cdn.example/x.png">: third-party request`,
		`index.html: <a href="c/">: relative URL`,
		`a/index.html: <a href="/a">: directory without trailing slash`,
	} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("missing %q in\n%v", w, err)
		}
	}
	if strings.Contains(err.Error(), `href="/#y"`) {
		t.Errorf("valid link reported:\n%v", err)
	}
}
