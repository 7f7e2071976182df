package site

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"maps"
	"path"
	"slices"
	"strings"
	"testing"

	"shguide/internal/csvtext"
	"shguide/internal/jsonschema"
)

// TestOpenDataSchemas validates every JSON file of data/ against the
// schema beside it, and checks that a schema catches a broken file.
func TestOpenDataSchemas(t *testing.T) {
	files, _ := renderReal(t)
	var names []string
	for name := range files {
		if strings.HasPrefix(name, "data/") && strings.HasSuffix(name, ".json") && !strings.HasSuffix(name, ".schema.json") {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	want := []string{"data/errata.json", "data/glossary.json", "data/lifecycles.json", "data/requirements.json", "data/threats.json"}
	if !slices.Equal(names, want) {
		t.Errorf("data files %v, want %v", names, want)
	}
	for _, name := range names {
		schemaName := strings.TrimSuffix(name, ".json") + ".schema.json"
		sb, ok := files[schemaName]
		if !ok {
			t.Errorf("%s: no %s", name, schemaName)
			continue
		}
		s, err := jsonschema.Compile(sb)
		if err != nil {
			t.Errorf("%s: %v", schemaName, err)
			continue
		}
		for _, e := range s.Validate(files[name]) {
			t.Errorf("%s: %v", name, e)
		}
		// The schema rejects a file whose first item lost its first field.
		var doc map[string]any
		if err := json.Unmarshal(files[name], &doc); err != nil {
			t.Fatal(err)
		}
		list := map[string]string{"data/errata.json": "errata", "data/glossary.json": "terms", "data/lifecycles.json": "lifecycles",
			"data/requirements.json": "requirements", "data/threats.json": "threats"}[name]
		items, _ := doc[list].([]any)
		first, ok := items[0].(map[string]any)
		if !ok {
			t.Fatalf("%s: %s[0] is not an object", name, list)
		}
		delete(first, slices.Sorted(maps.Keys(first))[0])
		b, _ := json.Marshal(doc)
		if errs := s.Validate(b); len(errs) == 0 {
			t.Errorf("%s: the schema accepts an item with a missing field", path.Base(name))
		}
	}
}

// TestOpenDataKeepsPrinted: what the source prints reaches the open data:
// mapping notes and same-as/includes links, nested assets, the analysis
// row, severities, sic errata with their reading, score errata's vectors.
func TestOpenDataKeepsPrinted(t *testing.T) {
	files, _ := renderReal(t)
	var reqs requirementsJSON
	if err := json.Unmarshal(files["data/requirements.json"], &reqs); err != nil {
		t.Fatal(err)
	}
	notes, bare := 0, 0
	byID := map[string]requirementJSON{}
	for _, r := range reqs.Requirements {
		byID[r.ID] = r
		if r.MappingNote != "" {
			notes++
		}
		if r.UK.Symbol == "" && r.SB327.Symbol == "" && r.CPSF.Symbol == "" && r.MappingNote == "" {
			bare++
		}
	}
	if reqs.Version != openDataVersion || reqs.Guideline != "Ver. 1.0" {
		t.Errorf("header %+v", reqs.openHeader)
	}
	if notes != 24 || bare != 0 {
		t.Errorf("%d items with a mapping note, %d with no mapping and no note; want 24 and 0", notes, bare)
	}
	if r := byID["SR2-PP-3"]; r.SameAs != "SR2-SP-3" || r.MappingNote != "※スマートホーム情報基盤を参照" {
		t.Errorf("SR2-PP-3: sameAs %q, mappingNote %q", r.SameAs, r.MappingNote)
	}
	if r := byID["R3-1"]; r.MappingNote != "※★★参照" || !slices.Contains(r.Includes, "R2-1") {
		t.Errorf("R3-1: mappingNote %q, includes %v", r.MappingNote, r.Includes)
	}

	var th threatsJSON
	if err := json.Unmarshal(files["data/threats.json"], &th); err != nil {
		t.Fatal(err)
	}
	threats := map[string]threatJSON{}
	for _, x := range th.Threats {
		threats[x.ID] = x
	}
	ep8 := threats["ep8-spoofing"]
	if len(ep8.Assets) != 1 || !slices.Equal(ep8.Assets[0].Items, []string{"通信経路上のデータ"}) || len(ep8.Assets[0].Details) != 3 {
		t.Errorf("ep8-spoofing assets %+v, want 通信経路上のデータ with three details", ep8.Assets)
	}
	ep1 := threats["ep1-unauthorized-access"]
	if len(ep1.Analysis) != 1 || ep1.Analysis[0].Who != "攻撃者" || !slices.Equal(ep1.Analysis[0].Whom3, []string{"生命・財産"}) || ep1.Analysis[0].Where != "通常使用 I/F" {
		t.Errorf("ep1-unauthorized-access analysis %+v", ep1.Analysis)
	}
	for _, a := range ep1.Assessments {
		if a.Table == "3-39" && (a.Published != "10" || a.Severity != "緊急" || a.Computed != "10.0" || a.ComputedSeverity != "緊急") {
			t.Errorf("ep1-unauthorized-access 表3-39: %+v", a)
		}
	}

	var er errataJSON
	if err := json.Unmarshal(files["data/errata.json"], &er); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, e := range er.Errata {
		kinds[e.Kind]++
		if e.ID == "E561" && (e.Vector == "" || e.Published != "3.2" || e.Computed != "4.8") {
			t.Errorf("E561: %+v", e)
		}
		if e.ID == "E322" && (len(e.Sic) != 1 || e.Sic[0].Text != "ガイドンス" || e.Sic[0].Reading != "ガイダンス") {
			t.Errorf("E322 sic %+v", e.Sic)
		}
	}
	if kinds["score"] != 6 || kinds["sic"] == 0 || kinds["note"] == 0 {
		t.Errorf("errata by kind %v", kinds)
	}
	var gl glossaryJSON
	if err := json.Unmarshal(files["data/glossary.json"], &gl); err != nil {
		t.Fatal(err)
	}
	if len(gl.Terms) == 0 || len(gl.Abbreviations) == 0 || len(gl.Definitions) == 0 {
		t.Errorf("glossary: %d terms, %d abbreviations, %d definitions", len(gl.Terms), len(gl.Abbreviations), len(gl.Definitions))
	}
}

// TestOpenDataCSV: a BOM, the header, a row per requirement and per
// assessment, readable by encoding/csv.
func TestOpenDataCSV(t *testing.T) {
	files, _ := renderReal(t)
	for _, tt := range []struct {
		name   string
		header string
		rows   int
	}{
		{"data/requirements.csv", "id,level,target,title,body,uk,uk_refs", 87},
		{"data/threats.csv", "threat,entryPoint,entryPointName,class,example,scoredAs,table,case", 10 + 3 + 47 + 46 + 47 + 47},
	} {
		b := files[tt.name]
		if !bytes.HasPrefix(b, []byte("\ufeff"+tt.header)) {
			t.Errorf("%s starts %q", tt.name, b[:min(len(b), 60)])
			continue
		}
		recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff")))).ReadAll()
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if len(recs)-1 != tt.rows {
			t.Errorf("%s: %d rows, want %d", tt.name, len(recs)-1, tt.rows)
		}
		for i, r := range recs {
			for _, c := range r {
				if csvtext.Guarded(c) {
					t.Errorf("%s row %d: unguarded cell %q", tt.name, i, c)
				}
			}
		}
	}
}

func TestCSVCell(t *testing.T) {
	for in, want := range map[string]string{
		"=1+1": "'=1+1", "+1": "'+1", "-1": "'-1", "@SUM(A1)": "'@SUM(A1)", "\t=1": "'\t=1",
		"＝１＋１": "'＝１＋１", "－１": "'－１", "・項目": "・項目", "R2-1": "R2-1", "": "", "CVSS:3.0/AV:N": "CVSS:3.0/AV:N",
	} {
		if got := csvtext.Guard(in); got != want {
			t.Errorf("csvtext.Guard(%q) = %q, want %q", in, got, want)
		}
	}
}
