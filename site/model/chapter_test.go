package model

import (
	"strings"
	"testing"

	"shguide/site/internal/fixture"
)

func TestSlugAndNatural(t *testing.T) {
	for in, want := range map[string]string{"SR3-H-5": "sr3-h-5", "CPS.AC-3": "cps-ac-3", "1798.91.05": "1798-91-05", "UK13": "uk13"} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
	if naturalCompare("UK2", "UK10") >= 0 || naturalCompare("UK10", "UK2") < 0 || naturalCompare("CPS.AC-3", "CPS.AC-10") >= 0 {
		t.Error("naturalLess orders numbers as text")
	}
	if EPMark(1) != "EP①" || EPMark(10) != "EP⑩" {
		t.Errorf("EPMark: %s %s", EPMark(1), EPMark(10))
	}
}

// FuzzParseChapter: the chapter parser never panics, and every problem it
// reports names a line of the input.
func FuzzParseChapter(f *testing.F) {
	for name, file := range fixture.Content() {
		if strings.HasPrefix(name, "chapters/") {
			f.Add(file.Data)
		}
	}
	f.Add([]byte("---\nchapter: 1\n---\n## 1.1\n{{table}}\n```\n## x\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var e errs
		c := parseChapter("chapters/01.md", data, &e)
		lines := strings.Count(string(data), "\n") + 1
		for _, x := range e.list {
			if x.Pos.Line < 0 || x.Pos.Line > lines+1 {
				t.Errorf("line %d outside 1..%d: %s", x.Pos.Line, lines, x.Msg)
			}
		}
		if c != nil {
			for _, s := range c.Sections {
				if s.Pos.Line < 1 || s.Pos.Line > lines {
					t.Errorf("section at line %d of %d", s.Pos.Line, lines)
				}
			}
		}
	})
}
