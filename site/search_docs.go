package site

import (
	"strings"

	"shguide/site/markdown"
)

// lines joins the non-empty parts, trimmed, one a line.
func lines(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, "\n")
}

// searchText turns chapter Markdown into plain text and the text of its
// headings; a table or figure directive becomes its caption.
func (s *Site) searchText(md string) (text, headings string) {
	var out, heads []string
	for _, line := range strings.Split(md, "\n") {
		t := strings.TrimSpace(line)
		if kind, id, ok := markdown.Directive(t); ok {
			c := s.M.Table(id)
			if kind == "figure" {
				c = s.M.Figure(id)
			}
			if c != nil {
				out = append(out, c.Label()+" "+c.Caption)
			}
			continue
		}
		if strings.HasPrefix(t, "#") {
			heads = append(heads, markdown.PlainText(strings.TrimSpace(strings.TrimLeft(t, "#"))))
			out = append(out, "")
			continue
		}
		out = append(out, line)
	}
	return markdown.PlainText(strings.Join(out, "\n")), strings.Join(heads, "\n")
}
