package model

import (
	"fmt"
	"strconv"
	"strings"

	"shguide/site/markdown"
)

// Pos is where an item was read: a content file (relative to the content
// root) and a 1-based line. Line 0 means the whole file. Validation messages
// name a Pos as "file:line".
type Pos struct {
	File string
	Line int
	keys []keyLine // the line of each key of the item's mapping
}

type keyLine struct {
	key  string
	line int
}

func (p Pos) String() string {
	if p.Line <= 0 {
		return p.File
	}
	return fmt.Sprintf("%s:%d", p.File, p.Line)
}

// At returns the position of the item's key k, or the item's own position
// when the key is absent (for example a missing required field).
func (p Pos) At(k string) Pos {
	for _, kl := range p.keys {
		if kl.key == k {
			return Pos{File: p.File, Line: kl.line}
		}
	}
	return Pos{File: p.File, Line: p.Line}
}

// Model is the whole guideline as loaded from content/ (see the package
// documentation for the format). Slices keep the files' order. The fields
// after "derived" are computed by Load from the others and never read from
// YAML. Renderers treat a loaded model as read-only.
type Model struct {
	Guideline *Guideline

	Tables  []*Caption // captions.yaml tables
	Figures []*Caption // captions.yaml figures

	Chapters []*Chapter // chapters/NN.md in chapter order

	References []*Reference // references.yaml

	Terms         []*Term         // glossary.yaml terms (表1-1)
	Abbreviations []*Abbreviation // glossary.yaml abbreviations (表1-2)

	Definitions []*Term      // service.yaml definitions (表2-1)
	Levels      []*Level     // service.yaml levels (表2-2), highest first
	Components  []*Component // service.yaml components (表2-3)
	UseCases    []*UseCase   // service.yaml usecases (表2-4, 表2-5)

	RiskSteps      []*RiskStep     // risk.yaml steps (表3-1)
	Assets         []*Asset        // risk.yaml assets (表3-2)
	AssetNotes     []string        // risk.yaml assetNotes
	Classes        []*ThreatClass  // risk.yaml classes (表3-3)
	EntryPoints    []*EntryPoint   // risk.yaml entryPoints (表3-4)
	AnalysisItems  []*AnalysisItem // risk.yaml analysisItems (表3-5)
	Interfaces     []*AnalysisItem // risk.yaml interfaces (表3-6)
	InterfacesNote string          // risk.yaml interfacesNote
	Who            []*AnalysisItem // risk.yaml who (表3-7)
	Whom           []*AnalysisItem // risk.yaml whom (表3-8)
	Where          []*AnalysisItem // risk.yaml where (表3-9)
	CVSSIssues     []*CVSSIssue    // risk.yaml cvssIssues (表3-13)
	Criteria       []*Criterion    // risk.yaml criteria (表3-14)

	BaseMetrics          []*Metric       // metrics.yaml base (表3-15 to 表3-23)
	TemporalMetrics      []*Metric       // metrics.yaml temporal (CVSS v3.0)
	EnvironmentalMetrics []*Metric       // metrics.yaml environmental (表3-24 to 表3-35)
	Severity             []*SeverityBand // metrics.yaml severity (表3-36)
	Formulas             Formulas        // metrics.yaml formulas (図3-2, 図3-3)

	Threats []*Threat // threats.yaml

	Lifecycles []*Lifecycle // lifecycles.yaml

	Marks        []*Mark        // requirements.yaml marks (表6-1)
	Numbering    []*Numbering   // requirements.yaml numbering (表6-2)
	Targets      []*Target      // requirements.yaml targets
	Requirements []*Requirement // requirements.yaml requirements (表6-3 to 表6-8)

	Errata []*Erratum // errata.yaml

	Related Related // related.yaml: the site's notes on the related guidelines' codes

	Synonyms []*Synonym     // synonyms.yaml (this site's, for search)
	English  []*EnglishTerm // english.yaml (this site's translation, for search and the glossary)

	// derived
	Placements []*Placement // every {{table}}/{{figure}} directive, in chapter order
	text       string       // the guideline's text in content, compacted, for the thesaurus checks

	idx index
}

