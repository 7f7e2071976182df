package calculator

import (
	"errors"
	"strconv"
	"strings"
	"testing"
)

func TestParseCanonical(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/LP:N/II:H", "CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/LP:N/II:H"},
		// Plain CVSS without LP/II stays plain.
		{"CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H", "CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H"},
		// Any order in, canonical order out.
		{"CVSS:3.1/II:H/A:L/I:N/C:H/S:C/UI:R/PR:L/AC:L/AV:A/LP:Y", "CVSS:3.1/AV:A/AC:L/PR:L/UI:R/S:C/C:H/I:N/A:L/LP:Y/II:H"},
		// X values are omitted.
		{"CVSS:3.0/AV:P/AC:L/PR:H/UI:N/S:U/C:N/I:L/A:N/E:X/RL:X/RC:X/CR:X/MAV:X/MLP:X/MII:X", "CVSS:3.0/AV:P/AC:L/PR:H/UI:N/S:U/C:N/I:L/A:N"},
		{"CVSS:3.0/MII:H/MLP:N/MA:L/MI:L/MC:L/MS:U/MUI:N/MPR:N/MAC:H/MAV:N/AR:H/IR:H/CR:H/RC:C/RL:O/E:P/II:H/LP:N/A:H/I:H/C:H/S:U/UI:N/PR:N/AC:H/AV:N",
			"CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/LP:N/II:H/E:P/RL:O/RC:C/CR:H/IR:H/AR:H/MAV:N/MAC:H/MPR:N/MUI:N/MS:U/MC:L/MI:L/MA:L/MLP:N/MII:H"},
	}
	for _, tt := range tests {
		v, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if got := v.String(); got != tt.want {
			t.Errorf("Parse(%q).String() = %q, want %q", tt.in, got, tt.want)
		}
		again, err := Parse(v.String())
		if err != nil || again != v {
			t.Errorf("round trip of %q: %+v, %v; want %+v", tt.in, again, err, v)
		}
	}
}

func TestParseFields(t *testing.T) {
	v, err := Parse("CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:C/C:L/I:N/A:H/LP:Y/II:N/E:F/RL:W/RC:R/CR:L/IR:M/AR:H/MAV:P/MAC:L/MPR:L/MUI:N/MS:U/MC:H/MI:L/MA:N/MLP:N/MII:H")
	if err != nil {
		t.Fatal(err)
	}
	want := Vector{
		Version: V31,
		AV:      AVLocal, AC: ACHigh, PR: PRHigh, UI: UIRequired, S: ScopeChanged,
		C: ImpactLow, I: ImpactNone, A: ImpactHigh, LP: LPYes, II: IINone,
		E: EFunctional, RL: RLWorkaround, RC: RCReasonable,
		CR: ReqLow, IR: ReqMedium, AR: ReqHigh,
		MAV: AVPhysical, MAC: ACLow, MPR: PRLow, MUI: UINone, MS: ScopeUnchanged,
		MC: ImpactHigh, MI: ImpactLow, MA: ImpactNone, MLP: LPNo, MII: IIHigh,
	}
	if v != want {
		t.Errorf("got %+v\nwant %+v", v, want)
	}
}

func TestParseErrors(t *testing.T) {
	const base = "CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H"
	tests := []struct {
		name   string
		in     string
		kind   ErrorKind
		metric string
		value  string
		offset int
	}{
		{"no prefix", "AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H", ErrPrefix, "", "AV:N", 0},
		{"lowercase prefix", "cvss:3.0/AV:N", ErrPrefix, "", "cvss:3.0", 0},
		{"empty input", "", ErrPrefix, "", "", 0},
		{"version 2", "CVSS:2.0/AV:N", ErrVersion, "", "2.0", 5},
		{"version 3.2", "CVSS:3.2/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H", ErrVersion, "", "3.2", 5},
		{"version only", "CVSS:3.0", ErrMissing, "AV", "", 8},
		{"unknown metric", base + "/XX:Y", ErrUnknownMetric, "XX", "Y", 45},
		{"lowercase metric", "CVSS:3.0/av:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H", ErrUnknownMetric, "av", "N", 9},
		{"invalid value", "CVSS:3.0/AV:Q/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H", ErrInvalidValue, "AV", "Q", 12},
		{"X in base", "CVSS:3.0/AV:X/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H", ErrInvalidValue, "AV", "X", 12},
		{"X in LP", base + "/LP:X", ErrInvalidValue, "LP", "X", 48},
		{"II takes H or N", base + "/II:L", ErrInvalidValue, "II", "L", 48},
		{"empty value", "CVSS:3.0/AV:/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H", ErrInvalidValue, "AV", "", 12},
		{"long value inside", "CVSS:3.0/AV:NN/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H", ErrInvalidValue, "AV", "NN", 12},
		{"duplicate", base + "/AV:L", ErrDuplicate, "AV", "L", 45},
		{"duplicate X", base + "/E:X/E:H", ErrDuplicate, "E", "H", 49},
		{"missing A", "CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H", ErrMissing, "A", "", 40},
		{"missing S", "CVSS:3.0/AV:N/AC:H/PR:N/UI:N/C:H/I:H/A:H", ErrMissing, "S", "", 40},
		{"empty component", "CVSS:3.0/AV:N//AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H", ErrEmpty, "", "", 14},
		{"trailing slash", base + "/", ErrEmpty, "", "", 45},
		{"no colon", "CVSS:3.0/AV:N/ACH/PR:N/UI:N/S:U/C:H/I:H/A:H", ErrMalformed, "", "ACH", 14},
		{"trailing garbage", base + "xyz", ErrTrailing, "A", "xyz", 44},
		{"trailing space", base + " ", ErrTrailing, "A", " ", 44},
		{"trailing newline", base + "\n", ErrTrailing, "A", "\n", 44},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := Parse(tt.in)
			if err == nil {
				t.Fatalf("Parse(%q) = %v, want error", tt.in, v)
			}
			if v != (Vector{}) {
				t.Errorf("Parse(%q) returned a value with its error: %+v", tt.in, v)
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %T is not *ParseError", err)
			}
			if pe.Kind != tt.kind || pe.Metric != tt.metric || pe.Value != tt.value || pe.Offset != tt.offset {
				t.Errorf("got {%v %q %q %d}, want {%v %q %q %d}",
					pe.Kind, pe.Metric, pe.Value, pe.Offset, tt.kind, tt.metric, tt.value, tt.offset)
			}
			if pe.Error() == "" || pe.Japanese() == "" {
				t.Error("empty message")
			}
		})
	}
}

