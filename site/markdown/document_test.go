package markdown_test

import (
	"fmt"
	"strings"
	"testing"

	"shguide/site/markdown"
)

// Parse finds the blocks a chapter is made of: headings, directives, and
// text that looks like a directive but is none, each at its line.
func TestParseBlocks(t *testing.T) {
	src := "前文 R2-1\n\n## 3.3 分析\n\n{{table 1-1}}\n\n```\n## 3.9 not a heading\n{{table 9-9}}\n```\n\n" +
		"### 3.3.1 小節\n\n  {{figure 2-1}}\n\n文中の {{table 1-2}} と `{{code}}`\n"
	d := markdown.Parse([]byte(src), true)
	var got []string
	for i := 0; i < d.Len(); i++ {
		b := d.Block(i)
		if level, text, ok := b.Heading(); ok {
			got = append(got, fmt.Sprintf("%d:h%d %s", b.Line(), level, text))
		}
		if kind, id, indented, ok := b.Directive(); ok {
			got = append(got, fmt.Sprintf("%d:%s %s indented=%v", b.Line(), kind, id, indented))
		}
	}
	for _, m := range d.Misplaced() {
		got = append(got, fmt.Sprintf("%d:misplaced %s", m.Line, m.Text))
	}
	want := "3:h2 3.3 分析|5:table 1-1 indented=false|12:h3 3.3.1 小節|14:figure 2-1 indented=true|" +
		"14:misplaced {{figure 2-1}}|16:misplaced 文中の {{table 1-2}} と `{{code}}`"
	if g := strings.Join(got, "|"); g != want {
		t.Errorf("blocks\n got %s\nwant %s", g, want)
	}

	// A fragment renders its blocks only, with the directive drawn.
	r := fixtureRenderer()
	h, err := r.RenderFragment(d.Fragment(2, 3), markdown.Options{})
	if err != nil || string(h) != "<table 1-1>\n" {
		t.Errorf("fragment: %q %v", h, err)
	}
	h, err = r.RenderFragment(d.Fragment(0, 1), markdown.Options{})
	if err != nil || string(h) != "<p>前文 <a href=\"/b/requirements/r2-1/\">R2-1</a></p>\n" {
		t.Errorf("fragment: %q %v", h, err)
	}
}

// Without directives, a directive line is a paragraph.
func TestParseWithoutDirectives(t *testing.T) {
	d := markdown.Parse([]byte("{{table 1-1}}\n"), false)
	if _, _, _, ok := d.Block(0).Directive(); ok || d.All() != d.Fragment(0, 1) {
		t.Error("a directive outside a chapter")
	}
}

// Rendering reads the document only: the same fragment renders the same
// way twice.
func TestRenderTwice(t *testing.T) {
	d := markdown.Parse([]byte("表 1-1 と [1]\n次の行 EP①\n\n### 3.3.1 題\n"), true)
	r := fixtureRenderer()
	a, _ := r.RenderFragment(d.All(), markdown.Options{Shift: -1, Scope: "3.3"})
	b, _ := r.RenderFragment(d.All(), markdown.Options{Shift: -1, Scope: "3.3"})
	if a != b || !strings.Contains(string(a), `<a href="/b/references/#ref-1">[1]</a>`) || !strings.Contains(string(a), `<h2 id="sec-3-3-1">`) {
		t.Errorf("renders\n%s\n%s", a, b)
	}
}