// Guideline is guideline.yaml: the cover, revision history, notices and editors.
type Guideline struct {
	Pos          Pos            `yaml:"-"`
	Title        string         `yaml:"title"`
	Version      string         `yaml:"version"`
	Publisher    string         `yaml:"publisher"`
	Organization string         `yaml:"organization"`
	Published    string         `yaml:"published"`
	Revisions    []*Revision    `yaml:"revisions"`
	Notices      []*Notice      `yaml:"notices"`
	Editors      []*EditorGroup `yaml:"editors"`
}

// Revision is a row of 改訂履歴.
type Revision struct {
	Pos     Pos    `yaml:"-"`
	Version string `yaml:"version"`
	Date    string `yaml:"date"`
	Note    string `yaml:"note"`
}

// Notice is a ■ block of the cover pages (商標について, おことわり).
type Notice struct {
	Pos     Pos      `yaml:"-"`
	Heading string   `yaml:"heading"`
	Items   []string `yaml:"items"`
}

// EditorGroup is a heading of the 編著者 page with its members.
type EditorGroup struct {
	Pos     Pos       `yaml:"-"`
	Group   string    `yaml:"group"`
	Members []*Editor `yaml:"members"`
}

// Editor is one member line of the 編著者 page.
type Editor struct {
	Pos         Pos    `yaml:"-"`
	Role        string `yaml:"role"`
	Name        string `yaml:"name"`
	Affiliation string `yaml:"affiliation"` // 監修委員会 members
}

// Caption is a table or figure of captions.yaml.
type Caption struct {
	Pos     Pos    `yaml:"-"`
	ID      string `yaml:"id"`      // "3-4"
	Caption string `yaml:"caption"` // without the 表/図 number
	Page    int    `yaml:"page"`    // page in the source's 目次
	Render  string `yaml:"render"`  // figures only: how the site draws it

	// Tables drawn as printed: the printed header row, the groups of the
	// row above it, or (表3-37) the printed sub-tables.
	Columns      []string       `yaml:"columns"`
	ColumnGroups []*ColumnGroup `yaml:"columnGroups"`
	Parts        []*TablePart   `yaml:"parts"`

	Kind string `yaml:"-"` // "table" or "figure"
}

// ColumnGroup is a cell of a table's upper header row spanning Span columns
// from the left ("脅威事例" over the first four).
type ColumnGroup struct {
	Pos  Pos    `yaml:"-"`
	Text string `yaml:"text"`
	Span int    `yaml:"span"`
}

// TablePart is a printed sub-table of a table (表3-37 ①②③) with its title
// and header.
type TablePart struct {
	Pos          Pos            `yaml:"-"`
	Case         string         `yaml:"case"`
	Title        string         `yaml:"title"`
	Columns      []string       `yaml:"columns"`
	ColumnGroups []*ColumnGroup `yaml:"columnGroups"`
}

// Label is the caption's number as the source prints it: "表 3-4", "図 2-3".
func (c *Caption) Label() string {
	if c.Kind == "figure" {
		return "図 " + c.ID
	}
	return "表 " + c.ID
}

// Anchor is the HTML id of the rendered table or figure: "t3-4", "f2-3".
func (c *Caption) Anchor() string {
	if c.Kind == "figure" {
		return "f" + c.ID
	}
	return "t" + c.ID
}

// Chapter is chapters/NN.md: front matter plus Markdown split at "## x.y"
// headings into an introduction and sections.
type Chapter struct {
	Pos    Pos
	Number int    // front matter "chapter"
	Title  string // front matter "title"
	Intro  string // Markdown before the first section
	// IntroLine is the file line where Intro starts.
	IntroLine int
	IntroMD   markdown.Fragment // Intro, parsed
	Sections  []*Section

	placements []*Placement // its directives, in order
}

// FullTitle is "3 スマートホーム向け…" as the source numbers it.
func (c *Chapter) FullTitle() string { return strconv.Itoa(c.Number) + " " + c.Title }

// Section is a "## x.y title" part of a chapter, up to the next "##".
type Section struct {
	Pos         Pos    // line of the heading
	Number      string // "3.5"
	Title       string
	Body        string            // Markdown after the heading
	BodyLine    int               // file line where Body starts
	BodyMD      markdown.Fragment // Body, parsed
	Lead        string            // Markdown of Body before its first subsection
	Subsections []*Subsection     // "### x.y.z" headings inside Body
	Chapter     *Chapter
}

// FullTitle is "3.5 リスク値の計算".
func (s *Section) FullTitle() string { return s.Number + " " + s.Title }

