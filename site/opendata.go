package site

import (
	"bytes"
	"encoding/json"

	"shguide/site/markdown"
	"shguide/site/model"
)

// The open data files: exactly these fields, bodies as plain text with
// line breaks, url the item's page (base-prefixed absolute path).

type requirementsJSON struct {
	Requirements []requirementJSON `json:"requirements"`
}

type requirementJSON struct {
	ID     string      `json:"id"`
	Level  int         `json:"level"`
	Target string      `json:"target"`
	Title  string      `json:"title"`
	Body   string      `json:"body"`
	UK     mappingJSON `json:"uk"`
	SB327  mappingJSON `json:"sb327"`
	CPSF   mappingJSON `json:"cpsf"`
	URL    string      `json:"url"`
}

type mappingJSON struct {
	Symbol string   `json:"symbol"`
	Refs   []string `json:"refs"`
}

type threatsJSON struct {
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
	URL         string           `json:"url"`
	Assessments []assessmentJSON `json:"assessments"`
}

type assessmentJSON struct {
	Table     string `json:"table"`
	Case      string `json:"case,omitempty"` // 表3-37 only: ① ② ③
	Vector    string `json:"vector"`
	Published string `json:"published"`
	Computed  string `json:"computed"`
	Erratum   bool   `json:"erratum"`
}

type lifecyclesJSON struct {
	Lifecycles []lifecycleJSON `json:"lifecycles"`
}

type lifecycleJSON struct {
	ID     string      `json:"id"`
	Name   string      `json:"name"`
	Phases []phaseJSON `json:"phases"`
}

type phaseJSON struct {
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

func mappingOf(mp *model.Mapping) mappingJSON {
	j := mappingJSON{Refs: []string{}}
	if mp != nil {
		j.Symbol = mp.Symbol
		j.Refs = append(j.Refs, mp.Refs...)
	}
	return j
}

func (s *Site) openRequirements() requirementsJSON {
	out := requirementsJSON{Requirements: []requirementJSON{}}
	for _, r := range s.M.Requirements {
		out.Requirements = append(out.Requirements, requirementJSON{
			ID: r.ID, Level: r.Level, Target: r.Target, Title: r.Title, Body: markdown.PlainText(r.Body),
			UK: mappingOf(r.UK), SB327: mappingOf(r.SB327), CPSF: mappingOf(r.CPSF),
			URL: s.url(reqPath(r.ID)),
		})
	}
	return out
}

func (s *Site) openThreats() threatsJSON {
	out := threatsJSON{EntryPoints: []entryPointJSON{}, Threats: []threatJSON{}}
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
		tj := threatJSON{ID: t.ID, EntryPoint: t.EntryPoint, Example: t.Example, URL: s.url(threatPath(t)), Assessments: []assessmentJSON{}}
		if cl := s.M.Class(t.Class); cl != nil {
			tj.Class = cl.Name
		}
		for _, a := range t.Assessments {
			tj.Assessments = append(tj.Assessments, assessmentJSON{
				Table: a.Table, Case: a.Case, Vector: a.Vector, Published: a.Published,
				Computed: a.Score.Value, Erratum: a.Differs(),
			})
		}
		out.Threats = append(out.Threats, tj)
	}
	return out
}

func (s *Site) openLifecycles() lifecyclesJSON {
	out := lifecyclesJSON{Lifecycles: []lifecycleJSON{}}
	for _, l := range s.M.Lifecycles {
		lj := lifecycleJSON{ID: l.ID, Name: l.Name, Phases: []phaseJSON{}}
		for _, p := range l.Phases {
			pj := phaseJSON{Name: p.Name, Description: p.Description, Measures: []measureJSON{}}
			for _, m := range p.Measures {
				pj.Measures = append(pj.Measures, measureJSON{No: m.No, Title: m.Title, Body: markdown.PlainText(m.Body), URL: s.url(measurePath(m))})
			}
			lj.Phases = append(lj.Phases, pj)
		}
		out.Lifecycles = append(out.Lifecycles, lj)
	}
	return out
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
