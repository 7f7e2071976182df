package worksheet

import (
	"strconv"
	"strings"
	"testing"

	"shguide/internal/store"
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

// bigSession is a session holding one sheet of the row limit (1000 rows,
// the 47 vectors of 表3-38 over and over, with notes), and its saved text.
func bigSession(b *testing.B) (*Session, string) {
	var sb strings.Builder
	vs := table338(b)
	for i := range MaxRows {
		sb.WriteString("脅威 " + strconv.Itoa(i+1) + "," + vs[i%len(vs)] + ",表3-38 の行を元にした備考 " + strconv.Itoa(i) + "\n")
	}
	seq := uint64(0)
	s := NewSession(store.NewClock(func() int64 { return 1_700_000_000_000 }, func() int { return 540 }), func() uint64 { seq++; return seq })
	s.Open("", false, "", false)
	if im := s.ImportFile("big.csv", sb.String()); len(im.Rows) != MaxRows {
		b.Fatalf("%d rows", len(im.Rows))
	}
	c := s.Accept(false)
	return s, c.Save
}

var sinkBook Book

// The cost of what a tab does with a full worksheet: reading the saved
// text, merging another tab's, writing its own, and the page's view.
func BenchmarkDecodeBook1000(b *testing.B) {
	_, text := bigSession(b)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		bk, u := DecodeBook(text)
		if u != nil {
			b.Fatal(u)
		}
		sinkBook = bk
	}
}

func BenchmarkMergeBook1000(b *testing.B) {
	_, text := bigSession(b)
	x, _ := DecodeBook(text)
	y, _ := DecodeBook(text)
	b.ReportAllocs()
	for b.Loop() {
		sinkBook = Merge(x, y)
	}
}

func BenchmarkEncodeBook1000(b *testing.B) {
	s, _ := bigSession(b)
	b.ReportAllocs()
	for b.Loop() {
		sinkBytes = s.book.AppendJSON(sinkBytes[:0])
	}
}

func BenchmarkView1000(b *testing.B) {
	s, _ := bigSession(b)
	b.ReportAllocs()
	for b.Loop() {
		v := s.View()
		sinkBytes = v.AppendJSON(sinkBytes[:0])
	}
}

// BenchmarkTypeNote1000 is one keystroke in a note of a full worksheet:
// the edit, and the text to save.
func BenchmarkTypeNote1000(b *testing.B) {
	s, _ := bigSession(b)
	id := s.View().Rows[500].ID
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		c := s.SetField(id, "note", "メモ "+strconv.Itoa(i))
		sinkBytes = c.AppendJSON(sinkBytes[:0])
	}
}
