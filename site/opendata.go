package site

import (
	"bytes"
	"embed"
	"encoding/json"

	"shguide/calculator"
	"shguide/site/markdown"
	"shguide/site/model"
)

// The open data files (data/*.json): exactly these fields, every field
// present (an empty string or list where the source has nothing), bodies
// as plain text with line breaks, url the item's page (base-prefixed
// absolute path). Each file has a JSON Schema beside it (schema/), which
// the tests validate it against, and a version: openDataVersion, raised
// whenever a field changes (the open-data page lists the versions).

// openDataVersion is the format version of every file.
const openDataVersion = 2

//go:embed schema/*.schema.json
var schemas embed.FS

// openHeader starts every file.
type openHeader struct {
	Version   int    `json:"version"`
	Guideline string `json:"guideline"` // the source's version: "Ver. 1.0"
}

type requirementsJSON struct {
	openHeader
	Requirements []requirementJSON `json:"requirements"`
}

type requirementJSON struct {
	ID          string      `json:"id"`
	Level       int         `json:"level"`
	Target      string      `json:"target"`
	Title       string      `json:"title"`
	Body        string      `json:"body"`
	UK          mappingJSON `json:"uk"`
	SB327       mappingJSON `json:"sb327"`
	CPSF        mappingJSON `json:"cpsf"`
	MappingNote string      `json:"mappingNote"`
	SameAs      string      `json:"sameAs"`
	Includes    []string    `json:"includes"`
	URL         string      `json:"url"`
}

type mappingJSON struct {
	Symbol string   `json:"symbol"`
	Refs   []string `json:"refs"`
}

type threatsJSON struct {
	openHeader
	EntryPoints []entryPointJSON `json:"entryPoints"`
	Threats     []threatJSON     `json:"threats"`
}

type entryPointJSON struct {
	Number  int      `json:"number"`
	Name    string   `json:"name"`
	Classes []string `json:"classes"`
}

type threatJSON struct {
	ID          string           `json:"id"`
	EntryPoint  int              `json:"entryPoint"`
	Class       string           `json:"class"`
	Example     string           `json:"example"`
	ScoredAs    string           `json:"scoredAs"`
	Assets      []assetJSON      `json:"assets"`
	Analysis    []analysisJSON   `json:"analysis"`
	URL         string           `json:"url"`
	Assessments []assessmentJSON `json:"assessments"`
}

type assetJSON struct {
	Kind    string   `json:"kind"`
	Items   []string `json:"items"`
	Details []string `json:"details"`
}

type analysisJSON struct {
	Interfaces []string `json:"interfaces"`
	Who        string   `json:"who"`
	Whom2      []string `json:"whom2"`
	Whom3      []string `json:"whom3"`
	Where      string   `json:"where"`
}

type assessmentJSON struct {
	Table            string `json:"table"`
	Case             string `json:"case,omitempty"` // 表3-37 only: ① ② ③
	Vector           string `json:"vector"`
	Published        string `json:"published"`
	Severity         string `json:"severity"`
	Computed         string `json:"computed"`
	ComputedSeverity string `json:"computedSeverity"`
	Erratum          bool   `json:"erratum"`
}

type lifecyclesJSON struct {
	openHeader
	Lifecycles []lifecycleJSON `json:"lifecycles"`
}

type lifecycleJSON struct {
	ID     string      `json:"id"`
	Name   string      `json:"name"`
	Phases []phaseJSON `json:"phases"`
}

type phaseJSON struct {
	ID          string        `json:"id"`
	Name        string        `json:"name"`
	Description string        `json:"description"`
	Measures    []measureJSON `json:"measures"`
}

type measureJSON struct {
	No    int    `json:"no"`
	Title string `json:"title"`
	Body  string `json:"body"`
	URL   string `json:"url"`
}

type glossaryJSON struct {
	openHeader
	Terms         []termJSON `json:"terms"`
	Abbreviations []abbrJSON `json:"abbreviations"`
	Definitions   []termJSON `json:"definitions"`
}

