package site

import (
	"bytes"
	"encoding/json"
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/tdewolff/parse/v2"
	htmllex "github.com/tdewolff/parse/v2/html"

	"shguide/site/model"
)

var (
	realOnce  sync.Once
	realFiles map[string][]byte
	realPages int
	realErr   error
)

// renderReal renders the real content once per test binary (minified, as
// published).
func renderReal(t testing.TB) (map[string][]byte, int) {
	t.Helper()
	realOnce.Do(func() {
		m, err := model.Load(os.DirFS(contentDir))
		if err == nil {
			err = model.Validate(m)
		}
		if err != nil {
			realErr = err
			return
		}
		realFiles, realPages, realErr = Render(m, Options{Base: "/"})
	})
	if realErr != nil {
		t.Fatal(realErr)
	}
	return realFiles, realPages
}

// pageFacts is what the crawl looks at in a page.
type pageFacts struct {
	title    string
	h1       int
	csp      string
	lang     string
	ids      map[string]int
	hrefs    []string
	mainSeen bool
	inline   []string // style attributes, event handlers, <style>, inline <script>
	bareHead []string // h2–h4 in <main> without a deep-link anchor
}

var (
	reMain    = regexp.MustCompile(`(?s)<main\b.*</main>`)
	reHeading = regexp.MustCompile(`(?s)<(h[2-4])\b[^>]*>(.*?)</h[2-4]>`)
)

// headingsWithoutAnchor lists the h2–h4 of <main> with no copyable link.
func headingsWithoutAnchor(b []byte) []string {
	var out []string
	for _, mm := range reHeading.FindAllSubmatch(reMain.Find(b), -1) {
		if !bytes.Contains(mm[2], []byte(`class="anchor"`)) && !bytes.Contains(mm[0], []byte(`class="visually-hidden"`)) && !bytes.Contains(mm[0], []byte(`class="toc-title"`)) {
			text := regexp.MustCompile(`<[^>]*>`).ReplaceAll(mm[2], nil)
			out = append(out, string(mm[1])+" "+firstRunes(string(text), 20))
		}
	}
	return out
}

func scanPage(b []byte) pageFacts {
	f := pageFacts{ids: map[string]int{}}
	l := htmllex.NewLexer(parse.NewInputBytes(b))
	tag, inTitle := "", false
	var httpEquiv, content string
	for {
		tt, data := l.Next()
		switch tt {
		case htmllex.ErrorToken:
			return f
		case htmllex.StartTagToken:
			tag = string(l.Text())
			httpEquiv, content = "", ""
			switch tag {
			case "h1":
				f.h1++
			case "title":
				inTitle = true
			case "main":
				f.mainSeen = true
			case "style":
				f.inline = append(f.inline, "<style>")
			}
		case htmllex.StartTagCloseToken, htmllex.StartTagVoidToken:
			if tag == "meta" && strings.EqualFold(httpEquiv, "Content-Security-Policy") {
				f.csp = content
			}
		case htmllex.EndTagToken:
			if string(l.Text()) == "title" {
				inTitle = false
			}
		case htmllex.TextToken:
			if inTitle {
				f.title += string(data)
			}
		case htmllex.AttributeToken:
			v := string(l.AttrVal())
			if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') {
				v = v[1 : len(v)-1]
			}
			v = htmlUnescape(v)
			key := string(l.AttrKey())
			if key == "style" || strings.HasPrefix(key, "on") {
				f.inline = append(f.inline, tag+" "+key)
			}
			switch key {
			case "id":
				f.ids[v]++
			case "href":
				if tag == "a" || tag == "link" {
					f.hrefs = append(f.hrefs, v)
				}
			case "src":
				f.hrefs = append(f.hrefs, v)
			case "http-equiv":
				httpEquiv = v
			case "content":
				content = v
			case "lang":
				if tag == "html" {
					f.lang = v
				}
			}
		}
	}
}

func htmlUnescape(s string) string {
	return strings.NewReplacer("&amp;", "&", "&#39;", "'", "&quot;", `"`, "&lt;", "<", "&gt;", ">").Replace(s)
}

