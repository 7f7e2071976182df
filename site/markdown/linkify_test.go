package markdown_test

import (
	"fmt"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"shguide/site/markdown"
)

// fixtureTargets are the link targets of the fixture content
// (site/internal/fixture) on a site under the base /b/.
type fixtureTargets struct{}

var (
	fixtureSections = map[string]string{
		"1.1": "スマートホームのセキュリティの現状と課題", "3.3": "想定される脅威の分析", "3.4": "要件",
		"3.5": "リスク値の計算", "5.1": "フェーズの定義", "5.2": "取組み", "6.1": "要件", "6.2": "要求事項",
	}
	fixtureSubsections = map[string]string{"1.1.1": "1.1", "3.3.1": "3.3", "5.2.1": "5.2", "6.2.1": "6.2", "6.2.3": "6.2"}
)

func (fixtureTargets) Table(id string) string {
	if id == "1-1" {
		return "/b/chapters/1.1/#t1-1"
	}
	return ""
}

func (fixtureTargets) Figure(id string) string {
	if id == "2-1" {
		return "/b/chapters/3.3/#f2-1"
	}
	return ""
}

func (fixtureTargets) Reference(no int) string {
	if no == 1 {
		return "/b/references/#ref-1"
	}
	return ""
}

func (fixtureTargets) EntryPoint(n int) string {
	if n == 1 || n == 2 {
		return fmt.Sprintf("/b/threats/ep%d/", n)
	}
	return ""
}

func (fixtureTargets) Requirement(id string) string {
	switch id {
	case "R2-1", "R3-1", "SR2-H-1":
		return "/b/requirements/" + strings.ToLower(id) + "/"
	}
	return ""
}

func (fixtureTargets) Section(num string) string {
	if _, ok := fixtureSections[num]; ok {
		return "/b/chapters/" + num + "/"
	}
	if sec, ok := fixtureSubsections[num]; ok {
		return "/b/chapters/" + sec + "/#" + markdown.SectionID(num)
	}
	return ""
}

func (fixtureTargets) SectionTitle(num string) (string, bool) {
	t, ok := fixtureSections[num]
	return t, ok
}

func fixtureRenderer() *markdown.Renderer {
	return markdown.New(fixtureTargets{}, func(w io.Writer, kind, id string) error {
		_, err := io.WriteString(w, "<"+kind+" "+id+">")
		return err
	})
}

func TestLinkText(t *testing.T) {
	r := fixtureRenderer()
	tests := []struct{ in, want string }{
		{"表 1-1 を参照", `<a href="/b/chapters/1.1/#t1-1">表 1-1</a> を参照`},
		{"表1-1、図 2-1", `<a href="/b/chapters/1.1/#t1-1">表1-1</a>、<a href="/b/chapters/3.3/#f2-1">図 2-1</a>`},
		{"表 9-9 は無い", "表 9-9 は無い"},
		{"「図 2-1 他文書」", "「図 2-1 他文書」"}, // another document's figure
		{"文献[1]と[2]", `文献<a href="/b/references/#ref-1">[1]</a>と[2]`},
		{"R2-1、SR2-H-1、SR3-H-9", `<a href="/b/requirements/r2-1/">R2-1</a>、<a href="/b/requirements/sr2-h-1/">SR2-H-1</a>、SR3-H-9`},
		{"XR2-1 と R2-10", "XR2-1 と R2-10"},
		{"3.3.1 と 6.1 節と 6.1節", `<a href="/b/chapters/3.3/#sec-3-3-1">3.3.1</a> と <a href="/b/chapters/6.1/">6.1</a> 節と <a href="/b/chapters/6.1/">6.1</a>節`},
		{"6.2 要求事項", `<a href="/b/chapters/6.2/">6.2</a> 要求事項`}, // followed by its title
		{"影響度が1.1倍、v3.3、CVSS 3.3", "影響度が1.1倍、v3.3、CVSS 3.3"},
		{"IEEE802.3.3.1、1.1.1.1", "IEEE802.3.3.1、1.1.1.1"},
		{"EP①とEP⑨", `<a href="/b/threats/ep1/">EP①</a>とEP⑨`},
		{"<script>&", "&lt;script&gt;&amp;"},
		{"一行目\n二行目", "一行目<br>二行目"},
	}
	for _, tt := range tests {
		if got := string(r.Text(tt.in)); got != tt.want {
			t.Errorf("Text(%q)\n got  %s\n want %s", tt.in, got, tt.want)
		}
	}
}

// FuzzLinks: auto-links are in bounds, ordered, on rune boundaries, and the
// rendered text keeps every character.
func FuzzLinks(f *testing.F) {
	r := fixtureRenderer()
	for _, seed := range []string{"表 1-1 と [1] と R2-1 と 3.3.1 と 6.1 節", "EP①", "表1-1表1-1", "[1][1]", "1.1.1.1"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return // content is UTF-8 (YAML and Markdown are decoded as such)
		}
		last := 0
		for _, sp := range r.Links(text) {
			if sp.Start < last || sp.End <= sp.Start || sp.End > len(text) || !utf8.RuneStart(text[sp.Start]) || (sp.End < len(text) && !utf8.RuneStart(text[sp.End])) {
				t.Fatalf("bad span %+v in %q", sp, text)
			}
			last = sp.End
		}
	})
}
