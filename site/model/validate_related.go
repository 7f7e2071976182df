package model

import (
	"fmt"
	"strconv"
)

// related checks related.yaml: sources with titles and URLs, the thirteen
// UK items in order with their ETSI provision 5.n (and PSTI paragraphs for
// the first three), and notes on codes the requirements cite.
func (v *validator) related() {
	r := &v.m.Related
	u, uc := v.uniq("source id"), v.uniq("source column")
	for _, s := range r.Sources {
		v.need(s.Pos, "id", s.ID)
		u.check(s.Pos.At("id"), s.ID)
		if s.Column != "" {
			v.oneOf(s.Pos, "column", s.Column, mappingCols)
			uc.check(s.Pos.At("column"), s.Column)
		}
		v.need(s.Pos, "title", s.Title)
		if v.need(s.Pos, "url", s.URL) && !reURL.MatchString(s.URL) {
			v.add(s.Pos.At("url"), "url %q is not an http(s) URL", s.URL)
		}
		if s.Reference != 0 && v.m.Reference(s.Reference) == nil {
			v.add(s.Pos.At("reference"), "reference [%d]: not in %s", s.Reference, fileReferences)
		}
	}
	if len(r.UK) != 13 {
		v.add(Pos{File: fileRelated}, "uk lists %d items; the Code of Practice has 13 (UK1 … UK13)", len(r.UK))
	}
	for i, it := range r.UK {
		n := i + 1
		if want := "UK" + strconv.Itoa(n); it.Code != want {
			v.add(it.Pos.At("code"), "code %q: item %d of the list is %s", it.Code, n, want)
		}
		v.need(it.Pos, "title", it.Title)
		v.need(it.Pos, "ja", it.Ja)
		if it.ETSI == nil {
			v.add(it.Pos.At("etsi"), "%s: etsi is required", it.Code)
		} else {
			if want := fmt.Sprintf("5.%d", n); it.ETSI.Provision != want {
				v.add(it.ETSI.Pos.At("provision"), "%s: provision %q, want %q (the Code's guideline n is 5.n of ETSI EN 303 645)", it.Code, it.ETSI.Provision, want)
			}
			v.need(it.ETSI.Pos, "title", it.ETSI.Title)
		}
		switch {
		case n <= 3 && it.PSTI == nil:
			v.add(it.Pos.At("psti"), "%s: psti is required (Schedule 1 paragraph %d)", it.Code, n)
		case n > 3 && it.PSTI != nil:
			v.add(it.Pos.At("psti"), "%s: the PSTI Regulations' Schedule 1 covers UK1 to UK3 only", it.Code)
		case it.PSTI != nil:
			if it.PSTI.Paragraph != n {
				v.add(it.PSTI.Pos.At("paragraph"), "%s: paragraph %d, want %d", it.Code, it.PSTI.Paragraph, n)
			}
			v.need(it.PSTI.Pos, "title", it.PSTI.Title)
		}
	}
	for _, col := range []struct {
		key   string
		notes []*CodeNote
	}{{"sb327", r.SB327}, {"cpsf", r.CPSF}} {
		uc := v.uniq(col.key + " code")
		for _, n := range col.notes {
			if v.need(n.Pos, "code", n.Code) {
				uc.check(n.Pos.At("code"), n.Code)
				if len(v.m.Citing(col.key, n.Code)) == 0 {
					v.add(n.Pos.At("code"), "%s %s: no requirement cites it", col.key, n.Code)
				}
			}
			v.need(n.Pos, "ja", n.Ja)
			if v.need(n.Pos, "source", n.Source) && v.m.RelatedSource(n.Source) == nil {
				v.add(n.Pos.At("source"), "source %q: not in sources", n.Source)
			}
		}
	}
	// The successors are quoted from these two sources.
	for _, id := range []string{SourceETSI, SourcePSTI} {
		if len(r.UK) > 0 && v.m.RelatedSource(id) == nil {
			v.add(Pos{File: fileRelated}, "sources: %q is required (the uk items quote it)", id)
		}
	}
	// Every UK code a requirement cites is one of the thirteen.
	for _, code := range v.m.Codes("uk") {
		if v.m.UKItem(code) == nil {
			v.add(Pos{File: fileRelated}, "UK code %s is cited by a requirement but not listed in uk", code)
		}
	}
}