// Subsection is a "### x.y.z title" heading inside a section.
type Subsection struct {
	Pos     Pos
	Number  string // "3.5.2"
	Title   string
	Body    string // Markdown after the heading, up to the next subsection
	Section *Section
}

// Placement is a {{table N-M}} or {{figure N-M}} directive in a chapter.
type Placement struct {
	Pos     Pos
	Kind    string // "table" | "figure"
	ID      string
	Chapter *Chapter
	Section *Section // nil in a chapter introduction
}

// Reference is an entry of 引用/参考文献.
type Reference struct {
	Pos   Pos    `yaml:"-"`
	No    int    `yaml:"no"`
	Title string `yaml:"title"`
	URL   string `yaml:"url"`
}

// Term is a term with its explanation (表1-1, 表2-1).
type Term struct {
	Pos         Pos    `yaml:"-"`
	Term        string `yaml:"term"`
	Description string `yaml:"description"`
}

// Abbreviation is a row of 表1-2.
type Abbreviation struct {
	Pos  Pos    `yaml:"-"`
	Abbr string `yaml:"abbr"`
	Name string `yaml:"name"`
}

// Level is a certification level of 表2-2.
type Level struct {
	Pos         Pos    `yaml:"-"`
	Stars       int    `yaml:"stars"`
	Label       string `yaml:"label"`
	Note        string `yaml:"note"` // (以下、★★★サービスとする)
	Service     string `yaml:"service"`
	Description string `yaml:"description"`
}

// Component is a system-model component of 表2-3, possibly with children.
type Component struct {
	Pos         Pos          `yaml:"-"`
	ID          string       `yaml:"id"`
	Name        string       `yaml:"name"`
	Description string       `yaml:"description"`
	Source      string       `yaml:"source"`      // where a part 表2-3 does not list comes from ("表3-4")
	Target      string       `yaml:"target"`      // SP, PP, H, D, A or ""
	EntryPoints []int        `yaml:"entryPoints"` // EP numbers on the component
	Children    []*Component `yaml:"children"`

	Parent *Component `yaml:"-"`
}

// UseCase is 表2-4 or 表2-5.
type UseCase struct {
	Pos    Pos            `yaml:"-"`
	ID     string         `yaml:"id"`
	Table  string         `yaml:"table"`
	Figure string         `yaml:"figure"`
	Level  int            `yaml:"level"`
	Name   string         `yaml:"name"`
	Steps  []*UseCaseStep `yaml:"steps"`
}

// UseCaseStep is a numbered row of a use-case table.
type UseCaseStep struct {
	Pos         Pos    `yaml:"-"`
	No          int    `yaml:"no"`
	Action      string `yaml:"action"`
	Description string `yaml:"description"`
}

// Lifecycle is the service or the house lifecycle of chapter 5.
type Lifecycle struct {
	Pos     Pos      `yaml:"-"`
	ID      string   `yaml:"id"` // service | house
	Name    string   `yaml:"name"`
	Section string   `yaml:"section"`
	Table   string   `yaml:"table"`
	Figure  string   `yaml:"figure"`
	Intro   string   `yaml:"intro"` // Markdown: the section's lead paragraph
	Phases  []*Phase `yaml:"phases"`
}

// Phase is a lifecycle phase with its measures (表5-2 …).
type Phase struct {
	Pos         Pos           `yaml:"-"`
	ID          string        `yaml:"id"`
	Name        string        `yaml:"name"`
	Description string        `yaml:"description"`
	Section     string        `yaml:"section"`
	Table       string        `yaml:"table"`
	Intro       string        `yaml:"intro"` // Markdown
	Refs        []*MeasureRef `yaml:"refs"`  // cross-references the intro makes
	Measures    []*Measure    `yaml:"measures"`

	Lifecycle *Lifecycle `yaml:"-"`
}

// Measure is a numbered row of a phase table.
type Measure struct {
	Pos   Pos           `yaml:"-"`
	No    int           `yaml:"no"`
	Title string        `yaml:"title"`
	Body  string        `yaml:"body"` // Markdown subset
	Refs  []*MeasureRef `yaml:"refs"`

	Phase      *Phase     `yaml:"-"`
	ReferredBy []*Measure `yaml:"-"` // measures whose refs point here
}

