package csvtext

import (
	"encoding/csv"
	"strings"
	"testing"
)

func TestGuard(t *testing.T) {
	for _, tc := range []struct {
		in, want string
	}{
		{"", ""},
		{"plain", "plain"},
		{"=SUM(A1)", "'=SUM(A1)"},
		{"+1", "'+1"},
		{"-1+2", "'-1+2"},
		{"@note", "'@note"},
		{"\tx", "'\tx"},
		{"\rx", "'\rx"},
		{"＝SUM(A1)", "'＝SUM(A1)"},
		{"＋1", "'＋1"},
		{"－1", "'－1"},
		{"＠cmd", "'＠cmd"},
		{"  =1+1", "'  =1+1"},
		{"\u3000＝1", "'\u3000＝1"},
		{"a=b", "a=b"},
		{"メモ - 済", "メモ - 済"},
		{"'quoted", "'quoted"},
		{"   ", "   "},
	} {
		got := Guard(tc.in)
		if got != tc.want {
			t.Errorf("Guard(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if back := Unguard(got); back != tc.in {
			t.Errorf("Unguard(%q) = %q, want %q", got, back, tc.in)
		}
	}
	if Unguard("'plain") != "'plain" || Unguard("'") != "'" {
		t.Error("Unguard removed a quote Guard did not add")
	}
}

func TestAppendField(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"plain", "plain"},
		{"a,b", `"a,b"`},
		{`say "hi"`, `"say ""hi"""`},
		{"l1\nl2", "\"l1\nl2\""},
		{" lead", `" lead"`},
		{"\tx", "\"\tx\""},
		{`\.`, `"\."`},
		{"CVSS:3.0/AV:N", "CVSS:3.0/AV:N"},
	} {
		if got := string(AppendField(nil, tc.in)); got != tc.want {
			t.Errorf("AppendField(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// FuzzAppendGuarded: whatever a field holds, encoding/csv reads one
// field back, it never starts a formula, and Unguard restores the text.
func FuzzAppendGuarded(f *testing.F) {
	for _, s := range []string{"=1+1", "＝1", "a,\"b\"\nc", " @x", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if strings.ContainsRune(s, '\r') || !strings.ContainsFunc(s, func(r rune) bool { return r != ' ' }) {
			return // encoding/csv turns \r\n into \n and skips blank lines
		}
		line := string(AppendGuarded(nil, s)) + "\n"
		r := csv.NewReader(strings.NewReader(line))
		r.LazyQuotes = false
		recs, err := r.ReadAll()
		if err != nil || len(recs) != 1 || len(recs[0]) != 1 {
			t.Fatalf("%q written as %q reads as %q, %v", s, line, recs, err)
		}
		got := recs[0][0]
		if Guarded(got) {
			t.Fatalf("%q written as %q starts a formula", s, got)
		}
		if Unguard(got) != s && !strings.HasPrefix(s, "'") {
			t.Fatalf("%q reads back as %q", s, Unguard(got))
		}
	})
}
