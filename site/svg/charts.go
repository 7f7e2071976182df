package svg

import (
	"fmt"
	"html/template"
	"math"
	"strconv"
	"strings"

	"shguide/calculator"
	"shguide/site/model"
)

// Risk charts: per service, each threat's value before and after mitigation
// (★★ シャッター自動開閉: 表3-38 → 表3-40; ★★★ 防犯駆けつけ: 表3-39 →
// 表3-41), grouped by entry point and coloured by the severity bands of
// 表3-36, plus the distribution of bands before and after. The values are
// the calculator's (Score.Value); where the published value differs, the
// row carries a ※ linking to the erratum.
//
// A chart is role="img" with <title>/<desc>: assistive technology reads it
// as one picture, and the table beside it carries the same numbers and the
// links. An image holds no links (nothing interactive may nest in it): the
// labels carry data-href, which the site's script follows on a pointer
// click. Labels wrap to as many lines as they need, never cut with "…".

// riskPair is a service's before and after tables.
type riskPair struct {
	Level         int
	Before, After string
}

var riskPairs = []riskPair{{2, "3-38", "3-40"}, {3, "3-39", "3-41"}}

// RiskChart is one service's chart data and drawings.
type RiskChart struct {
	ID            string // "level2"
	Level         int
	Service       string // the use case's name
	Before, After *model.Caption
	Groups        []*RiskGroup
	Dist          []*RiskBand
	Rows          int                      // threats charted
	Differing     int                      // rows whose published value differs from the computed one
	SVG           map[string]template.HTML // per layout name
	DistSVG       template.HTML
}

// RiskGroup is the threats of one entry point.
type RiskGroup struct {
	EP   *model.EntryPoint
	Rows []*RiskRow
}

// RiskRow is one threat's assessments in the two tables (either may be
// nil: 表3-39 has no row for ep5-stepping-stone).
type RiskRow struct {
	Threat        *model.Threat
	Before, After *model.Assessment
}

// RiskBand counts a severity band before and after mitigation.
type RiskBand struct {
	Band          *model.SeverityBand
	Sev           calculator.Severity
	Before, After int
}

// riskValue is an assessment's computed score.
func riskValue(a *model.Assessment) (calculator.Score, bool) {
	if a == nil || !a.Score.OK {
		return 0, false
	}
	return calculator.ParseScore(a.Score.Value)
}

// sevKey is the CSS suffix of a band: critical, high, medium, low, none.
func sevKey(s calculator.Severity) string { return strings.ToLower(s.String()) }

// RiskCharts builds the charts of both services from the validated model
// (a service whose tables the content lacks is left out).
func RiskCharts(m *model.Model, links Links) ([]*RiskChart, error) {
	s := &drawer{M: m, links: links}
	var out []*RiskChart
	for _, p := range riskPairs {
		c := &RiskChart{ID: "level" + strconv.Itoa(p.Level), Level: p.Level, Before: m.Table(p.Before), After: m.Table(p.After), SVG: map[string]template.HTML{}}
		if c.Before == nil || c.After == nil || len(m.AssessmentsIn(p.Before))+len(m.AssessmentsIn(p.After)) == 0 {
			continue // content without these tables (a test fixture): no chart
		}
		for _, uc := range m.UseCases {
			if uc.Level == p.Level {
				c.Service = uc.Name
			}
		}
		groups := map[int]*RiskGroup{}
		for _, t := range m.Threats {
			row := &RiskRow{Threat: t}
			for _, a := range t.Assessments {
				switch a.Table {
				case p.Before:
					row.Before = a
				case p.After:
					row.After = a
				}
			}
			if row.Before == nil && row.After == nil {
				continue
			}
			for _, a := range []*model.Assessment{row.Before, row.After} {
				if a == nil {
					continue
				}
				if _, ok := riskValue(a); !ok {
					return nil, fmt.Errorf("%s: %s table %s has no computed value", a.Pos, t.ID, a.Table)
				}
				if a.Differs() {
					c.Differing++
				}
			}
			g := groups[t.EntryPoint]
			if g == nil {
				ep := m.EntryPoint(t.EntryPoint)
				if ep == nil {
					return nil, fmt.Errorf("%s: %s entry point %d unknown", t.Pos, t.ID, t.EntryPoint)
				}
				g = &RiskGroup{EP: ep}
				groups[t.EntryPoint] = g
			}
			g.Rows = append(g.Rows, row)
			c.Rows++
		}
		for _, ep := range m.EntryPoints {
			if g := groups[ep.Number]; g != nil {
				c.Groups = append(c.Groups, g)
			}
		}
		for _, b := range m.Severity {
			sev, ok := calculator.ParseSeverity(b.En)
			if !ok {
				return nil, fmt.Errorf("%s: severity band %q unknown", b.Pos, b.En)
			}
			rb := &RiskBand{Band: b, Sev: sev}
			for _, g := range c.Groups {
				for _, r := range g.Rows {
					if v, ok := riskValue(r.Before); ok && calculator.SeverityOf(v) == sev {
						rb.Before++
					}
					if v, ok := riskValue(r.After); ok && calculator.SeverityOf(v) == sev {
						rb.After++
					}
				}
			}
			c.Dist = append(c.Dist, rb)
		}
		for _, l := range rcLayouts {
			c.SVG[l.Name] = template.HTML(s.drawRiskChart(c, l))
		}
		c.DistSVG = template.HTML(s.drawRiskDist(c))
		out = append(out, c)
	}
	return out, nil
}

