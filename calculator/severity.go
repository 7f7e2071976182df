package calculator

// Severity is a severity band of 表3-36 (the same bands as CVSS v3).
type Severity uint8

const (
	SeverityNone     Severity = iota // なし: 0.0
	SeverityLow                      // 注意: 0.1–3.9
	SeverityMedium                   // 警告: 4.0–6.9
	SeverityHigh                     // 重要: 7.0–8.9
	SeverityCritical                 // 緊急: 9.0–10.0
)

var (
	severityNames    = [...]string{"None", "Low", "Medium", "High", "Critical"}
	severityJapanese = [...]string{"なし", "注意", "警告", "重要", "緊急"}
	severityJSON     = [...]string{"NONE", "LOW", "MEDIUM", "HIGH", "CRITICAL"}
)

// SeverityOf returns the band of s.
func SeverityOf(s Score) Severity {
	switch {
	case s >= 90:
		return SeverityCritical
	case s >= 70:
		return SeverityHigh
	case s >= 40:
		return SeverityMedium
	case s >= 1:
		return SeverityLow
	}
	return SeverityNone
}

// String returns the CVSS name: "None", "Low", "Medium", "High", "Critical".
func (s Severity) String() string {
	if int(s) < len(severityNames) {
		return severityNames[s]
	}
	return "?"
}

// Japanese returns the guideline's name of the band (表3-36): "緊急" and so on.
func (s Severity) Japanese() string {
	if int(s) < len(severityJapanese) {
		return severityJapanese[s]
	}
	return "?"
}

// Range returns the band's lowest and highest score.
func (s Severity) Range() (lo, hi Score) {
	switch s {
	case SeverityLow:
		return 1, 39
	case SeverityMedium:
		return 40, 69
	case SeverityHigh:
		return 70, 89
	case SeverityCritical:
		return 90, 100
	}
	return 0, 0
}

// ParseSeverity reads a band by its Japanese or English name.
func ParseSeverity(name string) (Severity, bool) {
	for i := range severityNames {
		if name == severityNames[i] || name == severityJapanese[i] || name == severityJSON[i] {
			return Severity(i), true
		}
	}
	return 0, false
}
