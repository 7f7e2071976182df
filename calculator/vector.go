package calculator

import "strings"

// Version is the CVSS version a vector names in its prefix.
type Version uint8

const (
	V30 Version = iota // CVSS:3.0, the guideline's definition (the zero value)
	V31                // CVSS:3.1, offered as a variant
)

// String returns "3.0" or "3.1".
func (v Version) String() string {
	if v == V31 {
		return "3.1"
	}
	return "3.0"
}

// Vector is a parsed vector: the CVSS v3 base, temporal and environmental
// metrics plus the guideline's LP, II, MLP and MII. The zero value of each
// metric is NotDefined (absent or X).
type Vector struct {
	Version Version

	AV AttackVector
	AC AttackComplexity
	PR Privileges
	UI UserInteraction
	S  Scope
	C  Impact
	I  Impact
	A  Impact
	LP LifeProperty
	II InfoImportance

	E  ExploitMaturity
	RL RemediationLevel
	RC ReportConfidence

	CR  Requirement
	IR  Requirement
	AR  Requirement
	MAV AttackVector
	MAC AttackComplexity
	MPR Privileges
	MUI UserInteraction
	MS  Scope
	MC  Impact
	MI  Impact
	MA  Impact
	MLP LifeProperty
	MII InfoImportance
}

// Get returns the stored value of metric m: the index of its letter in
// m.Codes() for optional metrics, 0 meaning not defined.
func (v *Vector) Get(m Metric) uint8 {
	switch m {
	case MetricAV:
		return uint8(v.AV)
	case MetricAC:
		return uint8(v.AC)
	case MetricPR:
		return uint8(v.PR)
	case MetricUI:
		return uint8(v.UI)
	case MetricS:
		return uint8(v.S)
	case MetricC:
		return uint8(v.C)
	case MetricI:
		return uint8(v.I)
	case MetricA:
		return uint8(v.A)
	case MetricLP:
		return uint8(v.LP)
	case MetricII:
		return uint8(v.II)
	case MetricE:
		return uint8(v.E)
	case MetricRL:
		return uint8(v.RL)
	case MetricRC:
		return uint8(v.RC)
	case MetricCR:
		return uint8(v.CR)
	case MetricIR:
		return uint8(v.IR)
	case MetricAR:
		return uint8(v.AR)
	case MetricMAV:
		return uint8(v.MAV)
	case MetricMAC:
		return uint8(v.MAC)
	case MetricMPR:
		return uint8(v.MPR)
	case MetricMUI:
		return uint8(v.MUI)
	case MetricMS:
		return uint8(v.MS)
	case MetricMC:
		return uint8(v.MC)
	case MetricMI:
		return uint8(v.MI)
	case MetricMA:
		return uint8(v.MA)
	case MetricMLP:
		return uint8(v.MLP)
	case MetricMII:
		return uint8(v.MII)
	}
	return 0
}

// set stores x, already checked against metricCodes[m].
func (v *Vector) set(m Metric, x uint8) {
	switch m {
	case MetricAV:
		v.AV = AttackVector(x)
	case MetricAC:
		v.AC = AttackComplexity(x)
	case MetricPR:
		v.PR = Privileges(x)
	case MetricUI:
		v.UI = UserInteraction(x)
	case MetricS:
		v.S = Scope(x)
	case MetricC:
		v.C = Impact(x)
	case MetricI:
		v.I = Impact(x)
	case MetricA:
		v.A = Impact(x)
	case MetricLP:
		v.LP = LifeProperty(x)
	case MetricII:
		v.II = InfoImportance(x)
	case MetricE:
		v.E = ExploitMaturity(x)
	case MetricRL:
		v.RL = RemediationLevel(x)
	case MetricRC:
		v.RC = ReportConfidence(x)
	case MetricCR:
		v.CR = Requirement(x)
	case MetricIR:
		v.IR = Requirement(x)
	case MetricAR:
		v.AR = Requirement(x)
	case MetricMAV:
		v.MAV = AttackVector(x)
	case MetricMAC:
		v.MAC = AttackComplexity(x)
	case MetricMPR:
		v.MPR = Privileges(x)
	case MetricMUI:
		v.MUI = UserInteraction(x)
	case MetricMS:
		v.MS = Scope(x)
	case MetricMC:
		v.MC = Impact(x)
	case MetricMI:
		v.MI = Impact(x)
	case MetricMA:
		v.MA = Impact(x)
	case MetricMLP:
		v.MLP = LifeProperty(x)
	case MetricMII:
		v.MII = InfoImportance(x)
	}
}

// Code returns the letter of metric m's value in v, 'X' when not defined.
func (v *Vector) Code(m Metric) byte {
	if m >= NumMetrics {
		return 'X'
	}
	return metricCodes[m][v.Get(m)]
}

// SetCode sets metric m to the value with letter code, returning false (and
// leaving v unchanged) when m has no such value. X clears an optional metric.
func (v *Vector) SetCode(m Metric, code byte) bool {
	if m >= NumMetrics {
		return false
	}
	idx := indexByte(metricCodes[m], code)
	if idx < 0 || (idx == 0 && m.Base()) {
		return false
	}
	v.set(m, uint8(idx))
	return true
}

