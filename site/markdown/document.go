package markdown

import (
	"bytes"
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// A Document is Markdown parsed once. Rendering reads it and never changes
// it, so one Document may be rendered any number of times, concurrently.
type Document struct {
	src    []byte
	root   ast.Node
	blocks []ast.Node // the top-level blocks
	lines  []int      // byte offset of each line's start
}

// Parse parses a Markdown text. With directives, a paragraph that is one
// {{table N-M}} or {{figure N-M}} line is a directive block.
func Parse(src []byte, directives bool) *Document {
	root := mdParser.Parse(text.NewReader(src))
	d := &Document{src: src, root: root, lines: []int{0}}
	for i, c := range src {
		if c == '\n' {
			d.lines = append(d.lines, i+1)
		}
	}
	var texts []*ast.Text
	var paras []*ast.Paragraph
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Paragraph:
			if directives && n.Lines().Len() == 1 {
				paras = append(paras, n)
			}
		case *ast.Text:
			if !n.IsRaw() {
				texts = append(texts, n)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, p := range paras {
		line := p.Lines().At(0)
		if kind, id, ok := Directive(strings.TrimSpace(string(line.Value(src)))); ok {
			start := p.Pos()
			if start < 0 {
				start = line.Start
			}
			p.Parent().ReplaceChild(p.Parent(), p, &directiveNode{kind: kind, id: id, start: start})
		}
	}
	mergeTexts(texts, src)
	for c := root.FirstChild(); c != nil; c = c.NextSibling() {
		d.blocks = append(d.blocks, c)
	}
	return d
}

// mergeTexts joins adjacent text nodes that the inline parser split (at
// "[" for example) so that "[21]" can be auto-linked as a whole.
func mergeTexts(texts []*ast.Text, src []byte) {
	removed := map[*ast.Text]bool{}
	for _, n := range texts {
		if removed[n] || n.Parent() == nil {
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
	}
}

// Line is the 1-based line of a byte offset of the source.
func (d *Document) Line(offset int) int {
	return sort.Search(len(d.lines), func(i int) bool { return d.lines[i] > offset })
}

// Len is the number of top-level blocks.
func (d *Document) Len() int { return len(d.blocks) }

// A Block is a top-level block of a Document.
type Block struct {
	d *Document
	n ast.Node
}

// Block returns the i-th top-level block.
func (d *Document) Block(i int) Block { return Block{d, d.blocks[i]} }

// Line is the 1-based source line where the block starts (0 if unknown).
func (b Block) Line() int {
	if off, ok := startOf(b.n); ok {
		return b.d.Line(off)
	}
	return 0
}

func startOf(n ast.Node) (int, bool) {
	if d, ok := n.(*directiveNode); ok {
		return d.start, true
	}
	if p := n.Pos(); p >= 0 {
		return p, true
	}
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		return n.Lines().At(0).Start, true
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if off, ok := startOf(c); ok {
			return off, true
		}
	}
	return 0, false
}

// Heading returns the level and text of an ATX or setext heading.
func (b Block) Heading() (level int, text string, ok bool) {
	h, ok := b.n.(*ast.Heading)
	if !ok {
		return 0, "", false
	}
	return h.Level, strings.TrimSpace(string(h.Lines().Value(b.d.src))), true
}

// Directive returns the table or figure a directive block names, and
// whether its line is indented.
func (b Block) Directive() (kind, id string, indented, ok bool) {
	d, ok := b.n.(*directiveNode)
	if !ok {
		return "", "", false, false
	}
	lineStart := b.d.lines[b.d.Line(d.start)-1]
	return d.kind, d.id, b.d.src[lineStart] == ' ' || b.d.src[lineStart] == '\t', true
}

// A Misplaced is text that looks like a directive ("{{") but is none.
type Misplaced struct {
	Line int
	Text string // the line, trimmed
}

// Misplaced lists the lines of text outside code that contain "{{" but
// are not a directive block: a malformed or indented directive.
func (d *Document) Misplaced() []Misplaced {
	var out []Misplaced
	seen := map[int]bool{}
	_ = ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.CodeSpan, *ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *directiveNode:
			if _, _, indented, _ := (Block{d, n}).Directive(); indented {
				l := d.Line(n.start)
				seen[l] = true
				out = append(out, Misplaced{l, d.lineText(l)})
			}
		case *ast.Text:
			if bytes.Contains(n.Segment.Value(d.src), []byte("{{")) {
				if l := d.Line(n.Segment.Start); !seen[l] {
					seen[l] = true
					out = append(out, Misplaced{l, d.lineText(l)})
				}
			}
		}
		return ast.WalkContinue, nil
	})
	return out
}

func (d *Document) lineText(l int) string {
	end := len(d.src)
	if l < len(d.lines) {
		end = d.lines[l] - 1
	}
	return strings.TrimSpace(string(d.src[d.lines[l-1]:end]))
}

// A Fragment is a run of top-level blocks of a Document, such as a
// chapter's introduction or a section's body.
type Fragment struct {
	d          *Document
	start, end int
}

// Fragment returns the blocks [start, end).
func (d *Document) Fragment(start, end int) Fragment { return Fragment{d, start, end} }

// All is the whole document.
func (d *Document) All() Fragment { return Fragment{d, 0, len(d.blocks)} }
