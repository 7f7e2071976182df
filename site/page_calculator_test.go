package site

import (
	"encoding/json"
	"strings"
	"testing"

	"shguide/calculator"
	"shguide/calculator/worksheet"
	"shguide/site/model"
)

// TestCalcGroups: the calculator page offers exactly the calculator's
// metrics, in its order, with its value letters.
func TestCalcGroups(t *testing.T) {
	m := loadReal(t)
	groups, err := calcGroups(m)
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, g := range groups {
		for _, cm := range g.Metrics {
			order = append(order, g.ID+":"+cm.Abbr)
			mt, _ := calculator.LookupMetric(cm.Abbr)
			var codes string
			for _, v := range cm.Values {
				codes += v.Code
			}
			if len(codes) != len(mt.Codes()) {
				t.Errorf("%s: values %s, calculator %s", cm.Abbr, codes, mt.Codes())
			}
			for _, c := range mt.Codes() {
				if !strings.ContainsRune(codes, c) {
					t.Errorf("%s: value %c missing", cm.Abbr, c)
				}
			}
			wantDefault := map[bool]string{true: "", false: "X"}[mt.Required()]
			if mt == calculator.MetricLP || mt == calculator.MetricII {
				wantDefault = "N"
			}
			if cm.Default != wantDefault || cm.Required != mt.Required() {
				t.Errorf("%s: default %q required %v", cm.Abbr, cm.Default, cm.Required)
			}
		}
	}
	want := "base:AV base:AC base:PR base:UI base:S base:C base:I base:A base:LP base:II " +
		"temporal:E temporal:RL temporal:RC " +
		"environmental:CR environmental:IR environmental:AR environmental:MAV environmental:MAC environmental:MPR " +
		"environmental:MUI environmental:MS environmental:MC environmental:MI environmental:MA environmental:MLP environmental:MII"
	if got := strings.Join(order, " "); got != want {
		t.Errorf("order\n got %s\nwant %s", got, want)
	}
	// PR shows both weights.
	for _, cm := range groups[0].Metrics {
		if cm.Abbr == "PR" && cm.Values[1].Weight != "0.62 / 0.68（スコープ変更あり）" {
			t.Errorf("PR:L weight %q", cm.Values[1].Weight)
		}
	}

	// A metric the calculator does not know, or a missing value, is an error.
	broken := *m
	broken.BaseMetrics = append(append([]*model.Metric{}, m.BaseMetrics...), &model.Metric{Abbr: "ZZ"})
	if _, err := calcGroups(&broken); err == nil || !strings.Contains(err.Error(), "ZZ") {
		t.Errorf("unknown metric: %v", err)
	}
	broken = *m
	broken.TemporalMetrics = m.TemporalMetrics[1:]
	if _, err := calcGroups(&broken); err == nil || !strings.Contains(err.Error(), "no metric E") {
		t.Errorf("missing metric: %v", err)
	}
}

// TestWorksheetTemplates: the templates are the rows of 表3-38 to 表3-41,
// and every row imports cleanly into the worksheet.
func TestWorksheetTemplates(t *testing.T) {
	m := loadReal(t)
	tpls := worksheetTemplates(m)
	wantRows := map[string]int{"3-38": 47, "3-39": 46, "3-40": 47, "3-41": 47}
	if len(tpls) != 4 {
		t.Fatalf("%d templates", len(tpls))
	}
	errata := 0
	for _, tp := range tpls {
		if len(tp.Rows) != wantRows[tp.Table] {
			t.Errorf("%s: %d rows, want %d", tp.ID, len(tp.Rows), wantRows[tp.Table])
		}
		items := make([]worksheet.Item, len(tp.Rows))
		for i, r := range tp.Rows {
			items[i] = worksheet.Item{Type: "object", Name: worksheet.Field{Type: "string", Value: r.Name},
				Vector: worksheet.Field{Type: "string", Value: r.Vector}, Note: worksheet.Field{Type: "string", Value: r.Note}}
			if !strings.HasPrefix(r.Name, "EP") || !strings.HasPrefix(r.Note, "表 "+tp.Table+" 公表値 ") {
				t.Errorf("%s row %d: %+v", tp.ID, i+1, r)
			}
			if strings.Contains(r.Note, "計算値") {
				errata++
			}
		}
		im := worksheet.ImportItems(worksheet.Document{Type: "rows", Items: items})
		if len(im.Problems) != 0 || len(im.Rows) != len(tp.Rows) {
			t.Errorf("%s: %d rows import, problems %v", tp.ID, len(im.Rows), im.Problems)
		}
	}
	// The rows whose published value the method does not reproduce say so.
	want := 0
	for _, table := range []string{"3-38", "3-39", "3-40", "3-41"} {
		for _, a := range m.AssessmentsIn(table) {
			if a.Differs() {
				want++
			}
		}
	}
	if errata != want || want == 0 {
		t.Errorf("%d template notes give a computed value, %d rows differ", errata, want)
	}
	if !strings.HasPrefix(tpls[0].Title, "★★ シャッター自動開閉サービス") || !strings.HasPrefix(tpls[2].Title, "★★★ 駆けつけ防犯サービス") {
		t.Errorf("titles %q, %q", tpls[0].Title, tpls[2].Title)
	}
}

