package model

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"shguide/site/internal/fixture"
)

func TestValidateFixture(t *testing.T) {
	m, err := Load(fixture.Content())
	if err != nil {
		t.Fatal(err)
	}
	if err := Validate(m); err != nil {
		t.Fatalf("fixture does not validate:\n%v", err)
	}
	a := m.Threats[0].Assessments[0]
	if !a.Score.OK || a.Score.Value != "8.1" || a.Score.Severity != "High" || a.Score.Erratum != nil {
		t.Errorf("score = %+v", a.Score)
	}
}

// TestValidateErrors breaks the fixture one way at a time and checks that the
// problem is reported at the right file:line. The expected line is the line
// of the text "at" in the broken file (the replacement when "at" is empty).
func TestValidateErrors(t *testing.T) {
	tests := []struct {
		name      string
		file      string
		old, new_ string
		at        string // text on the expected line ("" = new_)
		want      string // message after "file:line: "
	}{
		{"requirement id", "requirements.yaml", "id: SR2-H-1", "id: SR2-X-1", "", `id "SR2-X-1" is not`},
		{"duplicate requirement", "requirements.yaml", "id: R3-1", "id: R2-1", "id: R2-1\n    level: 3", `duplicate requirement "R2-1" (first at requirements.yaml:`},
		{"level mismatch", "requirements.yaml", "    level: 3\n    target: service", "    level: 2\n    target: service", "level: 2\n    target: service\n    title: ★★", `level 2 does not match id R3-1`},
		{"target mismatch", "requirements.yaml", "    target: H\n    title: 共通", "    target: service\n    title: 共通", "", `target "service" does not match id SR2-H-1 (want H)`},
		{"includes", "requirements.yaml", "includes: [R2-1]", "includes: [R2-9]", "", `includes "R2-9": no such requirement`},
		{"mapping symbol", "requirements.yaml", "sb327: {symbol: \"=\", refs: [1798.91.05]}", "sb327: {symbol: \"≒\", refs: [1798.91.05]}", "", `sb327 symbol "≒" is not a mark`},
		{"cpsf code", "requirements.yaml", "refs: [CPS.AC-3]", "refs: [CPS. AC-3]", "", `cpsf code "CPS. AC-3" is malformed`},
		{"missing mapping", "requirements.yaml", "    uk: {symbol: ◎}\n", "", "id: R2-1", `R2-1: uk is required`},
		{"missing title", "requirements.yaml", "    title: 共通要件への対応\n", "", "id: SR2-H-1", `title is required`},
		{"vector", "threats.yaml", "AV:N/AC:H/PR:N", "AV:Q/AC:H/PR:N", "", `vector: `},
		{"score without erratum", "threats.yaml", `published: "8.1"`, `published: "8.2"`, "", `published 8.2 but the calculator gives 8.1`},
		{"severity label", "threats.yaml", "severity: 重要", "severity: 緊急", "", `severity 緊急 does not match the published 8.1 (重要)`},
		{"class of EP", "risk.yaml", "classes: [unauthorized-access, dos]", "classes: [dos]", "@threats.yaml:class: unauthorized-access", `class "unauthorized-access" is not a class of EP①`},
		{"unknown class", "threats.yaml", "class: unauthorized-access", "class: spoofing", "", `class "spoofing": no such class`},
		{"threat id vs EP", "threats.yaml", "entryPoint: 1", "entryPoint: 2", "id: ep1-", `id "ep1-unauthorized-access" does not match entryPoint 2`},
		{"interface name", "threats.yaml", "interfaces: [Ethernet]", "interfaces: [Ethernet2]", "", `interface "Ethernet2": no such interface`},
		{"who name", "threats.yaml", "who: 攻撃者", "who: 悪者", "", `who "悪者": not in 表3-7`},
		{"whom name", "threats.yaml", "whom3: [生命・財産]", "whom3: [財産]", "", `whom3 "財産": not in 表3-8`},
		{"table not placed", "chapters/03.md", "{{table 3-3}}\n", "", "@captions.yaml:id: \"3-3\"", `表 3-3 is never placed`},
		{"table placed twice", "chapters/03.md", "{{table 3-12}}", "{{table 3-3}}", "{{table 3-3}}\n\n## 3.4", `{{table 3-3}} placed twice (first at chapters/03.md:`},
		{"unknown table", "chapters/01.md", "{{table 1-1}}", "{{table 1-9}}", "", `{{table 1-9}}: no such table`},
		{"mention", "chapters/01.md", "表 1-1 と", "表 1-7 と", "", `表 1-7 is mentioned but not in captions.yaml`},
		{"section outside chapter", "chapters/03.md", "## 3.4 要件", "## 4.4 要件", "", `section 4.4 is not in chapter 3`},
		{"figure render", "captions.yaml", "render: levels", "render: pyramid", "", `render "pyramid" is not one of`},
		{"lifecycle ref", "lifecycles.yaml", "measures: [1]", "measures: [7]", "", `no measure service/planning No.7`},
		{"lifecycle phase ref", "lifecycles.yaml", "phase: planning\n", "phase: design\n", "", `no phase service/design`},
		{"measure numbering", "lifecycles.yaml", "- no: 2", "- no: 3", "", `measure no 3 out of sequence: want 2`},
		{"metric weight", "metrics.yaml", `weight: "1.5"`, `weight: "1.4"`, "", `LP:Y: weight 1.4 differs from the calculator's 1.5`},
		{"metric code", "metrics.yaml", `{code: "N", label: "なし"`, `{code: "Q", label: "なし"`, "", `LP value "Q": the calculator takes Y, N`},
		{"severity band", "metrics.yaml", `max: "8.9"`, `max: "8.8"`, "", `severity High: max "8.8" differs from the calculator's 8.9`},
		{"severity name", "metrics.yaml", `name: 警告`, `name: 注意報`, "", `severity Medium is called 警告 by the calculator`},
		{"entry point class", "risk.yaml", "classes: [unauthorized-access, dos]", "classes: [unauthorized-access, dos, x]", "", `class "x": no such class`},
		{"stale erratum", "errata.yaml", "kind: transcription", "kind: score\n    threat: ep1-unauthorized-access\n    table: \"3-12\"\n    published: \"8.1\"\n    computed: \"8.1\"", "id: E001", `stale erratum E001`},
		{"erratum kind", "errata.yaml", "kind: transcription", "kind: typo", "", `kind "typo" is not one of`},
		{"erratum for missing threat", "errata.yaml", "kind: transcription", "kind: score\n    threat: ep9-x\n    table: \"3-12\"\n    published: \"1\"\n    computed: \"2\"", "threat: ep9-x", `erratum E001: no threat "ep9-x"`},
		{"reference numbering", "references.yaml", "no: 1", "no: 2", "", `reference [2] out of sequence: want [1]`},
		{"component target", "service.yaml", "target: H, entryPoints: [2]", "target: X, entryPoints: [2]", "", `target "X" is not one of SP, PP, H, D, A`},
		{"usecase table", "service.yaml", `table: "2-4"`, `table: "2-9"`, "", `table "2-9": no such table`},
		{"uk code order", "related.yaml", "code: UK2\n", "code: UK22\n", "code: UK22", `code "UK22": item 2 of the list is UK2`},
		{"etsi provision", "related.yaml", `provision: "5.3"`, `provision: "5.4"`, "", `UK3: provision "5.4", want "5.3"`},
		{"psti beyond UK3", "related.yaml", "    etsi: {provision: \"5.4\"", "    psti: {paragraph: 4, title: X}\n    etsi: {provision: \"5.4\"", "psti: {paragraph: 4", `UK4: the PSTI Regulations' Schedule 1 covers UK1 to UK3 only`},
		{"sb327 note not cited", "related.yaml", `code: "1798.91.05"`, `code: "1798.91.06"`, "", `sb327 1798.91.06: no requirement cites it`},
		{"related source", "related.yaml", "source: sb327", "source: sb999", "", `source "sb999": not in sources`},
		{"sic without entries", "errata.yaml", "kind: transcription", "kind: sic", "id: E001", `erratum E001: kind sic needs at least one sic entry`},
		{"sic section", "errata.yaml", "kind: transcription", "kind: sic\n    sic:\n      - text: a\n        reading: b\n        section: \"9.9\"", "section: \"9.9\"", `erratum E001: no section "9.9"`},
		{"guideline date", "guideline.yaml", `published: "2019-10-29"`, `published: "2019/10/29"`, "", `published "2019/10/29" is not a date`},
		{"synonym not in the text", "synonyms.yaml", "words: [要件, 対策]", "words: [要件, 対策, 洪水]", "", `"洪水" does not occur in the guideline's text`},
		{"synonym quote", "synonyms.yaml", "quote: リスク分析・評価を行うこと。", "quote: リスク分析を行うこと。", "", `quote "リスク分析を行うこと。" does not occur in the guideline's text`},
		{"synonym unquoted", "synonyms.yaml", "also: [評価]", "also: [評価, 策定]", "evidence:\n      - where: R2-1", `no quote shows the guideline using "策定"`},
		{"synonym twice", "synonyms.yaml", "words: [要件, 対策]", "words: [要件, リスク分析]", "", `word "リスク分析" is listed twice (first at synonyms.yaml:2)`},
		{"synonym alone", "synonyms.yaml", "words: [要件, 対策]", "words: [要件]", "", `a synonym needs two words, or also`},
		{"synonym evidence", "synonyms.yaml", "    evidence:\n      - where: SR2-H-1\n        quote: 共通要件★と同等の対策を満たしていること。\n", "", "words: [要件, 対策]", `evidence is required`},
		{"English word", "english.yaml", "{en: house, ja: [住宅]}", "{en: house, ja: [家屋]}", "", `"家屋" does not occur in the guideline's text`},
		{"English twice", "english.yaml", "{en: house, ja: [住宅]}", "{en: risk-analysis, ja: [住宅]}", "", `English term "risk-analysis" is listed twice (first at english.yaml:2)`},
		{"English form", "english.yaml", "{en: house, ja: [住宅]}", "{en: House!, ja: [住宅]}", "", `en "House!": want lower-case English words`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fixture.Content()
			src := string(fsys[tt.file].Data)
			if !strings.Contains(src, tt.old) {
				t.Fatalf("fixture %s has no %q", tt.file, tt.old)
			}
			fsys[tt.file] = &fstest.MapFile{Data: []byte(strings.Replace(src, tt.old, tt.new_, 1))}
			m, err := Load(fsys)
			if err != nil {
				t.Fatalf("load: %v", err)
			}
			err = Validate(m)
			if err == nil {
				t.Fatal("no error")
			}
			file, at := tt.file, tt.at
			if at == "" {
				at = tt.new_
			}
			if f, rest, ok := strings.Cut(at, ":"); ok && strings.HasPrefix(f, "@") {
				file, at = f[1:], rest
			}
			want := fmt.Sprintf("%s:%d: %s", file, lineOf(t, string(fsys[file].Data), at), tt.want)
			if !strings.Contains(err.Error(), want) {
				t.Errorf("errors:\n%v\nwant a line containing %q", err, want)
			}
			if es, ok := err.(Errors); !ok || len(es) == 0 {
				t.Errorf("error is %T, want Errors", err)
			}
		})
	}
}

