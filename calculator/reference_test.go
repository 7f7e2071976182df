package calculator

import (
	"math"
	"strings"
)

// referenceScores is an independent transcription of FIRST's CVSS v3.0 and
// v3.1 calculators (cvsscalc30.js, cvsscalc31.js), structured like them:
// string metric values, weight maps, the same expressions in the same order.
// It knows nothing of LP and II, so it is plain CVSS; the engine must agree
// with it whenever LP, II, MLP and MII are none.
func referenceScores(vector string) (base, temporal, env float64) {
	parts := strings.Split(vector, "/")
	v31 := parts[0] == "CVSS:3.1"
	m := map[string]string{}
	for _, p := range parts[1:] {
		kv := strings.SplitN(p, ":", 2)
		m[kv[0]] = kv[1]
	}
	get := func(k string) string {
		if x, ok := m[k]; ok {
			return x
		}
		return "X"
	}
	W := struct {
		AV, AC, UI, CIA, E, RL, RC, CIAR map[string]float64
		PR                               map[string]map[string]float64
		S                                map[string]float64
	}{
		AV:   map[string]float64{"N": 0.85, "A": 0.62, "L": 0.55, "P": 0.2},
		AC:   map[string]float64{"H": 0.44, "L": 0.77},
		PR:   map[string]map[string]float64{"U": {"N": 0.85, "L": 0.62, "H": 0.27}, "C": {"N": 0.85, "L": 0.68, "H": 0.5}},
		UI:   map[string]float64{"N": 0.85, "R": 0.62},
		S:    map[string]float64{"U": 6.42, "C": 7.52},
		CIA:  map[string]float64{"N": 0, "L": 0.22, "H": 0.56},
		E:    map[string]float64{"X": 1, "U": 0.91, "P": 0.94, "F": 0.97, "H": 1},
		RL:   map[string]float64{"X": 1, "O": 0.95, "T": 0.96, "W": 0.97, "U": 1},
		RC:   map[string]float64{"X": 1, "U": 0.92, "R": 0.96, "C": 1},
		CIAR: map[string]float64{"X": 1, "L": 0.5, "M": 1, "H": 1.5},
	}
	roundUp1 := func(d float64) float64 { return math.Ceil(d*10) / 10 }
	if v31 {
		roundUp1 = func(d float64) float64 {
			intInput := math.Round(d * 100000)
			if math.Mod(intInput, 10000) == 0 {
				return intInput / 100000
			}
			return (math.Floor(intInput/10000) + 1) / 10
		}
	}
	or := func(mod, b string) string {
		if mod != "X" {
			return mod
		}
		return b
	}
	AV, AC, PR, UI, S, C, I, A := m["AV"], m["AC"], m["PR"], m["UI"], m["S"], m["C"], m["I"], m["A"]
	E, RL, RC := get("E"), get("RL"), get("RC")
	MS := get("MS")

	wAV, wAC, wPR, wUI, wS := W.AV[AV], W.AC[AC], W.PR[S][PR], W.UI[UI], W.S[S]
	wC, wI, wA := W.CIA[C], W.CIA[I], W.CIA[A]
	wE, wRL, wRC := W.E[E], W.RL[RL], W.RC[RC]
	wCR, wIR, wAR := W.CIAR[get("CR")], W.CIAR[get("IR")], W.CIAR[get("AR")]
	wMAV := W.AV[or(get("MAV"), AV)]
	wMAC := W.AC[or(get("MAC"), AC)]
	wMPR := W.PR[or(MS, S)][or(get("MPR"), PR)]
	wMUI := W.UI[or(get("MUI"), UI)]
	wMS := W.S[or(MS, S)]
	wMC := W.CIA[or(get("MC"), C)]
	wMI := W.CIA[or(get("MI"), I)]
	wMA := W.CIA[or(get("MA"), A)]

	exploitability := float64(8.22 * wAV * wAC * wPR * wUI)
	iscBase := 1 - float64((1-wC)*(1-wI)*(1-wA))
	var impact float64
	if S == "U" {
		impact = float64(wS * iscBase)
	} else {
		impact = float64(wS*(iscBase-0.029)) - float64(3.25*math.Pow(iscBase-0.02, 15))
	}
	if impact <= 0 {
		base = 0
	} else if S == "U" {
		base = roundUp1(math.Min(exploitability+impact, 10))
	} else {
		base = roundUp1(math.Min(float64((exploitability+impact)*1.08), 10))
	}
	temporal = roundUp1(float64(base * wE * wRL * wRC))

	envExpl := float64(8.22 * wMAV * wMAC * wMPR * wMUI)
	envISC := math.Min(1-float64((1-float64(wMC*wCR))*(1-float64(wMI*wIR))*(1-float64(wMA*wAR))), 0.915)
	var envImpact float64
	if MS == "U" || (MS == "X" && S == "U") {
		envImpact = float64(wMS * envISC)
		env = roundUp1(float64(roundUp1(math.Min(envImpact+envExpl, 10)) * wE * wRL * wRC))
	} else {
		if v31 {
			envImpact = float64(wMS*(envISC-0.029)) - float64(3.25*math.Pow(float64(envISC*0.9731)-0.02, 13))
		} else {
			envImpact = float64(wMS*(envISC-0.029)) - float64(3.25*math.Pow(envISC-0.02, 15))
		}
		env = roundUp1(float64(roundUp1(math.Min(float64(1.08*(envImpact+envExpl)), 10)) * wE * wRL * wRC))
	}
	if envImpact <= 0 {
		env = 0
	}
	return base, temporal, env
}
