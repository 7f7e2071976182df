package markdown

import (
	"bytes"
	"fmt"
	"html/template"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Options say how one Markdown text is rendered.
type Options struct {
	// Shift is added to heading levels ("### x.y.z" is <h2> on a section page).
	Shift int
	// Scope prefixes the ids of unnumbered headings ("3-5" → "sec-3-5-h1").
	Scope string
	// Directives allows {{table}}/{{figure}} (chapters only).
	Directives bool
}

// DirectiveFunc draws the table or figure a directive names.
type DirectiveFunc func(kind, id string) (template.HTML, error)

// Renderer renders the Markdown subset of the content with the site's
// auto-links. It is safe for concurrent use.
type Renderer struct {
	targets   Targets
	directive DirectiveFunc
	md        goldmark.Markdown
}

// New returns a Renderer whose auto-links point at targets and whose
// directives draw with directive.
func New(targets Targets, directive DirectiveFunc) *Renderer {
	r := &Renderer{targets: targets, directive: directive}
	r.md = goldmark.New(
		goldmark.WithExtensions(extension.CJK),
		goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(transformer{r}, 100))),
		goldmark.WithRendererOptions(
			html.WithEastAsianLineBreaks(html.EastAsianLineBreaksSimple),
			renderer.WithNodeRenderers(util.Prioritized(nodeRenderer{r}, 100)),
		),
	)
	return r
}

var optionsKey = parser.NewContextKey()

// htmlBuffer is a bytes.Buffer that goldmark writes to directly: it is a
// util.BufWriter, so the renderer does not wrap it in a bufio.Writer of
// its own for every text.
type htmlBuffer struct{ bytes.Buffer }

func (b *htmlBuffer) Available() int { return b.Cap() - b.Len() }
func (b *htmlBuffer) Buffered() int  { return 0 }
func (b *htmlBuffer) Flush() error   { return nil }

// buffers hold rendered HTML until it is copied out.
var buffers = sync.Pool{New: func() any { return new(htmlBuffer) }}

// Render renders a Markdown text as HTML.
func (r *Renderer) Render(src string, o Options) (template.HTML, error) {
	ctx := parser.NewContext()
	ctx.Set(optionsKey, o)
	b := buffers.Get().(*htmlBuffer)
	defer func() {
		b.Reset()
		buffers.Put(b)
	}()
	if err := r.md.Convert([]byte(src), b, parser.WithContext(ctx)); err != nil {
		return template.HTML(b.String()), fmt.Errorf("markdown: %v", err)
	}
	return template.HTML(b.String()), nil
}

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

var reDirective = regexp.MustCompile(`^\{\{(table|figure) +(\d+-\d+)\}\}$`)

// Directive parses a line that is a {{table N-M}} or {{figure N-M}}
// directive.
func Directive(line string) (kind, id string, ok bool) {
	m := reDirective.FindStringSubmatch(line)
	if m == nil {
		return "", "", false
	}
	return m[1], m[2], true
}

var reNumbered = regexp.MustCompile(`^(\d+\.\d+(?:\.\d+)?) +(\S.*)$`)

// SectionNumber splits a heading's text into a section number of two or
// three parts ("3.5", "3.5.2") and the title.
func SectionNumber(heading string) (num, title string, ok bool) {
	m := reNumbered.FindStringSubmatch(heading)
	if m == nil {
		return "", "", false
	}
	return m[1], m[2], true
}

// SectionID is the id of a numbered heading: "sec-3-5-2".
func SectionID(num string) string { return "sec-" + strings.ReplaceAll(num, ".", "-") }

// AnchorHTML is the copyable deep link placed in headings and captions.
func AnchorHTML(id string) string {
	return `<a class="anchor" href="#` + template.HTMLEscapeString(id) + `" aria-label="この位置へのリンク">#</a>`
}

type transformer struct{ r *Renderer }

func (t transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	o, _ := pc.Get(optionsKey).(Options)
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
			if o.Directives && n.Lines().Len() == 1 {
				line := n.Lines().At(0)
				if kind, id, ok := Directive(strings.TrimSpace(string(line.Value(src)))); ok {
					directives = append(directives, [2]ast.Node{n, &directiveNode{kind: kind, id: id}})
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
	headingIDs(headings, src, o)
	for _, n := range mergeTexts(texts, src) {
		t.autolink(n, src)
	}
}

// headingIDs shifts levels and gives every heading an id: numbered ones
// "sec-3-5-2", others "<enclosing>-h<k>".
func headingIDs(hs []ast.Node, src []byte, o Options) {
	scope := SectionID(o.Scope)
	counts := map[string]int{}
	for _, n := range hs {
		h := n.(*ast.Heading)
		var id string
		if num, _, ok := SectionNumber(strings.TrimSpace(string(h.Lines().Value(src)))); ok {
			id = SectionID(num)
			scope = id
		} else {
			counts[scope]++
			id = scope + "-h" + strconv.Itoa(counts[scope])
		}
		h.SetAttributeString("id", []byte(id))
		h.Level = min(max(h.Level+o.Shift, 2), 6)
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
func (t transformer) autolink(n *ast.Text, src []byte) {
	seg := n.Segment
	value := string(seg.Value(src))
	spans := t.r.Links(value)
	if len(spans) == 0 {
		return
	}
	parent := n.Parent()
	soft, hard := n.SoftLineBreak(), n.HardLineBreak()
	var nodes []ast.Node
	last := 0
	for _, sp := range spans {
		if sp.Start > last {
			nodes = append(nodes, ast.NewTextSegment(text.NewSegment(seg.Start+last, seg.Start+sp.Start)))
		}
		link := ast.NewLink()
		link.Destination = []byte(sp.Href)
		link.AppendChild(link, ast.NewTextSegment(text.NewSegment(seg.Start+sp.Start, seg.Start+sp.End)))
		nodes = append(nodes, link)
		last = sp.End
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

type nodeRenderer struct{ r *Renderer }

func (nr nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	// Headings carry a deep-link anchor after their text.
	reg.Register(ast.KindHeading, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		h := n.(*ast.Heading)
		id, _ := h.AttributeString("id")
		idb, _ := id.([]byte)
		if entering {
			fmt.Fprintf(w, "<h%d id=\"%s\">", h.Level, template.HTMLEscapeString(string(idb)))
			return ast.WalkContinue, nil
		}
		_, _ = w.WriteString(AnchorHTML(string(idb)))
		fmt.Fprintf(w, "</h%d>\n", h.Level)
		return ast.WalkContinue, nil
	})
	reg.Register(kindDirective, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		d := n.(*directiveNode)
		h, err := nr.r.directive(d.kind, d.id)
		if err != nil {
			return ast.WalkStop, err
		}
		_, _ = w.WriteString(string(h))
		_ = w.WriteByte('\n')
		return ast.WalkContinue, nil
	})
}