func lookupMetric(name string) (Metric, bool) {
	switch name {
	case "AV":
		return MetricAV, true
	case "AC":
		return MetricAC, true
	case "PR":
		return MetricPR, true
	case "UI":
		return MetricUI, true
	case "S":
		return MetricS, true
	case "C":
		return MetricC, true
	case "I":
		return MetricI, true
	case "A":
		return MetricA, true
	case "LP":
		return MetricLP, true
	case "II":
		return MetricII, true
	case "E":
		return MetricE, true
	case "RL":
		return MetricRL, true
	case "RC":
		return MetricRC, true
	case "CR":
		return MetricCR, true
	case "IR":
		return MetricIR, true
	case "AR":
		return MetricAR, true
	case "MAV":
		return MetricMAV, true
	case "MAC":
		return MetricMAC, true
	case "MPR":
		return MetricMPR, true
	case "MUI":
		return MetricMUI, true
	case "MS":
		return MetricMS, true
	case "MC":
		return MetricMC, true
	case "MI":
		return MetricMI, true
	case "MA":
		return MetricMA, true
	case "MLP":
		return MetricMLP, true
	case "MII":
		return MetricMII, true
	}
	return 0, false
}

// LookupMetric returns the metric with abbreviation name ("AV", "MLP", …).
func LookupMetric(name string) (Metric, bool) { return lookupMetric(name) }

const prefix = "CVSS:"

// Parse reads a vector such as
// "CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/LP:N/II:H", with optional
// temporal and environmental metrics in any order. LP and II may be omitted
// (they then mean N). The error, if any, is a *ParseError.
func Parse(s string) (Vector, error) {
	var v Vector
	if !strings.HasPrefix(s, prefix) {
		end := strings.IndexByte(s, '/')
		if end < 0 {
			end = len(s)
		}
		return Vector{}, &ParseError{Kind: ErrPrefix, Value: s[:end], Input: s}
	}
	rest := s[len(prefix):]
	end := strings.IndexByte(rest, '/')
	if end < 0 {
		end = len(rest)
	}
	switch rest[:end] {
	case "3.0":
		v.Version = V30
	case "3.1":
		v.Version = V31
	default:
		return Vector{}, &ParseError{Kind: ErrVersion, Value: rest[:end], Offset: len(prefix), Input: s}
	}
	pos := len(prefix) + end // at the '/' before the first metric, or len(s)
	var seen uint32
	for pos < len(s) {
		pos++ // skip '/'
		start := pos
		for pos < len(s) && s[pos] != '/' {
			pos++
		}
		comp := s[start:pos]
		if comp == "" {
			return Vector{}, &ParseError{Kind: ErrEmpty, Offset: start, Input: s}
		}
		colon := strings.IndexByte(comp, ':')
		if colon < 0 {
			return Vector{}, &ParseError{Kind: ErrMalformed, Value: comp, Offset: start, Input: s}
		}
		name, val := comp[:colon], comp[colon+1:]
		m, ok := lookupMetric(name)
		if !ok {
			return Vector{}, &ParseError{Kind: ErrUnknownMetric, Metric: name, Value: val, Offset: start, Input: s}
		}
		if seen&(1<<m) != 0 {
			return Vector{}, &ParseError{Kind: ErrDuplicate, Metric: name, Value: val, Offset: start, Input: s}
		}
		seen |= 1 << m
		valOff := start + colon + 1
		if len(val) == 0 {
			return Vector{}, &ParseError{Kind: ErrInvalidValue, Metric: name, Offset: valOff, Input: s}
		}
		idx := indexByte(metricCodes[m], val[0])
		if idx < 0 || (idx == 0 && m.Base()) {
			return Vector{}, &ParseError{Kind: ErrInvalidValue, Metric: name, Value: val, Offset: valOff, Input: s}
		}
		if len(val) > 1 {
			if pos == len(s) { // a valid value followed by junk at the very end
				return Vector{}, &ParseError{Kind: ErrTrailing, Metric: name, Value: val[1:], Offset: valOff + 1, Input: s}
			}
			return Vector{}, &ParseError{Kind: ErrInvalidValue, Metric: name, Value: val, Offset: valOff, Input: s}
		}
		v.set(m, uint8(idx))
	}
	for m := MetricAV; m <= MetricA; m++ {
		if seen&(1<<m) == 0 {
			return Vector{}, &ParseError{Kind: ErrMissing, Metric: metricNames[m], Offset: len(s), Input: s}
		}
	}
	return v, nil
}

// String returns the canonical vector: base metrics in the order of the
// guideline (AV … A, LP, II), then E, RL, RC, then CR … MII; metrics that are
// not defined are omitted.
func (v Vector) String() string {
	var buf [128]byte
	return string(v.AppendString(buf[:0]))
}

// AppendString appends the canonical vector to b.
func (v Vector) AppendString(b []byte) []byte {
	b = append(b, prefix...)
	b = append(b, v.Version.String()...)
	for m := Metric(0); m < NumMetrics; m++ {
		x := v.Get(m)
		if x == 0 {
			continue
		}
		b = append(b, '/')
		b = append(b, metricNames[m]...)
		b = append(b, ':', metricCodes[m][x])
	}
	return b
}

// Plain returns v without the guideline's LP, II, MLP and MII: the plain
// CVSS v3 vector whose scores CVSS calculators give.
func (v Vector) Plain() Vector {
	v.LP, v.II, v.MLP, v.MII = NotDefined, NotDefined, NotDefined, NotDefined
	return v
}

// HasTemporal reports whether any of E, RL, RC is defined.
func (v Vector) HasTemporal() bool {
	return v.E != NotDefined || v.RL != NotDefined || v.RC != NotDefined
}

// HasEnvironmental reports whether any environmental metric is defined.
func (v Vector) HasEnvironmental() bool {
	for m := MetricCR; m < NumMetrics; m++ {
		if v.Get(m) != 0 {
			return true
		}
	}
	return false
}
