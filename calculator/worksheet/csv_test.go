package worksheet

import (
	"encoding/csv"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"

	"shguide/internal/csvtext"
)

// stdRecords reads s with encoding/csv to the end, as readCSV does.
func stdRecords(s string) []csvRecord {
	r := csv.NewReader(strings.NewReader(s))
	r.FieldsPerRecord = -1
	var out []csvRecord
	for {
		fields, err := r.Read()
		if err == io.EOF {
			return out
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			rec := csvRecord{StartLine: pe.StartLine, Line: pe.Line, Column: pe.Column}
			switch {
			case errors.Is(err, csv.ErrBareQuote):
				rec.Err = csvBareQuote
			case errors.Is(err, csv.ErrQuote):
				rec.Err = csvQuote
			default:
				panic(err)
			}
			out = append(out, rec)
			continue
		}
		if err != nil {
			panic(err)
		}
		start, _ := r.FieldPos(0)
		out = append(out, csvRecord{StartLine: start, Fields: fields})
	}
}

// normalise maps the reader's two kinds of unclosed quotes to
// encoding/csv's single ErrQuote.
func normalise(recs []csvRecord) []csvRecord {
	out := make([]csvRecord, len(recs))
	for i, r := range recs {
		if r.Err == csvUnterminated {
			r.Err = csvQuote
		}
		out[i] = r
	}
	return out
}

var csvCases = []struct {
	name string
	in   string
	want []csvRecord
}{
	{"simple", "a,b,c\n", []csvRecord{{StartLine: 1, Fields: []string{"a", "b", "c"}}}},
	{"crlf and no final newline", "a,b\r\nc,d", []csvRecord{
		{StartLine: 1, Fields: []string{"a", "b"}}, {StartLine: 2, Fields: []string{"c", "d"}}}},
	{"empty lines skipped", "\n\r\na\n\n\nb\n", []csvRecord{
		{StartLine: 3, Fields: []string{"a"}}, {StartLine: 6, Fields: []string{"b"}}}},
	{"quoted comma quote newline", "\"x, y\",\"say \"\"hi\"\"\",\"l1\r\nl2\"\nnext,1\n", []csvRecord{
		{StartLine: 1, Fields: []string{"x, y", `say "hi"`, "l1\nl2"}},
		{StartLine: 3, Fields: []string{"next", "1"}}}},
	{"empty fields", ",,\n", []csvRecord{{StartLine: 1, Fields: []string{"", "", ""}}}},
	{"spaces kept", " a , b \n", []csvRecord{{StartLine: 1, Fields: []string{" a ", " b "}}}},
	{"bare quote then recovery", "ok,1\nb\"ad,2\ngood,3\n", []csvRecord{
		{StartLine: 1, Fields: []string{"ok", "1"}},
		{StartLine: 2, Err: csvBareQuote, Line: 2, Column: 2},
		{StartLine: 3, Fields: []string{"good", "3"}}}},
	{"text after closing quote", "\"a\"x,1\nz,2\n", []csvRecord{
		{StartLine: 1, Err: csvQuote, Line: 1, Column: 3},
		{StartLine: 2, Fields: []string{"z", "2"}}}},
	{"unterminated quote", "a,1\n\"open,2\nb,3\n", []csvRecord{
		{StartLine: 1, Fields: []string{"a", "1"}},
		{StartLine: 2, Err: csvUnterminated, Line: 3, Column: 5}}},
	{"trailing CR at end", "a,b\r", []csvRecord{{StartLine: 1, Fields: []string{"a", "b"}}}},
	{"lone CR kept", "a\rb,c\n", []csvRecord{{StartLine: 1, Fields: []string{"a\rb", "c"}}}},
	{"quote at end of line", "\"a\"\n\"b\"", []csvRecord{
		{StartLine: 1, Fields: []string{"a"}}, {StartLine: 2, Fields: []string{"b"}}}},
	{"multibyte", "名前,\"ベクトル, 値\"\n", []csvRecord{{StartLine: 1, Fields: []string{"名前", "ベクトル, 値"}}}},
}

func TestReadCSV(t *testing.T) {
	for _, tc := range csvCases {
		t.Run(tc.name, func(t *testing.T) {
			got := readCSV(tc.in)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("readCSV(%q)\n got %+v\nwant %+v", tc.in, got, tc.want)
			}
			if std := stdRecords(tc.in); !reflect.DeepEqual(normalise(got), std) {
				t.Errorf("encoding/csv differs on %q\n got %+v\n std %+v", tc.in, normalise(got), std)
			}
		})
	}
}

// FuzzReadCSV holds the reader to encoding/csv: the same records and the
// same errors at the same places, for any input.
func FuzzReadCSV(f *testing.F) {
	for _, tc := range csvCases {
		f.Add(tc.in)
	}
	f.Add("\"\"\"\n\"\r\n,\"\r")
	f.Add("a,\"b\nc\"d\ne")
	f.Fuzz(func(t *testing.T, s string) {
		got := normalise(readCSV(s))
		std := stdRecords(s)
		if len(got) == 0 && len(std) == 0 {
			return
		}
		if !reflect.DeepEqual(got, std) {
			t.Fatalf("readCSV(%q)\n got %+v\n std %+v", s, got, std)
		}
	})
}

func TestCSVFieldsReadBack(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"plain", "plain"},
		{"a,b", `"a,b"`},
		{`say "hi"`, `"say ""hi"""`},
		{"l1\nl2", "\"l1\nl2\""},
		{" lead", `" lead"`},
		{"CVSS:3.0/AV:N", "CVSS:3.0/AV:N"},
	} {
		if got := string(csvtext.AppendField(nil, tc.in)); got != tc.want {
			t.Errorf("AppendField(%q) = %q, want %q", tc.in, got, tc.want)
		}
		// Whatever it writes reads back as the same single field.
		if tc.in != "" {
			recs := readCSV(string(csvtext.AppendField(nil, tc.in)) + "\n")
			if len(recs) != 1 || len(recs[0].Fields) != 1 || recs[0].Fields[0] != tc.in {
				t.Errorf("%q does not read back: %+v", tc.in, recs)
			}
		}
	}
}