// TestCalculatorPages renders the real site and checks the calculator
// pages, the templates file and the links from the threat pages.
func TestCalculatorPages(t *testing.T) {
	m := loadReal(t)
	files, _, err := Render(m, Options{Base: "/b/"})
	if err != nil {
		t.Fatal(err)
	}
	page := string(files["calculator/index.html"])
	for _, want := range []string{
		`id="base-score"`, `id="temporal-score"`, `id="environmental-score"`, `id="cvss30-base-score"`,
		`<fieldset class="metric" id="m-av" data-metric="AV" data-required="true" aria-describedby="m-av-desc">`,
		`攻撃元区分</span> <span class="abbr">(AV)</span>`, `ネットワーク <span class="code">(N)</span>`,
		`name="MII" value="X" checked`, `name="LP" value="N" checked`, `name="version" value="3.0" checked`,
		`<noscript>`, `href="/b/metrics/"`, `src="/b/assets/js/calculator.`, `href="/b/assets/css/calculator.`,
		`href="/b/calculator/#CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/LP:N/II:H"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("calculator/index.html lacks %s", want)
		}
	}
	if strings.Contains(page, `name="AV" value="N" checked`) {
		t.Error("a required base metric is preselected")
	}
	ws := string(files["calculator/worksheet/index.html"])
	for _, want := range []string{`data-templates="/b/calculator/templates.json"`, `data-calculator="/b/calculator/"`, `<option value="star3-after">`, `src="/b/assets/js/worksheet.`} {
		if !strings.Contains(ws, want) {
			t.Errorf("calculator/worksheet/index.html lacks %s", want)
		}
	}
	var doc struct {
		Templates []WorksheetTemplate `json:"templates"`
	}
	if err := json.Unmarshal(files["calculator/templates.json"], &doc); err != nil || len(doc.Templates) != 4 || len(doc.Templates[0].Rows) != 47 {
		t.Errorf("templates.json: %v, %d templates", err, len(doc.Templates))
	}
	ep1 := string(files["threats/ep1/index.html"])
	for _, a := range m.ThreatsOf(1)[0].Assessments {
		if !strings.Contains(ep1, `href="/b/calculator/#`+a.Vector+`"`) {
			t.Errorf("threats/ep1/ has no calculator link for %s %s", a.Table, a.Vector)
		}
	}
}

// TestCalculatorFragmentCheck: links to calculator/#VECTOR are checked as
// vectors.
func TestCalculatorFragmentCheck(t *testing.T) {
	files := map[string][]byte{
		"calculator/index.html": []byte(`<html><body><main id="main"></main></body></html>`),
		"index.html": []byte(`<a href="/calculator/#CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H">ok</a>` +
			`<a href="/calculator/#main">ok</a>` +
			`<a href="/calculator/#CVSS:3.0/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H">bad</a>`),
	}
	err := checkLinks(files, "/")
	if err == nil || !strings.Contains(err.Error(), "calculator vector: at column 13: invalid value \"Q\" for AV") || strings.Count(err.Error(), "\n") != 1 {
		t.Errorf("checkLinks = %v", err)
	}
}
