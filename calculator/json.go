package calculator

import (
	"strconv"

	"shguide/internal/jsontext"
)

// JSON value words of FIRST's CVSS v3 JSON schema, indexed like metricCodes
// (index 0, X, is NOT_DEFINED). LP and II are the guideline's additions.
var jsonWords = [NumMetrics][]string{
	MetricAV:  {"NOT_DEFINED", "NETWORK", "ADJACENT_NETWORK", "LOCAL", "PHYSICAL"},
	MetricAC:  {"NOT_DEFINED", "LOW", "HIGH"},
	MetricPR:  {"NOT_DEFINED", "NONE", "LOW", "HIGH"},
	MetricUI:  {"NOT_DEFINED", "NONE", "REQUIRED"},
	MetricS:   {"NOT_DEFINED", "UNCHANGED", "CHANGED"},
	MetricC:   {"NOT_DEFINED", "NONE", "LOW", "HIGH"},
	MetricI:   {"NOT_DEFINED", "NONE", "LOW", "HIGH"},
	MetricA:   {"NOT_DEFINED", "NONE", "LOW", "HIGH"},
	MetricLP:  {"NO", "YES", "NO"}, // absent means N
	MetricII:  {"NONE", "HIGH", "NONE"},
	MetricE:   {"NOT_DEFINED", "UNPROVEN", "PROOF_OF_CONCEPT", "FUNCTIONAL", "HIGH"},
	MetricRL:  {"NOT_DEFINED", "OFFICIAL_FIX", "TEMPORARY_FIX", "WORKAROUND", "UNAVAILABLE"},
	MetricRC:  {"NOT_DEFINED", "UNKNOWN", "REASONABLE", "CONFIRMED"},
	MetricCR:  {"NOT_DEFINED", "LOW", "MEDIUM", "HIGH"},
	MetricIR:  {"NOT_DEFINED", "LOW", "MEDIUM", "HIGH"},
	MetricAR:  {"NOT_DEFINED", "LOW", "MEDIUM", "HIGH"},
	MetricMAV: {"NOT_DEFINED", "NETWORK", "ADJACENT_NETWORK", "LOCAL", "PHYSICAL"},
	MetricMAC: {"NOT_DEFINED", "LOW", "HIGH"},
	MetricMPR: {"NOT_DEFINED", "NONE", "LOW", "HIGH"},
	MetricMUI: {"NOT_DEFINED", "NONE", "REQUIRED"},
	MetricMS:  {"NOT_DEFINED", "UNCHANGED", "CHANGED"},
	MetricMC:  {"NOT_DEFINED", "NONE", "LOW", "HIGH"},
	MetricMI:  {"NOT_DEFINED", "NONE", "LOW", "HIGH"},
	MetricMA:  {"NOT_DEFINED", "NONE", "LOW", "HIGH"},
	MetricMLP: {"NOT_DEFINED", "YES", "NO"},
	MetricMII: {"NOT_DEFINED", "HIGH", "NONE"},
}

var jsonFields = [NumMetrics]string{
	"attackVector", "attackComplexity", "privilegesRequired", "userInteraction", "scope",
	"confidentialityImpact", "integrityImpact", "availabilityImpact",
	"lifePropertyImpact", "informationImportance",
	"exploitCodeMaturity", "remediationLevel", "reportConfidence",
	"confidentialityRequirement", "integrityRequirement", "availabilityRequirement",
	"modifiedAttackVector", "modifiedAttackComplexity", "modifiedPrivilegesRequired",
	"modifiedUserInteraction", "modifiedScope", "modifiedConfidentialityImpact",
	"modifiedIntegrityImpact", "modifiedAvailabilityImpact",
	"modifiedLifePropertyImpact", "modifiedInformationImportance",
}

// AppendJSON appends v and its scores as one JSON object. Field names and
// value words follow FIRST's CVSS v3 JSON schema (version, vectorString,
// attackVector: "NETWORK", baseScore, baseSeverity, …); the guideline adds
// lifePropertyImpact, informationImportance, modifiedLifePropertyImpact,
// modifiedInformationImportance and the Japanese severity labels
// baseSeverityJa, temporalSeverityJa and environmentalSeverityJa, so the
// object is a superset of that schema. temporalScore and environmentalScore
// are always present. Temporal and environmental metrics appear when defined.
func (v Vector) AppendJSON(b []byte) []byte {
	return v.appendJSON(b, v.Score())
}

