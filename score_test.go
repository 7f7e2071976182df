package main

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
)

func TestScoreCommand(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		stdin      string
		wantOut    string
		wantErr    string
		wantStatus int
	}{
		{
			name: "arguments",
			args: []string{"CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/LP:N/II:H", "CVSS:3.0/A:H/I:H/C:H/S:U/UI:N/PR:N/AC:H/AV:N"},
			wantOut: "vector\tbase\tbase_severity\ttemporal\tenvironmental\tenvironmental_severity\n" +
				"CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/LP:N/II:H\t9.3\t緊急\t9.3\t9.3\t緊急\n" +
				"CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H\t8.1\t重要\t8.1\t8.1\t重要\n",
		},
		{
			name:  "stdin with comments, blank lines and a bad line",
			stdin: "# threats\n\nCVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/LP:Y/II:H  \r\nCVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:Q\nCVSS:3.0/AV:P/AC:H/PR:L/UI:R/S:U/C:L/I:L/A:H/E:H/RL:U/RC:U\n",
			wantOut: "vector\tbase\tbase_severity\ttemporal\tenvironmental\tenvironmental_severity\n" +
				"CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/LP:Y/II:H\t10.0\t緊急\t10.0\t10.0\t緊急\n" +
				"CVSS:3.0/AV:P/AC:H/PR:L/UI:R/S:U/C:L/I:L/A:H/E:H/RL:U/RC:U\t5.0\t警告\t4.7\t4.7\t警告\n",
			wantErr:    "line 4: at column 44: invalid value \"Q\" for A (valid: N, L, H)\n",
			wantStatus: 1,
		},
		{
			name:    "json",
			args:    []string{"--json", "CVSS:3.1/AV:P/AC:H/PR:L/UI:R/S:U/C:L/I:L/A:H/E:H/RL:U/RC:U"},
			wantOut: `{"version":"3.1","vectorString":"CVSS:3.1/AV:P/AC:H/PR:L/UI:R/S:U/C:L/I:L/A:H/E:H/RL:U/RC:U","attackVector":"PHYSICAL","attackComplexity":"HIGH","privilegesRequired":"LOW","userInteraction":"REQUIRED","scope":"UNCHANGED","confidentialityImpact":"LOW","integrityImpact":"LOW","availabilityImpact":"HIGH","lifePropertyImpact":"NO","informationImportance":"NONE","baseScore":5.0,"baseSeverity":"MEDIUM","baseSeverityJa":"警告","exploitCodeMaturity":"HIGH","remediationLevel":"UNAVAILABLE","reportConfidence":"UNKNOWN","temporalScore":4.6,"temporalSeverity":"MEDIUM","temporalSeverityJa":"警告","environmentalScore":4.6,"environmentalSeverity":"MEDIUM","environmentalSeverityJa":"警告"}` + "\n",
		},
		{
			name:       "bad argument",
			args:       []string{"AV:N/AC:H"},
			wantOut:    "vector\tbase\tbase_severity\ttemporal\tenvironmental\tenvironmental_severity\n",
			wantErr:    "argument 1: missing base metric PR\n",
			wantStatus: 1,
		},
		{
			name:       "not a vector",
			args:       []string{"CVSS3.0/AV:N"},
			wantOut:    "vector\tbase\tbase_severity\ttemporal\tenvironmental\tenvironmental_severity\n",
			wantErr:    "argument 1: vector must start with CVSS:3.0/ or CVSS:3.1/, got \"CVSS3.0\"\n",
			wantStatus: 1,
		},
		{
			name:  "lenient: no prefix, lower case, spaces, trailing slash, a byte order mark",
			stdin: "\uFEFFAV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/LP:Y/II:H\r\n  cvss:3.1/av:p/ac:h/pr:l/ui:r/s:u/c:l/i:l/a:h/ \n",
			wantOut: "vector\tbase\tbase_severity\ttemporal\tenvironmental\tenvironmental_severity\n" +
				"CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/LP:Y/II:H\t10.0\t緊急\t10.0\t10.0\t緊急\n" +
				"CVSS:3.1/AV:P/AC:H/PR:L/UI:R/S:U/C:L/I:L/A:H\t5.0\t警告\t5.0\t5.0\t警告\n",
			wantErr: "line 1: no CVSS:3.x/ prefix: read as CVSS:3.0, the guideline's version\n",
		},
		{
			name:       "unknown flag",
			args:       []string{"--yaml"},
			wantErr:    "flag provided but not defined: -yaml\n" + scoreUsage,
			wantStatus: 2,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			status := run(append([]string{"score"}, tt.args...), strings.NewReader(tt.stdin), &out, &errOut)
			if status != tt.wantStatus {
				t.Errorf("status %d, want %d", status, tt.wantStatus)
			}
			if out.String() != tt.wantOut {
				t.Errorf("stdout:\n%s\nwant:\n%s", out.String(), tt.wantOut)
			}
			if errOut.String() != tt.wantErr {
				t.Errorf("stderr:\n%s\nwant:\n%s", errOut.String(), tt.wantErr)
			}
		})
	}
}

func TestScoreHelp(t *testing.T) {
	var out, errOut bytes.Buffer
	if status := run([]string{"score", "--help"}, strings.NewReader(""), &out, &errOut); status != 0 {
		t.Fatalf("status %d", status)
	}
	for _, want := range []string{"Usage: shguide score", "--json", "Exit status: 0 when every vector was scored, 1 when some line", "2 for a usage error", "Examples:", "shguide score 'CVSS:3.0/"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("help output lacks %q:\n%s", want, out.String())
		}
	}
}

// TestScoreLongLines: a line of 2 MiB is reported by its number and not
// read into memory; the lines around it are scored, and the status says
// that one line failed.
func TestScoreLongLines(t *testing.T) {
	const good = "CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/LP:N/II:H"
	for _, tc := range []struct {
		name string
		long string
	}{
		{"junk", strings.Repeat("x", 2<<20)},
		{"a vector padded with spaces", good + strings.Repeat(" ", 2<<20)},
		{"no line end", strings.Repeat("y", 2<<20)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := "\uFEFF" + good + "\n" + tc.long + "\n" + "CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:Q\n" + good
			if tc.name == "no line end" {
				in = good + "\n" + tc.long
			}
			var out, errOut bytes.Buffer
			status := run([]string{"score"}, strings.NewReader(in), &out, &errOut)
			if status != 1 {
				t.Errorf("status %d, want 1", status)
			}
			wantLines := 3 // header and two good lines
			if tc.name == "no line end" {
				wantLines = 2
			}
			if n := strings.Count(out.String(), "\n"); n != wantLines || strings.Count(out.String(), good+"\t9.3") != wantLines-1 {
				t.Errorf("stdout:\n%s", out.String())
			}
			want := "line 2: line too long (2097152 bytes; at most 65536): not scored\n"
			if tc.name == "a vector padded with spaces" {
				want = "line 2: line too long (" + strconv.Itoa(len(tc.long)) + " bytes; at most 65536): not scored\n"
			}
			if tc.name != "no line end" {
				want += "line 3: at column 44: invalid value \"Q\" for A (valid: N, L, H)\n"
			}
			if errOut.String() != want {
				t.Errorf("stderr:\n%s\nwant:\n%s", errOut.String(), want)
			}
		})
	}
}
