package calculator

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

func mustParse(t testing.TB, s string) Vector {
	t.Helper()
	v, err := Parse(s)
	if err != nil {
		t.Fatalf("Parse(%q): %v", s, err)
	}
	return v
}

// FIRST's CVSS v3.0 worked examples (Examples document, section 3) and the
// guideline's own worked examples of 表3-37.
func TestBaseScores(t *testing.T) {
	tests := []struct {
		vector string
		want   string
	}{
		{"CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", "6.1"}, // CVE-2013-1937
		{"CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N", "6.4"}, // CVE-2013-0375
		{"CVSS:3.0/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N", "3.1"}, // CVE-2014-3566
		{"CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H", "9.9"}, // CVE-2012-1516
		{"CVSS:3.0/AV:L/AC:L/PR:H/UI:N/S:U/C:L/I:L/A:L", "4.2"}, // CVE-2009-0783
		{"CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", "8.8"}, // CVE-2012-0384
		{"CVSS:3.0/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", "7.8"}, // CVE-2015-1098
		{"CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", "7.5"}, // CVE-2014-0160
		{"CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "9.8"}, // CVE-2014-6271
		{"CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:C/C:N/I:H/A:N", "6.8"}, // CVE-2008-1447
		{"CVSS:3.0/AV:P/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "6.8"}, // CVE-2014-2005
		{"CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:L/I:N/A:N", "5.8"}, // CVE-2010-0467
		{"CVSS:3.0/AV:A/AC:L/PR:N/UI:N/S:C/C:H/I:N/A:H", "9.3"}, // CVE-2013-6014
		{"CVSS:3.0/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N", "5.4"}, // CVE-2014-9253
		{"CVSS:3.0/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "8.8"}, // CVE-2011-1265
		{"CVSS:3.0/AV:P/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N", "4.6"}, // CVE-2014-2019
		{"CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:N", "7.4"}, // CVE-2014-0224
		{"CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", "10.0"},
		{"CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", "0.0"},
		{"CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:C/C:N/I:N/A:N", "0.0"},
		// 表3-37 ①②③: the same threat without, with II, with LP and II.
		{"CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H", "8.1"},
		{"CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/LP:N/II:H", "9.3"},
		{"CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/LP:Y/II:H", "10.0"},
		// LP alone, II under a changed scope.
		{"CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H/LP:Y/II:N", "9.3"},
		{"CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:C/C:H/I:N/A:N/LP:N/II:H", "7.6"},
	}
	for _, tt := range tests {
		s := mustParse(t, tt.vector).Score()
		if got := s.Base.String(); got != tt.want {
			t.Errorf("%s: base %s, want %s", tt.vector, got, tt.want)
		}
	}
}

func TestTemporalAndEnvironmental(t *testing.T) {
	tests := []struct {
		vector                       string
		base, temporal, env          string
		baseSev, temporalSev, envSev Severity
	}{
		// FIRST's v3.1 User Guide: 4.7 in v3.0 (float artefact), 4.6 in v3.1.
		{"CVSS:3.0/AV:P/AC:H/PR:L/UI:R/S:U/C:L/I:L/A:H/E:H/RL:U/RC:U", "5.0", "4.7", "4.7", SeverityMedium, SeverityMedium, SeverityMedium},
		{"CVSS:3.1/AV:P/AC:H/PR:L/UI:R/S:U/C:L/I:L/A:H/E:H/RL:U/RC:U", "5.0", "4.6", "4.6", SeverityMedium, SeverityMedium, SeverityMedium},
		{"CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:U", "9.8", "7.8", "7.8", SeverityCritical, SeverityHigh, SeverityHigh},
		// 表3-40 first row: all modified metrics given.
		{"CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/LP:N/II:H/CR:H/IR:H/AR:H/MAV:N/MAC:H/MPR:N/MUI:N/MS:U/MC:L/MI:L/MA:L/MLP:N/MII:H", "9.3", "9.3", "7.7", SeverityCritical, SeverityCritical, SeverityHigh},
		// MLP/MII X take LP/II; MS:C switches MPR to changed-scope weights.
		{"CVSS:3.0/AV:N/AC:H/PR:L/UI:N/S:U/C:H/I:N/A:N/LP:Y/II:H/MS:C", "8.1", "8.1", "9.7", SeverityHigh, SeverityHigh, SeverityCritical},
		{"CVSS:3.0/AV:N/AC:H/PR:L/UI:N/S:U/C:H/I:N/A:N/LP:Y/II:H/MS:C/MLP:N/MII:N", "8.1", "8.1", "6.3", SeverityHigh, SeverityHigh, SeverityMedium},
		// Modified impact capped at 0.915 before the multipliers.
		{"CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/CR:H/IR:H/AR:H", "9.8", "9.8", "9.8", SeverityCritical, SeverityCritical, SeverityCritical},
		{"CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N/MC:N", "7.5", "7.5", "0.0", SeverityHigh, SeverityHigh, SeverityNone},
		// v3.1's modified impact (× 0.9731, ^13) differs from its base impact
		// under a changed scope even with every environmental metric X.
		{"CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H", "9.9", "9.9", "10.0", SeverityCritical, SeverityCritical, SeverityCritical},
		{"CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H", "9.9", "9.9", "9.9", SeverityCritical, SeverityCritical, SeverityCritical},
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H", "9.6", "9.6", "9.7", SeverityCritical, SeverityCritical, SeverityCritical},
	}
	for _, tt := range tests {
		s := mustParse(t, tt.vector).Score()
		if s.Base.String() != tt.base || s.Temporal.String() != tt.temporal || s.Environmental.String() != tt.env {
			t.Errorf("%s: %v/%v/%v, want %s/%s/%s", tt.vector, s.Base, s.Temporal, s.Environmental, tt.base, tt.temporal, tt.env)
		}
		if s.BaseSeverity != tt.baseSev || s.TemporalSeverity != tt.temporalSev || s.EnvironmentalSeverity != tt.envSev {
			t.Errorf("%s: severities %v/%v/%v", tt.vector, s.BaseSeverity, s.TemporalSeverity, s.EnvironmentalSeverity)
		}
	}
}

func TestSubscores(t *testing.T) {
	s := mustParse(t, "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/LP:Y/II:H/MLP:N/MAV:L").Score()
	approx := func(name string, got, want float64) {
		if math.Abs(got-want) > 1e-9 {
			t.Errorf("%s = %.12f, want %.12f", name, got, want)
		}
	}
	iss := 1 - 0.44*0.44*0.44
	approx("Impact", s.Impact, 6.42*iss*1.5*1.2)
	approx("Exploitability", s.Exploitability, 8.22*0.85*0.77*0.85*0.85)
	approx("ModifiedImpact", s.ModifiedImpact, 6.42*iss*1.0*1.2)
	approx("ModifiedExploitability", s.ModifiedExploitability, 8.22*0.55*0.77*0.85*0.85)
}

func TestSeverity(t *testing.T) {
	tests := []struct {
		score Score
		want  Severity
		ja    string
	}{
		{0, SeverityNone, "なし"}, {1, SeverityLow, "注意"}, {39, SeverityLow, "注意"},
		{40, SeverityMedium, "警告"}, {69, SeverityMedium, "警告"}, {70, SeverityHigh, "重要"},
		{89, SeverityHigh, "重要"}, {90, SeverityCritical, "緊急"}, {100, SeverityCritical, "緊急"},
	}
	for _, tt := range tests {
		got := SeverityOf(tt.score)
		if got != tt.want || got.Japanese() != tt.ja {
			t.Errorf("SeverityOf(%v) = %v %s, want %v %s", tt.score, got, got.Japanese(), tt.want, tt.ja)
		}
		lo, hi := got.Range()
		if tt.score < lo || tt.score > hi {
			t.Errorf("%v outside Range of %v: %v–%v", tt.score, got, lo, hi)
		}
		if back, ok := ParseSeverity(tt.ja); !ok || back != got {
			t.Errorf("ParseSeverity(%s) = %v", tt.ja, back)
		}
	}
}

func TestParseScore(t *testing.T) {
	tests := []struct {
		in   string
		want Score
		ok   bool
	}{
		{"9.3", 93, true}, {"10", 100, true}, {"5", 50, true}, {"0.0", 0, true}, {"10.0", 100, true},
		{"9.35", 0, false}, {"11", 0, false}, {"-1", 0, false}, {"x", 0, false},
	}
	for _, tt := range tests {
		got, ok := ParseScore(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseScore(%q) = %v, %v", tt.in, got, ok)
		}
	}
	for s := Score(0); s <= 100; s++ {
		if back, ok := ParseScore(s.String()); !ok || back != s {
			t.Errorf("ParseScore(%s) = %v, %v", s, back, ok)
		}
	}
}

func TestAppendJSON(t *testing.T) {
	v := mustParse(t, "CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/LP:N/II:H/E:P/CR:H/MLP:Y")
	want := `{"version":"3.0","vectorString":"CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/LP:N/II:H/E:P/CR:H/MLP:Y",` +
		`"attackVector":"NETWORK","attackComplexity":"HIGH","privilegesRequired":"NONE","userInteraction":"NONE",` +
		`"scope":"UNCHANGED","confidentialityImpact":"HIGH","integrityImpact":"HIGH","availabilityImpact":"HIGH",` +
		`"lifePropertyImpact":"NO","informationImportance":"HIGH",` +
		`"baseScore":9.3,"baseSeverity":"CRITICAL","baseSeverityJa":"緊急",` +
		`"exploitCodeMaturity":"PROOF_OF_CONCEPT","temporalScore":8.8,"temporalSeverity":"HIGH","temporalSeverityJa":"重要",` +
		`"confidentialityRequirement":"HIGH","modifiedLifePropertyImpact":"YES",` +
		`"environmentalScore":9.4,"environmentalSeverity":"CRITICAL","environmentalSeverityJa":"緊急"}`
	if got := string(v.AppendJSON(nil)); got != want {
		t.Errorf("AppendJSON:\n got %s\nwant %s", got, want)
	}
	plain := string(mustParse(t, "CVSS:3.1/AV:L/AC:L/PR:L/UI:R/S:C/C:L/I:N/A:N").AppendJSON(nil))
	for _, field := range []string{`"version":"3.1"`, `"lifePropertyImpact":"NO"`, `"informationImportance":"NONE"`, `"temporalScore":`, `"environmentalScore":`} {
		if !strings.Contains(plain, field) {
			t.Errorf("plain vector JSON lacks %s: %s", field, plain)
		}
	}
}

// allBase calls f with every base vector of version ver: the 2,592 CVSS
// combinations times LP and II (absent, Y, N / absent, H, N).
func allBase(ver Version, f func(Vector)) {
	var v Vector
	v.Version = ver
	for av := 1; av <= 4; av++ {
		for ac := 1; ac <= 2; ac++ {
			for pr := 1; pr <= 3; pr++ {
				for ui := 1; ui <= 2; ui++ {
					for s := 1; s <= 2; s++ {
						for c := 1; c <= 3; c++ {
							for i := 1; i <= 3; i++ {
								for a := 1; a <= 3; a++ {
									for lp := 0; lp <= 2; lp++ {
										for ii := 0; ii <= 2; ii++ {
											v.AV, v.AC, v.PR, v.UI = AttackVector(av), AttackComplexity(ac), Privileges(pr), UserInteraction(ui)
											v.S, v.C, v.I, v.A = Scope(s), Impact(c), Impact(i), Impact(a)
											v.LP, v.II = LifeProperty(lp), InfoImportance(ii)
											f(v)
										}
									}
								}
							}
						}
					}
				}
			}
		}
	}
}

// randomVector sets every metric to a random value, optional ones often X.
func randomVector(r *rand.Rand) Vector {
	var v Vector
	v.Version = Version(r.IntN(2))
	for m := Metric(0); m < NumMetrics; m++ {
		codes := metricCodes[m]
		lo := 0
		if m.Base() && m.Required() {
			lo = 1
		}
		v.set(m, uint8(lo+r.IntN(len(codes)-lo)))
	}
	return v
}

// TestPlainMatchesReference checks that with LP and II (MLP and MII) none the
// engine equals an independent transcription of FIRST's calculators
// (reference_test.go) for every base vector and many random full vectors.
func TestPlainMatchesReference(t *testing.T) {
	check := func(v Vector) {
		got := v.Score()
		base, temporal, env := referenceScores(v.String())
		if got.Base.Float() != base || got.Temporal.Float() != temporal || got.Environmental.Float() != env {
			t.Fatalf("%s: engine %v/%v/%v, reference %v/%v/%v", v, got.Base, got.Temporal, got.Environmental, base, temporal, env)
		}
	}
	n := 0
	for _, ver := range []Version{V30, V31} {
		allBase(ver, func(v Vector) {
			if v.LP == LPYes || v.II == IIHigh {
				return
			}
			check(v) // absent and explicit N
			n++
		})
	}
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 200000; i++ {
		v := randomVector(r)
		for _, lp := range []LifeProperty{NotDefined, LPNo} {
			v.LP, v.MLP = lp, lp
			for _, ii := range []InfoImportance{NotDefined, IINone} {
				v.II, v.MII = ii, ii
				check(v)
				n++
			}
		}
	}
	t.Logf("%d vectors agree with the reference", n)
}

// TestMultipliers checks that LP and II multiply the impact subscore exactly
// as 図3-2 writes it, against the reference's plain impact.
func TestMultipliers(t *testing.T) {
	allBase(V30, func(v Vector) {
		plain := v.Plain().Score()
		got := v.Score()
		want := plain.Impact * weightLP[v.LP] * weightII[v.II]
		if got.Impact != want {
			t.Fatalf("%s: impact %v, want %v", v, got.Impact, want)
		}
		if got.Base < plain.Base {
			t.Fatalf("%s: base %v below plain %v", v, got.Base, plain.Base)
		}
	})
}

func TestUndefinedEqualsBase(t *testing.T) {
	allBase(V30, func(v Vector) {
		s := v.Score()
		if s.Temporal != s.Base || s.Environmental != s.Base {
			t.Fatalf("%s: base %v temporal %v environmental %v", v, s.Base, s.Temporal, s.Environmental)
		}
		// Giving every modified metric its base value changes nothing either.
		w := v
		w.MAV, w.MAC, w.MPR, w.MUI, w.MS, w.MC, w.MI, w.MA = v.AV, v.AC, v.PR, v.UI, v.S, v.C, v.I, v.A
		w.MLP, w.MII = v.LP, v.II
		if v.LP == NotDefined {
			w.MLP = LPNo
		}
		if v.II == NotDefined {
			w.MII = IINone
		}
		if got := w.Score().Environmental; got != s.Base {
			t.Fatalf("%s: environmental %v, want base %v", w, got, s.Base)
		}
	})
	// In v3.1 temporal still equals base; environmental may differ only for a
	// changed scope (its modified impact has × 0.9731 and ^13), by 0.1.
	allBase(V31, func(v Vector) {
		s := v.Score()
		if s.Temporal != s.Base {
			t.Fatalf("%s: temporal %v, base %v", v, s.Temporal, s.Base)
		}
		if d := int(s.Environmental) - int(s.Base); d != 0 && (v.S != ScopeChanged || d > 1 || d < -1) {
			t.Fatalf("%s: environmental %v, base %v", v, s.Environmental, s.Base)
		}
	})
}

// severityOrder lists each metric's values from least to most severe; a
// metric absent here has no such order.
var severityOrder = map[Metric]string{
	MetricAV: "PLAN", MetricAC: "HL", MetricPR: "HLN", MetricUI: "RN", MetricS: "UC",
	MetricC: "NLH", MetricI: "NLH", MetricA: "NLH", MetricLP: "NY", MetricII: "NH",
	MetricE: "UPFH", MetricRL: "OTWU", MetricRC: "URC",
	MetricCR: "LMH", MetricIR: "LMH", MetricAR: "LMH",
	MetricMAV: "PLAN", MetricMAC: "HL", MetricMPR: "HLN", MetricMUI: "RN", MetricMS: "UC",
	MetricMC: "NLH", MetricMI: "NLH", MetricMA: "NLH", MetricMLP: "NY", MetricMII: "NH",
}

// TestMonotonic raises each metric one step toward more severe and checks no
// score drops. CVSS v3's own formulas have two known dents that the method
// keeps: the scope-changed impact 7.52 × (x − 0.029) − 3.25 × (x − 0.02)^15
// peaks at x ≈ 0.895 and falls towards the 0.915 cap, and it is below the
// unchanged 6.42 × x for x < 0.198, which only CR/IR/AR "L" can reach. So an
// environmental value may drop exactly when plain CVSS's modified impact
// subscore drops too; base and temporal values never drop.
func TestMonotonic(t *testing.T) {
	exceptions := 0
	raise := func(v Vector) {
		before := v.Score()
		for m, order := range severityOrder {
			cur := indexByte(order, v.Code(m))
			if cur < 0 || cur == len(order)-1 {
				continue
			}
			w := v
			w.SetCode(m, order[cur+1])
			after := w.Score()
			if after.Environmental < before.Environmental && after.Base >= before.Base && after.Temporal >= before.Temporal &&
				w.Plain().Score().ModifiedImpact < v.Plain().Score().ModifiedImpact {
				exceptions++
				continue
			}
			if after.Base < before.Base || after.Temporal < before.Temporal || after.Environmental < before.Environmental {
				t.Fatalf("raising %v in %s to %c lowered %v/%v/%v to %v/%v/%v", m, v, order[cur+1],
					before.Base, before.Temporal, before.Environmental, after.Base, after.Temporal, after.Environmental)
			}
		}
	}
	for _, ver := range []Version{V30, V31} {
		allBase(ver, raise)
	}
	r := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 100000; i++ {
		raise(randomVector(r))
	}
	t.Logf("%d environmental drops inherited from CVSS v3's modified impact", exceptions)
}

// TestRoundingIndependentOfPow enumerates every input the scope-changed
// impact formulas can meet (each ISC and modified ISC, each exploitability,
// each LP × II) and checks that moving the power term by up to 8 ulps never
// changes the rounded score. JavaScript engines and Go's math.Pow may differ
// in the last ulps of pow; this proves the scores do not.
func TestRoundingIndependentOfPow(t *testing.T) {
	isc := map[float64]bool{}
	for _, c := range weightCIA[1:] {
		for _, i := range weightCIA[1:] {
			for _, a := range weightCIA[1:] {
				isc[1-float64((1-c)*(1-i)*(1-a))] = true
				for _, cr := range weightReq[1:] {
					for _, ir := range weightReq[1:] {
						for _, ar := range weightReq[1:] {
							mc, mi, ma := float64(c*cr), float64(i*ir), float64(a*ar)
							isc[math.Min(1-float64((1-mc)*(1-mi)*(1-ma)), 0.915)] = true
						}
					}
				}
			}
		}
	}
	expl := map[float64]bool{}
	for _, av := range weightAV[1:] {
		for _, ac := range weightAC[1:] {
			for _, pr := range weightPRC[1:] {
				for _, ui := range weightUI[1:] {
					expl[float64(8.22*av*ac*pr*ui)] = true
				}
			}
		}
	}
	shift := func(x float64, ulps int) float64 {
		for ; ulps > 0; ulps-- {
			x = math.Nextafter(x, math.Inf(1))
		}
		for ; ulps < 0; ulps++ {
			x = math.Nextafter(x, math.Inf(-1))
		}
		return x
	}
	score := func(x, p, e, lp, ii float64, rnd func(float64) Score) Score {
		imp := float64(float64(7.52*(x-0.029))-float64(3.25*p)) * lp * ii
		if imp <= 0 {
			return 0
		}
		return rnd(math.Min(float64(1.08*(imp+e)), 10))
	}
	n := 0
	for x := range isc {
		for _, form := range []struct {
			p   float64
			rnd func(float64) Score
		}{{math.Pow(x-0.02, 15), roundup30}, {math.Pow(float64(x*0.9731)-0.02, 13), roundup31}} {
			for e := range expl {
				for _, lp := range weightLP[1:] {
					for _, ii := range weightII[1:] {
						want := score(x, form.p, e, lp, ii, form.rnd)
						for d := -8; d <= 8; d++ {
							if got := score(x, shift(form.p, d), e, lp, ii, form.rnd); got != want {
								t.Fatalf("ISC %v expl %v LP %v II %v: pow%+d ulps gives %v, not %v", x, e, lp, ii, d, got, want)
							}
							n++
						}
					}
				}
			}
		}
	}
	t.Logf("%d (input, ulp shift) pairs round the same", n)
}

// TestRoundup31 holds the integer Roundup to the specification's examples
// and to its pseudo-code in float64 (as the reference transcribes it) over
// a dense sweep of 0–10.8 and the values around every tenth.
func TestRoundup31(t *testing.T) {
	for _, tt := range []struct {
		x    float64
		want Score
	}{{0, 0}, {4.0, 40}, {4.02, 41}, {4.000001, 40}, {4.00001, 41}, {4.0000000001, 40}, {9.99999, 100}, {10, 100}, {1.1 * 3, 33}} {
		if got := roundup31(tt.x); got != tt.want {
			t.Errorf("roundup31(%v) = %v, want %v", tt.x, got, tt.want)
		}
	}
	spec := func(d float64) float64 {
		i := math.Round(d * 100000)
		if math.Mod(i, 10000) == 0 {
			return i / 100000
		}
		return (math.Floor(i/10000) + 1) / 10
	}
	check := func(x float64) {
		if got := roundup31(x).Float(); got != spec(x) {
			t.Fatalf("roundup31(%v) = %v, specification %v", x, got, spec(x))
		}
	}
	for i := 0; i <= 1080000; i++ {
		check(float64(i) / 100000)
	}
	for i := 0; i <= 108; i++ {
		x := float64(i) / 10
		for d, y := 0, x; d < 64; d++ {
			check(y)
			y = math.Nextafter(y, 11)
		}
		for d, y := 0, x; d < 64 && y > 0; d++ {
			check(y)
			y = math.Nextafter(y, -1)
		}
	}
}
