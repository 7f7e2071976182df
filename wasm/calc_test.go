package main

import (
	"bufio"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"shguide/calculator"
)

// scoredJSON is the value of a score answer as the page reads it.
type scoredJSON struct {
	CVSS30BaseScore      float64           `json:"cvss30BaseScore"`
	CVSS30BaseSeverity   string            `json:"cvss30BaseSeverity"`
	CVSS30BaseSeverityJa string            `json:"cvss30BaseSeverityJa"`
	Subscores            map[string]any    `json:"subscores"`
	Scores               map[string]any    `json:"scores"`
	Plain                map[string]any    `json:"plain"`
	Codes                map[string]string `json:"codes"`
	Note                 string            `json:"note"`
}

type answerJSON struct {
	OK    bool        `json:"ok"`
	Value *scoredJSON `json:"value"`
	Error *struct {
		Kind, Metric, Value, Message, MessageEn string
		Column                                  int
	} `json:"error"`
}

func scoreJSON(t *testing.T, vector string) answerJSON {
	t.Helper()
	v, err := score(vector)
	b := appendAnswer(nil, v, err)
	var a answerJSON
	if err := json.Unmarshal(b, &a); err != nil {
		t.Fatalf("%v in %s", err, b)
	}
	return a
}

// checkGroup checks the three members of one score in obj ("baseScore", …).
func checkGroup(t *testing.T, what string, obj map[string]any, group string, want calculator.Score) {
	t.Helper()
	sev := calculator.SeverityOf(want)
	if obj[group+"Score"] != want.Float() || obj[group+"Severity"] != strings.ToUpper(sev.String()) || obj[group+"SeverityJa"] != sev.Japanese() {
		t.Errorf("%s %s = %v %v %v, want %s %s %s", what, group, obj[group+"Score"], obj[group+"Severity"], obj[group+"SeverityJa"], want, sev, sev.Japanese())
	}
}

// publishedVectors are the vectors of calculator/testdata/published.tsv with
// the value the guideline's table reports (or, for errata, the computed one).
func publishedVectors(t testing.TB) (vectors, want []string) {
	t.Helper()
	f, err := os.Open("../calculator/testdata/published.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		c := strings.Split(sc.Text(), "\t")
		if len(c) < 7 || !strings.HasPrefix(c[4], "CVSS:") {
			continue
		}
		w := c[5]
		if c[6] != "" {
			w = c[6]
		}
		vectors, want = append(vectors, c[4]), append(want, w)
	}
	if len(vectors) < 200 {
		t.Fatalf("published.tsv: only %d rows", len(vectors))
	}
	return vectors, want
}

// TestScorePublished scores every vector of the guideline's tables through
// the bridge's JSON and compares it with the calculator and the tables.
func TestScorePublished(t *testing.T) {
	vectors, published := publishedVectors(t)
	for i, vec := range vectors {
		v, err := calculator.Parse(vec)
		if err != nil {
			t.Fatalf("%s: %v", vec, err)
		}
		s := v.Score()
		a := scoreJSON(t, vec)
		if !a.OK || a.Value == nil || a.Error != nil {
			t.Fatalf("%s: not ok", vec)
		}
		val := a.Value
		checkGroup(t, vec, val.Scores, "base", s.Base)
		checkGroup(t, vec, val.Scores, "temporal", s.Temporal)
		checkGroup(t, vec, val.Scores, "environmental", s.Environmental)
		p := v.Plain()
		checkGroup(t, vec+" plain", val.Plain, "base", p.Score().Base)
		checkGroup(t, vec+" plain", val.Plain, "environmental", p.Score().Environmental)
		checkGroup(t, vec, map[string]any{"cvss30BaseScore": val.CVSS30BaseScore, "cvss30BaseSeverity": val.CVSS30BaseSeverity, "cvss30BaseSeverityJa": val.CVSS30BaseSeverityJa},
			"cvss30Base", p.Score().Base) // all rows are 3.0
		got := val.Scores["baseScore"].(float64)
		if v.HasEnvironmental() {
			got = val.Scores["environmentalScore"].(float64)
		}
		if ws, _ := calculator.ParseScore(published[i]); got != ws.Float() {
			t.Errorf("%s: %v, want %s", vec, got, published[i])
		}
		if val.Scores["vectorString"] != v.String() || val.Scores["version"] != "3.0" {
			t.Errorf("%s: vectorString %v version %v", vec, val.Scores["vectorString"], val.Scores["version"])
		}
		for m := calculator.Metric(0); m < calculator.NumMetrics; m++ {
			if val.Codes[m.String()] != string(v.Code(m)) {
				t.Errorf("%s: codes[%s] = %q, want %q", vec, m, val.Codes[m.String()], v.Code(m))
			}
		}
		if len(val.Codes) != int(calculator.NumMetrics) {
			t.Errorf("%d codes", len(val.Codes))
		}
		if val.Subscores["impact"].(float64) != s.Impact || val.Subscores["modifiedExploitability"].(float64) != s.ModifiedExploitability {
			t.Errorf("%s: subscores %v", vec, val.Subscores)
		}
	}
}

