package site

import "html/template"

// figureRenderers draw figures by their captions.yaml render key. An area
// may replace an entry in its init function (the system-model diagram, for
// example); each returns the figure's body, which renderFigure frames.
var figureRenderers = map[string]func(s *Site, c *Caption) template.HTML{
	"none": func(s *Site, c *Caption) template.HTML { return s.partial("fig-none", c) },
	"levels": func(s *Site, c *Caption) template.HTML {
		return s.partial("fig-levels", s.M.Levels)
	},
	"requirements-map": func(s *Site, c *Caption) template.HTML {
		return s.partial("fig-requirements-map", s.requirementsMap())
	},
	"usecase-shutter":  usecaseFigure,
	"usecase-security": usecaseFigure,
	"lifecycle-service": func(s *Site, c *Caption) template.HTML {
		return s.partial("fig-lifecycle", s.M.Lifecycle("service"))
	},
	"lifecycle-house": func(s *Site, c *Caption) template.HTML {
		return s.partial("fig-lifecycle", s.M.Lifecycle("house"))
	},
	"formula-base": func(s *Site, c *Caption) template.HTML {
		return s.partial("fig-formula", s.M.Formulas.Base)
	},
	"formula-environmental": func(s *Site, c *Caption) template.HTML {
		return s.partial("fig-formula", s.M.Formulas.Environmental)
	},
	"system-model":    systemModelFigure,
	"system-model-ep": systemModelFigure,
}

func usecaseFigure(s *Site, c *Caption) template.HTML {
	for _, uc := range s.M.UseCases {
		if uc.Figure == c.ID {
			return s.partial("fig-usecase", uc)
		}
	}
	return s.partial("fig-none", c)
}

// systemModelFigure is the text form of 図2-3/図3-1: the components with
// their entry points. The diagram engineer replaces it with an SVG.
func systemModelFigure(s *Site, c *Caption) template.HTML {
	return s.partial("fig-system-model", dict("Caption", c, "Components", s.M.Components, "EntryPoints", s.M.EntryPoints))
}

// renderFigure draws a figure of captions.yaml, framed with its caption.
func (s *Site) renderFigure(id string) template.HTML {
	c := s.M.Figure(id)
	if c == nil {
		s.fail("figure %s: not in %s", id, fileCaptions)
		return ""
	}
	r := figureRenderers[c.Render]
	if r == nil {
		s.fail("図 %s: no renderer %q", id, c.Render)
		return ""
	}
	return s.partial("figure-frame", dict("Caption", c, "Body", r(s, c)))
}

// RequirementsMap is 図2-2 drawn from the requirements: for each level, the
// service requirements and the requirements per target, with counts.
type RequirementsMap struct {
	Levels  []int
	Targets []*Target
	Cells   map[int][]MapCell // level → one cell per target
}

// MapCell is the requirements of one target at one level.
type MapCell struct {
	Target *Target
	Items  []*Requirement
}

func (s *Site) requirementsMap() RequirementsMap {
	rm := RequirementsMap{Levels: []int{3, 2}, Targets: s.M.Targets, Cells: map[int][]MapCell{}}
	for _, lv := range rm.Levels {
		for _, t := range s.M.Targets {
			rm.Cells[lv] = append(rm.Cells[lv], MapCell{Target: t, Items: s.M.RequirementsOf(t.Code, lv)})
		}
	}
	return rm
}
