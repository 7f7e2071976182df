package worksheet

import (
	"bufio"
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"shguide/calculator"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// golden compares got with testdata/name, rewriting it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	p := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output (go test -update rewrites it):\n got %s\nwant %s", p, got, want)
	}
}

// publishedRow is a row of calculator/testdata/published.tsv.
type publishedRow struct {
	table, threat, vector, published, computed string
}

func publishedRows(t testing.TB) []publishedRow {
	t.Helper()
	f, err := os.Open("../testdata/published.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []publishedRow
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "table\t") {
			continue
		}
		c := strings.Split(line, "\t")
		if len(c) < 7 {
			t.Fatalf("published.tsv: short line %q", line)
		}
		out = append(out, publishedRow{table: c[0], threat: c[3], vector: c[4], published: c[5], computed: c[6]})
	}
	if len(out) < 200 {
		t.Fatalf("published.tsv: only %d rows", len(out))
	}
	return out
}

func must(v calculator.Vector, err error) calculator.Vector {
	if err != nil {
		panic(err)
	}
	return v
}
