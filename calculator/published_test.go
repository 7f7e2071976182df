package calculator

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

// publishedRow is one printed row of a risk table of the guideline.
type publishedRow struct {
	line                  int
	table, threat, vector string
	published, computed   string
	reason                string
}

func readPublished(t *testing.T) []publishedRow {
	t.Helper()
	f, err := os.Open("testdata/published.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []publishedRow
	sc := bufio.NewScanner(f)
	header := true
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if header {
			header = false
			if cols[0] != "table" || len(cols) != 8 {
				t.Fatalf("published.tsv:%d: unexpected header %q", n, line)
			}
			continue
		}
		if len(cols) != 8 {
			t.Fatalf("published.tsv:%d: %d columns, want 8", n, len(cols))
		}
		rows = append(rows, publishedRow{line: n, table: cols[0], threat: cols[3], vector: cols[4],
			published: cols[5], computed: cols[6], reason: cols[7]})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestPublishedTables reproduces every risk value the guideline publishes in
// 表3-12 and 表3-37 to 表3-41. The before-mitigation tables publish the base
// value, the after-mitigation tables (3-40, 3-41) the environmental value. A
// row whose published value disagrees with the method carries the recomputed
// value and a reason (an erratum); it must still disagree, and by exactly that.
func TestPublishedTables(t *testing.T) {
	rows := readPublished(t)
	perTable := map[string]int{}
	errata := 0
	for _, r := range rows {
		perTable[r.table]++
		v, err := Parse(r.vector)
		if err != nil {
			t.Errorf("published.tsv:%d: %v", r.line, err)
			continue
		}
		s := v.Score()
		got := s.Base
		if r.table == "3-40" || r.table == "3-41" {
			got = s.Environmental
			if !v.HasEnvironmental() {
				t.Errorf("published.tsv:%d: after-mitigation row without modified metrics", r.line)
			}
		}
		pub, ok := ParseScore(r.published)
		if !ok {
			t.Errorf("published.tsv:%d: bad published value %q", r.line, r.published)
			continue
		}
		if r.computed == "" {
			if got != pub {
				t.Errorf("published.tsv:%d: %s %s %s: computed %v, published %v (not listed as an erratum)",
					r.line, r.table, r.threat, r.vector, got, pub)
			}
			continue
		}
		errata++
		want, ok := ParseScore(r.computed)
		if !ok || r.reason == "" {
			t.Errorf("published.tsv:%d: erratum needs a computed value and a reason", r.line)
			continue
		}
		if got != want || want == pub {
			t.Errorf("published.tsv:%d: %s %s: computed %v, erratum says %v (published %v)",
				r.line, r.table, r.threat, got, want, pub)
		}
	}
	wantCounts := map[string]int{"3-12": 10, "3-37": 3, "3-38": 47, "3-39": 46, "3-40": 47, "3-41": 47}
	for table, n := range wantCounts {
		if perTable[table] != n {
			t.Errorf("table %s: %d rows, want %d", table, perTable[table], n)
		}
	}
	if len(perTable) != len(wantCounts) {
		t.Errorf("tables %v, want exactly %v", perTable, wantCounts)
	}
	t.Logf("%d published values reproduced, %d errata", len(rows)-errata, errata)
}
