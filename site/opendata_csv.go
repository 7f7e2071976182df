package site

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"

	"shguide/internal/csvtext"
)

// The CSV versions of the requirement and threat lists, for spreadsheets:
// UTF-8 with a byte order mark (so that Excel reads the Japanese), CRLF
// line ends, a header row of the JSON field names, lists joined with a
// space and bodies with their line breaks.

func writeCSV(header []string, rows [][]string) []byte {
	var b bytes.Buffer
	b.WriteString("\ufeff")
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	_ = w.Write(header)
	for _, r := range rows {
		for i := range r {
			r[i] = csvtext.Guard(r[i]) // against formula injection
		}
		_ = w.Write(r)
	}
	w.Flush()
	return b.Bytes()
}

// requirementsCSV is data/requirements.csv: a row per requirement.
func requirementsCSV(j requirementsJSON) []byte {
	header := []string{"id", "level", "target", "title", "body", "uk", "uk_refs", "sb327", "sb327_refs", "cpsf", "cpsf_refs",
		"mappingNote", "sameAs", "includes", "url"}
	var rows [][]string
	for _, r := range j.Requirements {
		rows = append(rows, []string{r.ID, strconv.Itoa(r.Level), r.Target, r.Title, r.Body,
			r.UK.Symbol, strings.Join(r.UK.Refs, " "), r.SB327.Symbol, strings.Join(r.SB327.Refs, " "),
			r.CPSF.Symbol, strings.Join(r.CPSF.Refs, " "), r.MappingNote, r.SameAs, strings.Join(r.Includes, " "), r.URL})
	}
	return writeCSV(header, rows)
}

// threatsCSV is data/threats.csv: a row per assessment (a threat in one
// score table), with the threat's columns repeated.
func threatsCSV(j threatsJSON) []byte {
	header := []string{"threat", "entryPoint", "entryPointName", "class", "example", "scoredAs", "table", "case",
		"vector", "published", "severity", "computed", "computedSeverity", "erratum", "url"}
	names := map[int]string{}
	for _, ep := range j.EntryPoints {
		names[ep.Number] = ep.Name
	}
	var rows [][]string
	for _, t := range j.Threats {
		for _, a := range t.Assessments {
			rows = append(rows, []string{t.ID, strconv.Itoa(t.EntryPoint), names[t.EntryPoint], t.Class, t.Example, t.ScoredAs,
				a.Table, a.Case, a.Vector, a.Published, a.Severity, a.Computed, a.ComputedSeverity, strconv.FormatBool(a.Erratum), t.URL})
		}
	}
	return writeCSV(header, rows)
}