type termJSON struct {
	Term        string `json:"term"`
	Description string `json:"description"`
	URL         string `json:"url"`
}

type abbrJSON struct {
	Abbr string `json:"abbr"`
	Name string `json:"name"`
	URL  string `json:"url"`
}

type errataJSON struct {
	openHeader
	Errata []erratumJSON `json:"errata"`
}

type erratumJSON struct {
	ID        string    `json:"id"`
	Kind      string    `json:"kind"`
	Location  string    `json:"location"`
	Source    string    `json:"source"`
	Used      string    `json:"used"`
	Reason    string    `json:"reason"`
	Threat    string    `json:"threat"`
	Table     string    `json:"table"`
	Case      string    `json:"case"`
	Published string    `json:"published"`
	Computed  string    `json:"computed"`
	Vector    string    `json:"vector"`
	Sic       []sicJSON `json:"sic"`
	URL       string    `json:"url"`
}

type sicJSON struct {
	Text    string `json:"text"`
	Reading string `json:"reading"`
}

func (s *Site) openHeader() openHeader {
	return openHeader{Version: openDataVersion, Guideline: s.M.Guideline.Version}
}

func mappingOf(mp *model.Mapping) mappingJSON {
	j := mappingJSON{Refs: []string{}}
	if mp != nil {
		j.Symbol = mp.Symbol
		j.Refs = append(j.Refs, mp.Refs...)
	}
	return j
}

// list returns xs, or an empty list instead of nil (JSON [] not null).
func list[T any](xs []T) []T {
	if xs == nil {
		return []T{}
	}
	return xs
}

func (s *Site) openRequirements() requirementsJSON {
	out := requirementsJSON{openHeader: s.openHeader(), Requirements: []requirementJSON{}}
	for _, r := range s.M.Requirements {
		out.Requirements = append(out.Requirements, requirementJSON{
			ID: r.ID, Level: r.Level, Target: r.Target, Title: r.Title, Body: markdown.PlainText(r.Body),
			UK: mappingOf(r.UK), SB327: mappingOf(r.SB327), CPSF: mappingOf(r.CPSF),
			MappingNote: r.MappingNote, SameAs: r.SameAs, Includes: list(r.Includes),
			URL: s.url(reqPath(r.ID)),
		})
	}
	return out
}

func (s *Site) openThreats() threatsJSON {
	out := threatsJSON{openHeader: s.openHeader(), EntryPoints: []entryPointJSON{}, Threats: []threatJSON{}}
	for _, ep := range s.M.EntryPoints {
		e := entryPointJSON{Number: ep.Number, Name: ep.Name, Classes: []string{}}
		for _, c := range ep.Classes {
			if cl := s.M.Class(c); cl != nil {
				e.Classes = append(e.Classes, cl.Name)
			}
		}
		out.EntryPoints = append(out.EntryPoints, e)
	}
	for _, t := range s.M.Threats {
		tj := threatJSON{ID: t.ID, EntryPoint: t.EntryPoint, Example: t.Example, ScoredAs: t.ScoredAs, URL: s.url(threatPath(t)),
			Assets: []assetJSON{}, Analysis: []analysisJSON{}, Assessments: []assessmentJSON{}}
		if cl := s.M.Class(t.Class); cl != nil {
			tj.Class = cl.Name
		}
		for _, g := range t.Assets {
			tj.Assets = append(tj.Assets, assetJSON{Kind: g.Kind, Items: list(g.Items), Details: list(g.Details)})
		}
		for _, a := range t.Analysis {
			tj.Analysis = append(tj.Analysis, analysisJSON{Interfaces: list(a.Interfaces), Who: a.Who, Whom2: list(a.Whom2), Whom3: list(a.Whom3), Where: a.Where})
		}
		for _, a := range t.Assessments {
			tj.Assessments = append(tj.Assessments, assessmentJSON{
				Table: a.Table, Case: a.Case, Vector: a.Vector, Published: a.Published, Severity: a.Severity,
				Computed: a.Score.Value, ComputedSeverity: japaneseSeverity(a.Score.Value), Erratum: a.Differs(),
			})
		}
		out.Threats = append(out.Threats, tj)
	}
	return out
}

