package site

import (
	"html/template"
	"io"

	"shguide/site/model"
)

// renderFigure draws a figure of captions.yaml, framed with its caption,
// with the figureFunc of an area for its render key.
func (s *Site) renderFigure(id string) template.HTML {
	b := getBuffer()
	defer putBuffer(b)
	s.writeFigure(b, id)
	return template.HTML(b.String())
}

// writeFigure is renderFigure, written to w.
func (s *Site) writeFigure(w io.Writer, id string) {
	c := s.M.Figure(id)
	if c == nil {
		s.fail("figure %s: not in captions.yaml", id)
		return
	}
	draw := s.figures[c.Render]
	if draw == nil {
		s.fail("図 %s: no renderer %q", id, c.Render)
		return
	}
	body, err := draw(s, c)
	if err != nil {
		s.fail("図 %s: %v", id, err)
		return
	}
	s.execute(w, "figure-frame-open", c)
	io.WriteString(w, string(body))
	s.execute(w, "figure-frame-close", c)
}

// noneFigure is a figure the site does not draw: its caption only.
func noneFigure(s *Site, c *model.Caption) (template.HTML, error) {
	return s.partial("fig-none", c), nil
}
