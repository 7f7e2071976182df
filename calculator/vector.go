package calculator

import (
	"strings"
	"unicode"
)

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
// (they then mean N). The error, if any, is a *ParseError. It reads the
// canonical form and its reorderings only; ParseLenient also reads vectors
// as people paste them.
func Parse(s string) (Vector, error) {
	v, _, err := parse(s, false)
	return v, err
}

// Leniency says what ParseLenient accepted beyond what Parse does: a set
// of the flags below, 0 when the input was already a vector Parse reads.
type Leniency uint8

const (
	// AssumedPrefix: no "CVSS:3.x/" prefix (as NVD and many spreadsheets
	// list vectors); read as CVSS:3.0, the version the guideline defines.
	AssumedPrefix Leniency = 1 << iota
	Lowercase              // letters in lower case ("cvss:3.0/av:n/…")
	Spaces                 // white space around the vector
	TrailingSlash          // a "/" after the last metric
)

// Japanese says what was assumed, for users of the site: only a missing
// prefix changes how the vector is read; the other forms are silently
// canonicalised.
func (l Leniency) Japanese() string {
	if l&AssumedPrefix != 0 {
		return "先頭に「CVSS:3.0/」がないため、ガイドラインが定める CVSS v3.0 のベクトルとして読みました。"
	}
	return ""
}

// ParseLenient reads a vector as people paste and type them: besides what
// Parse reads, without the "CVSS:3.x/" prefix (then it is CVSS v3.0, the
// guideline's version; Leniency says so), in lower case, with white space
// around it and with a trailing "/". Anything else is an error as Parse
// reports it, with the offset in s. The vector's String is canonical.
func ParseLenient(s string) (Vector, Leniency, error) {
	return parse(s, true)
}

func parse(s string, lenient bool) (Vector, Leniency, error) {
	var v Vector
	var how Leniency
	start, end := 0, len(s)
	if lenient {
		start = len(s) - len(strings.TrimLeftFunc(s, unicode.IsSpace))
		end = len(strings.TrimRightFunc(s, unicode.IsSpace))
		if end < start {
			end = start
		}
		if start > 0 || end < len(s) {
			how |= Spaces
		}
		if end-start > 1 && s[end-1] == '/' && s[end-2] != '/' {
			end--
			how |= TrailingSlash
		}
	}
	in := s[start:end]
	var pos int // in s: at the '/' before the next metric, or end
	switch {
	case strings.HasPrefix(in, prefix) || lenient && len(in) >= len(prefix) && equalFoldASCII(in[:len(prefix)], prefix):
		if !strings.HasPrefix(in, prefix) {
			how |= Lowercase
		}
		rest := in[len(prefix):]
		n := strings.IndexByte(rest, '/')
		if n < 0 {
			n = len(rest)
		}
		switch rest[:n] {
		case "3.0":
			v.Version = V30
		case "3.1":
			v.Version = V31
		default:
			return Vector{}, 0, &ParseError{Kind: ErrVersion, Value: rest[:n], Offset: start + len(prefix), Input: s}
		}
		pos = start + len(prefix) + n
	case lenient && startsWithMetric(in):
		how |= AssumedPrefix
		v.Version = V30
		pos = start - 1 // as if a '/' stood before the first metric
	default:
		n := strings.IndexByte(in, '/')
		if n < 0 {
			n = len(in)
		}
		return Vector{}, 0, &ParseError{Kind: ErrPrefix, Value: in[:n], Offset: start, Input: s}
	}
	var seen uint32
	for pos < end {
		pos++ // skip '/'
		cs := pos
		for pos < end && s[pos] != '/' {
			pos++
		}
		comp := s[cs:pos]
		if comp == "" {
			return Vector{}, 0, &ParseError{Kind: ErrEmpty, Offset: cs, Input: s}
		}
		colon := strings.IndexByte(comp, ':')
		if colon < 0 {
			return Vector{}, 0, &ParseError{Kind: ErrMalformed, Value: comp, Offset: cs, Input: s}
		}
		name, val := comp[:colon], comp[colon+1:]
		m, ok := lookupMetric(name)
		if !ok && lenient {
			if m, ok = lookupMetricFold(name); ok {
				how |= Lowercase
			}
		}
		if !ok {
			return Vector{}, 0, &ParseError{Kind: ErrUnknownMetric, Metric: name, Value: val, Offset: cs, Input: s}
		}
		mname := metricNames[m]
		if seen&(1<<m) != 0 {
			return Vector{}, 0, &ParseError{Kind: ErrDuplicate, Metric: mname, Value: val, Offset: cs, Input: s}
		}
		seen |= 1 << m
		valOff := cs + colon + 1
		if len(val) == 0 {
			return Vector{}, 0, &ParseError{Kind: ErrInvalidValue, Metric: mname, Offset: valOff, Input: s}
		}
		c := val[0]
		if lenient && 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
			how |= Lowercase
		}
		idx := indexByte(metricCodes[m], c)
		if idx < 0 || (idx == 0 && m.Base()) {
			return Vector{}, 0, &ParseError{Kind: ErrInvalidValue, Metric: mname, Value: val, Offset: valOff, Input: s}
		}
		if len(val) > 1 {
			if pos == end { // a valid value followed by junk at the very end
				return Vector{}, 0, &ParseError{Kind: ErrTrailing, Metric: mname, Value: val[1:], Offset: valOff + 1, Input: s}
			}
			return Vector{}, 0, &ParseError{Kind: ErrInvalidValue, Metric: mname, Value: val, Offset: valOff, Input: s}
		}
		v.set(m, uint8(idx))
	}
	for m := MetricAV; m <= MetricA; m++ {
		if seen&(1<<m) == 0 {
			return Vector{}, 0, &ParseError{Kind: ErrMissing, Metric: metricNames[m], Offset: end, Input: s}
		}
	}
	return v, how, nil
}

// startsWithMetric reports whether s starts with a metric's name (in any
// case) and a colon: a vector without its prefix.
func startsWithMetric(s string) bool {
	n := strings.IndexByte(s, ':')
	if n <= 0 {
		return false
	}
	_, ok := lookupMetricFold(s[:n])
	return ok
}

// lookupMetricFold is lookupMetric for a name in any case, without
// allocating: names have at most three letters.
func lookupMetricFold(name string) (Metric, bool) {
	var buf [3]byte
	if len(name) > len(buf) {
		return 0, false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		}
		buf[i] = c
	}
	return lookupMetric(string(buf[:len(name)]))
}

// equalFoldASCII reports whether a and b are equal up to the case of ASCII
// letters.
func equalFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'a' <= x && x <= 'z' {
			x -= 'a' - 'A'
		}
		if 'a' <= y && y <= 'z' {
			y -= 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
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