// rcLayout places a per-threat chart: labels left of the bars (wide) or
// above them (tall, for phones).
type rcLayout struct {
	Name         string
	W            float64
	LabelAbove   bool
	LabelW       float64 // label column (wide) or line width (tall)
	X0, X1       float64 // plot: score 0 and 10
	Font         float64
	BarH, BarGap float64
}

// ChartLayouts are the layouts of a per-threat chart, in the order of
// RiskChart.SVG's keys on a page (the stylesheet shows one).
var ChartLayouts = rcLayouts

var rcLayouts = []*rcLayout{
	{Name: "wide", W: 960, LabelW: 372, X0: 410, X1: 850, Font: 12.5, BarH: 10, BarGap: 2},
	{Name: "tall", W: 400, LabelAbove: true, LabelW: 384, X0: 30, X1: 318, Font: 13.5, BarH: 11, BarGap: 2},
}

// bandColor is the fallback fill of a band (the stylesheet sets the themed
// one): the site's severity chip colours.
var bandColor = map[calculator.Severity]string{
	calculator.SeverityCritical: "#9f1239", calculator.SeverityHigh: "#c2410c",
	calculator.SeverityMedium: "#fcd34d", calculator.SeverityLow: "#bfdbfe", calculator.SeverityNone: "#e5e7eb",
}

// threatLabel is the score tables' wording of a threat.
func threatLabel(t *model.Threat) string {
	if t.ScoredAs != "" {
		return t.ScoredAs
	}
	return t.Example
}

func (s *drawer) chartTitle(c *RiskChart) string {
	return fmt.Sprintf("%s（%s）のリスク値: 対策前（表 %s）と対策後（表 %s）", c.Service, strings.Repeat("★", c.Level), c.Before.ID, c.After.ID)
}

// chartDesc summarises the chart in words for <desc>.
func (s *drawer) chartDesc(c *RiskChart) string {
	var parts []string
	for _, b := range c.Dist {
		parts = append(parts, fmt.Sprintf("%s %d→%d 件", b.Sev.Japanese(), b.Before, b.After))
	}
	return fmt.Sprintf("エントリーポイントごとの %d 件の脅威について、対策前と対策後のリスク値（計算値）を横棒で示す。深刻度の件数（対策前→対策後）: %s。数値は横の表にもある。",
		c.Rows, strings.Join(parts, "、"))
}

