package markdown

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// Options say how one Markdown text is rendered.
type Options struct {
	// Shift is added to heading levels ("### x.y.z" is <h2> on a section page).
	Shift int
	// Scope prefixes the ids of unnumbered headings ("3-5" → "sec-3-5-h1").
	Scope string
	// Directives allows {{table}}/{{figure}} in a text that Render parses
	// (chapters only; a chapter's Document is parsed with them).
	Directives bool
}

// DirectiveFunc writes the table or figure a directive names to w.
type DirectiveFunc func(w io.Writer, kind, id string) error

// Renderer renders the Markdown subset of the content with the site's
// auto-links. It is safe for concurrent use.
type Renderer struct {
	targets   Targets
	directive DirectiveFunc
}

// New returns a Renderer whose auto-links point at targets and whose
// directives draw with directive.
func New(targets Targets, directive DirectiveFunc) *Renderer {
	return &Renderer{targets: targets, directive: directive}
}

// md is CommonMark with CJK line breaks; its renderer adds the heading
// ids and anchors, the directives and the auto-links.
var md = goldmark.New(
	goldmark.WithExtensions(extension.CJK),
	goldmark.WithRendererOptions(
		html.WithEastAsianLineBreaks(html.EastAsianLineBreaksSimple),
		renderer.WithNodeRenderers(util.Prioritized(nodeRenderer{}, 100)),
	),
)

var mdParser = md.Parser()

// baseFuncs are goldmark's own renderers, configured as md's, for the
// nodes this package renders only in part.
var baseFuncs = func() funcs {
	f := funcs{}
	html.NewRenderer(
		html.WithEastAsianLineBreaks(html.EastAsianLineBreaksSimple),
		html.WithWriter(html.NewWriter(html.WithEscapedSpace())),
	).RegisterFuncs(f)
	return f
}()

type funcs map[ast.NodeKind]renderer.NodeRendererFunc

func (f funcs) Register(k ast.NodeKind, fn renderer.NodeRendererFunc) { f[k] = fn }

// textWriter writes text as md's renderer does.
var textWriter = html.NewWriter(html.WithEscapedSpace())

// Render parses and renders a Markdown text.
func (r *Renderer) Render(src string, o Options) (template.HTML, error) {
	return r.RenderFragment(Parse([]byte(src), o.Directives).All(), o)
}

// RenderFragment renders blocks of a parsed Document.
func (r *Renderer) RenderFragment(f Fragment, o Options) (template.HTML, error) {
	b := buffers.Get().(*htmlBuffer)
	defer func() {
		b.Reset()
		b.st = nil
		buffers.Put(b)
	}()
	b.st = &renderState{r: r, o: o, ids: headingIDs(f, o)}
	for _, n := range f.d.blocks[f.start:f.end] {
		if err := md.Renderer().Render(b, f.d.src, n); err != nil {
			return template.HTML(b.String()), fmt.Errorf("markdown: %v", err)
		}
	}
	return template.HTML(b.String()), nil
}

// renderState is what the node renderers need for one call of
// RenderFragment; it travels with the buffer they write to.
type renderState struct {
	r   *Renderer
	o   Options
	ids map[*ast.Heading]string
}

// htmlBuffer is a bytes.Buffer that goldmark writes to directly: it is a
// util.BufWriter, so the renderer does not wrap it in a bufio.Writer of
// its own for every text.
type htmlBuffer struct {
	bytes.Buffer
	st *renderState
}

func (b *htmlBuffer) Available() int { return b.Cap() - b.Len() }
func (b *htmlBuffer) Buffered() int  { return 0 }
func (b *htmlBuffer) Flush() error   { return nil }

// buffers hold rendered HTML until it is copied out.
var buffers = sync.Pool{New: func() any { return new(htmlBuffer) }}

// kindDirective is a {{table N-M}} / {{figure N-M}} block.
var kindDirective = ast.NewNodeKind("Directive")

