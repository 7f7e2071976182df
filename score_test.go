package main

import (
	"bytes"
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
			wantErr:    "argument 1: vector must start with CVSS:3.0/ or CVSS:3.1/, got \"AV:N\"\n",
			wantStatus: 1,
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
	if !strings.Contains(out.String(), "Usage: shguide score") || !strings.Contains(out.String(), "--json") {
		t.Errorf("help output: %s", out.String())
	}
}
