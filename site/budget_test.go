package site

import (
	"bytes"
	"compress/gzip"
	"sort"
	"strings"
	"testing"
)

// readingBudget is what a reading page (the home page, a chapter, a
// requirement) may transfer, gzip-compressed: the page and the
// stylesheets, scripts and images it loads.
const readingBudget = 60_000

// TestReadingPageBudget sums, for every reading page of the real site, the
// gzip size of the page and of everything its markup loads, and keeps it
// within the budget. (make perf measures the same in a browser, idle time
// included.)
func TestReadingPageBudget(t *testing.T) {
	files, _ := renderReal(t)
	gz := map[string]int{}
	gzipSize := func(name string) int {
		if n, ok := gz[name]; ok {
			return n
		}
		var b bytes.Buffer
		w, _ := gzip.NewWriterLevel(&b, gzip.DefaultCompression)
		w.Write(files[name])
		w.Close()
		gz[name] = b.Len()
		return b.Len()
	}
	type cost struct {
		page  string
		bytes int
	}
	var costs []cost
	for name, data := range files {
		if !(name == "index.html" || strings.HasPrefix(name, "chapters/") || strings.HasPrefix(name, "requirements/")) || !strings.HasSuffix(name, ".html") {
			continue
		}
		total := gzipSize(name)
		for _, r := range scanHTML(data).links {
			if (r.tag == "link" && r.attr == "href" || r.tag == "script" || r.tag == "img") && strings.HasPrefix(r.url, "/assets/") {
				total += gzipSize(strings.TrimPrefix(r.url, "/"))
			}
		}
		costs = append(costs, cost{name, total})
	}
	sort.Slice(costs, func(i, j int) bool { return costs[i].bytes > costs[j].bytes })
	if len(costs) < 100 {
		t.Fatalf("only %d reading pages", len(costs))
	}
	for _, c := range costs {
		if c.bytes > readingBudget {
			t.Errorf("%s: %d bytes gzip with what it loads, over the budget of %d", c.page, c.bytes, readingBudget)
		}
	}
	for _, c := range costs[:3] {
		t.Logf("%s: %d bytes gzip", c.page, c.bytes)
	}
	for _, c := range costs {
		if c.page == "index.html" || c.page == "requirements/sr3-h-5/index.html" {
			t.Logf("%s: %d bytes gzip", c.page, c.bytes)
		}
	}
}
