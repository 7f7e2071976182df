package calculator

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

// FuzzParse checks that Parse never panics, never returns a value with an
// error, and that every accepted vector scores within 0.0–10.0 and survives
// String → Parse unchanged.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/LP:N/II:H",
		"CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H/E:F/RL:O/RC:C/CR:H/IR:L/AR:M/MAV:A/MAC:H/MPR:H/MUI:R/MS:U/MC:L/MI:N/MA:H/MLP:Y/MII:H",
		"CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/",
		"CVSS:3.0//", "CVSS:", "", "CVSS:3.0/AV:N/AV:N", "CVSS:3.0/LP:Y/II:H/A:H/I:H/C:H/S:C/UI:R/PR:H/AC:L/AV:P",
	} {
		f.Add(s)
	}
	if file, err := os.Open("testdata/published.tsv"); err == nil {
		sc := bufio.NewScanner(file)
		for sc.Scan() {
			if cols := strings.Split(sc.Text(), "\t"); len(cols) > 4 && strings.HasPrefix(cols[4], "CVSS:") {
				f.Add(cols[4])
			}
		}
		file.Close()
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := Parse(s)
		if err != nil {
			if v != (Vector{}) {
				t.Fatalf("Parse(%q) returned %+v with error %v", s, v, err)
			}
			pe, ok := err.(*ParseError)
			if !ok || pe.Error() == "" || pe.Japanese() == "" || pe.Offset < 0 || pe.Offset > len(s) {
				t.Fatalf("Parse(%q): bad error %#v", s, err)
			}
			return
		}
		sc := v.Score()
		for _, x := range []Score{sc.Base, sc.Temporal, sc.Environmental} {
			if x > 100 {
				t.Fatalf("Parse(%q): score %v out of range", s, x)
			}
		}
		if SeverityOf(sc.Base) != sc.BaseSeverity {
			t.Fatalf("Parse(%q): severity mismatch", s)
		}
		again, err := Parse(v.String())
		if err != nil || again != v {
			t.Fatalf("round trip of %q via %q: %+v, %v", s, v.String(), again, err)
		}
	})
}

// FuzzParseLenient checks the lenient reader: it never panics and never
// returns a value or leniency with an error; an error is a *ParseError
// within the input; what it accepts scores within range and its canonical
// form reads back through Parse and ParseLenient as the same vector with
// nothing assumed; and it accepts everything Parse accepts, unchanged.
func FuzzParseLenient(f *testing.F) {
	for _, s := range []string{
		"AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/LP:N/II:H",
		" cvss:3.1/av:n/ac:l/pr:l/ui:n/s:c/c:h/i:h/a:h/e:f/mav:x/ ",
		"\u3000AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/",
		"CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H//", "/", "a:", "av:n", " ",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, how, err := ParseLenient(s)
		strict, serr := Parse(s)
		if serr == nil && (err != nil || v != strict || how != 0) {
			t.Fatalf("Parse(%q) = %+v, but ParseLenient gives %+v, %v, %v", s, strict, v, how, err)
		}
		if err != nil {
			if v != (Vector{}) || how != 0 {
				t.Fatalf("ParseLenient(%q) returned %+v, %v with error %v", s, v, how, err)
			}
			pe, ok := err.(*ParseError)
			if !ok || pe.Input != s || pe.Offset < 0 || pe.Offset > len(s) || pe.Japanese() == "" {
				t.Fatalf("ParseLenient(%q): bad error %#v", s, err)
			}
			return
		}
		sc := v.Score()
		if sc.Base > 100 || sc.Temporal > 100 || sc.Environmental > 100 {
			t.Fatalf("ParseLenient(%q): scores out of range %+v", s, sc)
		}
		canon := v.String()
		if again, err := Parse(canon); err != nil || again != v {
			t.Fatalf("%q → %q does not parse back: %+v, %v", s, canon, again, err)
		}
		if again, how2, err := ParseLenient(canon); err != nil || again != v || how2 != 0 {
			t.Fatalf("%q → %q reads back leniently as %+v, %v, %v", s, canon, again, how2, err)
		}
	})
}
