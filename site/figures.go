package site

import (
	"html/template"

	"shguide/site/model"
)

// renderFigure draws a figure of captions.yaml, framed with its caption,
// with the figureFunc of an area for its render key.
func (s *Site) renderFigure(id string) template.HTML {
	c := s.M.Figure(id)
	if c == nil {
		s.fail("figure %s: not in captions.yaml", id)
		return ""
	}
	draw := s.figures[c.Render]
	if draw == nil {
		s.fail("図 %s: no renderer %q", id, c.Render)
		return ""
	}
	body, err := draw(s, c)
	if err != nil {
		s.fail("図 %s: %v", id, err)
		return ""
	}
	b := getBuffer()
	defer putBuffer(b)
	s.execute(b, "figure-frame-open", c)
	b.WriteString(string(body))
	s.execute(b, "figure-frame-close", c)
	return template.HTML(b.String())
}

// noneFigure is a figure the site does not draw: its caption only.
func noneFigure(s *Site, c *model.Caption) (template.HTML, error) {
	return s.partial("fig-none", c), nil
}