// TestScoreLenient: vectors as people paste them score as their canonical
// form, and the answer says when the prefix was assumed.
func TestScoreLenient(t *testing.T) {
	for _, tt := range []struct{ in, note string }{
		{"AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/LP:N/II:H", "先頭に「CVSS:3.0/」がないため"},
		{" cvss:3.0/av:n/ac:h/pr:n/ui:n/s:u/c:h/i:h/a:h/lp:n/ii:h/ ", ""},
	} {
		a := scoreJSON(t, tt.in)
		if !a.OK || a.Value.Scores["vectorString"] != "CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/LP:N/II:H" || a.Value.Scores["baseScore"] != 9.3 {
			t.Errorf("%q: %+v", tt.in, a)
			continue
		}
		if (tt.note == "") != (a.Value.Note == "") || !strings.HasPrefix(a.Value.Note, tt.note) {
			t.Errorf("%q: note %q, want %q…", tt.in, a.Value.Note, tt.note)
		}
	}
}

func TestScoreVariants(t *testing.T) {
	// CVSS:3.1 vectors: cvss30Base is the v3.0 figure of the plain vector,
	// plain stays 3.1. FIRST's v3.1 User Guide example differs between versions.
	const v31 = "CVSS:3.1/AV:P/AC:H/PR:L/UI:R/S:U/C:L/I:L/A:H/E:H/RL:U/RC:U/LP:Y"
	a := scoreJSON(t, v31)
	if a.Value.Scores["version"] != "3.1" || a.Value.Scores["vectorString"] != "CVSS:3.1/AV:P/AC:H/PR:L/UI:R/S:U/C:L/I:L/A:H/LP:Y/E:H/RL:U/RC:U" {
		t.Errorf("3.1: %+v", a.Value.Scores)
	}
	p, _ := calculator.Parse("CVSS:3.1/AV:P/AC:H/PR:L/UI:R/S:U/C:L/I:L/A:H/E:H/RL:U/RC:U")
	checkGroup(t, "3.1 plain", a.Value.Plain, "temporal", p.Score().Temporal)
	if a.Value.Plain["temporalScore"] != 4.6 {
		t.Errorf("v3.1 plain temporal = %v, want 4.6 (FIRST v3.1 User Guide)", a.Value.Plain["temporalScore"])
	}
	p.Version = calculator.V30
	if a.Value.CVSS30BaseScore != p.Score().Base.Float() || p.Score().Temporal.String() != "4.7" {
		t.Errorf("v3.0 figures: cvss30Base %v, temporal %v", a.Value.CVSS30BaseScore, p.Score().Temporal)
	}
	// LP:Y raises the base value above plain CVSS.
	if a.Value.Scores["baseScore"].(float64) <= a.Value.CVSS30BaseScore {
		t.Errorf("LP:Y base %v not above plain %v", a.Value.Scores["baseScore"], a.Value.CVSS30BaseScore)
	}
}