// TestCrawl walks the built site from the home page: every page is reached,
// no link or anchor is broken, and every page has a title, exactly one h1,
// lang="ja" and the CSP meta tag. It is independent of the build's own link
// checker.
func TestCrawl(t *testing.T) {
	files, pages := renderReal(t)
	facts := map[string]pageFacts{}
	for name, b := range files {
		if strings.HasSuffix(name, ".html") {
			facts[name] = scanPage(b)
		}
	}
	seen := map[string]bool{"index.html": true}
	queue := []string{"index.html", "404.html"}
	seen["404.html"] = true
	for len(queue) > 0 {
		page := queue[0]
		queue = queue[1:]
		f := facts[page]
		for _, h := range f.hrefs {
			if strings.HasPrefix(h, "http://") || strings.HasPrefix(h, "https://") {
				continue
			}
			if strings.HasPrefix(h, "#") {
				if f.ids[h[1:]] == 0 {
					t.Errorf("%s: broken anchor %s", page, h)
				}
				continue
			}
			if !strings.HasPrefix(h, "/") {
				t.Errorf("%s: relative link %s", page, h)
				continue
			}
			p, frag, _ := strings.Cut(h[1:], "#")
			p, _, _ = strings.Cut(p, "?")
			target := outputName(p)
			if _, ok := files[target]; !ok {
				t.Errorf("%s: broken link %s", page, h)
				continue
			}
			if frag != "" && facts[target].ids[frag] == 0 {
				// Pages whose script reads the fragment as data register a checker.
				if problem, checked := fragmentCheck(target, frag); !checked || problem != "" {
					t.Errorf("%s: broken anchor %s", page, h)
				}
			}
			if strings.HasSuffix(target, ".html") && !seen[target] {
				seen[target] = true
				queue = append(queue, target)
			}
		}
	}
	var unreached []string
	for name := range facts {
		if !seen[name] {
			unreached = append(unreached, name)
		}
	}
	sort.Strings(unreached)
	// The search page is reached through the header form, the offline page
	// through the service worker, not a link.
	unreached = slices.DeleteFunc(unreached, func(n string) bool { return n == "search/index.html" || n == "offline/index.html" })
	if len(unreached) > 0 {
		t.Errorf("pages not reachable from the home page: %v", unreached)
	}
	if len(facts) != pages {
		t.Errorf("%d HTML files, %d pages", len(facts), pages)
	}
	for name, f := range facts {
		if strings.TrimSpace(f.title) == "" {
			t.Errorf("%s: no <title>", name)
		}
		if f.h1 != 1 {
			t.Errorf("%s: %d <h1>", name, f.h1)
		}
		if f.csp != csp {
			t.Errorf("%s: CSP meta %q", name, f.csp)
		}
		if f.lang != "ja" {
			t.Errorf("%s: lang %q", name, f.lang)
		}
		if !f.mainSeen {
			t.Errorf("%s: no <main>", name)
		}
		for id, n := range f.ids {
			if n > 1 {
				t.Errorf("%s: id %q used %d times", name, id, n)
			}
		}
		if b := files[name]; bytes.Contains(b, []byte("&amp;lt;")) || bytes.Contains(b, []byte("&amp;amp;")) || bytes.Contains(b, []byte("&amp;#")) {
			t.Errorf("%s: double-escaped text", name)
		}
		// Reading pages carry a copyable link on every heading; the tools
		// (calculator, checklist, search) are applications, not documents.
		if !strings.HasPrefix(name, "calculator/") && !strings.HasPrefix(name, "checklist/") && !strings.HasPrefix(name, "search/") {
			f.bareHead = headingsWithoutAnchor(files[name])
		}
		if len(f.bareHead) > 0 {
			t.Errorf("%s: %d headings without a deep-link anchor: %v", name, len(f.bareHead), f.bareHead)
		}
		if len(f.inline) > 0 {
			t.Errorf("%s: inline style or event handler (the CSP forbids them): %v", name, f.inline)
		}
		if bytes.Contains(files[name], []byte("<script>")) {
			t.Errorf("%s: inline script", name)
		}
	}
	t.Logf("%d pages crawled", len(seen))
}

// TestSitemapListsEveryPage checks sitemap.xml against the pages.
func TestSitemapListsEveryPage(t *testing.T) {
	files, _ := renderReal(t)
	sm := string(files["sitemap.xml"])
	for name := range files {
		if !strings.HasSuffix(name, ".html") || name == "404.html" || name == "search/index.html" || name == "offline/index.html" {
			continue
		}
		loc := "<loc>/" + strings.TrimSuffix(strings.TrimSuffix(name, "index.html"), "/")
		if !strings.Contains(sm, loc) {
			t.Errorf("sitemap lacks %s", name)
		}
	}
}

