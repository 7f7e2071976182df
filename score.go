package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"strings"

	"shguide/calculator"
)

const scoreUsage = `Usage: shguide score [--json] [VECTOR ...]

Scores vectors with the guideline's method (CVSS v3.0 with LP and II
multiplying the impact subscore; CVSS:3.1 vectors use v3.1's rounding, as a
variant). Vectors come from the arguments or, when there are none, one per
line from standard input; blank lines and lines starting with # are skipped.

Output is TSV with a header: vector (canonical), base, base severity,
temporal, environmental, environmental severity (表3-36: 緊急/重要/警告/注意/なし).
With --json each vector is one JSON object per line, in the field names of
FIRST's CVSS v3 JSON schema plus the guideline's lifePropertyImpact,
informationImportance, modifiedLifePropertyImpact,
modifiedInformationImportance and the *SeverityJa labels.

An invalid vector prints "line N: <error>" (or "argument N: …") to standard
error; the others are still scored and the exit status is 1.

Example:
  shguide score 'CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/LP:Y/II:H'
`

// runScore implements "shguide score" and returns the exit status.
func runScore(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("score", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "write one JSON object per vector")
	fs.Usage = func() { fmt.Fprint(stderr, scoreUsage) }
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			fmt.Fprint(stdout, scoreUsage)
			return 0
		}
		return 2
	}

	out := bufio.NewWriter(stdout)
	defer out.Flush()
	if !*asJSON {
		out.WriteString("vector\tbase\tbase_severity\ttemporal\tenvironmental\tenvironmental_severity\n")
	}
	status := 0
	buf := make([]byte, 0, 1024)
	score := func(label string, n int, line string) {
		v, err := calculator.Parse(line)
		if err != nil {
			out.Flush()
			fmt.Fprintf(stderr, "%s %d: %v\n", label, n, err)
			status = 1
			return
		}
		buf = buf[:0]
		if *asJSON {
			buf = v.AppendJSON(buf)
		} else {
			s := v.Score()
			buf = v.AppendString(buf)
			buf = append(buf, '\t')
			buf = s.Base.AppendText(buf)
			buf = append(buf, '\t')
			buf = append(buf, s.BaseSeverity.Japanese()...)
			buf = append(buf, '\t')
			buf = s.Temporal.AppendText(buf)
			buf = append(buf, '\t')
			buf = s.Environmental.AppendText(buf)
			buf = append(buf, '\t')
			buf = append(buf, s.EnvironmentalSeverity.Japanese()...)
		}
		buf = append(buf, '\n')
		out.Write(buf)
	}

	if fs.NArg() > 0 {
		for i, a := range fs.Args() {
			score("argument", i+1, strings.TrimSpace(a))
		}
		return status
	}
	sc := bufio.NewScanner(stdin)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		score("line", n, line)
	}
	if err := sc.Err(); err != nil {
		out.Flush()
		fmt.Fprintln(stderr, "shguide score:", err)
		return 1
	}
	return status
}
