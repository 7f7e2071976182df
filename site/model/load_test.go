package model

import (
	"strings"
	"testing"
	"testing/fstest"

	"shguide/site/internal/fixture"
)

func TestLoadFixture(t *testing.T) {
	m, err := Load(fixture.Content())
	if err != nil {
		t.Fatal(err)
	}
	if got := len(m.Chapters); got != 4 {
		t.Fatalf("chapters = %d, want 4", got)
	}
	c := m.Chapters[0]
	if c.Number != 1 || c.Title != "はじめに" || len(c.Sections) != 1 {
		t.Fatalf("chapter 1 = %+v", c)
	}
	s := c.Sections[0]
	if s.Number != "1.1" || s.Pos.Line != 7 || s.BodyLine != 9 || len(s.Subsections) != 1 || s.Subsections[0].Number != "1.1.1" {
		t.Errorf("section 1.1 = %+v", s)
	}
	if c.IntroLine != 5 || !strings.HasPrefix(c.Intro, "これまで") {
		t.Errorf("intro at %d: %q", c.IntroLine, c.Intro)
	}
	p := m.Placement("table", "1-1")
	if p == nil || p.Pos.Line != lineOf(t, string(fixture.Content()["chapters/01.md"].Data), "{{table 1-1}}") || p.Section != s {
		t.Errorf("placement of table 1-1 = %+v", p)
	}
	r := m.Requirement("SR2-H-1")
	src := string(fixture.Content()["requirements.yaml"].Data)
	if r == nil || r.Pos.Line != lineOf(t, src, "id: SR2-H-1") || r.Pos.At("cpsf").Line != lineOf(t, src, "cpsf: {symbol: \"=\"") || r.CPSF.Pos.Line != r.Pos.At("cpsf").Line {
		t.Fatalf("SR2-H-1 at %v (cpsf at %v)", r.Pos, r.Pos.At("cpsf"))
	}
	if got := m.Requirement("R2-1").IncludedBy; len(got) != 1 || got[0].ID != "R3-1" {
		t.Errorf("R2-1 included by %v", got)
	}
	if got := m.Citing("cpsf", "CPS.AC-3"); len(got) != 1 || got[0].ID != "SR2-H-1" {
		t.Errorf("citing CPS.AC-3 = %v", got)
	}
	if got := m.Codes("uk"); strings.Join(got, ",") != "UK1,UK13" {
		t.Errorf("uk codes = %v", got)
	}
	ms := m.Measure("service", "planning", 1)
	if ms == nil || len(ms.ReferredBy) != 1 || ms.ReferredBy[0].No != 2 || ms.Anchor() != "planning-1" {
		t.Errorf("measure 1 = %+v", ms)
	}
	if a := m.Threats[0].Assessments[0]; a.Threat != m.Threats[0] || a.Pos.Line != lineOf(t, string(fixture.Content()["threats.yaml"].Data), "- table: \"3-12\"") {
		t.Errorf("assessment at %v", a.Pos)
	}
	if v := m.Metric("LP").Values[1]; v.Pos.Line != lineOf(t, string(fixture.Content()["metrics.yaml"].Data), `{code: "N"`) || v.Weight != "1.0" {
		t.Errorf("LP N = %+v at %v", v, v.Pos)
	}
	if m.Component("security-server").Parent != m.Component("sp") {
		t.Error("component parent not linked")
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name  string
		file  string
		data  string
		wants []string
	}{
		{"unknown key", "requirements.yaml", "requirements:\n  - id: R2-1\n    levle: 2\n", []string{"requirements.yaml:3: ", "levle"}},
		{"duplicate key", "glossary.yaml", "terms:\n  - term: a\n    term: b\n", []string{"glossary.yaml:3: ", "already defined"}},
		{"wrong type", "references.yaml", "references:\n  - no: one\n", []string{"references.yaml:2: "}},
		{"syntax", "risk.yaml", "steps:\n  - no: 1\n   title: x\n", []string{"risk.yaml:"}},
		{"missing file", "errata.yaml", "", []string{"errata.yaml: cannot read"}},
		{"chapter front matter", "chapters/02.md", "---\nchapter: 2\ntitel: x\n---\n", []string{"chapters/02.md:3: front matter: unknown field \"titel\""}},
		{"no front matter", "chapters/02.md", "本文\n", []string{"chapters/02.md:1: missing front matter"}},
		{"bad section heading", "chapters/02.md", "---\nchapter: 2\ntitle: x\n---\n\n## 定義\n", []string{"chapters/02.md:6: section heading"}},
		{"bad directive", "chapters/02.md", "---\nchapter: 2\ntitle: x\n---\n\n{{table 3.4}}\n", []string{"chapters/02.md:6: malformed directive"}},
		{"no title", "chapters/02.md", "---\nchapter: 2\n---\n", []string{"chapters/02.md:2: front matter: title is required"}},
		{"h1", "chapters/02.md", "---\nchapter: 2\ntitle: x\n---\n# x\n", []string{"chapters/02.md:5: no level-1"}},
		// go-yaml panics on these (a tag with no value in a sequence's place).
		{"yaml library panic", "glossary.yaml", "terms:\n !0 #000\n", []string{"glossary.yaml: cannot parse this YAML (go-yaml failed: "}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fixture.Content()
			if tt.data == "" {
				delete(fsys, tt.file)
			} else {
				fsys[tt.file] = &fstest.MapFile{Data: []byte(tt.data)}
			}
			_, err := Load(fsys)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.wants {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}
