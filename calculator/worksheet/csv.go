package worksheet

import (
	"strings"
	"unicode/utf8"
)

// The CSV reader follows RFC 4180 exactly as encoding/csv reads it with
// FieldsPerRecord = -1 (a differential fuzz test compares the two, errors
// included), without encoding/csv's dependency on fmt: "," separates
// fields, "\r\n" and "\n" end records (a "\r\n" inside a quoted field
// becomes "\n"), empty lines are skipped, a field starting with '"' is
// quoted and `""` inside it is a quote. Unlike encoding/csv it is driven
// to the end: every bad record is reported with its line and reading
// resumes after it, as repeated csv.Reader.Read calls would.

// csvErrKind classifies a CSV syntax error.
type csvErrKind uint8

const (
	csvBareQuote    csvErrKind = iota + 1 // '"' inside an unquoted field (csv.ErrBareQuote)
	csvQuote                              // '"' ending a quoted field followed by other text (csv.ErrQuote)
	csvUnterminated                       // a quoted field not closed before the end (csv.ErrQuote)
)

// csvRecord is one record or one syntax error of the input.
type csvRecord struct {
	StartLine int      // line where the record starts (1-based)
	Fields    []string // nil when Err is set
	Err       csvErrKind
	Line      int // line of the error
	Column    int // byte column of the error (1-based), as encoding/csv counts it
}

type csvReader struct {
	s       string
	off     int
	numLine int
}

// readLine returns the next line with its "\n" ("\r\n" normalised to "\n",
// a "\r" before the end of input dropped) and whether the input had ended
// before anything was read.
func (r *csvReader) readLine() (string, bool) {
	r.numLine++
	if r.off >= len(r.s) {
		return "", true
	}
	rest := r.s[r.off:]
	line := rest
	if i := strings.IndexByte(rest, '\n'); i >= 0 {
		line = rest[:i+1]
	}
	r.off += len(line)
	if line[len(line)-1] != '\n' && line[len(line)-1] == '\r' {
		line = line[:len(line)-1]
	}
	if n := len(line); n >= 2 && line[n-2] == '\r' && line[n-1] == '\n' {
		line = line[:n-2] + "\n"
	}
	return line, false
}

func lengthNL(s string) int {
	if len(s) > 0 && s[len(s)-1] == '\n' {
		return 1
	}
	return 0
}

// readCSV reads every record of s.
func readCSV(s string) []csvRecord {
	r := &csvReader{s: s}
	var out []csvRecord
	for {
		rec, eof := r.readRecord()
		if eof {
			return out
		}
		out = append(out, rec)
	}
}

// readRecord is encoding/csv's readRecord on a string.
func (r *csvReader) readRecord() (csvRecord, bool) {
	var line string
	eof := false
	for !eof {
		line, eof = r.readLine()
		if !eof && len(line) == lengthNL(line) {
			continue // skip empty lines
		}
		break
	}
	if eof {
		return csvRecord{}, true
	}
	rec := csvRecord{StartLine: r.numLine}
	var buf []byte
	var ends []int
	col := 1
	lineNo := r.numLine
parseField:
	for {
		if len(line) == 0 || line[0] != '"' {
			i := strings.IndexByte(line, ',')
			field := line
			if i >= 0 {
				field = field[:i]
			} else {
				field = field[:len(field)-lengthNL(field)]
			}
			if j := strings.IndexByte(field, '"'); j >= 0 {
				rec.Err, rec.Line, rec.Column = csvBareQuote, r.numLine, col+j
				break parseField
			}
			buf = append(buf, field...)
			ends = append(ends, len(buf))
			if i >= 0 {
				line = line[i+1:]
				col += i + 1
				continue parseField
			}
			break parseField
		}
		// Quoted field.
		line = line[1:]
		col++
		for {
			i := strings.IndexByte(line, '"')
			switch {
			case i >= 0:
				buf = append(buf, line[:i]...)
				line = line[i+1:]
				col += i + 1
				rn, _ := utf8.DecodeRuneInString(line)
				switch {
				case len(line) > 0 && rn == '"':
					buf = append(buf, '"')
					line = line[1:]
					col++
				case len(line) > 0 && rn == ',':
					line = line[1:]
					col++
					ends = append(ends, len(buf))
					continue parseField
				case lengthNL(line) == len(line):
					ends = append(ends, len(buf))
					break parseField
				default:
					rec.Err, rec.Line, rec.Column = csvQuote, r.numLine, col-1
					break parseField
				}
			case len(line) > 0:
				// The field goes on in the next line; the end of the
				// input reads as an empty line, an unterminated field.
				buf = append(buf, line...)
				col += len(line)
				line, _ = r.readLine()
				if len(line) > 0 {
					lineNo++
					col = 1
				}
			default:
				rec.Err, rec.Line, rec.Column = csvUnterminated, lineNo, col
				break parseField
			}
		}
	}
	if rec.Err != 0 {
		return rec, false
	}
	str := string(buf)
	rec.Fields = make([]string, len(ends))
	prev := 0
	for i, e := range ends {
		rec.Fields[i] = str[prev:e]
		prev = e
	}
	return rec, false
}
