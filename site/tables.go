package site

import (
	"html/template"
)

// renderTable draws a table of captions.yaml from the model, framed with
// its caption and anchor, exactly as a {{table N-M}} directive shows it.
func (s *Site) renderTable(id string) template.HTML {
	c := s.M.Table(id)
	if c == nil {
		s.fail("table %s: not in captions.yaml", id)
		return ""
	}
	src, ok := s.tables[id]
	if !ok {
		s.fail("表 %s (%s): no renderer for this table", id, c.Caption)
		return ""
	}
	b := getBuffer()
	defer putBuffer(b)
	s.execute(b, "table-frame-open", c)
	s.execute(b, src.partial, src.data)
	s.execute(b, "table-frame-close", c)
	return template.HTML(b.String())
}
