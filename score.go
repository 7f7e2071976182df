package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"shguide/calculator"
)

const scoreUsage = `Usage: shguide score [--json] [VECTOR ...]

Scores vectors with the guideline's method (CVSS v3.0 with LP and II
multiplying the impact subscore; CVSS:3.1 vectors use v3.1's rounding, as a
variant). Vectors come from the arguments or, when there are none, one per
line from standard input (UTF-8, with or without a byte order mark); blank
lines and lines starting with # are skipped.

Vectors are read as people paste them: without the CVSS:3.0/ prefix (as NVD
lists them; read as CVSS:3.0, the guideline's version, and said so on
standard error), in lower case, with spaces around them or a trailing "/".
Output always shows the canonical vector.

Output is TSV with a header: vector (canonical), base, base severity,
temporal, environmental, environmental severity (表3-36: 緊急/重要/警告/注意/なし).
With --json each vector is one JSON object per line, in the field names of
FIRST's CVSS v3 JSON schema plus the guideline's lifePropertyImpact,
informationImportance, modifiedLifePropertyImpact,
modifiedInformationImportance and the *SeverityJa labels.

An invalid vector prints "line N: <error>" (or "argument N: …") to standard
error, naming the metric and column; a line longer than 64 KiB is reported
the same way without being read further. The other lines are still scored.

Exit status: 0 when every vector was scored, 1 when some line or argument
could not be (or standard input could not be read), 2 for a usage error.

Examples:
  shguide score 'CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/LP:Y/II:H'
  printf 'AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\n' | shguide score --json
`

// maxScoreLine bounds a line of input: a vector has at most about 200
// bytes; longer lines are reported, not read into memory.
const maxScoreLine = 64 << 10

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
	report := func(label string, n int, msg string) {
		out.Flush() // keep standard output and standard error in order
		fmt.Fprintf(stderr, "%s %d: %s\n", label, n, msg)
	}
	score := func(label string, n int, line string) {
		v, how, err := calculator.ParseLenient(line)
		if err != nil {
			report(label, n, err.Error())
			status = 1
			return
		}
		if how&calculator.AssumedPrefix != 0 {
			report(label, n, "no CVSS:3.x/ prefix: read as CVSS:3.0, the guideline's version")
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
			score("argument", i+1, a)
		}
		return status
	}
	r := bufio.NewReaderSize(stdin, maxScoreLine)
	for n := 1; ; n++ {
		line, err := r.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			size := len(line)
			for err == bufio.ErrBufferFull { // skip the rest of the line
				line, err = r.ReadSlice('\n')
				size += len(line)
			}
			if strings.HasSuffix(string(line), "\n") { // not part of the line's length
				size--
			}
			report("line", n, "line too long ("+strconv.Itoa(size)+" bytes; at most "+strconv.Itoa(maxScoreLine)+"): not scored")
			status = 1
		} else if len(line) > 0 {
			text := string(line)
			if n == 1 {
				text = strings.TrimPrefix(text, "\uFEFF")
			}
			if t := strings.TrimSpace(text); t != "" && !strings.HasPrefix(t, "#") {
				score("line", n, text)
			}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			report("line", n, "reading standard input: "+err.Error())
			return 1
		}
	}
	return status
}