// TestOpenData checks the JSON files against their documentation: exactly
// the listed fields, the counts, plain-text bodies and the URLs of the pages.
func TestOpenData(t *testing.T) {
	files, _ := renderReal(t)
	var reqs struct {
		Requirements []map[string]json.RawMessage `json:"requirements"`
	}
	if err := json.Unmarshal(files["data/requirements.json"], &reqs); err != nil {
		t.Fatal(err)
	}
	if len(reqs.Requirements) != 87 {
		t.Errorf("%d requirements", len(reqs.Requirements))
	}
	wantKeys := func(what string, m map[string]json.RawMessage, keys ...string) {
		t.Helper()
		var got []string
		for k := range m {
			got = append(got, k)
		}
		sort.Strings(got)
		sort.Strings(keys)
		if strings.Join(got, ",") != strings.Join(keys, ",") {
			t.Errorf("%s keys %v, want %v", what, got, keys)
		}
	}
	for _, r := range reqs.Requirements {
		wantKeys("requirement", r, "id", "level", "target", "title", "body", "uk", "sb327", "cpsf", "mappingNote", "sameAs", "includes", "url")
		var id, url, body string
		json.Unmarshal(r["id"], &id)
		json.Unmarshal(r["url"], &url)
		json.Unmarshal(r["body"], &body)
		if url != "/requirements/"+model.Slug(id)+"/" || files[strings.TrimPrefix(url, "/")+"index.html"] == nil {
			t.Errorf("%s: url %q", id, url)
		}
		if strings.Contains(body, "- ") && strings.HasPrefix(body, "- ") {
			t.Errorf("%s: body is Markdown, not plain text: %q", id, body)
		}
		var mp map[string]json.RawMessage
		json.Unmarshal(r["cpsf"], &mp)
		wantKeys("mapping", mp, "symbol", "refs")
	}
	var th struct {
		EntryPoints []map[string]json.RawMessage `json:"entryPoints"`
		Threats     []struct {
			ID          string                       `json:"id"`
			URL         string                       `json:"url"`
			Assessments []map[string]json.RawMessage `json:"assessments"`
		} `json:"threats"`
	}
	if err := json.Unmarshal(files["data/threats.json"], &th); err != nil {
		t.Fatal(err)
	}
	if len(th.EntryPoints) != 10 {
		t.Errorf("%d entry points", len(th.EntryPoints))
	}
	for _, ep := range th.EntryPoints {
		wantKeys("entry point", ep, "number", "name", "classes")
	}
	errata, rows := 0, 0
	for _, x := range th.Threats {
		page, frag, _ := strings.Cut(strings.TrimPrefix(x.URL, "/"), "#")
		if frag != x.ID || files[page+"index.html"] == nil {
			t.Errorf("%s: url %q", x.ID, x.URL)
		}
		for _, a := range x.Assessments {
			rows++
			if _, ok := a["case"]; ok {
				wantKeys("assessment", a, "table", "case", "vector", "published", "severity", "computed", "computedSeverity", "erratum")
			} else {
				wantKeys("assessment", a, "table", "vector", "published", "severity", "computed", "computedSeverity", "erratum")
			}
			var e bool
			json.Unmarshal(a["erratum"], &e)
			if e {
				errata++
			}
		}
	}
	if rows != 10+3+47+46+47+47 {
		t.Errorf("%d scored rows", rows)
	}
	if errata == 0 {
		t.Error("no assessment is flagged as an erratum")
	}
	var lc struct {
		Lifecycles []struct {
			ID     string `json:"id"`
			Phases []struct {
				Measures []map[string]json.RawMessage `json:"measures"`
			} `json:"phases"`
		} `json:"lifecycles"`
	}
	if err := json.Unmarshal(files["data/lifecycles.json"], &lc); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, l := range lc.Lifecycles {
		for _, p := range l.Phases {
			for _, m := range p.Measures {
				n++
				wantKeys("measure", m, "no", "title", "body", "url")
			}
		}
	}
	if n != 54 {
		t.Errorf("%d measures", n)
	}
}

// TestDeterministic renders the real content twice: byte-identical output.
func TestDeterministic(t *testing.T) {
	a, _ := renderReal(t)
	m, err := model.Load(os.DirFS(contentDir))
	if err != nil {
		t.Fatal(err)
	}
	if err := model.Validate(m); err != nil {
		t.Fatal(err)
	}
	b, _, err := Render(m, Options{Base: "/"})
	if err != nil {
		t.Fatal(err)
	}
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for name, x := range a {
		if !bytes.Equal(x, b[name]) {
			t.Errorf("%s differs between two builds", name)
		}
	}
}

// BenchmarkBuild measures a whole build of the real content in memory:
// load, validate, render, minify, link check.
func BenchmarkBuild(b *testing.B) {
	var pages int
	var bytesOut int64
	for b.Loop() {
		m, err := model.Load(os.DirFS(contentDir))
		if err != nil {
			b.Fatal(err)
		}
		if err := model.Validate(m); err != nil {
			b.Fatal(err)
		}
		files, n, err := Render(m, Options{Base: "/"})
		if err != nil {
			b.Fatal(err)
		}
		pages, bytesOut = n, 0
		for _, f := range files {
			bytesOut += int64(len(f))
		}
	}
	b.ReportMetric(float64(pages), "pages")
	b.ReportMetric(float64(bytesOut), "bytes")
}
