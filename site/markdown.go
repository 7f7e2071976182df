package site

import (
	"bytes"
	"fmt"
	"html/template"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// mdOptions says how one Markdown text is rendered.
type mdOptions struct {
	// shift is added to heading levels ("### x.y.z" is <h2> on a section page).
	shift int
	// scope prefixes the ids of unnumbered headings ("3-5" → "sec-3-5-h1").
	scope string
	// directives allows {{table}}/{{figure}} (chapters only).
	directives bool
}

var mdOptionsKey = parser.NewContextKey()

// kindDirective is a {{table N-M}} / {{figure N-M}} block.
var kindDirective = ast.NewNodeKind("Directive")

type directiveNode struct {
	ast.BaseBlock
	kind, id string
}

func (n *directiveNode) Kind() ast.NodeKind { return kindDirective }
func (n *directiveNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"kind": n.kind, "id": n.id}, nil)
}

// newMarkdown builds the goldmark instance of a build: CommonMark with CJK
// line breaks, plus the site's transformer (directives, heading ids and
// levels, auto-links) and the directive renderer.
func (s *Site) newMarkdown() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(extension.CJK),
		goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(mdTransformer{s}, 100))),
		goldmark.WithRendererOptions(
			html.WithEastAsianLineBreaks(html.EastAsianLineBreaksSimple),
			renderer.WithNodeRenderers(util.Prioritized(directiveRenderer{s}, 100)),
		),
	)
}

// markdown renders a Markdown text. Problems (an unknown directive) are
// recorded as build errors.
func (s *Site) markdown(src string, o mdOptions) template.HTML {
	ctx := parser.NewContext()
	ctx.Set(mdOptionsKey, o)
	var b bytes.Buffer
	if err := s.md.Convert([]byte(src), &b, parser.WithContext(ctx)); err != nil {
		s.fail("markdown: %v", err)
	}
	return template.HTML(b.String())
}

// markdownInline renders a one-paragraph text without the <p> wrapper.
func (s *Site) markdownInline(src string) template.HTML {
	h := strings.TrimSpace(string(s.markdown(src, mdOptions{})))
	if strings.HasPrefix(h, "<p>") && strings.HasSuffix(h, "</p>") && strings.Count(h, "<p>") == 1 {
		h = h[3 : len(h)-4]
	}
	return template.HTML(h)
}

type mdTransformer struct{ s *Site }

