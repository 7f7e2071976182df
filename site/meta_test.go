package site

import (
	"regexp"
	"strings"
	"testing"

	"shguide/site/internal/fixture"
	"shguide/site/model"
)

// TestSharingMeta: with --url every page says what it is to chat tools and
// search engines (description, Open Graph with an absolute URL), sitemap.xml lists absolute URLs under the base, and
// robots.txt names the sitemap. Without --url nothing claims an origin.
func TestSharingMeta(t *testing.T) {
	m, err := model.Load(fixture.Content())
	if err != nil {
		t.Fatal(err)
	}
	if err := model.Validate(m); err != nil {
		t.Fatal(err)
	}
	const origin = "https://example.github.io"
	files, _, err := Render(m, Options{Base: "/shguide/", URL: origin, NoMinify: true})
	if err != nil {
		t.Fatal(err)
	}
	meta := func(page []byte, attr, name string) string {
		re := regexp.MustCompile(`<meta ` + attr + `="` + regexp.QuoteMeta(name) + `" content="([^"]*)">`)
		if mm := re.FindSubmatch(page); mm != nil {
			return string(mm[1])
		}
		return ""
	}
	pages := 0
	for name, b := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		pages++
		for _, want := range [][2]string{{"name", "description"}, {"property", "og:title"}, {"property", "og:description"}, {"property", "og:type"}, {"property", "og:site_name"}} {
			if meta(b, want[0], want[1]) == "" {
				t.Errorf("%s: no %s", name, want[1])
			}
		}
		path := strings.TrimSuffix(name, "index.html")
		if name == "404.html" {
			path = name
		}
		if got, want := meta(b, "property", "og:url"), origin+"/shguide/"+path; got != want {
			t.Errorf("%s: og:url %q, want %q", name, got, want)
		}
	}
	if pages < 10 {
		t.Fatalf("%d pages rendered", pages)
	}
	if d := meta(files["index.html"], "name", "description"); !strings.Contains(d, "非公式") {
		t.Errorf("home description %q", d)
	}
	locs := regexp.MustCompile(`<loc>([^<]*)</loc>`).FindAllStringSubmatch(string(files["sitemap.xml"]), -1)
	if len(locs) < 10 {
		t.Fatalf("sitemap lists %d pages", len(locs))
	}
	for _, l := range locs {
		if !strings.HasPrefix(l[1], origin+"/shguide/") {
			t.Errorf("sitemap location %q is not an absolute URL under the base", l[1])
		}
	}
	if r := string(files["robots.txt"]); !strings.Contains(r, "Sitemap: "+origin+"/shguide/sitemap.xml\n") {
		t.Errorf("robots.txt does not name the sitemap:\n%s", r)
	}

	// Without an origin no page claims an absolute URL.
	files, _, err = Render(m, Options{Base: "/", NoMinify: true})
	if err != nil {
		t.Fatal(err)
	}
	if b := files["index.html"]; meta(b, "property", "og:url") != "" {
		t.Error("without --url a page claims an absolute URL")
	}
}

// TestPublicIDs: the element ids users' bookmarks and scripts rely on stay
// on their pages.
func TestPublicIDs(t *testing.T) {
	files, _ := renderReal(t)
	for page, ids := range map[string][]string{
		"index.html":                      {"site-search-input", "main"},
		"search/index.html":               {"search-results", "search-status", "search-page-input", "site-search-input"},
		"calculator/index.html":           {"base-score", "temporal-score", "environmental-score", "cvss30-base-score", "vector-input", "calc-form", "calc-bar", "calc-results"},
		"calculator/worksheet/index.html": {"ws-rows", "ws-template", "ws-template-load"},
		"checklist/index.html":            {"cl-name", "cl-service", "cl-delete"},
	} {
		b := string(files[page])
		if b == "" {
			t.Errorf("%s: not built", page)
			continue
		}
		for _, id := range ids {
			if !strings.Contains(b, `id="`+id+`"`) && !strings.Contains(b, `id=`+id+`>`) && !strings.Contains(b, `id=`+id+` `) {
				t.Errorf("%s: id %q is gone", page, id)
			}
		}
	}
}
