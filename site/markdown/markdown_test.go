package markdown_test

import (
	"testing"

	"shguide/site/markdown"
)

func TestMarkdown(t *testing.T) {
	r := fixtureRenderer()
	tests := []struct {
		in   string
		o    markdown.Options
		want string
	}{
		{"- 一\n  - 二\n- 三 [1]\n", markdown.Options{}, "<ul>\n<li>一\n<ul>\n<li>二</li>\n</ul>\n</li>\n<li>三 <a href=\"/b/references/#ref-1\">[1]</a></li>\n</ul>\n"},
		{"1) 一\n2) 二\n", markdown.Options{}, "<ol>\n<li>一</li>\n<li>二</li>\n</ol>\n"},
		{"※注記 R2-1\n", markdown.Options{}, "<p>※注記 <a href=\"/b/requirements/r2-1/\">R2-1</a></p>\n"},
		{"日本語の\n改行", markdown.Options{}, "<p>日本語の改行</p>\n"},
		{"### 3.3.1 題\n\n#### 小\n", markdown.Options{Shift: -1, Scope: "3.3"},
			"<h2 id=\"sec-3-3-1\">3.3.1 題<a class=\"anchor\" href=\"#sec-3-3-1\" aria-label=\"この位置へのリンク\">#</a></h2>\n" +
				"<h3 id=\"sec-3-3-1-h1\">小<a class=\"anchor\" href=\"#sec-3-3-1-h1\" aria-label=\"この位置へのリンク\">#</a></h3>\n"},
		{"<b>x</b>", markdown.Options{}, "<p><!-- raw HTML omitted -->x<!-- raw HTML omitted --></p>\n"},
		{"{{table 1-1}}", markdown.Options{}, "<p>{{table 1-1}}</p>\n"}, // directives only in chapters
	}
	for _, tt := range tests {
		got, err := r.Render(tt.in, tt.o)
		if err != nil {
			t.Errorf("Render(%q): %v", tt.in, err)
		}
		if string(got) != tt.want {
			t.Errorf("markdown(%q)\n got  %q\n want %q", tt.in, got, tt.want)
		}
	}
}

func TestPlainText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"- 一\n- 二\n", "・一\n・二"},
		{"段落。\n\n- 項目\n  1) 入れ子\n", "段落。\n・項目\n  1) 入れ子"},
		{`※注記 \*強調\*`, "※注記 *強調*"},
	}
	for _, tt := range tests {
		if got := markdown.PlainText(tt.in); got != tt.want {
			t.Errorf("PlainText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
