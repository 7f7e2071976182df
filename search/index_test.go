package search

import (
	"bytes"
	"compress/gzip"
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestBuildErrors(t *testing.T) {
	ok := Doc{ID: "a", Title: "t", URL: "u/"}
	tests := []struct {
		name string
		docs []Doc
		want string
	}{
		{"empty ID", []Doc{{Title: "t", URL: "u/"}}, "search doc 0 (): empty ID"},
		{"empty title", []Doc{{ID: "a", URL: "u/"}}, "search doc 0 (a): empty title"},
		{"empty URL", []Doc{{ID: "a", Title: "t"}}, "search doc 0 (a): empty URL"},
		{"bad kind", []Doc{{ID: "a", Title: "t", URL: "u/", Kind: 99}}, "search doc 0 (a): unknown kind 99"},
		{"duplicate", []Doc{ok, ok}, "search doc 1 (a): duplicate ID, first at doc 0"},
	}
	for _, tt := range tests {
		_, err := Build(tt.docs, Thesaurus{})
		if err == nil || err.Error() != tt.want {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
	}
}

func TestKindLabels(t *testing.T) {
	want := map[Kind][2]string{
		KindSection:     {"section", "本文"},
		KindRequirement: {"requirement", "要件・要求事項"},
		KindThreat:      {"threat", "脅威"},
		KindEntryPoint:  {"entry-point", "エントリーポイント"},
		KindLifecycle:   {"lifecycle", "ライフサイクル"},
		KindTerm:        {"term", "用語"},
		KindMetric:      {"metric", "評価指標"},
		KindReference:   {"reference", "参考文献"},
		Kind(200):       {"unknown", ""},
	}
	for k, w := range want {
		if k.String() != w[0] || k.Label() != w[1] {
			t.Errorf("kind %d = %q %q, want %q %q", k, k.String(), k.Label(), w[0], w[1])
		}
	}
}

func TestEncodeRoundTrip(t *testing.T) {
	ix, err := Build(fixtureDocs, fixtureThesaurus)
	if err != nil {
		t.Fatal(err)
	}
	b := ix.Encode()
	dx, err := Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(dx.Encode(), b) {
		t.Error("Encode(Decode(b)) != b")
	}
	if dx.Len() != len(fixtureDocs) || dx.Terms() != ix.Terms() || dx.Postings() != ix.Postings() {
		t.Errorf("decoded %d docs %d terms %d postings, built %d %d %d", dx.Len(), dx.Terms(), dx.Postings(), ix.Len(), ix.Terms(), ix.Postings())
	}
	for i, d := range fixtureDocs {
		got := dx.Doc(i)
		if got.ID != d.ID || got.Kind != d.Kind || got.Label != d.Label || got.Title != d.Title ||
			got.Body != d.Body || got.URL != d.URL || !slices.Equal(got.Codes, d.Codes) || got.Heading != d.Heading || got.Aside != d.Aside || got.Minor != d.Minor {
			t.Errorf("doc %d = %+v, want %+v", i, got, d)
		}
	}
	// Deterministic: building again gives the same bytes.
	ix2, _ := Build(fixtureDocs, fixtureThesaurus)
	if !bytes.Equal(ix2.Encode(), b) {
		t.Error("two builds of the same docs encode differently")
	}
	// The same answers from the built and the decoded index.
	for _, q := range []string{"鍵管理", "sr3-h", "Etherent", "UK5"} {
		if a, b := ids(ix.Search(q, Options{Limit: 0})), ids(dx.Search(q, Options{Limit: 0})); !slices.Equal(a, b) {
			t.Errorf("Search(%q): built %q, decoded %q", q, a, b)
		}
	}
}

func TestDecodeErrors(t *testing.T) {
	ix, _ := Build(fixtureDocs, fixtureThesaurus)
	b := ix.Encode()
	var gz bytes.Buffer
	w := gzip.NewWriter(&gz)
	w.Write(b)
	w.Close()
	if _, err := Decode(gz.Bytes()); !errors.Is(err, ErrCompressed) {
		t.Errorf("gzip: err = %v, want ErrCompressed", err)
	}
	tests := []struct {
		name string
		b    []byte
		want string
	}{
		{"empty", nil, "bad magic"},
		{"magic", []byte("JSON{}"), "bad magic"},
		{"version", append([]byte(magic), 9), "version 9, want 2"},
		{"trailing", append(slices.Clone(b), 0), "1 trailing bytes"},
		{"huge count", append([]byte(magic), version, 0xff, 0xff, 0xff, 0xff, 0x0f), "bad document count at byte"},
	}
	for _, tt := range tests {
		_, err := Decode(tt.b)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
	}
	// Every truncation fails cleanly.
	for n := 0; n < len(b); n++ {
		if _, err := Decode(b[:n]); err == nil {
			t.Fatalf("Decode of the first %d of %d bytes succeeded", n, len(b))
		}
	}
}

func FuzzDecode(f *testing.F) {
	ix, _ := Build(fixtureDocs[:4], fixtureThesaurus)
	f.Add(ix.Encode())
	f.Add([]byte(magic + "\x01\x00\x00"))
	f.Fuzz(func(t *testing.T, b []byte) {
		dx, err := Decode(b)
		if err != nil {
			return
		}
		// A decodable index answers queries without panicking.
		dx.Search("鍵管理 sr3", Options{Limit: 3})
		dx.Search("a", Options{Limit: 3})
	})
}

func TestCompactKey(t *testing.T) {
	for in, want := range map[string]string{"SR3-H-5": "sr3h5", "CPS.AC-3": "cpsac3", "[25]": "25", "EP⑤": "ep5", "表 3-4": "表34", "": ""} {
		if got := compactKey(Fold(in)); got != want {
			t.Errorf("compactKey(%q) = %q, want %q", in, got, want)
		}
	}
}
