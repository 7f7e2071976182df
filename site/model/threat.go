package model

import (
	"fmt"

	"shguide/calculator"
)

// RiskStep is a row of 表3-1.
type RiskStep struct {
	Pos         Pos    `yaml:"-"`
	No          int    `yaml:"no"`
	Title       string `yaml:"title"`
	Description string `yaml:"description"`
}

// Asset is a row group of 表3-2: the assets of one entry point.
type Asset struct {
	Pos         Pos            `yaml:"-"`
	Target      string         `yaml:"target"`
	EntryPoints []int          `yaml:"entryPoints"`
	Devices     []*AssetDevice `yaml:"devices"`
}

// AssetDevice is a 機器名 of 表3-2 with its asset groups.
type AssetDevice struct {
	Pos    Pos           `yaml:"-"`
	Name   string        `yaml:"name"`
	Groups []*AssetGroup `yaml:"groups"`
}

// AssetGroup is a list of assets of one kind.
type AssetGroup struct {
	Pos     Pos      `yaml:"-"`
	Kind    string   `yaml:"kind"` // primary | secondary | both
	Items   []string `yaml:"items"`
	Details []string `yaml:"details"` // sub-bullets of the last item (・制御信号 …)
}

// ThreatClass is a STRIDE+CCDS class of 表3-3.
type ThreatClass struct {
	Pos         Pos    `yaml:"-"`
	ID          string `yaml:"id"`
	Name        string `yaml:"name"`
	Model       string `yaml:"model"` // STRIDE | CCDS
	Description string `yaml:"description"`
}

// EntryPoint is EP①–EP⑩ of 表3-4.
type EntryPoint struct {
	Pos     Pos      `yaml:"-"`
	Number  int      `yaml:"number"`
	Name    string   `yaml:"name"`
	Kind    string   `yaml:"kind"`   // component | path
	Target  string   `yaml:"target"` // requirement target code
	Classes []string `yaml:"classes"`
}

// Mark is "EP①" … "EP⑩".
func (e *EntryPoint) Mark() string { return EPMark(e.Number) }

// AnalysisItem is a numbered row of 表3-5 to 表3-9.
type AnalysisItem struct {
	Pos         Pos    `yaml:"-"`
	No          int    `yaml:"no"`
	Group       string `yaml:"group"`
	Name        string `yaml:"name"`
	Description string `yaml:"description"`
}

// CVSSIssue is a row of 表3-13.
type CVSSIssue struct {
	Pos         Pos    `yaml:"-"`
	Title       string `yaml:"title"`
	Description string `yaml:"description"`
}

// Criterion is a row of 表3-14.
type Criterion struct {
	Pos  Pos    `yaml:"-"`
	No   int    `yaml:"no"`
	Name string `yaml:"name"`
	Body string `yaml:"body"` // Markdown subset
}

// Metric is a scoring parameter (表3-15, 表3-24 and the CVSS temporal ones).
type Metric struct {
	Pos         Pos            `yaml:"-"`
	Abbr        string         `yaml:"abbr"`
	No          int            `yaml:"no"`
	Group       string         `yaml:"group"`
	Name        string         `yaml:"name"`
	Description string         `yaml:"description"`
	Source      string         `yaml:"source"`
	Table       string         `yaml:"table"`
	Values      []*MetricValue `yaml:"values"`
}

// MetricValue is a value of a metric with its weight as printed.
type MetricValue struct {
	Pos             Pos    `yaml:"-"`
	Code            string `yaml:"code"`
	Label           string `yaml:"label"`
	Description     string `yaml:"description"`
	Weight          string `yaml:"weight"`
	WeightUnchanged string `yaml:"weightUnchanged"` // PR/MPR, scope unchanged
	WeightChanged   string `yaml:"weightChanged"`   // PR/MPR, scope changed
}

// SeverityBand is a column of 表3-36.
type SeverityBand struct {
	Pos  Pos    `yaml:"-"`
	Name string `yaml:"name"` // 緊急
	En   string `yaml:"en"`   // Critical
	Min  string `yaml:"min"`
	Max  string `yaml:"max"`
}

// Formulas are 図3-2 and 図3-3 as Markdown.
type Formulas struct {
	Pos           Pos    `yaml:"-"`
	Base          string `yaml:"base"`
	Environmental string `yaml:"environmental"`
}

