package model

import (
	"strconv"
	"strings"

	"shguide/calculator"
)

func (v *validator) metrics() {
	u := v.uniq("metric")
	groups := []struct {
		name string
		list []*Metric
	}{{"base", v.m.BaseMetrics}, {"temporal", v.m.TemporalMetrics}, {"environmental", v.m.EnvironmentalMetrics}}
	for _, g := range groups {
		var ps []Pos
		var nos []int
		for _, mt := range g.list {
			v.need(mt.Pos, "abbr", mt.Abbr)
			u.check(mt.Pos.At("abbr"), mt.Abbr)
			v.need(mt.Pos, "name", mt.Name)
			if g.name != "temporal" {
				ps, nos = append(ps, mt.Pos), append(nos, mt.No)
				v.tableRef(mt.Pos, "table", mt.Table, true)
			} else {
				v.need(mt.Pos, "source", mt.Source)
			}
			cm, ok := calculator.LookupMetric(mt.Abbr)
			if !ok {
				if mt.Abbr != "" {
					v.add(mt.Pos.At("abbr"), "metric %q is unknown to the calculator", mt.Abbr)
				}
				continue
			}
			if want := g.name == "base"; cm.Base() != want {
				v.add(mt.Pos.At("abbr"), "metric %s does not belong to the %s group", mt.Abbr, g.name)
			}
			v.metricValues(mt, cm)
		}
		if g.name != "temporal" {
			v.numbered(g.name+" metric", ps, nos)
		}
	}
	v.severity()
}

// metricValues checks a metric's codes and that every printed weight equals
// the calculator's.
func (v *validator) metricValues(mt *Metric, cm calculator.Metric) {
	codes := cm.Codes()
	seen := map[string]bool{}
	for _, val := range mt.Values {
		v.need(val.Pos, "label", val.Label)
		if len(val.Code) != 1 || !strings.Contains(codes, val.Code) {
			v.add(val.Pos.At("code"), "%s value %q: the calculator takes %s", mt.Abbr, val.Code, strings.Join(strings.Split(codes, ""), ", "))
			continue
		}
		if seen[val.Code] {
			v.add(val.Pos.At("code"), "duplicate %s value %s", mt.Abbr, val.Code)
		}
		seen[val.Code] = true
		code := val.Code[0]
		if mt.Abbr == "PR" || mt.Abbr == "MPR" {
			if val.Weight != "" {
				v.add(val.Pos.At("weight"), "%s:%s has weightUnchanged and weightChanged, not weight", mt.Abbr, val.Code)
			}
			wu, okU := cm.Weight(code)
			wc, okC := cm.WeightChanged(code)
			v.weight(val.Pos, "weightUnchanged", mt.Abbr, val.Code, val.WeightUnchanged, wu, okU)
			v.weight(val.Pos, "weightChanged", mt.Abbr, val.Code, val.WeightChanged, wc, okC)
			continue
		}
		if val.WeightUnchanged != "" || val.WeightChanged != "" {
			v.add(val.Pos.At("weightUnchanged"), "only PR and MPR have weightUnchanged/weightChanged")
		}
		w, ok := cm.Weight(code)
		if cm.Base() || code != 'X' || val.Weight != "" {
			v.weight(val.Pos, "weight", mt.Abbr, val.Code, val.Weight, w, ok)
		}
	}
	for _, c := range codes {
		if !seen[string(c)] && len(mt.Values) > 0 {
			v.add(mt.Pos.At("values"), "%s has no value %c", mt.Abbr, c)
		}
	}
}

func (v *validator) weight(p Pos, key, abbr, code, printed string, want float64, ok bool) {
	if !ok {
		// S and MS carry no weight; X of a modified metric takes the base one.
		if printed != "" {
			v.add(p.At(key), "%s:%s has no weight in the calculator, but %s is %q", abbr, code, key, printed)
		}
		return
	}
	if printed == "" {
		v.add(p.At(key), "%s:%s: %s is required (calculator: %s)", abbr, code, key, fmtWeight(want))
		return
	}
	got, err := strconv.ParseFloat(printed, 64)
	if err != nil {
		v.add(p.At(key), "%s:%s: %s %q is not a number", abbr, code, key, printed)
		return
	}
	if d := got - want; d > 1e-9 || d < -1e-9 {
		v.add(p.At(key), "%s:%s: %s %s differs from the calculator's %s", abbr, code, key, printed, fmtWeight(want))
	}
}

func fmtWeight(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func (v *validator) severity() {
	seen := map[calculator.Severity]bool{}
	for _, b := range v.m.Severity {
		s, ok := calculator.ParseSeverity(b.En)
		if !ok {
			v.add(b.Pos.At("en"), "severity %q is not a CVSS severity name", b.En)
			continue
		}
		if seen[s] {
			v.add(b.Pos.At("en"), "duplicate severity %s", b.En)
		}
		seen[s] = true
		if b.Name != s.Japanese() {
			v.add(b.Pos.At("name"), "severity %s is called %s by the calculator, not %q", b.En, s.Japanese(), b.Name)
		}
		lo, hi := s.Range()
		if got, ok := calculator.ParseScore(b.Min); !ok || got != lo {
			v.add(b.Pos.At("min"), "severity %s: min %q differs from the calculator's %s", b.En, b.Min, lo)
		}
		if got, ok := calculator.ParseScore(b.Max); !ok || got != hi {
			v.add(b.Pos.At("max"), "severity %s: max %q differs from the calculator's %s", b.En, b.Max, hi)
		}
	}
	if len(v.m.Severity) > 0 && len(seen) != 5 {
		v.add(Pos{File: fileMetrics}, "severity lists %d bands, want 5", len(seen))
	}
}