// japaneseSeverity is the band of 表3-36 of a score ("7.7" → 重要).
func japaneseSeverity(score string) string {
	if v, ok := calculator.ParseScore(score); ok {
		return calculator.SeverityOf(v).Japanese()
	}
	return ""
}

func (s *Site) openLifecycles() lifecyclesJSON {
	out := lifecyclesJSON{openHeader: s.openHeader(), Lifecycles: []lifecycleJSON{}}
	for _, l := range s.M.Lifecycles {
		lj := lifecycleJSON{ID: l.ID, Name: l.Name, Phases: []phaseJSON{}}
		for _, p := range l.Phases {
			pj := phaseJSON{ID: p.ID, Name: p.Name, Description: p.Description, Measures: []measureJSON{}}
			for _, m := range p.Measures {
				pj.Measures = append(pj.Measures, measureJSON{No: m.No, Title: m.Title, Body: markdown.PlainText(m.Body), URL: s.url(measurePath(m))})
			}
			lj.Phases = append(lj.Phases, pj)
		}
		out.Lifecycles = append(out.Lifecycles, lj)
	}
	return out
}

func (s *Site) openGlossary() glossaryJSON {
	out := glossaryJSON{openHeader: s.openHeader(), Terms: []termJSON{}, Abbreviations: []abbrJSON{}, Definitions: []termJSON{}}
	for _, t := range s.M.Terms {
		out.Terms = append(out.Terms, termJSON{t.Term, markdown.PlainText(t.Description), s.url("glossary/#" + TermAnchor(t.Term))})
	}
	for _, a := range s.M.Abbreviations {
		out.Abbreviations = append(out.Abbreviations, abbrJSON{a.Abbr, a.Name, s.url("glossary/#" + AbbrAnchor(a.Abbr))})
	}
	for _, d := range s.M.Definitions {
		out.Definitions = append(out.Definitions, termJSON{d.Term, markdown.PlainText(d.Description), s.url("glossary/#definitions")})
	}
	return out
}

func (s *Site) openErrata() errataJSON {
	out := errataJSON{openHeader: s.openHeader(), Errata: []erratumJSON{}}
	for _, e := range s.M.Errata {
		ej := erratumJSON{ID: e.ID, Kind: e.Kind, Location: e.Location, Source: e.Source, Used: e.Used, Reason: e.Reason,
			Threat: e.Threat, Table: e.Table, Case: e.Case, Published: e.Published, Computed: e.Computed,
			Sic: []sicJSON{}, URL: s.url(erratumPath(e.ID))}
		if a := erratumAssessment(s.M, e); a != nil {
			ej.Vector = a.Vector
		}
		for _, sc := range e.Sic {
			ej.Sic = append(ej.Sic, sicJSON{sc.Text, sc.Reading})
		}
		out.Errata = append(out.Errata, ej)
	}
	return out
}

// erratumAssessment is the assessment a score erratum is about, or nil.
func erratumAssessment(m *model.Model, e *model.Erratum) *model.Assessment {
	if e.Kind != "score" {
		return nil
	}
	if t := m.Threat(e.Threat); t != nil {
		for _, a := range t.Assessments {
			if a.Table == e.Table && a.Case == e.Case {
				return a
			}
		}
	}
	return nil
}

// marshalJSON encodes without HTML escaping (the files are data, not HTML).
func marshalJSON(v any, indent bool) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if indent {
		enc.SetIndent("", "  ")
	}
	if err := enc.Encode(v); err != nil {
		panic(err) // the types above always encode
	}
	return b.Bytes()
}