type directiveNode struct {
	ast.BaseBlock
	kind, id string
	start    int // source offset of the directive's text
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

// headingIDs gives every heading of a fragment an id: numbered ones
// "sec-3-5-2", others "<enclosing>-h<k>".
func headingIDs(f Fragment, o Options) map[*ast.Heading]string {
	ids := map[*ast.Heading]string{}
	scope := SectionID(o.Scope)
	counts := map[string]int{}
	for _, b := range f.d.blocks[f.start:f.end] {
		_ = ast.Walk(b, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			h, ok := n.(*ast.Heading)
			if !entering || !ok {
				return ast.WalkContinue, nil
			}
			if num, _, ok := SectionNumber(strings.TrimSpace(string(h.Lines().Value(f.d.src)))); ok {
				ids[h] = SectionID(num)
				scope = ids[h]
			} else {
				counts[scope]++
				ids[h] = scope + "-h" + strconv.Itoa(counts[scope])
			}
			return ast.WalkSkipChildren, nil
		})
	}
	return ids
}

type nodeRenderer struct{}

func (nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, renderHeading)
	reg.Register(kindDirective, renderDirective)
	reg.Register(ast.KindText, renderText)
}

// renderHeading shifts the level and adds the id and a deep-link anchor.
func renderHeading(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	st := w.(*htmlBuffer).st
	h := n.(*ast.Heading)
	level := min(max(h.Level+st.o.Shift, 2), 6)
	id := st.ids[h]
	if entering {
		fmt.Fprintf(w, "<h%d id=\"%s\">", level, template.HTMLEscapeString(id))
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(AnchorHTML(id))
	fmt.Fprintf(w, "</h%d>\n", level)
	return ast.WalkContinue, nil
}

func renderDirective(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	d := n.(*directiveNode)
	if err := w.(*htmlBuffer).st.r.directive(w, d.kind, d.id); err != nil {
		return ast.WalkStop, err
	}
	_ = w.WriteByte('\n')
	return ast.WalkContinue, nil
}

// linkable reports whether a text may carry auto-links: not inside a link,
// an image or a heading (a heading does not link to itself).
func linkable(n *ast.Text) bool {
	if n.IsRaw() {
		return false
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		switch p.(type) {
		case *ast.Link, *ast.AutoLink, *ast.Image, *ast.Heading:
			return false
		}
	}
	return true
}

// renderText writes a text with its auto-links. Line breaks follow
// goldmark's, as if each link were a node of its own: a soft break after a
// text that ends in a link is kept, and one before a text that starts
// with a link is dropped between East Asian characters and otherwise kept
// only when the link's text is not what follows.
func renderText(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Text)
	if !entering || !linkable(n) {
		return baseFuncs[ast.KindText](w, src, node, entering)
	}
	r := w.(*htmlBuffer).st.r
	value := n.Segment.Value(src)
	last := 0
	for _, sp := range r.Links(string(value)) {
		textWriter.Write(w, value[last:sp.Start])
		_, _ = w.WriteString(`<a href="`)
		_, _ = w.Write(util.EscapeHTML(util.URLEscape([]byte(sp.Href), true)))
		_, _ = w.WriteString(`">`)
		textWriter.Write(w, value[sp.Start:sp.End])
		_, _ = w.WriteString("</a>")
		last = sp.End
	}
	tail := value[last:]
	textWriter.Write(w, tail)
	switch {
	case n.HardLineBreak():
		_, _ = w.WriteString("<br>\n")
	case !n.SoftLineBreak():
	case len(tail) == 0:
		_ = w.WriteByte('\n')
	default:
		next, ok := n.NextSibling().(*ast.Text)
		if !ok {
			break
		}
		nv := next.Segment.Value(src)
		if len(nv) == 0 || linkable(next) && startsWithLink(r, nv) {
			break
		}
		a := util.ToRune(tail, len(tail)-1)
		b, _ := utf8.DecodeRune(nv)
		if !(util.IsEastAsianWideRune(a) && util.IsEastAsianWideRune(b)) {
			_ = w.WriteByte('\n')
		}
	}
	return ast.WalkContinue, nil
}

func startsWithLink(r *Renderer, value []byte) bool {
	spans := r.Links(string(value))
	return len(spans) > 0 && spans[0].Start == 0
}
