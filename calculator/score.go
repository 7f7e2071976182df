package calculator

import (
	"math"
	"strconv"
)

// Score is a risk value in tenths: 93 is 9.3. Every published value of the
// method has one decimal, so tenths hold it exactly.
type Score uint8

// Float returns the value as the float64 the CVSS formulas use (tenths / 10).
func (s Score) Float() float64 { return float64(s) / 10 }

// String returns the value with one decimal, e.g. "9.3", "10.0", "0.0".
func (s Score) String() string {
	var buf [4]byte
	return string(s.AppendText(buf[:0]))
}

// AppendText appends the value with one decimal to b.
func (s Score) AppendText(b []byte) []byte {
	b = strconv.AppendUint(b, uint64(s/10), 10)
	return append(b, '.', byte('0'+s%10))
}

// ParseScore reads a value such as "9.3", "10" or "5" (as the guideline
// prints them) into tenths.
func ParseScore(text string) (Score, bool) {
	f, err := strconv.ParseFloat(text, 64)
	if err != nil || f < 0 || f > 10 {
		return 0, false
	}
	t := math.Round(f * 10)
	if math.Abs(f*10-t) > 1e-9 {
		return 0, false
	}
	return Score(t), true
}

// Scores holds everything the method computes for one vector.
type Scores struct {
	Base, Temporal, Environmental                         Score
	BaseSeverity, TemporalSeverity, EnvironmentalSeverity Severity

	// Subscores, unrounded. Impact and ModifiedImpact include the LP × II
	// (MLP × MII) multipliers of the guideline.
	Impact, Exploitability, ModifiedImpact, ModifiedExploitability float64
}

// Score computes the base value (基本値, 図3-2), the temporal value and the
// environmental value (環境値, 図3-3) of v. For CVSS:3.0 vectors this is FIRST's
// CVSS v3.0 calculator arithmetic (float64, products left to right,
// round-up ceil(x×10)/10) with the impact subscore multiplied by LP × II;
// for CVSS:3.1 vectors, CVSS v3.1's Roundup and modified-impact formula. It
// expects a vector from Parse (or one whose required metrics are set).
//
// Products are wrapped in float64() where they feed a sum: the Go spec lets
// a compiler fuse x*y+z into one FMA instruction (arm64 does), and an
// explicit conversion forbids that, so every platform rounds each operation
// as JavaScript does.
func (v Vector) Score() Scores {
	var s Scores
	roundup := roundup30
	if v.Version == V31 {
		roundup = roundup31
	}

	// Base value.
	changed := v.S == ScopeChanged
	iss := 1 - float64((1-weightCIA[v.C])*(1-weightCIA[v.I])*(1-weightCIA[v.A]))
	var impact float64
	if changed {
		impact = float64(7.52*(iss-0.029)) - float64(3.25*math.Pow(iss-0.02, 15))
	} else {
		impact = float64(6.42 * iss)
	}
	impact = float64(impact * weightLP[v.LP] * weightII[v.II])
	pr := &weightPRU
	if changed {
		pr = &weightPRC
	}
	expl := float64(8.22 * weightAV[v.AV] * weightAC[v.AC] * pr[v.PR] * weightUI[v.UI])
	s.Impact, s.Exploitability = impact, expl
	switch {
	case impact <= 0:
		s.Base = 0
	case changed:
		s.Base = roundup(math.Min(float64(1.08*(impact+expl)), 10))
	default:
		s.Base = roundup(math.Min(impact+expl, 10))
	}

	// Temporal value.
	e, rl, rc := weightE[v.E], weightRL[v.RL], weightRC[v.RC]
	s.Temporal = roundup(float64(s.Base.Float() * e * rl * rc))

	// Environmental value: X takes the base metric.
	mav, mac, mpr, mui := orBase(v.MAV, v.AV), orBase(v.MAC, v.AC), orBase(v.MPR, v.PR), orBase(v.MUI, v.UI)
	ms := orBase(v.MS, v.S)
	mc, mi, ma := orBase(v.MC, v.C), orBase(v.MI, v.I), orBase(v.MA, v.A)
	mlp, mii := orBase(v.MLP, v.LP), orBase(v.MII, v.II)
	mChanged := ms == ScopeChanged
	mcr := float64(weightCIA[mc] * weightReq[v.CR])
	mir := float64(weightCIA[mi] * weightReq[v.IR])
	mar := float64(weightCIA[ma] * weightReq[v.AR])
	miss := math.Min(1-float64((1-mcr)*(1-mir)*(1-mar)), 0.915)
	var mImpact float64
	switch {
	case !mChanged:
		mImpact = float64(6.42 * miss)
	case v.Version == V31:
		mImpact = float64(7.52*(miss-0.029)) - float64(3.25*math.Pow(float64(miss*0.9731)-0.02, 13))
	default:
		mImpact = float64(7.52*(miss-0.029)) - float64(3.25*math.Pow(miss-0.02, 15))
	}
	mImpact = float64(mImpact * weightLP[mlp] * weightII[mii])
	mpw := &weightPRU
	if mChanged {
		mpw = &weightPRC
	}
	mExpl := float64(8.22 * weightAV[mav] * weightAC[mac] * mpw[mpr] * weightUI[mui])
	s.ModifiedImpact, s.ModifiedExploitability = mImpact, mExpl
	switch {
	case mImpact <= 0:
		s.Environmental = 0
	case mChanged:
		s.Environmental = roundup(float64(roundup(math.Min(float64(1.08*(mImpact+mExpl)), 10)).Float() * e * rl * rc))
	default:
		s.Environmental = roundup(float64(roundup(math.Min(mImpact+mExpl, 10)).Float() * e * rl * rc))
	}

	s.BaseSeverity = SeverityOf(s.Base)
	s.TemporalSeverity = SeverityOf(s.Temporal)
	s.EnvironmentalSeverity = SeverityOf(s.Environmental)
	return s
}

// roundup30 is CVSS v3.0's round-up as FIRST's v3.0 calculator computes it,
// Math.ceil(x * 10) / 10, returned in tenths. The tenths divided by 10 give
// back exactly the float the calculator carries into the next formula.
func roundup30(x float64) Score {
	return Score(math.Ceil(x * 10))
}

// roundup31 is CVSS v3.1's Roundup (specification, Appendix A): the value
// times 100 000 rounded to an integer, then rounded up to tenths with
// integer arithmetic, which avoids the float64 artefacts of roundup30
// (ceil(4.0000000001 × 10) = 41). x is never negative here.
func roundup31(x float64) Score {
	i := int64(math.Round(x * 100000))
	if i%10000 == 0 {
		return Score(i / 10000)
	}
	return Score(i/10000 + 1)
}

// orBase returns a modified metric's value, or the base metric's when the
// modified one is X (表3-25 to 表3-35: 基本値の計算と同じ項目を用いる).
func orBase[T ~uint8](modified, base T) T {
	if modified == NotDefined {
		return base
	}
	return modified
}
