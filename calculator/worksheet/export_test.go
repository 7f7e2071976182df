package worksheet

import (
	"encoding/csv"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"shguide/calculator"
)

var exportRows = []Row{
	{Name: "EP① 不正アクセス", Vector: v1, Note: "表3-38 公表値 9.3"},
	{Name: "=HYPERLINK(\"x\")", Vector: "CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:C/C:N/I:N/A:N/LP:N/II:N/CR:L/IR:L/AR:L/MPR:H", Note: "複数行\n\"引用\", カンマ"},
	{Name: "-1", Vector: "CVSS:3.1/AV:P/AC:H/PR:L/UI:R/S:U/C:L/I:L/A:H/E:H/RL:U/RC:U", Note: "@note"},
}

func TestAppendCSV(t *testing.T) {
	b := AppendCSV(nil, append(exportRows, Row{Name: "壊れた行", Vector: "CVSS:3.0/AV:N"}))
	golden(t, "export.golden.csv", b)
	s := string(b)
	if !strings.HasPrefix(s, "\uFEFF"+CSVHeader+"\r\n") {
		t.Fatalf("no BOM + header: %q", s[:40])
	}
	// encoding/csv reads it: every record has the header's columns.
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(s, "\uFEFF")))
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 5 {
		t.Fatalf("%d records", len(recs))
	}
	for i, row := range exportRows {
		rec := recs[i+1]
		v := must(calculator.Parse(row.Vector))
		sc := v.Score()
		p := v.Plain()
		p.Version = calculator.V30
		want := []string{sc.Base.String(), sc.BaseSeverity.Japanese(), sc.Temporal.String(), sc.TemporalSeverity.Japanese(),
			sc.Environmental.String(), sc.EnvironmentalSeverity.Japanese(), p.Score().Base.String()}
		if !reflect.DeepEqual(rec[3:10], want) {
			t.Errorf("row %d scores %q, want %q", i, rec[3:10], want)
		}
	}
	if recs[2][0] != "'=HYPERLINK(\"x\")" || recs[3][2] != "'@note" {
		t.Errorf("formula guard missing: %q %q", recs[2][0], recs[3][2])
	}
	if got := recs[4][3:]; strings.Join(got, "") != "" {
		t.Errorf("invalid row has scores %q", got)
	}
	// Reading the export back gives the rows (canonical vectors).
	im := ImportCSV(s)
	var got []Row
	for _, r := range im.Rows {
		got = append(got, r.Row)
	}
	if len(im.Problems) != 1 || im.Problems[0].Line != 6 || !reflect.DeepEqual(got, exportRows) {
		t.Errorf("round trip: rows %+v problems %+v", got, im.Problems)
	}
}

func TestAppendJSON(t *testing.T) {
	b := AppendJSON(nil, append(exportRows, Row{Name: "壊れた行", Vector: "CVSS:3.0/AV:N"}))
	golden(t, "export.golden.json", b)
	var doc struct {
		Format  string           `json:"format"`
		Version int              `json:"version"`
		Rows    []map[string]any `json:"rows"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatalf("%v\n%s", err, b)
	}
	if doc.Format != JSONFormat || doc.Version != 1 || len(doc.Rows) != 4 {
		t.Fatalf("doc %+v", doc)
	}
	for i, row := range exportRows {
		got := doc.Rows[i]
		v := must(calculator.Parse(row.Vector))
		var want map[string]any
		if err := json.Unmarshal(v.AppendJSON(nil), &want); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got["scores"], want) {
			t.Errorf("row %d scores %v, want %v", i, got["scores"], want)
		}
		sub := got["subscores"].(map[string]any)
		if sc := v.Score(); sub["impact"] != sc.Impact || sub["modifiedExploitability"] != sc.ModifiedExploitability || len(sub) != 8 {
			t.Errorf("row %d subscores %v", i, sub)
		}
		p := v.Plain()
		p.Version = calculator.V30
		if ps := p.Score().Base; got["cvss30BaseScore"] != ps.Float() || got["cvss30BaseSeverityJa"] != calculator.SeverityOf(ps).Japanese() {
			t.Errorf("row %d cvss30Base %v %v, want %v", i, got["cvss30BaseScore"], got["cvss30BaseSeverityJa"], ps)
		}
		if got["name"] != row.Name || got["note"] != row.Note || got["vector"] != row.Vector {
			t.Errorf("row %d: %v", i, got)
		}
	}
	if doc.Rows[3]["error"] != "基本評価項目 AC がありません" || doc.Rows[3]["scores"] != nil {
		t.Errorf("invalid row: %v", doc.Rows[3])
	}
	// ImportItems reads it back (as the bridge presents a parsed document).
	items := make([]Item, len(doc.Rows))
	for i, r := range doc.Rows {
		items[i] = Item{Type: "object", Name: str(r["name"].(string)), Vector: str(r["vector"].(string)), Note: str(r["note"].(string))}
	}
	im := ImportItems(Document{Type: "rows", Items: items})
	var got []Row
	for _, r := range im.Rows {
		got = append(got, r.Row)
	}
	if !reflect.DeepEqual(got, exportRows) || len(im.Problems) != 1 || im.Problems[0].Line != 4 {
		t.Errorf("round trip: %+v %+v", got, im.Problems)
	}
}

// Full-width formula starts, which Japanese spreadsheet programs read as
// their ASCII forms, are guarded like "=" and read back unguarded.
func TestAppendCSVGuardsFullWidth(t *testing.T) {
	rows := []Row{
		{Name: "＝HYPERLINK(\"x\")", Vector: v1, Note: "＋1"},
		{Name: "＠cmd", Vector: v1, Note: "－1"},
		{Name: "  =1+1", Vector: v1, Note: "\u3000＝1"},
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(AppendCSV(nil, rows)), "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if recs[i+1][0] != "'"+r.Name || recs[i+1][2] != "'"+r.Note {
			t.Errorf("row %d: %q, %q not guarded", i+1, recs[i+1][0], recs[i+1][2])
		}
	}
	im := ImportCSV(string(AppendCSV(nil, rows)))
	if len(im.Problems) != 0 || len(im.Rows) != 3 || im.Rows[0].Name != rows[0].Name || im.Rows[1].Note != rows[1].Note {
		t.Errorf("read back: %+v %+v", im.Rows, im.Problems)
	}
}
