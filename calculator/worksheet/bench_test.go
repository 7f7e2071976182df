package worksheet

import (
	"strings"
	"testing"
)

// table338 returns the 47 vectors of 表3-38, the ★★ worksheet template.
func table338(b testing.TB) []string {
	var out []string
	for _, r := range publishedRows(b) {
		if r.table == "3-38" {
			out = append(out, r.vector)
		}
	}
	if len(out) != 47 {
		b.Fatalf("表3-38 has %d rows, want 47", len(out))
	}
	return out
}

var sinkBytes []byte

func BenchmarkImportCSV47(b *testing.B) {
	var sb strings.Builder
	for i, v := range table338(b) {
		sb.WriteString("\"脅威 " + strings.Repeat("x", i%7) + ", 行\"," + v + ",表3-38\r\n")
	}
	in := sb.String()
	b.ReportAllocs()
	for b.Loop() {
		if im := ImportCSV(in); len(im.Rows) != 47 {
			b.Fatal(im.Problems)
		}
	}
}

func BenchmarkAppendCSV47(b *testing.B) {
	var rows []Row
	for _, v := range table338(b) {
		rows = append(rows, Row{Name: "脅威", Vector: v, Note: "表3-38"})
	}
	buf := make([]byte, 0, 64<<10)
	b.ReportAllocs()
	for b.Loop() {
		sinkBytes = AppendCSV(buf[:0], rows)
	}
}

func BenchmarkAppendJSON47(b *testing.B) {
	var rows []Row
	for _, v := range table338(b) {
		rows = append(rows, Row{Name: "脅威", Vector: v, Note: "表3-38"})
	}
	buf := make([]byte, 0, 64<<10)
	b.ReportAllocs()
	for b.Loop() {
		sinkBytes = AppendJSON(buf[:0], rows)
	}
}