func TestScoreErrors(t *testing.T) {
	for _, tc := range []struct {
		in, kind, metric, value string
		column                  int
		message                 string
	}{
		{"CVSS:3.0/AV:Q/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H", "invalid-value", "AV", "Q", 13, "13 文字目: AV の値「Q」は無効です（有効な値: N, A, L, P）"},
		{"CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H", "missing", "A", "", 41, "基本評価項目 A がありません"},
		{"<img src=x onerror=alert(1)>", "prefix", "", "<img src=x onerror=alert(1)>", 1, "ベクトルは「CVSS:3.0/」または「CVSS:3.1/」で始めてください（先頭が「<img src=x onerror=alert(1)>」です）"},
		{"CVSS:3.0/AV:N/XX:\x00\xff", "unknown-metric", "XX", "\x00\ufffd", 15, "15 文字目: 不明な評価項目「XX」です"},
		{"", "prefix", "", "", 1, "ベクトルは「CVSS:3.0/」または「CVSS:3.1/」で始めてください（先頭が「」です）"},
	} {
		a := scoreJSON(t, tc.in)
		if a.OK || a.Value != nil || a.Error == nil {
			t.Fatalf("%q: %+v", tc.in, a)
		}
		e := a.Error
		if e.Kind != tc.kind || e.Metric != tc.metric || e.Value != tc.value || e.Column != tc.column || e.Message != tc.message || e.MessageEn == "" {
			t.Errorf("%q: error %+v, want %s %s %q col %d %q", tc.in, *e, tc.kind, tc.metric, tc.value, tc.column, tc.message)
		}
	}
}

func TestScoreGolden(t *testing.T) {
	var b []byte
	v, err := score("CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/LP:Y/II:H/E:F/RL:T/RC:R/CR:H/IR:H/AR:H/MAV:N/MAC:H/MPR:N/MUI:N/MS:U/MC:L/MI:L/MA:L/MLP:N/MII:H")
	b = appendAnswer(b, v, err)
	b = append(b, '\n')
	b = appendAnswer(b, answers{scoreAnswer("CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:C/C:N/I:N/A:N/LP:N/II:N"), scoreAnswer("CVSS:3.0/AV:N")}, nil)
	b = append(b, '\n')
	v, err = score(" av:p/ac:h/pr:h/ui:r/s:u/c:l/i:n/a:n/ ")
	b = appendAnswer(b, v, err)
	b = append(b, '\n')
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		if !json.Valid([]byte(line)) {
			t.Fatalf("invalid JSON %s", line)
		}
	}
	golden(t, "score.golden.json", b)
}

// FuzzScore: any input gives valid JSON, ok exactly when ParseLenient
// accepts it.
func FuzzScore(f *testing.F) {
	f.Add("CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/LP:Y/II:H")
	f.Add("CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:H/I:H/A:H/MS:C/MII:H")
	f.Add("CVSS:3.0/AV:\"")
	f.Fuzz(func(t *testing.T, s string) {
		v, err := score(s)
		b := appendAnswer(nil, v, err)
		var r struct {
			OK bool `json:"ok"`
		}
		if err := json.Unmarshal(b, &r); err != nil {
			t.Fatalf("%q → invalid JSON %s: %v", s, b, err)
		}
		_, _, perr := calculator.ParseLenient(s)
		if r.OK != (perr == nil) {
			t.Fatalf("%q: ok %v, Parse error %v", s, r.OK, perr)
		}
	})
}

func BenchmarkScoreAnswer(b *testing.B) {
	const vec = "CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/LP:Y/II:H/CR:H/IR:H/AR:H/MAV:N/MAC:H/MPR:N/MUI:N/MS:U/MC:L/MI:L/MA:L/MLP:N/MII:H"
	buf := make([]byte, 0, 4096)
	b.ReportAllocs()
	for b.Loop() {
		v, err := score(vec)
		buf = appendAnswer(buf[:0], v, err)
	}
}
