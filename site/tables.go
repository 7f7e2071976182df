package site

import (
	"html/template"
	"io"
)

// renderTable draws a table of captions.yaml from the model, framed with
// its caption and anchor, exactly as a {{table N-M}} directive shows it.
func (s *Site) renderTable(id string) template.HTML {
	b := getBuffer()
	defer putBuffer(b)
	s.writeTable(b, id)
	return template.HTML(b.String())
}

// writeTable is renderTable, written to w.
func (s *Site) writeTable(w io.Writer, id string) {
	c := s.M.Table(id)
	if c == nil {
		s.fail("table %s: not in captions.yaml", id)
		return
	}
	src, ok := s.tables[id]
	if !ok {
		s.fail("表 %s (%s): no renderer for this table", id, c.Caption)
		return
	}
	s.execute(w, "table-frame-open", c)
	s.execute(w, src.partial, src.data)
	s.execute(w, "table-frame-close", c)
}
