package site

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func fixtureSite(t testing.TB) *Site {
	t.Helper()
	m, err := Load(fixture())
	if err != nil {
		t.Fatal(err)
	}
	if err := Validate(m); err != nil {
		t.Fatal(err)
	}
	s := &Site{M: m, Base: "/b/"}
	s.md = s.newMarkdown()
	return s
}

func TestLinkText(t *testing.T) {
	s := fixtureSite(t)
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
		if got := string(s.linkText(tt.in)); got != tt.want {
			t.Errorf("linkText(%q)\n got  %s\n want %s", tt.in, got, tt.want)
		}
	}
}

func TestMarkdown(t *testing.T) {
	s := fixtureSite(t)
	tests := []struct {
		in   string
		o    mdOptions
		want string
	}{
		{"- 一\n  - 二\n- 三 [1]\n", mdOptions{}, "<ul>\n<li>一\n<ul>\n<li>二</li>\n</ul>\n</li>\n<li>三 <a href=\"/b/references/#ref-1\">[1]</a></li>\n</ul>\n"},
		{"1) 一\n2) 二\n", mdOptions{}, "<ol>\n<li>一</li>\n<li>二</li>\n</ol>\n"},
		{"※注記 R2-1\n", mdOptions{}, "<p>※注記 <a href=\"/b/requirements/r2-1/\">R2-1</a></p>\n"},
		{"日本語の\n改行", mdOptions{}, "<p>日本語の改行</p>\n"},
		{"### 3.3.1 題\n\n#### 小\n", mdOptions{shift: -1, scope: "3.3"},
			"<h2 id=\"sec-3-3-1\">3.3.1 題<a class=\"anchor\" href=\"#sec-3-3-1\" aria-label=\"この位置へのリンク\">#</a></h2>\n" +
				"<h3 id=\"sec-3-3-1-h1\">小<a class=\"anchor\" href=\"#sec-3-3-1-h1\" aria-label=\"この位置へのリンク\">#</a></h3>\n"},
		{"<b>x</b>", mdOptions{}, "<p><!-- raw HTML omitted -->x<!-- raw HTML omitted --></p>\n"},
		{"{{table 1-1}}", mdOptions{}, "<p>{{table 1-1}}</p>\n"}, // directives only in chapters
	}
	for _, tt := range tests {
		if got := string(s.markdown(tt.in, tt.o)); got != tt.want {
			t.Errorf("markdown(%q)\n got  %q\n want %q", tt.in, got, tt.want)
		}
	}
	if len(s.problems) > 0 {
		t.Errorf("problems: %v", s.problems)
	}
}

func TestPlainText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"- 一\n- 二\n", "・一\n・二"},
		{"段落。\n\n- 項目\n  1) 入れ子\n", "段落。\n・項目\n  1) 入れ子"},
		{`※注記 \*強調\*`, "※注記 *強調*"},
	}
	for _, tt := range tests {
		if got := plainText(tt.in); got != tt.want {
			t.Errorf("plainText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSlugAndNatural(t *testing.T) {
	for in, want := range map[string]string{"SR3-H-5": "sr3-h-5", "CPS.AC-3": "cps-ac-3", "1798.91.05": "1798-91-05", "UK13": "uk13"} {
		if got := slugID(in); got != want {
			t.Errorf("slugID(%q) = %q, want %q", in, got, want)
		}
	}
	if !naturalLess("UK2", "UK10") || naturalLess("UK10", "UK2") || !naturalLess("CPS.AC-3", "CPS.AC-10") {
		t.Error("naturalLess orders numbers as text")
	}
	if EPMark(1) != "EP①" || EPMark(10) != "EP⑩" {
		t.Errorf("EPMark: %s %s", EPMark(1), EPMark(10))
	}
}

// TestHandler checks the local server: MIME types, directory indexes, the
// 404 page, the base path.
func TestHandler(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"index.html": "<h1>home</h1>", "a/index.html": "<h1>a</h1>", "404.html": "<h1>missing</h1>",
		"assets/x.wasm": "\x00asm", "assets/x.js": "1", "data/d.json": "{}", "manifest.webmanifest": "{}", "assets/i.svg": "<svg/>",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(body), 0o644)
	}
	srv := httptest.NewServer(Handler(dir, "/repo/"))
	defer srv.Close()
	tests := []struct {
		path, ctype string
		status      int
	}{
		{"/repo/", "text/html; charset=utf-8", 200},
		{"/repo/a/", "text/html; charset=utf-8", 200},
		{"/repo/assets/x.wasm", "application/wasm", 200},
		{"/repo/assets/x.js", "text/javascript; charset=utf-8", 200},
		{"/repo/data/d.json", "application/json", 200},
		{"/repo/manifest.webmanifest", "application/manifest+json", 200},
		{"/repo/assets/i.svg", "image/svg+xml", 200},
		{"/repo/nope/", "text/html; charset=utf-8", 404},
		{"/other/", "text/html; charset=utf-8", 404},
		{"/repo/../etc/passwd", "text/html; charset=utf-8", 404},
	}
	for _, tt := range tests {
		resp, err := http.Get(srv.URL + tt.path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tt.status || resp.Header.Get("Content-Type") != tt.ctype {
			t.Errorf("%s: %d %q, want %d %q", tt.path, resp.StatusCode, resp.Header.Get("Content-Type"), tt.status, tt.ctype)
		}
	}
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Get(srv.URL + "/repo/a")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 301 || resp.Header.Get("Location") != "/repo/a/" {
		t.Errorf("/repo/a: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
}

// FuzzParseChapter: the chapter parser never panics, and every problem it
// reports names a line of the input.
func FuzzParseChapter(f *testing.F) {
	for name, file := range fixture() {
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

// FuzzLinks: auto-links are in bounds, ordered, on rune boundaries, and the
// rendered text keeps every character.
func FuzzLinks(f *testing.F) {
	s := fixtureSite(f)
	for _, seed := range []string{"表 1-1 と [1] と R2-1 と 3.3.1 と 6.1 節", "EP①", "表1-1表1-1", "[1][1]", "1.1.1.1"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return // content is UTF-8 (YAML and Markdown are decoded as such)
		}
		last := 0
		for _, sp := range s.links(text) {
			if sp.start < last || sp.end <= sp.start || sp.end > len(text) || !utf8.RuneStart(text[sp.start]) || (sp.end < len(text) && !utf8.RuneStart(text[sp.end])) {
				t.Fatalf("bad span %+v in %q", sp, text)
			}
			last = sp.end
		}
	})
}