func (v Vector) appendJSON(b []byte, s Scores) []byte {
	b = append(b, '{')
	b = jsontext.AppendStringField(b, "version", v.Version.String())
	b = jsontext.AppendKey(b, "vectorString")
	b = append(b, '"')
	b = v.AppendString(b)
	b = append(b, '"')
	for m := Metric(0); m <= MetricII; m++ {
		b = appendField(b, m, v.Get(m))
	}
	b = AppendScoreJSON(b, "base", s.Base)
	for m := MetricE; m <= MetricRC; m++ {
		if x := v.Get(m); x != 0 {
			b = appendField(b, m, x)
		}
	}
	b = AppendScoreJSON(b, "temporal", s.Temporal)
	for m := MetricCR; m < NumMetrics; m++ {
		if x := v.Get(m); x != 0 {
			b = appendField(b, m, x)
		}
	}
	b = AppendScoreJSON(b, "environmental", s.Environmental)
	return append(b, '}')
}

// AppendScoredMembers appends, as members of an enclosing object (after
// '{' or a member), what the worksheet export and the browser say of a
// scored vector: "cvss30BaseScore", "cvss30BaseSeverity" and
// "cvss30BaseSeverityJa" (the plain CVSS v3.0 base score of the same
// metrics without LP and II, what a CVSS v3.0 calculator shows),
// "subscores" (AppendSubscoresJSON) and "scores" (AppendJSON's object).
func (v Vector) AppendScoredMembers(b []byte) []byte {
	s := v.Score()
	p := v.Plain()
	p.Version = V30
	b = AppendScoreJSON(b, "cvss30Base", p.Score().Base)
	b = s.AppendSubscoresJSON(jsontext.AppendKey(b, "subscores"))
	return v.appendJSON(jsontext.AppendKey(b, "scores"), s)
}

func appendField(b []byte, m Metric, x uint8) []byte {
	return jsontext.AppendStringField(b, jsonFields[m], jsonWords[m][x])
}

// AppendScoreJSON appends a score as the three members FIRST's schema gives
// one: "<group>Score" (a number with one decimal, 9.3 or 10.0),
// "<group>Severity" (NONE, LOW, MEDIUM, HIGH, CRITICAL) and the guideline's
// "<group>SeverityJa" (表3-36: なし, 注意, 警告, 重要, 緊急). Every score the
// site writes as JSON (AppendJSON, the worksheet export, the browser
// bridge) is written here.
func AppendScoreJSON(b []byte, group string, s Score) []byte {
	sev := SeverityOf(s)
	b = jsontext.AppendKey(b, group+"Score")
	b = s.AppendText(b)
	b = jsontext.AppendStringField(b, group+"Severity", severityJSON[sev])
	return jsontext.AppendStringField(b, group+"SeverityJa", sev.Japanese())
}

// AppendSubscoresJSON appends the unrounded subscores as an object: "impact",
// "exploitability", "modifiedImpact", "modifiedExploitability" (with the
// LP × II and MLP × MII multipliers) as numbers, each with its one-decimal
// text for display ("impactText": "5.9").
func (s Scores) AppendSubscoresJSON(b []byte) []byte {
	b = append(b, '{')
	for _, x := range [...]struct {
		key string
		v   float64
	}{{"impact", s.Impact}, {"exploitability", s.Exploitability}, {"modifiedImpact", s.ModifiedImpact}, {"modifiedExploitability", s.ModifiedExploitability}} {
		b = jsontext.AppendFloat(jsontext.AppendKey(b, x.key), x.v)
		b = jsontext.AppendKey(b, x.key+"Text")
		b = append(b, '"')
		b = AppendSubscoreText(b, x.v)
		b = append(b, '"')
	}
	return append(b, '}')
}

// AppendSubscoreText appends a subscore rounded to one decimal for display
// ("5.9"); -0.0 is written as "0.0".
func AppendSubscoreText(b []byte, f float64) []byte {
	n := len(b)
	b = strconv.AppendFloat(b, f, 'f', 1, 64)
	if string(b[n:]) == "-0.0" {
		b = append(b[:n], "0.0"...)
	}
	return b
}