func TestErrorMessages(t *testing.T) {
	tests := []struct {
		in, en, ja string
	}{
		{"CVSS:3.0/AV:Q/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H",
			`at column 13: invalid value "Q" for AV (valid: N, A, L, P)`,
			"13 文字目: AV の値「Q」は無効です（有効な値: N, A, L, P）"},
		{"CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/MLP:Z",
			`at column 50: invalid value "Z" for MLP (valid: X, Y, N)`,
			"50 文字目: MLP の値「Z」は無効です（有効な値: X, Y, N）"},
		{"CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H",
			"missing base metric A", "基本評価項目 A がありません"},
		// Columns count characters, not bytes.
		{"CVSS:3.0/AV:N/ＡＣ:H", `at column 15: unknown metric "ＡＣ"`, "15 文字目: 不明な評価項目「ＡＣ」です"},
	}
	for _, tt := range tests {
		_, err := Parse(tt.in)
		pe, ok := err.(*ParseError)
		if !ok {
			t.Fatalf("Parse(%q): %v", tt.in, err)
		}
		if pe.Error() != tt.en {
			t.Errorf("Error() = %q, want %q", pe.Error(), tt.en)
		}
		if pe.Japanese() != tt.ja {
			t.Errorf("Japanese() = %q, want %q", pe.Japanese(), tt.ja)
		}
	}
}

func TestSetCode(t *testing.T) {
	v, _ := Parse("CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H")
	if !v.SetCode(MetricMAV, 'P') || v.MAV != AVPhysical {
		t.Errorf("SetCode(MAV, P): %v", v.MAV)
	}
	if !v.SetCode(MetricMAV, 'X') || v.MAV != NotDefined {
		t.Errorf("SetCode(MAV, X): %v", v.MAV)
	}
	before := v
	if v.SetCode(MetricAV, 'X') || v.SetCode(MetricLP, 'X') || v.SetCode(MetricAC, 'N') || v.SetCode(NumMetrics, 'N') {
		t.Error("SetCode accepted an invalid value")
	}
	if v != before {
		t.Error("a rejected SetCode changed the vector")
	}
	for m := Metric(0); m < NumMetrics; m++ {
		for _, c := range []byte(m.Codes()) {
			var w Vector
			if !w.SetCode(m, c) || w.Code(m) != c {
				t.Errorf("%v: SetCode/Code(%c) = %c", m, c, w.Code(m))
			}
		}
		if got, ok := LookupMetric(m.String()); !ok || got != m {
			t.Errorf("LookupMetric(%v) = %v, %v", m, got, ok)
		}
	}
}

func TestMetricWeights(t *testing.T) {
	tests := []struct {
		m       Metric
		code    byte
		changed bool
		want    float64
		ok      bool
	}{
		{MetricLP, 'Y', false, 1.5, true},
		{MetricLP, 'N', false, 1.0, true},
		{MetricII, 'H', false, 1.2, true},
		{MetricMII, 'X', false, 0, false},
		{MetricPR, 'L', false, 0.62, true},
		{MetricPR, 'L', true, 0.68, true},
		{MetricMPR, 'H', true, 0.5, true},
		{MetricAV, 'P', false, 0.2, true},
		{MetricCR, 'X', false, 1, true},
		{MetricCR, 'H', false, 1.5, true},
		{MetricE, 'U', false, 0.91, true},
		{MetricS, 'U', false, 0, false},
		{MetricC, 'X', false, 0, false},
	}
	for _, tt := range tests {
		var got float64
		var ok bool
		if tt.changed {
			got, ok = tt.m.WeightChanged(tt.code)
		} else {
			got, ok = tt.m.Weight(tt.code)
		}
		if got != tt.want || ok != tt.ok {
			t.Errorf("%v:%c changed=%v = %v, %v; want %v, %v", tt.m, tt.code, tt.changed, got, ok, tt.want, tt.ok)
		}
	}
}

