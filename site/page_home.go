package site

func init() { registerArea(homeArea{}) }

// homeArea is the home page.
type homeArea struct{}

func (homeArea) name() string { return "home" }

// HomePage is the data of the home page.
type HomePage struct {
	Requirements, Measures, EntryPoints, Threats int
}

func (homeArea) build(s *Site) error {
	d := HomePage{Requirements: len(s.M.Requirements), EntryPoints: len(s.M.EntryPoints), Threats: len(s.M.Threats)}
	for _, l := range s.M.Lifecycles {
		for _, p := range l.Phases {
			d.Measures += len(p.Measures)
		}
	}
	s.AddPage(&Page{Path: "", Title: "", Template: "home", Nav: "home", Data: d, Scripts: []string{offlineScript}})
	return nil
}
