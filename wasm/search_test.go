package main

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"shguide/internal/jsontext"
	"shguide/search"
)

// asJSON writes a bridge value and reads it back as the browser's
// JSON.parse would (numbers as float64).
func asJSON(t *testing.T, v any) map[string]any {
	t.Helper()
	b := jsontext.AppendValue(nil, v)
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("%v in %s", err, b)
	}
	return m
}

var testDocs = []search.Doc{
	{ID: "requirement/SR3-H-7", Kind: search.KindRequirement, Label: "SR3-H-7", Title: "鍵管理",
		Body: "通信経路暗号化やデータの暗号化に用いる鍵の管理を適切に行うこと。\n※鍵管理の方法については、以下を参考にガイドラインに準拠した実装とすること。",
		URL:  "requirements/sr3-h-7/", Keywords: []string{"UK4", "CPS.DS-5"}},
	{ID: "section/3.4", Kind: search.KindSection, Label: "3.4", Title: "想定される脅威の詳細分析",
		Body: "ZigBee とは、センサーネットワークを主目的とする近距離無線通信規格の一つ。𠮷 Bluetooth", URL: "chapters/3/#s3.4"},
}

func testIndex(t testing.TB) []byte {
	t.Helper()
	ix, err := search.Build(testDocs)
	if err != nil {
		t.Fatal(err)
	}
	return ix.Encode()
}

func TestSearchAPI(t *testing.T) {
	var a searchAPI
	if _, err := a.query("鍵", 5); err != errNotLoaded {
		t.Fatalf("query before load: err = %v", err)
	}
	if _, err := a.load([]byte("nope")); err == nil || !strings.Contains(err.Error(), "bad magic") {
		t.Fatalf("load of garbage: err = %v", err)
	}
	b := testIndex(t)
	info, err := a.load(b)
	if err != nil {
		t.Fatal(err)
	}
	if m := asJSON(t, info); m["docs"] != 2.0 || m["bytes"] != float64(len(b)) {
		t.Errorf("load = %v", m)
	}
	v, err := a.query("鍵管理", 0)
	if err != nil {
		t.Fatal(err)
	}
	resp := asJSON(t, v)
	if resp["query"] != "鍵管理" || resp["empty"] != false || resp["total"] != 1.0 {
		t.Fatalf("response %v", resp)
	}
	r := resp["results"].([]any)[0].(map[string]any)
	want := map[string]any{
		"id": "requirement/SR3-H-7", "kind": "requirement", "kindLabel": "要件・要求事項", "label": "SR3-H-7",
		"title": "鍵管理", "url": "requirements/sr3-h-7/", "match": "title",
		"excerpt":         "※鍵管理の方法については、以下を参考にガイドラインに準拠した実装とすること。",
		"highlights":      []any{[]any{1.0, 4.0}},
		"titleHighlights": []any{[]any{0.0, 3.0}},
	}
	if !reflect.DeepEqual(r, want) {
		t.Errorf("result\n got %v\nwant %v", r, want)
	}
	v, _ = a.query("  ", 0)
	if resp := asJSON(t, v); resp["empty"] != true || len(resp["results"].([]any)) != 0 {
		t.Errorf("blank query: %v", resp)
	}
}

func TestUTF16Spans(t *testing.T) {
	s := "a𠮷鍵b" // 𠮷 is outside the BMP: two UTF-16 units
	tests := []struct {
		spans []search.Span
		want  string
	}{
		{[]search.Span{{Start: 0, End: 1}}, "[[0,1]]"},
		{[]search.Span{{Start: 1, End: 5}}, "[[1,3]]"},
		{[]search.Span{{Start: 5, End: 8}, {Start: 8, End: 9}}, "[[3,4],[4,5]]"},
		{nil, "[]"},
	}
	for _, tt := range tests {
		if got := string(appendUTF16Spans(nil, s, tt.spans)); got != tt.want {
			t.Errorf("appendUTF16Spans(%v) = %s, want %s", tt.spans, got, tt.want)
		}
	}
}

func TestQueryLimit(t *testing.T) {
	docs := make([]search.Doc, 300)
	for i := range docs {
		docs[i] = search.Doc{ID: "d" + strings.Repeat("x", i), Title: "鍵", URL: "u/"}
	}
	ix, _ := search.Build(docs)
	var a searchAPI
	a.load(ix.Encode())
	for _, tt := range []struct{ limit, want int }{{0, defaultLimit}, {-1, defaultLimit}, {5, 5}, {1000, maxLimit}} {
		v, _ := a.query("鍵", tt.limit)
		if n := len(asJSON(t, v)["results"].([]any)); n != tt.want {
			t.Errorf("limit %d: %d results, want %d", tt.limit, n, tt.want)
		}
	}
}