func TestPlain(t *testing.T) {
	v, _ := Parse("CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/LP:Y/II:H/MLP:N/MII:H/MC:L")
	if got := v.Plain().String(); got != "CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/MC:L" {
		t.Errorf("Plain() = %s", got)
	}
	if !strings.Contains(v.String(), "LP:Y") {
		t.Error("Plain changed its receiver")
	}
}

func TestParseLenient(t *testing.T) {
	const want = "CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/LP:N/II:H"
	tests := []struct {
		in   string
		want string
		how  Leniency
	}{
		{want, want, 0},
		{"AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/LP:N/II:H", want, AssumedPrefix},
		{"cvss:3.0/av:n/ac:h/pr:n/ui:n/s:u/c:h/i:h/a:h/lp:n/ii:h", want, Lowercase},
		{"CVSS:3.0/AV:n/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/LP:N/II:H", want, Lowercase},
		{"  " + want + "\t\n", want, Spaces},
		{"\u3000" + want + "\u3000", want, Spaces}, // ideographic spaces, as Japanese input methods type them
		{want + "/", want, TrailingSlash},
		{" av:n/ac:h/pr:n/ui:n/s:u/c:h/i:h/a:h/lp:n/ii:h/ ", want, AssumedPrefix | Lowercase | Spaces | TrailingSlash},
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", TrailingSlash},
		{"A:H/I:H/C:H/S:U/UI:N/PR:N/AC:H/AV:N", "CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H", AssumedPrefix},
		{"AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:x/mav:x", "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", AssumedPrefix | Lowercase},
	}
	for _, tt := range tests {
		v, how, err := ParseLenient(tt.in)
		if err != nil {
			t.Errorf("ParseLenient(%q): %v", tt.in, err)
			continue
		}
		if v.String() != tt.want || how != tt.how {
			t.Errorf("ParseLenient(%q) = %s, %v; want %s, %v", tt.in, v, how, tt.want, tt.how)
		}
		if (how&AssumedPrefix != 0) != (how.Japanese() != "") {
			t.Errorf("%q: Japanese note %q for %v", tt.in, how.Japanese(), how)
		}
		if strict, err := Parse(v.String()); err != nil || strict != v {
			t.Errorf("%q: canonical %s does not parse back: %v", tt.in, v, err)
		}
	}
}

// TestParseLenientErrors: what stays an error names the metric and the
// place in the text as the user typed it.
func TestParseLenientErrors(t *testing.T) {
	tests := []struct {
		in     string
		kind   ErrorKind
		metric string
		value  string
		column int
	}{
		{"  av:n/ac:q/pr:n/ui:n/s:u/c:h/i:h/a:h", ErrInvalidValue, "AC", "q", 11},
		{"AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H", ErrMissing, "A", "", 32},
		{"CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H//", ErrEmpty, "", "", 46},
		{"cvss:2.0/av:n", ErrVersion, "", "2.0", 6},
		{"CVSS3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H", ErrPrefix, "", "CVSS3.0", 1},
		{"NVD: AV:N/AC:H", ErrPrefix, "", "NVD: AV:N", 1},
		{"AV:N/xx:y/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H", ErrUnknownMetric, "xx", "y", 6},
		{"AV:N/av:l/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H", ErrDuplicate, "AV", "l", 6},
		{"　AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:Hx ", ErrTrailing, "A", "x", 37},
		{"", ErrPrefix, "", "", 1},
		{"   ", ErrPrefix, "", "", 4},
	}
	for _, tt := range tests {
		v, how, err := ParseLenient(tt.in)
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Fatalf("ParseLenient(%q) = %v, %v, %v; want a *ParseError", tt.in, v, how, err)
		}
		if v != (Vector{}) || how != 0 {
			t.Errorf("ParseLenient(%q) returned %+v, %v with its error", tt.in, v, how)
		}
		if pe.Kind != tt.kind || pe.Metric != tt.metric || pe.Value != tt.value || pe.Column() != tt.column || pe.Input != tt.in {
			t.Errorf("ParseLenient(%q): {%v %q %q col %d}, want {%v %q %q col %d}", tt.in, pe.Kind, pe.Metric, pe.Value, pe.Column(), tt.kind, tt.metric, tt.value, tt.column)
		}
	}
}

// TestQuote: quote agrees with strconv.Quote on what vectors hold.
func TestQuote(t *testing.T) {
	for _, s := range []string{"", "Q", "AV:N", `a"b\c`, "\n\r\t\x00\x7f", "ＡＣ 鍵", "\xff\xfe", "<img src=x>"} {
		if got, want := quote(s), strconv.Quote(s); got != want {
			t.Errorf("quote(%q) = %s, strconv.Quote %s", s, got, want)
		}
	}
}
