//go:build js && wasm

package main

import (
	"os"
	"strings"
	"syscall/js"
	"testing"

	"shguide/calculator"
)

func calcNS(t testing.TB) js.Value {
	t.Helper()
	c := install().Get("calc")
	if c.Type() != js.TypeObject {
		t.Fatal("globalThis.shguide.calc missing")
	}
	return c
}

func TestCalcScore(t *testing.T) {
	c := calcNS(t)
	const vec = "CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/LP:Y/II:H/E:F/MC:L/MLP:N"
	v, err := calculator.Parse(vec)
	if err != nil {
		t.Fatal(err)
	}
	s := v.Score()
	res := c.Call("score", vec)
	if !res.Get("ok").Bool() {
		t.Fatalf("score = %s", stringify(res))
	}
	val := res.Get("value")
	for _, x := range []struct {
		key  string
		want calculator.Score
	}{{"base", s.Base}, {"temporal", s.Temporal}, {"environmental", s.Environmental}} {
		o := val.Get("scores")
		if o.Get(x.key+"Score").Float() != x.want.Float() || o.Get(x.key+"SeverityJa").String() != calculator.SeverityOf(x.want).Japanese() {
			t.Errorf("%s = %s, want %s", x.key, stringify(o), x.want)
		}
	}
	p := v.Plain()
	if got := val.Get("cvss30BaseScore").Float(); got != p.Score().Base.Float() {
		t.Errorf("cvss30Base = %v, want %s", got, p.Score().Base)
	}
	if got := val.Get("codes").Get("MLP").String(); got != "N" {
		t.Errorf("codes.MLP = %q", got)
	}
	if got := val.Get("codes").Get("MII").String(); got != "X" {
		t.Errorf("codes.MII = %q", got)
	}
	if got := val.Get("scores").Get("vectorString").String(); got != v.String() {
		t.Errorf("vector = %q", got)
	}

	// An invalid vector: the error names the metric, in Japanese.
	res = c.Call("score", "CVSS:3.0/AV:N/AC:Z/PR:N/UI:N/S:U/C:H/I:H/A:H")
	e := res.Get("error")
	if res.Get("ok").Bool() || e.Get("kind").String() != "invalid-value" || e.Get("metric").String() != "AC" ||
		e.Get("column").Int() != 18 || !strings.Contains(e.Get("message").String(), "AC の値「Z」は無効です") {
		t.Errorf("invalid = %s", stringify(res))
	}
	// HTML stays text.
	res = c.Call("score", "<img src=x onerror=alert(1)>")
	if got := res.Get("error").Get("value").String(); got != "<img src=x onerror=alert(1)>" {
		t.Errorf("html value = %q", got)
	}
	wantError(t, "score()", c.Call("score"), "argument", "argument vector: want a string")
	wantError(t, "score(5)", c.Call("score", 5), "argument", "argument vector")
}

func TestCalcScoreMany(t *testing.T) {
	c := calcNS(t)
	list := js.Global().Get("Array").New("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H/LP:N/II:N", "bad", 7)
	res := c.Call("scoreMany", list)
	if !res.Get("ok").Bool() || res.Get("value").Length() != 3 {
		t.Fatalf("scoreMany = %s", stringify(res))
	}
	vals := res.Get("value")
	if got := vals.Index(0).Get("value").Get("scores").Get("baseScore").Float(); got != 7.5 {
		t.Errorf("[0] base = %v", got)
	}
	wantError(t, "[1]", vals.Index(1), "prefix", "CVSS:3.0/")
	if msg := vals.Index(1).Get("error").Get("message").String(); !strings.Contains(msg, "「CVSS:3.0/」") {
		t.Errorf("[1] message %q is not the Japanese one", msg)
	}
	wantError(t, "[2]", vals.Index(2), "argument", "argument vectors[2]: want a string")
	wantError(t, "scoreMany('x')", c.Call("scoreMany", "x"), "argument", "an array")
	if got := c.Call("scoreMany", js.Global().Get("Array").New()).Get("value").Length(); got != 0 {
		t.Errorf("empty list gave %d", got)
	}
}

func BenchmarkCalcScoreMany47(b *testing.B) {
	c := calcNS(b)
	list := table338(b)
	for b.Loop() {
		c.Call("scoreMany", list)
	}
}

func BenchmarkCalcScore(b *testing.B) {
	c := calcNS(b)
	for b.Loop() {
		c.Call("score", "CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/LP:Y/II:H/CR:H/IR:H/AR:H/MAV:N/MAC:H/MPR:N/MUI:N/MS:U/MC:L/MI:L/MA:L/MLP:N/MII:H")
	}
}

// table338 is a JavaScript array of the 47 vectors of 表3-38.
func table338(t testing.TB) js.Value {
	t.Helper()
	raw, err := os.ReadFile("../calculator/testdata/published.tsv")
	if err != nil {
		t.Fatal(err)
	}
	arr := js.Global().Get("Array").New()
	for _, line := range strings.Split(string(raw), "\n") {
		f := strings.Split(line, "\t")
		if len(f) > 4 && f[0] == "3-38" {
			arr.Call("push", f[4])
		}
	}
	if arr.Length() != 47 {
		t.Fatalf("表3-38: %d rows", arr.Length())
	}
	return arr
}
