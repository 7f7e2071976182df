package svg

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"shguide/calculator"
)

func riskCharts(t *testing.T) (*drawer, []*RiskChart) {
	t.Helper()
	s := vizSite(t)
	cs, err := RiskCharts(s.M, s.links)
	if err != nil {
		t.Fatal(err)
	}
	return s, cs
}

// The charted rows are the score tables' rows: 表3-38 and 表3-40 have 47,
// 表3-39 has 46 (no ep5-stepping-stone) and 表3-41 47.
func TestRiskChartsRows(t *testing.T) {
	s, cs := riskCharts(t)
	want := []struct {
		level, rows, before, after int
		service                    string
	}{
		{2, 47, 47, 47, "シャッター自動開閉サービス"},
		{3, 47, 46, 47, "駆けつけ防犯サービス"},
	}
	if len(cs) != len(want) {
		t.Fatalf("%d charts, want %d", len(cs), len(want))
	}
	for i, w := range want {
		c := cs[i]
		if c.Level != w.level || c.Rows != w.rows || c.Service != w.service {
			t.Errorf("chart %d: level %d rows %d service %q, want %d %d %q", i, c.Level, c.Rows, c.Service, w.level, w.rows, w.service)
		}
		before, after := 0, 0
		for _, d := range c.Dist {
			before += d.Before
			after += d.After
		}
		if before != w.before || after != w.after {
			t.Errorf("★%d: distribution sums %d/%d, want %d/%d", c.Level, before, after, w.before, w.after)
		}
		if got := len(s.M.AssessmentsIn(c.Before.ID)); got != w.before {
			t.Errorf("表%s has %d assessments, want %d", c.Before.ID, got, w.before)
		}
		// Groups follow 表3-4's entry-point order.
		last := 0
		for _, g := range c.Groups {
			if g.EP.Number <= last {
				t.Errorf("★%d: %s after EP%d", c.Level, g.EP.Mark(), last)
			}
			last = g.EP.Number
		}
	}
}

// Every scored threat of a service's two tables is a row linking to the
// threat (data-href: an image holds no links), with one bar per table
// whose value and band are the calculator's, and a ※ link to the erratum
// where the published value differs. No label is cut with "…".
func TestRiskChartsSVG(t *testing.T) {
	s, cs := riskCharts(t)
	for _, c := range cs {
		for _, l := range rcLayouts {
			name := fmt.Sprintf("★%d %s", c.Level, l.Name)
			doc := parseXML(t, string(c.SVG[l.Name]))
			checkLabelled(t, doc)
			svg := doc.all(byName("svg"))[0]
			if svg.Attr["role"] != "img" {
				t.Errorf("%s: role %q, want img", name, svg.Attr["role"])
			}
			for _, a := range svg.all(byName("a")) {
				t.Errorf("%s: link %s inside role=img", name, a.Attr["href"])
			}
			if txt := svg.text(); strings.Contains(txt, "…") {
				t.Errorf("%s: a label is cut with …: %q", name, txt)
			}
			differing := 0
			for _, table := range []string{c.Before.ID, c.After.ID} {
				for _, as := range s.M.AssessmentsIn(table) {
					th := as.Threat
					rows := svg.all(func(n *xnode) bool { return n.Attr["data-threat"] == th.ID })
					if len(rows) != 1 {
						t.Errorf("%s: %s drawn %d times", name, th.ID, len(rows))
						continue
					}
					row := rows[0]
					links := row.all(func(n *xnode) bool { return n.Attr["data-href"] == "/"+threatPath(th) })
					if len(links) != 1 {
						t.Errorf("%s: %s has %d links to /%s", name, th.ID, len(links), threatPath(th))
					}
					bars := row.all(func(n *xnode) bool { return n.hasClass("rc-bar") && n.Attr["data-table"] == table })
					if len(bars) != 1 {
						t.Errorf("%s: %s has %d bars for 表%s", name, th.ID, len(bars), table)
						continue
					}
					v, _ := calculator.ParseScore(as.Score.Value)
					sev := calculator.SeverityOf(v)
					if bars[0].Attr["data-value"] != as.Score.Value || !bars[0].hasClass("rc-"+sevKey(sev)) || bars[0].Attr["fill"] != bandColor[sev] {
						t.Errorf("%s: %s 表%s bar %v, want value %s band %s", name, th.ID, table, bars[0].Attr, as.Score.Value, sevKey(sev))
					}
					if txt := row.text(); !strings.Contains(txt, as.Score.Value+" "+sev.Japanese()) {
						t.Errorf("%s: %s 表%s: value %q not written as text in %q", name, th.ID, table, as.Score.Value, txt)
					}
					if as.Differs() {
						differing++
						er := as.Score.Erratum
						if er == nil {
							t.Fatalf("%s: %s 表%s differs without an erratum", name, th.ID, table)
						}
						marks := row.all(func(n *xnode) bool {
							return n.hasClass("rc-erratum") && n.Attr["data-href"] == "/"+erratumPath(er.ID) && strings.Contains(n.text(), "※"+as.PublishedScore())
						})
						if len(marks) != 1 {
							t.Errorf("%s: %s 表%s: no ※ link to %s", name, th.ID, table, er.ID)
						}
					}
				}
			}
			if differing != c.Differing || differing == 0 {
				t.Errorf("%s: %d differing values drawn, chart counts %d (want > 0: 表3-38 has E002)", name, differing, c.Differing)
			}
			if got := len(svg.all(byClass("rc-erratum"))); got != differing {
				t.Errorf("%s: %d ※ marks, want %d", name, got, differing)
			}
			for _, g := range c.Groups {
				if len(svg.all(func(n *xnode) bool { return n.Attr["data-href"] == "/"+epPath(g.EP.Number) })) != 1 {
					t.Errorf("%s: no heading link for %s", name, g.EP.Mark())
				}
			}
		}
	}
}