// lineOf is the 1-based line where text starts in src.
func lineOf(t *testing.T, src, text string) int {
	t.Helper()
	i := strings.Index(src, text)
	if i < 0 {
		t.Fatalf("%q not found", text)
	}
	return strings.Count(src[:i], "\n") + 1
}

// TestValidateReportsAll checks that several problems in several files are
// all reported, sorted by file and line.
func TestValidateReportsAll(t *testing.T) {
	fsys := fixture.Content()
	for file, r := range map[string][2]string{
		"threats.yaml":      {"who: 攻撃者", "who: 悪者"},
		"requirements.yaml": {"includes: [R2-1]", "includes: [R2-9]"},
		"captions.yaml":     {"page: 22", "page: 0"},
	} {
		fsys[file] = &fstest.MapFile{Data: []byte(strings.Replace(string(fsys[file].Data), r[0], r[1], 1))}
	}
	m, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	err = Validate(m)
	es, _ := err.(Errors)
	var got []string
	for _, e := range es {
		got = append(got, e.Pos.String())
	}
	want := []string{
		fmt.Sprintf("captions.yaml:%d", lineOf(t, string(fsys["captions.yaml"].Data), "page: 0")),
		fmt.Sprintf("requirements.yaml:%d", lineOf(t, string(fsys["requirements.yaml"].Data), "includes: [R2-9]")),
		fmt.Sprintf("threats.yaml:%d", lineOf(t, string(fsys["threats.yaml"].Data), "who: 悪者")),
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("positions %v, want %v\n%v", got, want, err)
	}
}
