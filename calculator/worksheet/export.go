package worksheet

import (
	"shguide/calculator"
	"shguide/internal/csvtext"
	"shguide/internal/jsontext"
)

// CSVHeader is the first line of ExportCSV (ImportCSV reads it back: it
// uses the name, vector and note columns and recomputes the scores).
const CSVHeader = "name,vector,note,base,base_severity,temporal,temporal_severity," +
	"environmental,environmental_severity,cvss30_base,impact,exploitability," +
	"modified_impact,modified_exploitability"

// AppendCSV appends the rows as CSV with every score: a UTF-8 byte order
// mark (so that spreadsheet programs read Japanese correctly), CSVHeader,
// CRLF line ends (RFC 4180), severities as 表3-36 names them (緊急 …),
// subscores with one decimal. Names and notes that a spreadsheet would
// take for a formula (=, +, -, @, ＝ …; see csvtext.Guard) get a
// leading "'". Vectors are written in canonical form
// (calculator.ParseLenient reads them); a row whose vector does not parse
// keeps it as it is and leaves the score columns empty.
func AppendCSV(b []byte, rows []Row) []byte {
	b = append(b, "\uFEFF"+CSVHeader+"\r\n"...)
	for _, r := range rows {
		v, _, err := calculator.ParseLenient(r.Vector)
		vector := r.Vector
		if err == nil {
			vector = v.String()
		}
		b = csvtext.AppendGuarded(b, r.Name)
		b = append(b, ',')
		b = csvtext.AppendField(b, vector)
		b = append(b, ',')
		b = csvtext.AppendGuarded(b, r.Note)
		if err != nil {
			b = append(b, ",,,,,,,,,,,\r\n"...)
			continue
		}
		s := v.Score()
		for _, x := range [...]struct {
			s   calculator.Score
			sev bool
		}{{s.Base, true}, {s.Temporal, true}, {s.Environmental, true}} {
			b = append(b, ',')
			b = x.s.AppendText(b)
			b = append(b, ',')
			b = append(b, calculator.SeverityOf(x.s).Japanese()...)
		}
		p := v.Plain()
		p.Version = calculator.V30
		b = append(b, ',')
		b = p.Score().Base.AppendText(b)
		for _, f := range [...]float64{s.Impact, s.Exploitability, s.ModifiedImpact, s.ModifiedExploitability} {
			b = append(b, ',')
			b = calculator.AppendSubscoreText(b, f)
		}
		b = append(b, '\r', '\n')
	}
	return b
}

// JSONFormat names the format of AppendJSON's document.
const JSONFormat = "shguide-worksheet"

// AppendJSON appends the rows as one JSON document:
//
//	{"format":"shguide-worksheet","version":1,
//	 "rows":[{"name","vector","note",
//	          "cvss30BaseScore":8.1,"cvss30BaseSeverity":"HIGH","cvss30BaseSeverityJa":"重要",
//	          "subscores":{"impact":7.04…,"impactText":"7.0",…},
//	          "scores":{…}}]}
//
// with the members of calculator.Vector.AppendScoredMembers: scores is
// FIRST's CVSS v3 JSON schema object plus the guideline's fields,
// cvss30BaseScore the plain CVSS v3.0 base score without LP and II, and
// subscores the unrounded subscores (with the LP × II multipliers). Vectors
// are canonical; a row whose vector does not parse keeps it as it is and
// has "error" (the Japanese message) instead of the scores.
// ImportItems reads the document back (rows and their name, vector, note).
func AppendJSON(b []byte, rows []Row) []byte {
	b = append(b, `{"format":"`+JSONFormat+`","version":1,"rows":[`...)
	for i, r := range rows {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, "\n{"...)
		v, _, err := calculator.ParseLenient(r.Vector)
		vector := r.Vector
		if err == nil {
			vector = v.String()
		}
		b = jsontext.AppendStringField(b, "name", r.Name)
		b = jsontext.AppendStringField(b, "vector", vector)
		b = jsontext.AppendStringField(b, "note", r.Note)
		if err != nil {
			b = jsontext.AppendStringField(b, "error", err.(*calculator.ParseError).Japanese())
		} else {
			b = v.AppendScoredMembers(b)
		}
		b = append(b, '}')
	}
	return append(b, "\n]}\n"...)
}