// Anchor is the measure's HTML id on its lifecycle page: "planning-3".
func (m *Measure) Anchor() string { return fmt.Sprintf("%s-%d", m.Phase.ID, m.No) }

// MeasureRef is a cross-reference to measures of a phase (to the whole
// phase when Measures is empty), or to a section of the guideline.
type MeasureRef struct {
	Pos       Pos    `yaml:"-"`
	Section   string `yaml:"section"` // "6.2" (instead of lifecycle/phase/measures)
	Lifecycle string `yaml:"lifecycle"`
	Phase     string `yaml:"phase"`
	Measures  []int  `yaml:"measures"`
}

// Mark is a symbol of 表6-1.
type Mark struct {
	Pos     Pos    `yaml:"-"`
	Symbol  string `yaml:"symbol"`
	Meaning string `yaml:"meaning"`
}

// Numbering is a row of 表6-2.
type Numbering struct {
	Pos      Pos    `yaml:"-"`
	Category string `yaml:"category"`
	Name     string `yaml:"name"`
	English  string `yaml:"english"`
	Code     string `yaml:"code"`
}

// Target is a requirement target: the service itself or a 表6-2 種別.
type Target struct {
	Pos         Pos    `yaml:"-"`
	Code        string `yaml:"code"` // service | SP | PP | H | D | A
	Name        string `yaml:"name"`
	English     string `yaml:"english"`
	Section     string `yaml:"section"`
	Table       string `yaml:"table"`
	EntryPoints []int  `yaml:"entryPoints"`
	Intro       string `yaml:"intro"` // the lead sentence of the section
}

// Requirement is an R or SR item of 表6-3 to 表6-8.
type Requirement struct {
	Pos         Pos      `yaml:"-"`
	ID          string   `yaml:"id"`
	Level       int      `yaml:"level"`  // 2 | 3
	Target      string   `yaml:"target"` // Target.Code
	Title       string   `yaml:"title"`
	Body        string   `yaml:"body"` // Markdown subset
	UK          *Mapping `yaml:"uk"`
	SB327       *Mapping `yaml:"sb327"`
	CPSF        *Mapping `yaml:"cpsf"`
	Includes    []string `yaml:"includes"`
	SameAs      string   `yaml:"sameAs"`
	MappingNote string   `yaml:"mappingNote"`

	IncludedBy []*Requirement `yaml:"-"` // items whose includes name this one
	SameAsOf   []*Requirement `yaml:"-"` // items whose sameAs names this one
}

// Slug is the requirement's URL segment: "sr3-h-5".
func (r *Requirement) Slug() string { return Slug(r.ID) }

// Slug lower-cases an ID or code for a URL segment; dots become hyphens
// (CPS.AC-3 → cps-ac-3, 1798.91.05 → 1798-91-05).
func Slug(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	return strings.Trim(b.String(), "-")
}

// Mapping is a UK / SB327 / CPSF column: a 表6-1 symbol and the codes cited.
type Mapping struct {
	Pos    Pos      `yaml:"-"`
	Symbol string   `yaml:"symbol"` // ◎ ○ =
	Refs   []string `yaml:"refs"`
}

// Erratum is a deliberate correction or a published value that disagrees
// with the method.
type Erratum struct {
	Pos       Pos    `yaml:"-"`
	ID        string `yaml:"id"`
	Kind      string `yaml:"kind"` // transcription | label | score | formula | note | sic
	Location  string `yaml:"location"`
	Source    string `yaml:"source"`
	Used      string `yaml:"used"`
	Reason    string `yaml:"reason"`
	Threat    string `yaml:"threat"`
	Table     string `yaml:"table"`
	Case      string `yaml:"case"`
	Published string `yaml:"published"`
	Computed  string `yaml:"computed"`
	Sic       []*Sic `yaml:"sic"` // kind sic: the misprints kept as printed
}

// Sic is a misprint kept as printed: the site shows Text followed by a
// 〔ママ：Reading〕 note where the text appears.
type Sic struct {
	Pos     Pos    `yaml:"-"`
	Text    string `yaml:"text"`    // exactly as printed
	Follows string `yaml:"follows"` // optional: text that must follow Text there
	Reading string `yaml:"reading"` // the likely reading
	Section string `yaml:"section"` // optional: only on the pages showing this section
}

// String is "E002 (location)", for messages.
func (e *Erratum) String() string { return fmt.Sprintf("%s (%s)", e.ID, e.Location) }
