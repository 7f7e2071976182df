package main

import (
	"shguide/calculator"
	"shguide/internal/jsontext"
)

// The calculator and worksheet functions behind globalThis.shguide.calc
// (calc_js.go). The logic is package calculator and calculator/worksheet.

// scored is the value of a score answer:
//
//	{"cvss30BaseScore", "cvss30BaseSeverity", "cvss30BaseSeverityJa",
//	 "subscores": {…}, "scores": {…}   (calculator.Vector.AppendScoredMembers,
//	                                    the members of a worksheet export row)
//	 "plain": {"baseScore", "baseSeverity", "baseSeverityJa", "temporal…", "environmental…"}
//	          (the same version without LP, II, MLP and MII),
//	 "codes": {"AV": "N", …, "MII": "X"}  (every metric; X = not defined),
//	 "note": what was assumed to read the input, in Japanese ("" for nothing;
//	         calculator.Leniency.Japanese)}
//
// scores.vectorString is the canonical vector and scores.version its version.
type scored struct {
	v   calculator.Vector
	how calculator.Leniency
}

func (s scored) AppendJSON(b []byte) []byte {
	b = append(b, '{')
	b = s.v.AppendScoredMembers(b)
	ps := s.v.Plain().Score()
	b = jsontext.AppendKey(b, "plain")
	b = append(b, '{')
	b = calculator.AppendScoreJSON(b, "base", ps.Base)
	b = calculator.AppendScoreJSON(b, "temporal", ps.Temporal)
	b = calculator.AppendScoreJSON(b, "environmental", ps.Environmental)
	b = append(b, '}')
	b = jsontext.AppendKey(b, "codes")
	b = append(b, '{')
	for m := calculator.Metric(0); m < calculator.NumMetrics; m++ {
		b = jsontext.AppendKey(b, m.String())
		b = append(b, '"', s.v.Code(m), '"')
	}
	b = append(b, '}')
	b = jsontext.AppendStringField(b, "note", s.how.Japanese())
	return append(b, '}')
}

// score reads one vector as people paste them (calculator.ParseLenient)
// and scores it.
func score(vector string) (any, error) {
	v, how, err := calculator.ParseLenient(vector)
	if err != nil {
		return nil, err
	}
	return scored{v, how}, nil
}

// scoreAnswer is score's outcome as an answer, for lists.
func scoreAnswer(vector string) answer {
	v, err := score(vector)
	return answer{v, err}
}
