package model

import (
	"maps"
	"regexp"
	"slices"
	"strings"
)

// Enumerations of the content schema.
var (
	figureRenders = set("system-model", "system-model-ep", "levels", "requirements-map",
		"usecase-shutter", "usecase-security", "lifecycle-service", "lifecycle-house",
		"formula-base", "formula-environmental", "none")
	assetKinds     = set("primary", "secondary", "both")
	classModels    = set("STRIDE", "CCDS")
	epKinds        = set("component", "path")
	targetCodes    = set("service", "SP", "PP", "H", "D", "A")
	lifecycleIDs   = set("service", "house")
	erratumKinds   = set("transcription", "label", "score", "formula", "note", "sic")
	scoreTables    = set(ScoreTables...)
	cases          = set("①", "②", "③")
	markSymbols    = set("◎", "○", "=")
	mappingCols    = set("uk", "sb327", "cpsf")
	reCaptionID    = regexp.MustCompile(`^[1-7]-[1-9][0-9]?$`)
	reSlug         = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	reThreatID     = regexp.MustCompile(`^ep([1-9][0-9]?)-[a-z0-9]+(-[a-z0-9]+)*$`)
	reRequirement  = regexp.MustCompile(`^(S?R)([23])-(?:(SP|PP|H|D|A)-)?([1-9][0-9]?)$`)
	reErratumID    = regexp.MustCompile(`^E[0-9]{3}$`)
	reDate         = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	reURL          = regexp.MustCompile(`^https?://\S+$`)
	mappingFormats = map[string]*regexp.Regexp{
		"uk":    regexp.MustCompile(`^UK[1-9][0-9]?$`),
		"sb327": regexp.MustCompile(`^1798\.[0-9]+(\.[0-9]+)?(\([a-z0-9]+\))*$`),
		"cpsf":  regexp.MustCompile(`^CPS\.[A-Z]{2}-[1-9][0-9]?$`),
	}
)

func set(xs ...string) map[string]bool {
	m := make(map[string]bool, len(xs))
	for _, x := range xs {
		m[x] = true
	}
	return m
}

// Validate checks a loaded model (see the package documentation) and
// returns Errors listing every problem. It only reads the model.
func Validate(m *Model) error {
	v := &validator{m: m}
	v.guideline()
	v.captions()
	v.chapters()
	v.references()
	v.glossary()
	v.service()
	v.risk()
	v.metrics()
	v.threats()
	v.lifecycles()
	v.requirements()
	v.related()
	v.errata()
	v.thesaurus()
	return v.err()
}

type validator struct {
	m *Model
	errs
}

// need reports an empty required field at the item's key.
func (v *validator) need(p Pos, key, val string) bool {
	if strings.TrimSpace(val) == "" {
		v.add(p.At(key), "%s is required", key)
		return false
	}
	return true
}

// oneOf checks an enumerated field.
func (v *validator) oneOf(p Pos, key, val string, allowed map[string]bool) {
	if !v.need(p, key, val) {
		return
	}
	if !allowed[val] {
		v.add(p.At(key), "%s %q is not one of %s", key, val, strings.Join(slices.Sorted(maps.Keys(allowed)), ", "))
	}
}

// unique reports the second and later items with the same key.
type uniq struct {
	v    *validator
	what string
	seen map[string]Pos
}

func (v *validator) uniq(what string) *uniq { return &uniq{v, what, map[string]Pos{}} }

func (u *uniq) check(p Pos, key string) {
	if key == "" {
		return
	}
	if first, ok := u.seen[key]; ok {
		u.v.add(p, "duplicate %s %q (first at %s)", u.what, key, first)
		return
	}
	u.seen[key] = Pos{File: p.File, Line: p.Line}
}

// numbered checks that items are numbered 1, 2, 3 … in order.
func (v *validator) numbered(what string, ps []Pos, nos []int) {
	for i := range nos {
		if nos[i] != i+1 {
			v.add(ps[i].At("no"), "%s no %d out of sequence: want %d", what, nos[i], i+1)
		}
	}
}

func (v *validator) guideline() {
	g := v.m.Guideline
	p := g.Pos
	if p.File == "" {
		p = Pos{File: fileGuideline}
	}
	v.need(p, "title", g.Title)
	v.need(p, "version", g.Version)
	v.need(p, "publisher", g.Publisher)
	v.need(p, "organization", g.Organization)
	if v.need(p, "published", g.Published) && !reDate.MatchString(g.Published) {
		v.add(p.At("published"), "published %q is not a date YYYY-MM-DD", g.Published)
	}
	for _, r := range g.Revisions {
		v.need(r.Pos, "version", r.Version)
		if v.need(r.Pos, "date", r.Date) && !reDate.MatchString(r.Date) {
			v.add(r.Pos.At("date"), "date %q is not a date YYYY-MM-DD", r.Date)
		}
		v.need(r.Pos, "note", r.Note)
	}
	for _, n := range g.Notices {
		v.need(n.Pos, "heading", n.Heading)
		if len(n.Items) == 0 {
			v.add(n.Pos, "notice %q has no items", n.Heading)
		}
	}
	for _, e := range g.Editors {
		if len(e.Members) == 0 {
			v.add(e.Pos, "editor group %q has no members", e.Group)
		}
		for _, mb := range e.Members {
			v.need(mb.Pos, "name", mb.Name)
		}
	}
}

func (v *validator) references() {
	seen := map[int]Pos{}
	for i, r := range v.m.References {
		if r.No != i+1 {
			v.add(r.Pos.At("no"), "reference [%d] out of sequence: want [%d]", r.No, i+1)
		}
		if first, ok := seen[r.No]; ok {
			v.add(r.Pos, "duplicate reference [%d] (first at %s)", r.No, first)
		}
		seen[r.No] = r.Pos
		v.need(r.Pos, "title", r.Title)
		if r.URL != "" && !reURL.MatchString(r.URL) {
			v.add(r.Pos.At("url"), "url %q is not an http(s) URL", r.URL)
		}
	}
}

func (v *validator) glossary() {
	u := v.uniq("term")
	for _, t := range v.m.Terms {
		v.need(t.Pos, "term", t.Term)
		v.need(t.Pos, "description", t.Description)
		u.check(t.Pos, t.Term)
	}
	u = v.uniq("abbreviation")
	for _, a := range v.m.Abbreviations {
		v.need(a.Pos, "abbr", a.Abbr)
		v.need(a.Pos, "name", a.Name)
		u.check(a.Pos, a.Abbr)
	}
}

func (v *validator) tableRef(p Pos, key, id string, required bool) {
	v.ref(p, key, id, required, func() bool { return v.m.Table(id) != nil }, "no such table in "+fileCaptions)
}

func (v *validator) figureRef(p Pos, key, id string, required bool) {
	v.ref(p, key, id, required, func() bool { return v.m.Figure(id) != nil }, "no such figure in "+fileCaptions)
}

func (v *validator) sectionRef(p Pos, key, num string, required bool) {
	v.ref(p, key, num, required, func() bool { return v.m.Section(num) != nil || v.m.Subsection(num) != nil },
		"no such section in the chapters")
}

// ref reports a required reference that is empty, or one that names nothing.
func (v *validator) ref(p Pos, key, id string, required bool, exists func() bool, missing string) {
	if id == "" {
		if required {
			v.add(p.At(key), "%s is required", key)
		}
		return
	}
	if !exists() {
		v.add(p.At(key), "%s %q: %s", key, id, missing)
	}
}