func (s *drawer) drawRiskChart(c *RiskChart, l *rcLayout) string {
	const top, groupFont, rowGap = 44.0, 13.5, 9.0
	lineH := l.Font * 1.25
	// Measure first: the height depends on wrapped labels.
	type placed struct {
		row   *RiskRow
		lines []string
		y     float64 // top of the row
	}
	var rows []placed
	var groupsY []float64
	var groupLines [][]string
	y := top
	for _, g := range c.Groups {
		groupsY = append(groupsY, y)
		gl := wrapText(g.EP.Mark()+" "+g.EP.Name, l.W-16, groupFont)
		groupLines = append(groupLines, gl)
		y += 28 + float64(len(gl)-1)*groupFont*1.25
		for _, r := range g.Rows {
			lines := wrapText(threatLabel(r.Threat), l.LabelW, l.Font)
			rows = append(rows, placed{r, lines, y})
			bars := 2*l.BarH + l.BarGap
			if l.LabelAbove {
				y += float64(len(lines))*lineH + 4 + bars + rowGap
			} else {
				y += math.Max(float64(len(lines))*lineH, bars) + rowGap
			}
		}
	}
	h := y + 8
	scale := (l.X1 - l.X0) / 100 // per tenth
	xOf := func(v calculator.Score) float64 { return l.X0 + float64(v)*scale }

	var b svgBuf
	b.Grow(64 << 10)
	id := c.ID + "-" + l.Name
	b.printf(`<svg class="viz riskchart-svg" viewBox="0 0 %s %s" role="img" aria-labelledby="%s-t %s-d">`, fnum(l.W), fnum(h), id, id)
	b.printf(`<title id="%s-t">%s</title><desc id="%s-d">%s</desc>`, id, xmlEsc(s.chartTitle(c)), id, xmlEsc(s.chartDesc(c)))

	// Severity bands as faint stripes with their names, and the band edges.
	for _, band := range c.Dist {
		lo, hi := band.Sev.Range()
		if band.Sev == calculator.SeverityNone {
			continue
		}
		// A band runs from its lowest value to the next band's lowest.
		x0, x1 := xOf(lo), xOf(min(hi+1, 100))
		if lo <= 1 {
			x0 = xOf(0)
		}
		b.printf(`<rect class="rc-band rc-%s" x="%s" y="%s" width="%s" height="%s" fill="%s" fill-opacity=".12"/>`,
			sevKey(band.Sev), fnum(x0), fnum(top-6), fnum(x1-x0), fnum(h-top-2), bandColor[band.Sev])
		b.printf(`<text class="rc-band-label" x="%s" y="%s" font-size="11" text-anchor="middle" fill="currentColor">%s</text>`,
			fnum((x0+x1)/2), fnum(top-12), xmlEsc(band.Sev.Japanese()))
	}
	for _, tick := range []calculator.Score{0, 40, 70, 90, 100} {
		x := xOf(tick)
		b.printf(`<line class="rc-grid" x1="%s" y1="%s" x2="%s" y2="%s" stroke="currentColor" stroke-opacity=".35" stroke-dasharray="3 3"/>`,
			fnum(x), fnum(top-6), fnum(x), fnum(h-8))
		b.printf(`<text class="rc-tick" x="%s" y="%s" font-size="10.5" text-anchor="middle" fill="currentColor">%s</text>`,
			fnum(x), fnum(top-28), tick.String())
	}

	for i, g := range c.Groups {
		gy := groupsY[i]
		b.printf(`<g class="rc-link" data-href="%s">`, xmlEsc(s.links.EntryPoint(g.EP.Number)))
		b.textLines("rc-group", 8, gy+19, groupFont, groupFont*1.25, "start", groupLines[i])
		b.WriteString(`</g>`)
	}
	for _, p := range rows {
		r := p.row
		b.printf(`<g class="rc-row" data-threat="%s">`, xmlEsc(r.Threat.ID))
		b.printf(`<g class="rc-link" data-href="%s">`, xmlEsc(s.links.Threat(r.Threat)))
		b.textLines("rc-label", 8, p.y+l.Font, l.Font, lineH, "start", p.lines)
		barTop := p.y
		if l.LabelAbove {
			barTop = p.y + float64(len(p.lines))*lineH + 4
		}
		b.WriteString(`</g>`)
		for k, a := range []*model.Assessment{r.Before, r.After} {
			by := barTop + float64(k)*(l.BarH+l.BarGap)
			which := [...]string{"前", "後"}[k]
			b.printf(`<text class="rc-which" x="%s" y="%s" font-size="10" text-anchor="end" fill="currentColor">%s</text>`,
				fnum(l.X0-5), fnum(by+l.BarH-1.5), which)
			v, ok := riskValue(a)
			if !ok {
				b.printf(`<text class="rc-value rc-missing" x="%s" y="%s" font-size="11" fill="currentColor">— 表 %s になし</text>`,
					fnum(l.X0+4), fnum(by+l.BarH-1.5), xmlEsc([...]string{c.Before.ID, c.After.ID}[k]))
				continue
			}
			sev := calculator.SeverityOf(v)
			opacity := ""
			if k == 0 {
				opacity = ` fill-opacity=".55"`
			}
			w := math.Max(xOf(v)-l.X0, 1.5)
			b.printf(`<rect class="rc-bar rc-%s rc-%s" data-table="%s" data-value="%s" x="%s" y="%s" width="%s" height="%s" fill="%s"%s stroke="currentColor" stroke-width=".6"/>`,
				[...]string{"before", "after"}[k], sevKey(sev), a.Table, v.String(), fnum(l.X0), fnum(by), fnum(w), fnum(l.BarH), bandColor[sev], opacity)
			tx := l.X0 + w + 5
			b.printf(`<text class="rc-value" x="%s" y="%s" font-size="11" fill="currentColor">%s %s</text>`,
				fnum(tx), fnum(by+l.BarH-1.5), v.String(), sev.Japanese())
			if a.Differs() {
				ex := tx + textWidth(v.String()+" "+sev.Japanese(), 11) + 4
				href := s.links.Errata()
				note := "公表値 " + a.PublishedScore()
				if er := a.Score.Erratum; er != nil {
					href = s.links.Erratum(er.ID)
					note += "（" + er.ID + "）"
				}
				b.printf(`<g class="rc-link rc-erratum" data-href="%s"><title>%s</title><text x="%s" y="%s" font-size="11" fill="currentColor">※%s</text></g>`,
					xmlEsc(href), xmlEsc(note), fnum(ex), fnum(by+l.BarH-1.5), xmlEsc(a.PublishedScore()))
			}
		}
		b.WriteString(`</g>`)
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// drawRiskDist draws the number of threats per band before and after.
func (s *drawer) drawRiskDist(c *RiskChart) string {
	const w, x0, x1, top, rowH, barH = 400.0, 96.0, 340.0, 30.0, 36.0, 12.0
	most := 1
	for _, b := range c.Dist {
		most = max(most, b.Before, b.After)
	}
	step := (x1 - x0) / float64(most)
	h := top + float64(len(c.Dist))*rowH + 6
	var b svgBuf
	b.Grow(64 << 10)
	id := c.ID + "-dist"
	b.printf(`<svg class="viz riskdist-svg" viewBox="0 0 %s %s" role="img" aria-labelledby="%s-t %s-d">`, fnum(w), fnum(h), id, id)
	var parts []string
	for _, d := range c.Dist {
		parts = append(parts, fmt.Sprintf("%s: 対策前 %d 件、対策後 %d 件", d.Sev.Japanese(), d.Before, d.After))
	}
	b.printf(`<title id="%s-t">%s</title><desc id="%s-d">%s。</desc>`, id,
		xmlEsc(fmt.Sprintf("%s（%s）の深刻度の分布（対策前・対策後）", c.Service, strings.Repeat("★", c.Level))), id, xmlEsc(strings.Join(parts, "、")))
	b.printf(`<text x="%s" y="16" font-size="11" fill="currentColor">上: 対策前（表 %s）　下: 対策後（表 %s）　単位: 件</text>`, fnum(8), c.Before.ID, c.After.ID)
	for i, d := range c.Dist {
		y := top + float64(i)*rowH
		lo, hi := d.Sev.Range()
		rng := lo.String() + "–" + hi.String()
		if d.Sev == calculator.SeverityNone {
			rng = "0.0"
		}
		b.printf(`<text class="rd-band" x="8" y="%s" font-size="13" font-weight="bold" fill="currentColor">%s</text>`, fnum(y+13), d.Sev.Japanese())
		b.printf(`<text class="rd-range" x="8" y="%s" font-size="10" fill="currentColor">%s</text>`, fnum(y+27), rng)
		for k, n := range []int{d.Before, d.After} {
			by := y + float64(k)*(barH+2)
			opacity := ""
			if k == 0 {
				opacity = ` fill-opacity=".55"`
			}
			bw := math.Max(float64(n)*step, 1.5)
			b.printf(`<rect class="rd-bar rc-%s rc-%s" data-count="%d" x="%s" y="%s" width="%s" height="%s" fill="%s"%s stroke="currentColor" stroke-width=".6"/>`,
				[...]string{"before", "after"}[k], sevKey(d.Sev), n, fnum(x0), fnum(by), fnum(bw), fnum(barH), bandColor[d.Sev], opacity)
			b.printf(`<text class="rd-count" x="%s" y="%s" font-size="11" fill="currentColor">%d</text>`, fnum(x0+bw+5), fnum(by+barH-2), n)
			b.printf(`<text class="rc-which" x="%s" y="%s" font-size="10" text-anchor="end" fill="currentColor">%s</text>`,
				fnum(x0-5), fnum(by+barH-2), [...]string{"前", "後"}[k])
		}
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// RiskCell is an assessment as the table beside a chart shows it.
type RiskCell struct {
	Table     string
	Value     string // computed
	Severity  calculator.Severity
	Published string
	Differs   bool
	Erratum   *model.Erratum
}

// SevJa and SevEn name the band of the computed value.
func (c *RiskCell) SevJa() string { return c.Severity.Japanese() }
func (c *RiskCell) SevEn() string { return c.Severity.String() }

func riskCell(a *model.Assessment) *RiskCell {
	v, ok := riskValue(a)
	if !ok {
		return nil
	}
	return &RiskCell{Table: a.Table, Value: v.String(), Severity: calculator.SeverityOf(v), Published: a.PublishedScore(), Differs: a.Differs(), Erratum: a.Score.Erratum}
}

// Cells are the before and after cells (nil where the table has no row).
func (r *RiskRow) Cells() []*RiskCell { return []*RiskCell{riskCell(r.Before), riskCell(r.After)} }
