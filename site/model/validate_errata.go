package model

func (v *validator) errata() {
	u := v.uniq("erratum")
	for _, e := range v.m.Errata {
		if v.need(e.Pos, "id", e.ID) && !reErratumID.MatchString(e.ID) {
			v.add(e.Pos.At("id"), "id %q is not E followed by three digits", e.ID)
		}
		u.check(e.Pos.At("id"), e.ID)
		v.oneOf(e.Pos, "kind", e.Kind, erratumKinds)
		v.need(e.Pos, "location", e.Location)
		v.need(e.Pos, "reason", e.Reason)
		v.sic(e)
		if e.Kind != "score" {
			if e.Published != "" || e.Computed != "" {
				v.add(e.Pos, "published/computed are for score errata only")
			}
			continue
		}
		if !v.need(e.Pos, "threat", e.Threat) || !v.need(e.Pos, "table", e.Table) {
			continue
		}
		v.need(e.Pos, "published", e.Published)
		v.need(e.Pos, "computed", e.Computed)
		t := v.m.Threat(e.Threat)
		if t == nil {
			v.add(e.Pos.At("threat"), "erratum %s: no threat %q", e.ID, e.Threat)
			continue
		}
		found := false
		for _, a := range t.Assessments {
			if a.Table == e.Table && a.Case == e.Case {
				found = true
			}
		}
		if !found {
			v.add(e.Pos.At("table"), "erratum %s: %s has no assessment in table %s%s", e.ID, e.Threat, e.Table, caseSuffix(e.Case))
		}
		if dup := v.m.ScoreErratum(e.Threat, e.Table, e.Case); dup != nil && dup != e {
			v.add(e.Pos, "erratum %s repeats %s for %s table %s%s", e.ID, dup.ID, e.Threat, e.Table, caseSuffix(e.Case))
		}
	}
}

// sic checks the misprints of a sic erratum: each names its text and
// reading, and a section that exists. Whether the text appears on the
// pages is checked when the site is rendered.
func (v *validator) sic(e *Erratum) {
	if e.Kind != "sic" {
		if len(e.Sic) > 0 {
			v.add(e.Pos.At("sic"), "erratum %s: sic is for kind sic only", e.ID)
		}
		return
	}
	if len(e.Sic) == 0 {
		v.add(e.Pos.At("sic"), "erratum %s: kind sic needs at least one sic entry (text, reading)", e.ID)
	}
	for _, s := range e.Sic {
		v.need(s.Pos, "text", s.Text)
		v.need(s.Pos, "reading", s.Reading)
		if s.Text != "" && s.Text == s.Reading {
			v.add(s.Pos.At("reading"), "erratum %s: reading %q is the printed text", e.ID, s.Reading)
		}
		if s.Section != "" && v.m.Section(s.Section) == nil && v.m.Subsection(s.Section) == nil {
			v.add(s.Pos.At("section"), "erratum %s: no section %q", e.ID, s.Section)
		}
	}
}
