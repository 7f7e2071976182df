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
		URL:  "requirements/sr3-h-7/", Codes: []search.Code{{Scheme: "UK", Code: "UK4"}, {Scheme: "CPSF", Code: "CPS.DS-5"}}},
	{ID: "section/3.4", Kind: search.KindSection, Label: "3.4", Title: "想定される脅威の詳細分析",
		Body: "ZigBee とは、センサーネットワークを主目的とする近距離無線通信規格の一つ。𠮷 Bluetooth", URL: "chapters/3/#s3.4"},
}

func testIndex(t testing.TB) []byte {
	t.Helper()
	ix, err := search.Build(testDocs, search.Thesaurus{})
	if err != nil {
		t.Fatal(err)
	}
	return ix.Encode()
}

func TestSearchAPI(t *testing.T) {
	var a searchAPI
	if _, err := a.query("鍵", 5, ""); err != errNotLoaded {
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
	v, err := a.query("鍵管理", 0, "")
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
		"title": "鍵管理", "url": "requirements/sr3-h-7/", "match": "title", "facet": "requirement",
		"code": "", "via": []any{}, "same": []any{},
		"excerpt":         "※鍵管理の方法については、以下を参考にガイドラインに準拠した実装とすること。",
		"highlights":      []any{[]any{1.0, 4.0}},
		"titleHighlights": []any{[]any{0.0, 3.0}},
	}
	if !reflect.DeepEqual(r, want) {
		t.Errorf("result\n got %v\nwant %v", r, want)
	}
	v, _ = a.query("  ", 0, "")
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
		docs[i] = search.Doc{ID: "d" + strings.Repeat("x", i), Title: "鍵", Body: strings.Repeat("x", i), URL: "u/"}
	}
	ix, _ := search.Build(docs, search.Thesaurus{})
	var a searchAPI
	a.load(ix.Encode())
	for _, tt := range []struct{ limit, want int }{{0, defaultLimit}, {-1, defaultLimit}, {5, 5}, {1000, maxLimit}} {
		v, _ := a.query("鍵", tt.limit, "")
		if n := len(asJSON(t, v)["results"].([]any)); n != tt.want {
			t.Errorf("limit %d: %d results, want %d", tt.limit, n, tt.want)
		}
	}
}

// The response carries the facets, the expansions and the exact query;
// a result names the code it matched and what was collapsed into it.
func TestSearchAPIFacetsAndExpansions(t *testing.T) {
	docs := append(testDocs,
		search.Doc{ID: "requirement/SR2-D-5", Kind: search.KindRequirement, Label: "SR2-D-5", Title: "報告された脆弱性に対する更新ソフトウェアの提供",
			Body: "機器のソフトウェアやファームウェアに脆弱性が報告された場合には、速やかに更新用ソフトウェアの提供を行うこと。", URL: "requirements/sr2-d-5/",
			Codes: []search.Code{{Scheme: "UK", Code: "UK3"}}},
		search.Doc{ID: "requirement/SR2-H-6", Kind: search.KindRequirement, Label: "SR2-H-6", Title: "報告された脆弱性に対する更新ソフトウェアの提供",
			Body: "機器のソフトウェアやファームウェアに脆弱性が報告された場合には、速やかに更新用ソフトウェアの提供を行うこと。", URL: "requirements/sr2-h-6/",
			Codes: []search.Code{{Scheme: "UK", Code: "UK3"}}},
		search.Doc{ID: "threat/x", Kind: search.KindThreat, Label: "EP⑤", Title: "アップデート用のソフトウェアの改ざん", URL: "threats/ep5/#x"},
	)
	ix, err := search.Build(docs, search.Thesaurus{Synonyms: []search.Synonym{{Word: "アップデート", Also: []string{"更新"}}}})
	if err != nil {
		t.Fatal(err)
	}
	var a searchAPI
	if _, err := a.load(ix.Encode()); err != nil {
		t.Fatal(err)
	}
	v, err := a.query("アップデート", 10, "")
	if err != nil {
		t.Fatal(err)
	}
	resp := asJSON(t, v)
	wantFacets := []any{
		map[string]any{"name": "requirement", "label": "要件・要求事項", "count": 1.0},
		map[string]any{"name": "threat", "label": "脅威", "count": 1.0},
		map[string]any{"name": "section", "label": "本文", "count": 0.0},
		map[string]any{"name": "lifecycle", "label": "ライフサイクル", "count": 0.0},
		map[string]any{"name": "term", "label": "用語", "count": 0.0},
	}
	if !reflect.DeepEqual(resp["facets"], wantFacets) || resp["all"] != 2.0 || resp["total"] != 2.0 || resp["facet"] != "" || resp["partial"] != false {
		t.Errorf("facets %v, all %v, total %v, facet %q", resp["facets"], resp["all"], resp["total"], resp["facet"])
	}
	if want := []any{map[string]any{"word": "アップデート", "also": []any{"更新"}, "english": false}}; !reflect.DeepEqual(resp["expansions"], want) {
		t.Errorf("expansions %v", resp["expansions"])
	}
	if resp["exact"] != `"アップデート"` {
		t.Errorf("exact %q", resp["exact"])
	}
	// SR2-H-6 says what SR2-D-5 says: one result.
	var req map[string]any
	for _, r := range resp["results"].([]any) {
		if r.(map[string]any)["facet"] == "requirement" {
			req = r.(map[string]any)
		}
	}
	if req == nil || req["id"] != "requirement/SR2-D-5" || !reflect.DeepEqual(req["via"], []any{"更新"}) ||
		!reflect.DeepEqual(req["same"], []any{map[string]any{"id": "requirement/SR2-H-6", "label": "SR2-H-6", "url": "requirements/sr2-h-6/"}}) {
		t.Errorf("requirement result %v", req)
	}
	// Narrowed to threats; an unknown facet narrows nothing.
	v, _ = a.query("アップデート", 10, "threat")
	if resp := asJSON(t, v); resp["total"] != 1.0 || resp["all"] != 2.0 || resp["facet"] != "threat" || len(resp["results"].([]any)) != 1 {
		t.Errorf("threat facet: %v", resp)
	}
	v, _ = a.query("アップデート", 10, "bogus")
	if resp := asJSON(t, v); resp["total"] != 2.0 || resp["facet"] != "" {
		t.Errorf("unknown facet: %v", resp)
	}
	// A code query names the code.
	v, _ = a.query("uk3", 10, "")
	if r := asJSON(t, v)["results"].([]any)[0].(map[string]any); r["code"] != "UK: UK3" || r["match"] != "code" {
		t.Errorf("code result %v", r)
	}
}