// The 表3-39 gap is drawn as a missing value, not as zero.
func TestRiskChartsMissingRow(t *testing.T) {
	_, cs := riskCharts(t)
	c := cs[1]
	doc := parseXML(t, string(c.SVG["wide"]))
	rows := doc.all(func(n *xnode) bool { return n.Attr["data-threat"] == "ep5-stepping-stone" })
	if len(rows) != 1 {
		t.Fatalf("ep5-stepping-stone drawn %d times", len(rows))
	}
	if n := len(rows[0].all(byClass("rc-bar"))); n != 1 {
		t.Errorf("%d bars, want the 表3-41 one only", n)
	}
	if !strings.Contains(rows[0].text(), "表 3-39 になし") {
		t.Errorf("missing 表3-39 value not said: %q", rows[0].text())
	}
}

func TestRiskDistSVG(t *testing.T) {
	_, cs := riskCharts(t)
	for _, c := range cs {
		doc := parseXML(t, string(c.DistSVG))
		checkLabelled(t, doc)
		bars := doc.all(byClass("rd-bar"))
		if len(bars) != 2*len(c.Dist) {
			t.Fatalf("★%d: %d bars, want %d", c.Level, len(bars), 2*len(c.Dist))
		}
		for i, d := range c.Dist {
			for k, n := range []int{d.Before, d.After} {
				b := bars[2*i+k]
				if b.Attr["data-count"] != strconv.Itoa(n) || !b.hasClass("rc-"+sevKey(d.Sev)) {
					t.Errorf("★%d %s bar %d: %v, want count %d", c.Level, d.Sev, k, b.Attr, n)
				}
			}
		}
	}
	// ★★ before mitigation (表3-38, computed): the guideline's bands.
	got := map[string][2]int{}
	for _, d := range cs[0].Dist {
		got[d.Sev.String()] = [2]int{d.Before, d.After}
	}
	if got["Critical"][1] != 0 || got["Critical"][0] == 0 {
		t.Errorf("★★ critical before/after %v: mitigation should leave no 緊急", got["Critical"])
	}
}

func TestRiskChartsGeometry(t *testing.T) {
	_, cs := riskCharts(t)
	for _, c := range cs {
		for _, l := range rcLayouts {
			doc := parseXML(t, string(c.SVG[l.Name]))
			for _, tx := range doc.all(byClass("rc-label")) {
				for _, span := range tx.all(byName("tspan")) {
					if w := textWidth(span.Text, l.Font); w > l.LabelW {
						t.Errorf("★%d %s: label line %q %.0f wide, column %.0f", c.Level, l.Name, span.Text, w, l.LabelW)
					}
				}
			}
			for _, b := range doc.all(byClass("rc-bar")) {
				x, _ := strconv.ParseFloat(b.Attr["x"], 64)
				w, _ := strconv.ParseFloat(b.Attr["width"], 64)
				if x != l.X0 || x+w > l.X1+0.01 {
					t.Errorf("★%d %s: bar %v outside the plot %v–%v", c.Level, l.Name, b.Attr, l.X0, l.X1)
				}
			}
		}
	}
}

func TestRiskChartsGolden(t *testing.T) {
	_, cs := riskCharts(t)
	// The ★★ wide chart and both distributions keep the file reviewable;
	// the other drawings share their code and are checked structurally.
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n", cs[0].SVG["wide"])
	for _, c := range cs {
		fmt.Fprintf(&b, "%s\n", c.DistSVG)
	}
	golden(t, "riskcharts.golden.html", []byte(b.String()))
}

func BenchmarkRiskCharts(b *testing.B) {
	s := vizSite(b)
	for b.Loop() {
		if _, err := RiskCharts(s.M, s.links); err != nil {
			b.Fatal(err)
		}
	}
}