// Threat is one threat of an entry point with its analysis and scores.
type Threat struct {
	Pos         Pos            `yaml:"-"`
	ID          string         `yaml:"id"`
	EntryPoint  int            `yaml:"entryPoint"`
	Class       string         `yaml:"class"`
	Example     string         `yaml:"example"`
	ScoredAs    string         `yaml:"scoredAs"`
	Assets      []*AssetGroup  `yaml:"assets"`
	Analysis    []*AnalysisRow `yaml:"analysis"`
	Assessments []*Assessment  `yaml:"assessments"`
}

// AnalysisRow is an (I/F, Who, Whom, Where) line of 表3-10/表3-11.
type AnalysisRow struct {
	Pos        Pos      `yaml:"-"`
	Interfaces []string `yaml:"interfaces"`
	Who        string   `yaml:"who"`
	Whom2      []string `yaml:"whom2"`
	Whom3      []string `yaml:"whom3"`
	Where      string   `yaml:"where"`
}

// Assessment is a scored row of 表3-12 or 表3-37 to 表3-41.
type Assessment struct {
	Pos       Pos    `yaml:"-"`
	Table     string `yaml:"table"`
	Case      string `yaml:"case"` // 表3-37 only: ① ② ③
	Vector    string `yaml:"vector"`
	Published string `yaml:"published"` // as printed: "9.3", "10"
	Severity  string `yaml:"severity"`  // as printed: 緊急

	Threat *Threat `yaml:"-"`
	Score  Score   `yaml:"-"` // derived by Load from the calculator
}

// Score is what the calculator says about an assessment's vector.
type Score struct {
	OK       bool   // the vector parsed
	Value    string // "9.3": the score the table reports (base or environmental)
	Severity string // English severity name of Value ("High")
	Erratum  *Erratum
}

// EPMark formats an entry-point number as the source does: EP①.
func EPMark(n int) string {
	if n >= 1 && n <= 20 {
		return "EP" + string(rune('①'+n-1))
	}
	return fmt.Sprintf("EP%d", n)
}

// Scored lists a threat's assessments by table for the side-by-side view:
// before and after mitigation for the ★★ (表3-38/3-40) and ★★★ (表3-39/3-41)
// services.
type Scored struct {
	CVSS     *Assessment   // 表3-12
	Examples []*Assessment // 表3-37
	Before2  *Assessment   // 表3-38
	After2   *Assessment   // 表3-40
	Before3  *Assessment   // 表3-39
	After3   *Assessment   // 表3-41
}

// Scores groups a threat's assessments.
func (t *Threat) Scores() Scored {
	var sc Scored
	for _, a := range t.Assessments {
		switch a.Table {
		case "3-12":
			sc.CVSS = a
		case "3-37":
			sc.Examples = append(sc.Examples, a)
		case "3-38":
			sc.Before2 = a
		case "3-40":
			sc.After2 = a
		case "3-39":
			sc.Before3 = a
		case "3-41":
			sc.After3 = a
		}
	}
	return sc
}

// ScoreTables are the tables that score threats (表3-12, 表3-37 to 表3-41).
var ScoreTables = []string{"3-12", "3-37", "3-38", "3-39", "3-40", "3-41"}

// afterTables maps each after-mitigation table to its before table.
var afterTables = map[string]string{"3-40": "3-38", "3-41": "3-39"}

// AfterMitigation reports whether a score table holds the values after
// mitigation (environmental scores), and names the table before it.
func AfterMitigation(table string) (before string, ok bool) {
	before, ok = afterTables[table]
	return before, ok
}

// Differs reports whether the published value disagrees with the method.
func (a *Assessment) Differs() bool {
	if !a.Score.OK {
		return false
	}
	p, ok1 := calculator.ParseScore(a.Published)
	c, ok2 := calculator.ParseScore(a.Score.Value)
	return ok1 && ok2 && p != c
}

// PublishedScore is the published value written as CVSS writes scores,
// with one decimal: the guideline prints "10" and "5", readers expect
// "10.0" and "5.0".
func (a *Assessment) PublishedScore() string { return OneDecimal(a.Published) }

// OneDecimal writes a score with one decimal ("10" becomes "10.0"); text
// that is not a score is returned unchanged.
func OneDecimal(score string) string {
	if v, ok := calculator.ParseScore(score); ok {
		return v.String()
	}
	return score
}

// PublishedSeverity is the English band of the published value.
func (a *Assessment) PublishedSeverity() string {
	if p, ok := calculator.ParseScore(a.Published); ok {
		return calculator.SeverityOf(p).String()
	}
	return ""
}

// CalculatorPath is the calculator page opened on the assessment's vector,
// below the site's base: the page reads its URL fragment as the vector.
func (a *Assessment) CalculatorPath() string { return "calculator/#" + a.Vector }