func (t mdTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	o, _ := pc.Get(mdOptionsKey).(mdOptions)
	src := reader.Source()
	var headings []ast.Node
	var texts []*ast.Text
	var directives [][2]ast.Node // paragraph → replacement
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			headings = append(headings, n)
			return ast.WalkSkipChildren, nil // a heading does not link to itself
		case *ast.Paragraph:
			if o.directives && n.Lines().Len() == 1 {
				line := n.Lines().At(0)
				if mm := reDirective.FindStringSubmatch(strings.TrimSpace(string(line.Value(src)))); mm != nil {
					directives = append(directives, [2]ast.Node{n, &directiveNode{kind: mm[1], id: mm[2]}})
					return ast.WalkSkipChildren, nil
				}
			}
		case *ast.Link, *ast.AutoLink, *ast.CodeSpan, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			if !n.IsRaw() {
				texts = append(texts, n)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, d := range directives {
		d[0].Parent().ReplaceChild(d[0].Parent(), d[0], d[1])
	}
	t.headings(headings, src, o)
	for _, n := range mergeTexts(texts, src) {
		t.autolink(n, src)
	}
}

// headings shifts levels and gives every heading an id: numbered ones
// "sec-3-5-2", others "<enclosing>-h<k>".
func (t mdTransformer) headings(hs []ast.Node, src []byte, o mdOptions) {
	scope := "sec-" + strings.ReplaceAll(o.scope, ".", "-")
	counts := map[string]int{}
	for _, n := range hs {
		h := n.(*ast.Heading)
		title := string(h.Lines().Value(src))
		num, _, _ := strings.Cut(strings.TrimSpace(title), " ")
		var id string
		if reSubsectionHeading.MatchString("### "+strings.TrimSpace(title)) || reSectionHeading.MatchString("## "+strings.TrimSpace(title)) {
			id = sectionAnchor(num)
			scope = id
		} else {
			counts[scope]++
			id = scope + "-h" + strconv.Itoa(counts[scope])
		}
		h.SetAttributeString("id", []byte(id))
		h.Level += o.shift
		if h.Level < 2 {
			h.Level = 2
		}
		if h.Level > 6 {
			h.Level = 6
		}
	}
}

// mergeTexts joins adjacent text nodes that the inline parser split (at
// "[" for example) so that "[21]" can be matched as a whole.
func mergeTexts(texts []*ast.Text, src []byte) []*ast.Text {
	var out []*ast.Text
	removed := map[*ast.Text]bool{}
	for _, n := range texts {
		if removed[n] {
			continue
		}
		for {
			next, ok := n.NextSibling().(*ast.Text)
			if !ok || next.IsRaw() || n.SoftLineBreak() || n.HardLineBreak() || n.Segment.Stop != next.Segment.Start {
				break
			}
			n.Segment = n.Segment.WithStop(next.Segment.Stop)
			n.SetSoftLineBreak(next.SoftLineBreak())
			n.SetHardLineBreak(next.HardLineBreak())
			removed[next] = true
			n.Parent().RemoveChild(n.Parent(), next)
		}
		out = append(out, n)
	}
	return out
}

// autolink splits a text node around its auto-links.
func (t mdTransformer) autolink(n *ast.Text, src []byte) {
	seg := n.Segment
	value := string(seg.Value(src))
	spans := t.s.links(value)
	if len(spans) == 0 {
		return
	}
	parent := n.Parent()
	soft, hard := n.SoftLineBreak(), n.HardLineBreak()
	var nodes []ast.Node
	last := 0
	for _, sp := range spans {
		if sp.start > last {
			nodes = append(nodes, ast.NewTextSegment(text.NewSegment(seg.Start+last, seg.Start+sp.start)))
		}
		link := ast.NewLink()
		link.Destination = []byte(t.s.url(sp.href))
		link.AppendChild(link, ast.NewTextSegment(text.NewSegment(seg.Start+sp.start, seg.Start+sp.end)))
		nodes = append(nodes, link)
		last = sp.end
	}
	if last < len(value) {
		nodes = append(nodes, ast.NewTextSegment(text.NewSegment(seg.Start+last, seg.Stop)))
	}
	if tn, ok := nodes[len(nodes)-1].(*ast.Text); ok {
		tn.SetSoftLineBreak(soft)
		tn.SetHardLineBreak(hard)
	} else if soft || hard {
		br := ast.NewTextSegment(text.NewSegment(seg.Stop, seg.Stop))
		br.SetSoftLineBreak(soft)
		br.SetHardLineBreak(hard)
		nodes = append(nodes, br)
	}
	for _, x := range nodes {
		parent.InsertBefore(parent, n, x)
	}
	parent.RemoveChild(parent, n)
}

type directiveRenderer struct{ s *Site }

func (r directiveRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	// Headings carry a deep-link anchor after their text.
	reg.Register(ast.KindHeading, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		h := n.(*ast.Heading)
		id, _ := h.AttributeString("id")
		idb, _ := id.([]byte)
		if entering {
			fmt.Fprintf(w, "<h%d id=\"%s\">", h.Level, template.HTMLEscapeString(string(idb)))
			return ast.WalkContinue, nil
		}
		_, _ = w.WriteString(anchorHTML(string(idb)))
		fmt.Fprintf(w, "</h%d>\n", h.Level)
		return ast.WalkContinue, nil
	})
	reg.Register(kindDirective, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		d := n.(*directiveNode)
		var h template.HTML
		if d.kind == "table" {
			h = r.s.renderTable(d.id)
		} else {
			h = r.s.renderFigure(d.id)
		}
		_, _ = w.WriteString(string(h))
		_ = w.WriteByte('\n')
		return ast.WalkContinue, nil
	})
}

// anchorHTML is the copyable deep link placed in headings and captions.
func anchorHTML(id string) string {
	return `<a class="anchor" href="#` + template.HTMLEscapeString(id) + `" aria-label="この位置へのリンク">#</a>`
}

// fail records a build problem (reported when the build ends).
func (s *Site) fail(format string, args ...any) {
	s.mu.Lock()
	s.problems = append(s.problems, fmt.Sprintf(format, args...))
	s.mu.Unlock()
}
