package worksheet

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"shguide/calculator"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// golden compares got with testdata/name, rewriting it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	p := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output (go test -update rewrites it):\n got %s\nwant %s", p, got, want)
	}
}

// publishedRow is a row of calculator/testdata/published.tsv.
type publishedRow struct {
	table, threat, vector, published, computed string
}

func publishedRows(t testing.TB) []publishedRow {
	t.Helper()
	f, err := os.Open("../testdata/published.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []publishedRow
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "table\t") {
			continue
		}
		c := strings.Split(line, "\t")
		if len(c) < 7 {
			t.Fatalf("published.tsv: short line %q", line)
		}
		out = append(out, publishedRow{table: c[0], threat: c[3], vector: c[4], published: c[5], computed: c[6]})
	}
	if len(out) < 200 {
		t.Fatalf("published.tsv: only %d rows", len(out))
	}
	return out
}

type scoreJSON struct {
	Score      string  `json:"score"`
	Value      float64 `json:"value"`
	Severity   string  `json:"severity"`
	SeverityJa string  `json:"severityJa"`
}

type resultJSON struct {
	OK    bool `json:"ok"`
	Value *struct {
		Version       string    `json:"version"`
		Vector        string    `json:"vector"`
		PlainVector   string    `json:"plainVector"`
		Base          scoreJSON `json:"base"`
		Temporal      scoreJSON `json:"temporal"`
		Environmental scoreJSON `json:"environmental"`
		Plain         struct {
			Base, Temporal, Environmental scoreJSON
		} `json:"plain"`
		CVSS30Base scoreJSON         `json:"cvss30Base"`
		Subscores  map[string]any    `json:"subscores"`
		Codes      map[string]string `json:"codes"`
		HasTemp    bool              `json:"hasTemporal"`
		HasEnv     bool              `json:"hasEnvironmental"`
	} `json:"value"`
	Error *struct {
		Kind, Metric, Value, Message, MessageEn string
		Column                                  int
	} `json:"error"`
}

func decodeResult(t *testing.T, b []byte) resultJSON {
	t.Helper()
	var r resultJSON
	dec := json.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&r); err != nil {
		t.Fatalf("%v in %s", err, b)
	}
	return r
}

func checkScore(t *testing.T, what string, got scoreJSON, want calculator.Score) {
	t.Helper()
	sev := calculator.SeverityOf(want)
	if got.Score != want.String() || got.Value != want.Float() || got.Severity != sev.String() || got.SeverityJa != sev.Japanese() {
		t.Errorf("%s = %+v, want %s %s %s", what, got, want, sev, sev.Japanese())
	}
}

// TestAppendScorePublished scores every vector of the guideline's tables
// through the bridge's JSON and compares it with the calculator.
func TestAppendScorePublished(t *testing.T) {
	for _, row := range publishedRows(t) {
		v, err := calculator.Parse(row.vector)
		if err != nil {
			t.Fatalf("%s %s: %v", row.table, row.threat, err)
		}
		s := v.Score()
		r := decodeResult(t, AppendScore(nil, row.vector))
		if !r.OK || r.Value == nil || r.Error != nil {
			t.Fatalf("%s: not ok", row.vector)
		}
		val := r.Value
		checkScore(t, row.vector+" base", val.Base, s.Base)
		checkScore(t, row.vector+" temporal", val.Temporal, s.Temporal)
		checkScore(t, row.vector+" environmental", val.Environmental, s.Environmental)
		p := v.Plain()
		checkScore(t, row.vector+" plain base", val.Plain.Base, p.Score().Base)
		checkScore(t, row.vector+" plain environmental", val.Plain.Environmental, p.Score().Environmental)
		checkScore(t, row.vector+" cvss30Base", val.CVSS30Base, p.Score().Base) // all rows are 3.0
		// The published (or, for errata, the computed) value is what the table reports.
		want := row.published
		if row.computed != "" {
			want = row.computed
		}
		got := val.Base.Score
		if v.HasEnvironmental() {
			got = val.Environmental.Score
		}
		if ws, _ := calculator.ParseScore(want); got != ws.String() {
			t.Errorf("%s %s: %s, want %s", row.table, row.threat, got, want)
		}
		if val.Vector != v.String() || val.PlainVector != p.String() || val.Version != "3.0" {
			t.Errorf("%s: vector %q plain %q version %q", row.vector, val.Vector, val.PlainVector, val.Version)
		}
		for m := calculator.Metric(0); m < calculator.NumMetrics; m++ {
			if val.Codes[m.String()] != string(v.Code(m)) {
				t.Errorf("%s: codes[%s] = %q, want %q", row.vector, m, val.Codes[m.String()], v.Code(m))
			}
		}
		if len(val.Codes) != int(calculator.NumMetrics) {
			t.Errorf("%d codes", len(val.Codes))
		}
		if val.Subscores["impact"].(float64) != s.Impact || val.Subscores["modifiedExploitability"].(float64) != s.ModifiedExploitability {
			t.Errorf("%s: subscores %v", row.vector, val.Subscores)
		}
		if val.HasEnv != v.HasEnvironmental() || val.HasTemp != v.HasTemporal() {
			t.Errorf("%s: has flags", row.vector)
		}
	}
}

