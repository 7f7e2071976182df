package calculator

import "strconv"

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
	s := v.Score()
	b = append(b, `{"version":"`...)
	b = append(b, v.Version.String()...)
	b = append(b, `","vectorString":"`...)
	b = v.AppendString(b)
	b = append(b, '"')
	for m := Metric(0); m <= MetricII; m++ {
		b = appendField(b, m, v.Get(m))
	}
	b = appendScore(b, "base", s.Base, s.BaseSeverity)
	for m := MetricE; m <= MetricRC; m++ {
		if x := v.Get(m); x != 0 {
			b = appendField(b, m, x)
		}
	}
	b = appendScore(b, "temporal", s.Temporal, s.TemporalSeverity)
	for m := MetricCR; m < NumMetrics; m++ {
		if x := v.Get(m); x != 0 {
			b = appendField(b, m, x)
		}
	}
	b = appendScore(b, "environmental", s.Environmental, s.EnvironmentalSeverity)
	return append(b, '}')
}

func appendField(b []byte, m Metric, x uint8) []byte {
	b = append(b, ',', '"')
	b = append(b, jsonFields[m]...)
	b = append(b, `":"`...)
	b = append(b, jsonWords[m][x]...)
	return append(b, '"')
}

func appendScore(b []byte, group string, s Score, sev Severity) []byte {
	b = append(b, ',', '"')
	b = append(b, group...)
	b = append(b, `Score":`...)
	b = s.AppendText(b)
	b = append(b, `,"`...)
	b = append(b, group...)
	b = append(b, `Severity":"`...)
	b = append(b, severityJSON[sev]...)
	b = append(b, `","`...)
	b = append(b, group...)
	b = append(b, `SeverityJa":`...)
	b = strconv.AppendQuote(b, sev.Japanese())
	return b
}
