package worksheet

import (
	"strconv"

	"shguide/calculator"
)

// AppendScore appends the calculator bridge's answer for one vector string
// as JSON: {"ok":true,"value":RESULT} or {"ok":false,"error":ERROR}.
//
// RESULT is
//
//	{"version":"3.0", "vector": canonical vector, "plainVector": without LP/II/MLP/MII,
//	 "base"|"temporal"|"environmental": SCORE,
//	 "plain": {"base","temporal","environmental": SCORE}  (same version, LP/II removed),
//	 "cvss30Base": SCORE  (plain CVSS v3.0 base score of the same vector),
//	 "subscores": {"impact","exploitability","modifiedImpact","modifiedExploitability": number,
//	               and the same with "Text" appended: one decimal for display},
//	 "codes": {"AV":"N", …, "MII":"X"}  (every metric; X = not defined),
//	 "hasTemporal": bool, "hasEnvironmental": bool}
//
// SCORE is {"score":"9.3","value":9.3,"severity":"Critical","severityJa":"緊急"}.
// ERROR is {"kind","metric","value","column","message","messageEn"}; kind
// is calculator.ErrorKind's name ("invalid-value", "missing", …), message
// the Japanese text shown to users.
func AppendScore(b []byte, vector string) []byte {
	v, err := calculator.Parse(vector)
	if err != nil {
		b = append(b, `{"ok":false,"error":`...)
		b = appendParseError(b, err)
		return append(b, '}')
	}
	b = append(b, `{"ok":true,"value":`...)
	b = appendResult(b, v)
	return append(b, '}')
}

// AppendScoreMany appends {"ok":true,"value":[…]} with one AppendScore
// answer per vector, in order.
func AppendScoreMany(b []byte, vectors []string) []byte {
	b = append(b, `{"ok":true,"value":[`...)
	for i, s := range vectors {
		if i > 0 {
			b = append(b, ',')
		}
		b = AppendScore(b, s)
	}
	return append(b, "]}"...)
}

// AppendFailure appends {"ok":false,"error":{"kind":kind,"message":message}}
// for problems other than a vector's (bad arguments, internal errors).
func AppendFailure(b []byte, kind, message string) []byte {
	b = append(b, `{"ok":false,"error":{`...)
	b = appendStringField(b, "kind", kind)
	b = appendStringField(b, "message", message)
	b = appendStringField(b, "messageEn", message)
	return append(b, "}}"...)
}

func appendResult(b []byte, v calculator.Vector) []byte {
	s := v.Score()
	plain := v.Plain()
	ps := plain.Score()
	p30 := plain
	p30.Version = calculator.V30
	b = append(b, '{')
	b = appendStringField(b, "version", v.Version.String())
	b = appendKey(b, "vector")
	b = append(b, '"')
	b = v.AppendString(b)
	b = append(b, '"')
	b = appendKey(b, "plainVector")
	b = append(b, '"')
	b = plain.AppendString(b)
	b = append(b, '"')
	b = appendScoreField(b, "base", s.Base)
	b = appendScoreField(b, "temporal", s.Temporal)
	b = appendScoreField(b, "environmental", s.Environmental)
	b = appendKey(b, "plain")
	b = append(b, '{')
	b = appendScoreField(b, "base", ps.Base)
	b = appendScoreField(b, "temporal", ps.Temporal)
	b = appendScoreField(b, "environmental", ps.Environmental)
	b = append(b, '}')
	b = appendScoreField(b, "cvss30Base", p30.Score().Base)
	b = appendKey(b, "subscores")
	b = append(b, '{')
	b = appendSubscore(b, "impact", s.Impact)
	b = appendSubscore(b, "exploitability", s.Exploitability)
	b = appendSubscore(b, "modifiedImpact", s.ModifiedImpact)
	b = appendSubscore(b, "modifiedExploitability", s.ModifiedExploitability)
	b = append(b, '}')
	b = appendKey(b, "codes")
	b = append(b, '{')
	for m := calculator.Metric(0); m < calculator.NumMetrics; m++ {
		b = appendKey(b, m.String())
		b = append(b, '"', v.Code(m), '"')
	}
	b = append(b, '}')
	b = appendBoolField(b, "hasTemporal", v.HasTemporal())
	b = appendBoolField(b, "hasEnvironmental", v.HasEnvironmental())
	return append(b, '}')
}

func appendScoreField(b []byte, key string, s calculator.Score) []byte {
	b = appendKey(b, key)
	return appendScoreObject(b, s)
}

func appendScoreObject(b []byte, s calculator.Score) []byte {
	sev := calculator.SeverityOf(s)
	b = append(b, `{"score":"`...)
	b = s.AppendText(b)
	b = append(b, `","value":`...)
	b = s.AppendText(b)
	b = appendStringField(b, "severity", sev.String())
	b = appendStringField(b, "severityJa", sev.Japanese())
	return append(b, '}')
}

func appendSubscore(b []byte, key string, f float64) []byte {
	b = appendFloat(appendKey(b, key), f)
	b = appendKey(b, key+"Text")
	b = append(b, '"')
	b = AppendSubscoreText(b, f)
	return append(b, '"')
}

// AppendSubscoreText appends a subscore rounded to one decimal for display
// ("5.9"); -0.0 is written as "0.0".
func AppendSubscoreText(b []byte, f float64) []byte {
	var tmp [32]byte
	t := strconv.AppendFloat(tmp[:0], f, 'f', 1, 64)
	if string(t) == "-0.0" {
		t = t[1:]
	}
	return append(b, t...)
}

// appendParseError appends the error object of a vector that did not parse.
func appendParseError(b []byte, err error) []byte {
	pe, ok := err.(*calculator.ParseError)
	if !ok {
		b = append(b, '{')
		b = appendStringField(b, "kind", "invalid")
		b = appendStringField(b, "message", err.Error())
		b = appendStringField(b, "messageEn", err.Error())
		return append(b, '}')
	}
	b = append(b, '{')
	b = appendStringField(b, "kind", pe.Kind.String())
	b = appendStringField(b, "metric", pe.Metric)
	b = appendStringField(b, "value", pe.Value)
	b = appendIntField(b, "column", pe.Column())
	b = appendStringField(b, "message", pe.Japanese())
	b = appendStringField(b, "messageEn", pe.Error())
	return append(b, '}')
}