func TestAppendScoreVariants(t *testing.T) {
	// CVSS:3.1 vectors: cvss30Base is the v3.0 figure of the plain vector,
	// plain stays 3.1. FIRST's v3.1 User Guide example differs between versions.
	const v31 = "CVSS:3.1/AV:P/AC:H/PR:L/UI:R/S:U/C:L/I:L/A:H/E:H/RL:U/RC:U/LP:Y"
	r := decodeResult(t, AppendScore(nil, v31))
	if r.Value.Version != "3.1" || r.Value.Vector != "CVSS:3.1/AV:P/AC:H/PR:L/UI:R/S:U/C:L/I:L/A:H/LP:Y/E:H/RL:U/RC:U" {
		t.Errorf("3.1: %+v", r.Value)
	}
	p := must(calculator.Parse("CVSS:3.1/AV:P/AC:H/PR:L/UI:R/S:U/C:L/I:L/A:H/E:H/RL:U/RC:U"))
	checkScore(t, "3.1 plain temporal", r.Value.Plain.Temporal, p.Score().Temporal)
	if r.Value.Plain.Temporal.Score != "4.6" {
		t.Errorf("v3.1 plain temporal = %s, want 4.6 (FIRST v3.1 User Guide)", r.Value.Plain.Temporal.Score)
	}
	p.Version = calculator.V30
	checkScore(t, "3.1 cvss30Base", r.Value.CVSS30Base, p.Score().Base)
	if p.Score().Temporal.String() != "4.7" {
		t.Errorf("v3.0 temporal = %s, want 4.7", p.Score().Temporal)
	}
	// LP:Y raises the base value above plain CVSS.
	if r.Value.Base.Value <= r.Value.CVSS30Base.Value {
		t.Errorf("LP:Y base %v not above plain %v", r.Value.Base.Value, r.Value.CVSS30Base.Value)
	}
}

func must(v calculator.Vector, err error) calculator.Vector {
	if err != nil {
		panic(err)
	}
	return v
}

func TestAppendScoreErrors(t *testing.T) {
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
		b := AppendScore(nil, tc.in)
		if !json.Valid(b) {
			t.Fatalf("%q: invalid JSON %s", tc.in, b)
		}
		r := decodeResult(t, b)
		if r.OK || r.Value != nil || r.Error == nil {
			t.Fatalf("%q: %s", tc.in, b)
		}
		e := r.Error
		if e.Kind != tc.kind || e.Metric != tc.metric || e.Value != tc.value || e.Column != tc.column || e.Message != tc.message || e.MessageEn == "" {
			t.Errorf("%q: error %+v, want %s %s %q col %d %q", tc.in, *e, tc.kind, tc.metric, tc.value, tc.column, tc.message)
		}
	}
}

func TestAppendScoreGolden(t *testing.T) {
	var b []byte
	b = AppendScore(b, "CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/LP:Y/II:H/E:F/RL:T/RC:R/CR:H/IR:H/AR:H/MAV:N/MAC:H/MPR:N/MUI:N/MS:U/MC:L/MI:L/MA:L/MLP:N/MII:H")
	b = append(b, '\n')
	b = AppendScoreMany(b, []string{"CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:C/C:N/I:N/A:N/LP:N/II:N", "CVSS:3.0/AV:N"})
	b = append(b, '\n')
	b = AppendFailure(b, "argument", "argument vector: want a string")
	b = append(b, '\n')
	for _, line := range bytes.Split(bytes.TrimSpace(b), []byte("\n")) {
		if !json.Valid(line) {
			t.Fatalf("invalid JSON %s", line)
		}
	}
	golden(t, "score.golden.json", b)
}

func TestAppendString(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", `""`},
		{"plain 日本語", `"plain 日本語"`},
		{"q\"b\\n\n\r\t\x01\x1f\x7f", `"q\"b\\n\n\r\t\u0001\u001f` + "\x7f" + `"`},
		{"bad\xffutf8", `"bad\ufffdutf8"`},
		{"ls\u2028ps\u2029", `"ls\u2028ps\u2029"`},
		{"</script><img>&", `"</script><img>&"`},
	} {
		if got := string(appendString(nil, tc.in)); got != tc.want {
			t.Errorf("appendString(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

// FuzzAppendString checks that every string becomes valid JSON that
// decodes as encoding/json would have encoded it.
func FuzzAppendString(f *testing.F) {
	f.Add("a\"\\\n\x00\xff\u2028é𠮷")
	f.Fuzz(func(t *testing.T, s string) {
		b := appendString(nil, s)
		var got string
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatalf("%q → %s: %v", s, b, err)
		}
		std, _ := json.Marshal(s)
		var want string
		json.Unmarshal(std, &want)
		if got != want || !utf8.ValidString(got) {
			t.Fatalf("%q → %q, encoding/json → %q", s, got, want)
		}
	})
}

// FuzzAppendScore: any input gives valid JSON, ok exactly when Parse
// accepts it.
func FuzzAppendScore(f *testing.F) {
	f.Add("CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/LP:Y/II:H")
	f.Add("CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:H/I:H/A:H/MS:C/MII:H")
	f.Add("CVSS:3.0/AV:\"")
	f.Fuzz(func(t *testing.T, s string) {
		b := AppendScore(nil, s)
		var r struct {
			OK bool `json:"ok"`
		}
		if err := json.Unmarshal(b, &r); err != nil {
			t.Fatalf("%q → invalid JSON %s: %v", s, b, err)
		}
		_, err := calculator.Parse(s)
		if r.OK != (err == nil) {
			t.Fatalf("%q: ok %v, Parse error %v", s, r.OK, err)
		}
	})
}
