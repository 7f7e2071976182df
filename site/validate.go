package site

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"shguide/calculator"
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
	erratumKinds   = set("transcription", "label", "score", "formula", "note")
	scoreTables    = set("3-12", "3-37", "3-38", "3-39", "3-40", "3-41")
	afterTables    = map[string]string{"3-40": "3-38", "3-41": "3-39"} // after → before
	cases          = set("①", "②", "③")
	markSymbols    = set("◎", "○", "=")
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

// Validate checks the model (see the package documentation) and fills each
// assessment's Score. It returns Errors listing every problem.
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
	v.errata()
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
		v.add(p.At(key), "%s %q is not one of %s", key, val, strings.Join(sortedKeys(allowed), ", "))
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

func (v *validator) captions() {
	for _, list := range [][]*Caption{v.m.Tables, v.m.Figures} {
		u := v.uniq("caption id")
		for _, c := range list {
			if v.need(c.Pos, "id", c.ID) && !reCaptionID.MatchString(c.ID) {
				v.add(c.Pos.At("id"), "id %q is not a number like \"3-4\"", c.ID)
			}
			u.check(c.Pos.At("id"), c.ID)
			v.need(c.Pos, "caption", c.Caption)
			if c.Page <= 0 {
				v.add(c.Pos.At("page"), "page is required (a positive number)")
			}
			if c.Kind == "figure" {
				v.oneOf(c.Pos, "render", c.Render, figureRenders)
			} else if c.Render != "" {
				v.add(c.Pos.At("render"), "render is for figures only")
			}
		}
	}
	// Every directive names a caption; every caption is placed exactly once.
	placed := map[string]*Placement{}
	for _, p := range v.m.Placements {
		key := p.Kind + ":" + p.ID
		var c *Caption
		if p.Kind == "table" {
			c = v.m.Table(p.ID)
		} else {
			c = v.m.Figure(p.ID)
		}
		if c == nil {
			v.add(p.Pos, "{{%s %s}}: no such %s in %s", p.Kind, p.ID, p.Kind, fileCaptions)
			continue
		}
		if first, ok := placed[key]; ok {
			v.add(p.Pos, "{{%s %s}} placed twice (first at %s)", p.Kind, p.ID, first.Pos)
			continue
		}
		placed[key] = p
	}
	for _, c := range append(append([]*Caption{}, v.m.Tables...), v.m.Figures...) {
		if c.ID != "" && placed[c.Kind+":"+c.ID] == nil {
			v.add(c.Pos, "%s is never placed: put {{%s %s}} in a chapter", c.Label(), c.Kind, c.ID)
		}
	}
}

var reMention = regexp.MustCompile(`([表図])\s?(\d+-\d+)`)

func (v *validator) chapters() {
	if len(v.m.Chapters) == 0 {
		v.add(Pos{File: dirChapters}, "no chapters")
	}
	seenCh := map[int]Pos{}
	secs := v.uniq("section")
	for _, c := range v.m.Chapters {
		if first, ok := seenCh[c.Number]; ok {
			v.add(c.Pos, "duplicate chapter %d (first at %s)", c.Number, first)
		}
		seenCh[c.Number] = c.Pos
		prev := 0
		for _, s := range c.Sections {
			if s.Number == "" {
				continue
			}
			secs.check(s.Pos, s.Number)
			maj, min, ok := twoPart(s.Number)
			if !ok || maj != c.Number {
				v.add(s.Pos, "section %s is not in chapter %d", s.Number, c.Number)
			} else if min <= prev {
				v.add(s.Pos, "section %s out of order", s.Number)
			} else {
				prev = min
			}
			if s.Title == "" {
				v.add(s.Pos, "section %s has no title", s.Number)
			}
			for _, ss := range s.Subsections {
				secs.check(ss.Pos, ss.Number)
				if !strings.HasPrefix(ss.Number, s.Number+".") {
					v.add(ss.Pos, "subsection %s is not in section %s", ss.Number, s.Number)
				}
			}
		}
		v.mentions(c.Pos.File, c.Intro, c.IntroLine)
		for _, s := range c.Sections {
			v.mentions(c.Pos.File, s.Body, s.BodyLine)
		}
	}
}

// mentions checks that every "表 N-M" / "図 N-M" in a chapter exists.
func (v *validator) mentions(file, md string, first int) {
	for i, line := range strings.Split(md, "\n") {
		for _, ix := range reMention.FindAllStringSubmatchIndex(line, -1) {
			// 「図 5-3 …」 quotes another document's figure.
			if strings.HasSuffix(line[:ix[0]], "「") {
				continue
			}
			mm := []string{line[ix[0]:ix[1]], line[ix[2]:ix[3]], line[ix[4]:ix[5]]}
			var c *Caption
			if mm[1] == "表" {
				c = v.m.Table(mm[2])
			} else {
				c = v.m.Figure(mm[2])
			}
			if c == nil {
				v.add(Pos{File: file, Line: first + i}, "%s %s is mentioned but not in %s", mm[1], mm[2], fileCaptions)
			}
		}
	}
}

func twoPart(s string) (int, int, bool) {
	a, b, ok := strings.Cut(s, ".")
	if !ok {
		return 0, 0, false
	}
	x, ok1 := atoiOK(a)
	y, ok2 := atoiOK(b)
	return x, y, ok1 && ok2
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

func (v *validator) service() {
	u := v.uniq("definition")
	for _, t := range v.m.Definitions {
		v.need(t.Pos, "term", t.Term)
		v.need(t.Pos, "description", t.Description)
		u.check(t.Pos, t.Term)
	}
	seen := map[int]bool{}
	for _, l := range v.m.Levels {
		if l.Stars < 1 || l.Stars > 3 || seen[l.Stars] {
			v.add(l.Pos.At("stars"), "stars %d: want each of 1, 2, 3 once", l.Stars)
		}
		seen[l.Stars] = true
		if l.Label != strings.Repeat("★", l.Stars) {
			v.add(l.Pos.At("label"), "label %q does not match stars %d", l.Label, l.Stars)
		}
		v.need(l.Pos, "service", l.Service)
		v.need(l.Pos, "description", l.Description)
	}
	u = v.uniq("component id")
	var walk func([]*Component)
	walk = func(cs []*Component) {
		for _, c := range cs {
			if v.need(c.Pos, "id", c.ID) && !reSlug.MatchString(c.ID) {
				v.add(c.Pos.At("id"), "id %q is not a lower-case slug", c.ID)
			}
			u.check(c.Pos.At("id"), c.ID)
			v.need(c.Pos, "name", c.Name)
			if c.Target != "" && (c.Target == "service" || !targetCodes[c.Target]) {
				v.add(c.Pos.At("target"), "target %q is not one of SP, PP, H, D, A", c.Target)
			}
			v.entryPointRefs(c.Pos.At("entryPoints"), c.EntryPoints)
			walk(c.Children)
		}
	}
	walk(v.m.Components)
	u = v.uniq("use case id")
	for _, uc := range v.m.UseCases {
		v.need(uc.Pos, "id", uc.ID)
		u.check(uc.Pos.At("id"), uc.ID)
		v.tableRef(uc.Pos, "table", uc.Table, true)
		v.figureRef(uc.Pos, "figure", uc.Figure, false)
		if uc.Level != 2 && uc.Level != 3 {
			v.add(uc.Pos.At("level"), "level %d: want 2 or 3", uc.Level)
		}
		v.need(uc.Pos, "name", uc.Name)
		ps, nos := []Pos{}, []int{}
		for _, s := range uc.Steps {
			ps, nos = append(ps, s.Pos), append(nos, s.No)
			v.need(s.Pos, "action", s.Action)
			v.need(s.Pos, "description", s.Description)
		}
		v.numbered("step", ps, nos)
	}
}

func (v *validator) entryPointRefs(p Pos, eps []int) {
	for _, n := range eps {
		if v.m.EntryPoint(n) == nil {
			v.add(p, "no entry point %d in %s", n, fileRisk)
		}
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

func (v *validator) items(what string, list []*AnalysisItem, groups bool) {
	ps, nos := []Pos{}, []int{}
	u := v.uniq(what)
	for _, it := range list {
		ps, nos = append(ps, it.Pos), append(nos, it.No)
		v.need(it.Pos, "name", it.Name)
		u.check(it.Pos.At("name"), it.Name)
		v.need(it.Pos, "description", it.Description)
		if groups {
			v.need(it.Pos, "group", it.Group)
		}
	}
	v.numbered(what, ps, nos)
}

func (v *validator) risk() {
	ps, nos := []Pos{}, []int{}
	for _, s := range v.m.RiskSteps {
		ps, nos = append(ps, s.Pos), append(nos, s.No)
		v.need(s.Pos, "title", s.Title)
		v.need(s.Pos, "description", s.Description)
	}
	v.numbered("step", ps, nos)
	for _, a := range v.m.Assets {
		v.need(a.Pos, "target", a.Target)
		if len(a.EntryPoints) == 0 {
			v.add(a.Pos.At("entryPoints"), "entryPoints is required")
		}
		v.entryPointRefs(a.Pos.At("entryPoints"), a.EntryPoints)
		if len(a.Devices) == 0 {
			v.add(a.Pos, "asset %q has no devices", a.Target)
		}
		for _, d := range a.Devices {
			v.need(d.Pos, "name", d.Name)
			if len(d.Groups) == 0 {
				v.add(d.Pos, "device %q has no asset groups", d.Name)
			}
			v.assetGroups(d.Groups)
		}
	}
	u := v.uniq("class id")
	un := v.uniq("class name")
	for _, c := range v.m.Classes {
		if v.need(c.Pos, "id", c.ID) && !reSlug.MatchString(c.ID) {
			v.add(c.Pos.At("id"), "id %q is not a lower-case slug", c.ID)
		}
		u.check(c.Pos.At("id"), c.ID)
		v.need(c.Pos, "name", c.Name)
		un.check(c.Pos.At("name"), c.Name)
		v.oneOf(c.Pos, "model", c.Model, classModels)
		v.need(c.Pos, "description", c.Description)
	}
	seen := map[int]Pos{}
	for i, ep := range v.m.EntryPoints {
		if ep.Number != i+1 {
			v.add(ep.Pos.At("number"), "entry point %d out of sequence: want %d", ep.Number, i+1)
		}
		if first, ok := seen[ep.Number]; ok {
			v.add(ep.Pos, "duplicate entry point %d (first at %s)", ep.Number, first)
		}
		seen[ep.Number] = ep.Pos
		v.need(ep.Pos, "name", ep.Name)
		v.oneOf(ep.Pos, "kind", ep.Kind, epKinds)
		if ep.Target != "" && v.m.Target(ep.Target) == nil && len(v.m.Targets) > 0 {
			v.add(ep.Pos.At("target"), "target %q: no such target in %s", ep.Target, fileRequirements)
		}
		v.need(ep.Pos, "target", ep.Target)
		if len(ep.Classes) == 0 {
			v.add(ep.Pos.At("classes"), "classes is required")
		}
		cu := v.uniq("class")
		for _, c := range ep.Classes {
			if v.m.Class(c) == nil {
				v.add(ep.Pos.At("classes"), "class %q: no such class", c)
			}
			cu.check(ep.Pos.At("classes"), c)
		}
	}
	v.items("analysis item", v.m.AnalysisItems, true)
	v.items("interface", v.m.Interfaces, true)
	v.items("who", v.m.Who, false)
	v.items("whom", v.m.Whom, false)
	v.items("where", v.m.Where, false)
	for _, c := range v.m.CVSSIssues {
		v.need(c.Pos, "title", c.Title)
		v.need(c.Pos, "description", c.Description)
	}
	ps, nos = nil, nil
	for _, c := range v.m.Criteria {
		ps, nos = append(ps, c.Pos), append(nos, c.No)
		v.need(c.Pos, "name", c.Name)
		v.need(c.Pos, "body", c.Body)
	}
	v.numbered("criterion", ps, nos)
}

func (v *validator) assetGroups(gs []*AssetGroup) {
	for _, g := range gs {
		v.oneOf(g.Pos, "kind", g.Kind, assetKinds)
		if len(g.Items) == 0 {
			v.add(g.Pos, "asset group has no items")
		}
	}
}

func (v *validator) metrics() {
	u := v.uniq("metric")
	groups := []struct {
		name string
		list []*Metric
	}{{"base", v.m.BaseMetrics}, {"temporal", v.m.TemporalMetrics}, {"environmental", v.m.EnvironmentalMetrics}}
	for _, g := range groups {
		var ps []Pos
		var nos []int
		for _, mt := range g.list {
			v.need(mt.Pos, "abbr", mt.Abbr)
			u.check(mt.Pos.At("abbr"), mt.Abbr)
			v.need(mt.Pos, "name", mt.Name)
			if g.name != "temporal" {
				ps, nos = append(ps, mt.Pos), append(nos, mt.No)
				v.tableRef(mt.Pos, "table", mt.Table, true)
			} else {
				v.need(mt.Pos, "source", mt.Source)
			}
			cm, ok := calculator.LookupMetric(mt.Abbr)
			if !ok {
				if mt.Abbr != "" {
					v.add(mt.Pos.At("abbr"), "metric %q is unknown to the calculator", mt.Abbr)
				}
				continue
			}
			if want := g.name == "base"; cm.Base() != want {
				v.add(mt.Pos.At("abbr"), "metric %s does not belong to the %s group", mt.Abbr, g.name)
			}
			v.metricValues(mt, cm)
		}
		if g.name != "temporal" {
			v.numbered(g.name+" metric", ps, nos)
		}
	}
	v.severity()
}

// metricValues checks a metric's codes and that every printed weight equals
// the calculator's.
func (v *validator) metricValues(mt *Metric, cm calculator.Metric) {
	codes := cm.Codes()
	seen := map[string]bool{}
	for _, val := range mt.Values {
		v.need(val.Pos, "label", val.Label)
		if len(val.Code) != 1 || !strings.Contains(codes, val.Code) {
			v.add(val.Pos.At("code"), "%s value %q: the calculator takes %s", mt.Abbr, val.Code, strings.Join(strings.Split(codes, ""), ", "))
			continue
		}
		if seen[val.Code] {
			v.add(val.Pos.At("code"), "duplicate %s value %s", mt.Abbr, val.Code)
		}
		seen[val.Code] = true
		code := val.Code[0]
		if mt.Abbr == "PR" || mt.Abbr == "MPR" {
			if val.Weight != "" {
				v.add(val.Pos.At("weight"), "%s:%s has weightUnchanged and weightChanged, not weight", mt.Abbr, val.Code)
			}
			wu, okU := cm.Weight(code)
			wc, okC := cm.WeightChanged(code)
			v.weight(val.Pos, "weightUnchanged", mt.Abbr, val.Code, val.WeightUnchanged, wu, okU)
			v.weight(val.Pos, "weightChanged", mt.Abbr, val.Code, val.WeightChanged, wc, okC)
			continue
		}
		if val.WeightUnchanged != "" || val.WeightChanged != "" {
			v.add(val.Pos.At("weightUnchanged"), "only PR and MPR have weightUnchanged/weightChanged")
		}
		w, ok := cm.Weight(code)
		if cm.Base() || code != 'X' || val.Weight != "" {
			v.weight(val.Pos, "weight", mt.Abbr, val.Code, val.Weight, w, ok)
		}
	}
	for _, c := range codes {
		if !seen[string(c)] && len(mt.Values) > 0 {
			v.add(mt.Pos.At("values"), "%s has no value %c", mt.Abbr, c)
		}
	}
}

func (v *validator) weight(p Pos, key, abbr, code, printed string, want float64, ok bool) {
	if !ok {
		// S and MS carry no weight; X of a modified metric takes the base one.
		if printed != "" {
			v.add(p.At(key), "%s:%s has no weight in the calculator, but %s is %q", abbr, code, key, printed)
		}
		return
	}
	if printed == "" {
		v.add(p.At(key), "%s:%s: %s is required (calculator: %s)", abbr, code, key, fmtWeight(want))
		return
	}
	got, err := strconv.ParseFloat(printed, 64)
	if err != nil {
		v.add(p.At(key), "%s:%s: %s %q is not a number", abbr, code, key, printed)
		return
	}
	if d := got - want; d > 1e-9 || d < -1e-9 {
		v.add(p.At(key), "%s:%s: %s %s differs from the calculator's %s", abbr, code, key, printed, fmtWeight(want))
	}
}

func fmtWeight(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func (v *validator) severity() {
	seen := map[calculator.Severity]bool{}
	for _, b := range v.m.Severity {
		s, ok := calculator.ParseSeverity(b.En)
		if !ok {
			v.add(b.Pos.At("en"), "severity %q is not a CVSS severity name", b.En)
			continue
		}
		if seen[s] {
			v.add(b.Pos.At("en"), "duplicate severity %s", b.En)
		}
		seen[s] = true
		if b.Name != s.Japanese() {
			v.add(b.Pos.At("name"), "severity %s is called %s by the calculator, not %q", b.En, s.Japanese(), b.Name)
		}
		lo, hi := s.Range()
		if got, ok := calculator.ParseScore(b.Min); !ok || got != lo {
			v.add(b.Pos.At("min"), "severity %s: min %q differs from the calculator's %s", b.En, b.Min, lo)
		}
		if got, ok := calculator.ParseScore(b.Max); !ok || got != hi {
			v.add(b.Pos.At("max"), "severity %s: max %q differs from the calculator's %s", b.En, b.Max, hi)
		}
	}
	if len(v.m.Severity) > 0 && len(seen) != 5 {
		v.add(Pos{File: fileMetrics}, "severity lists %d bands, want 5", len(seen))
	}
}

func (v *validator) threats() {
	u := v.uniq("threat id")
	names := func(list []*AnalysisItem) map[string]bool {
		s := map[string]bool{}
		for _, it := range list {
			s[it.Name] = true
		}
		return s
	}
	ifs, who, whom, where := names(v.m.Interfaces), names(v.m.Who), names(v.m.Whom), names(v.m.Where)
	for _, t := range v.m.Threats {
		if v.need(t.Pos, "id", t.ID) {
			if mm := reThreatID.FindStringSubmatch(t.ID); mm == nil {
				v.add(t.Pos.At("id"), "id %q is not ep<N>-<slug>", t.ID)
			} else if mm[1] != strconv.Itoa(t.EntryPoint) {
				v.add(t.Pos.At("id"), "id %q does not match entryPoint %d", t.ID, t.EntryPoint)
			}
		}
		u.check(t.Pos.At("id"), t.ID)
		ep := v.m.EntryPoint(t.EntryPoint)
		if ep == nil {
			v.add(t.Pos.At("entryPoint"), "entryPoint %d: no such entry point", t.EntryPoint)
		}
		if v.need(t.Pos, "class", t.Class) {
			if v.m.Class(t.Class) == nil {
				v.add(t.Pos.At("class"), "class %q: no such class", t.Class)
			} else if ep != nil && !containsStr(ep.Classes, t.Class) {
				v.add(t.Pos.At("class"), "class %q is not a class of %s (表3-4)", t.Class, ep.Mark())
			}
		}
		v.need(t.Pos, "example", t.Example)
		v.assetGroups(t.Assets)
		for _, a := range t.Analysis {
			// Interfaces and Who may be empty where the source leaves the cell blank.
			for _, x := range a.Interfaces {
				if !ifs[x] {
					v.add(a.Pos.At("interfaces"), "interface %q: no such interface (表3-6)", x)
				}
			}
			if a.Who != "" && !who[a.Who] {
				v.add(a.Pos.At("who"), "who %q: not in 表3-7", a.Who)
			}
			for _, k := range []struct {
				key  string
				list []string
			}{{"whom2", a.Whom2}, {"whom3", a.Whom3}} {
				if len(k.list) == 0 {
					v.add(a.Pos.At(k.key), "%s is required", k.key)
				}
				for _, x := range k.list {
					if !whom[x] {
						v.add(a.Pos.At(k.key), "%s %q: not in 表3-8", k.key, x)
					}
				}
			}
			if v.need(a.Pos, "where", a.Where) && !where[a.Where] {
				v.add(a.Pos.At("where"), "where %q: not in 表3-9", a.Where)
			}
		}
		v.assessments(t)
	}
}

func containsStr(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// assessments parses every vector, scores it, and compares the published value.
func (v *validator) assessments(t *Threat) {
	seen := map[string]Pos{}
	vectors := map[string]calculator.Vector{}
	for _, a := range t.Assessments {
		a.Score = Score{}
		v.oneOf(a.Pos, "table", a.Table, scoreTables)
		if a.Table == "3-37" {
			v.oneOf(a.Pos, "case", a.Case, cases)
		} else if a.Case != "" {
			v.add(a.Pos.At("case"), "case is for table 3-37 only")
		}
		key := a.Table + a.Case
		if first, ok := seen[key]; ok {
			v.add(a.Pos, "%s has two assessments in table %s%s (first at %s)", t.ID, a.Table, a.Case, first)
		}
		seen[key] = a.Pos
		if !v.need(a.Pos, "vector", a.Vector) {
			continue
		}
		vec, err := calculator.Parse(a.Vector)
		if err != nil {
			v.add(a.Pos.At("vector"), "vector: %v", err)
			continue
		}
		vectors[a.Table] = vec
		sc := vec.Score()
		computed := sc.Base
		if _, after := afterTables[a.Table]; after {
			if !vec.HasEnvironmental() {
				v.add(a.Pos.At("vector"), "table %s is after mitigation but the vector has no environmental metrics", a.Table)
			}
			computed = sc.Environmental
		}
		a.Score = Score{OK: true, Value: computed.String(), Severity: calculator.SeverityOf(computed).String()}
		pub, ok := calculator.ParseScore(a.Published)
		if !v.need(a.Pos, "published", a.Published) {
			continue
		}
		if !ok {
			v.add(a.Pos.At("published"), "published %q is not a score 0–10 with one decimal", a.Published)
			continue
		}
		if v.need(a.Pos, "severity", a.Severity) {
			if s, ok := calculator.ParseSeverity(a.Severity); !ok {
				v.add(a.Pos.At("severity"), "severity %q is not a band of 表3-36", a.Severity)
			} else if s != calculator.SeverityOf(pub) {
				v.add(a.Pos.At("severity"), "severity %s does not match the published %s (%s)", a.Severity, a.Published, calculator.SeverityOf(pub).Japanese())
			}
		}
		er := v.m.ScoreErratum(t.ID, a.Table, a.Case)
		a.Score.Erratum = er
		if pub == computed {
			if er != nil {
				v.add(er.Pos, "stale erratum %s: %s table %s%s publishes %s and the calculator agrees", er.ID, t.ID, a.Table, a.Case, a.Published)
			}
			continue
		}
		if er == nil {
			v.add(a.Pos.At("published"), "published %s but the calculator gives %s for %s: add a score erratum (threat %s, table %s%s, published %q, computed %q)",
				a.Published, computed, a.Vector, t.ID, a.Table, caseSuffix(a.Case), a.Published, computed.String())
			continue
		}
		if p, ok := calculator.ParseScore(er.Published); !ok || p != pub {
			v.add(er.Pos.At("published"), "erratum %s: published %q, but %s table %s%s publishes %s", er.ID, er.Published, t.ID, a.Table, a.Case, a.Published)
		}
		if c, ok := calculator.ParseScore(er.Computed); !ok || c != computed {
			v.add(er.Pos.At("computed"), "erratum %s: computed %q, but the calculator gives %s", er.ID, er.Computed, computed)
		}
	}
	// An after-mitigation vector carries the before-mitigation base metrics.
	for _, a := range t.Assessments {
		before, ok := afterTables[a.Table]
		if !ok {
			continue
		}
		av, ok1 := vectors[a.Table]
		bv, ok2 := vectors[before]
		if !ok1 || !ok2 {
			continue
		}
		if got, want := baseOf(av), baseOf(bv); got != want {
			v.add(a.Pos.At("vector"), "base metrics %s differ from the table %s row %s", got, before, want)
		}
	}
}

func caseSuffix(c string) string {
	if c == "" {
		return ""
	}
	return ", case " + c
}

// baseOf is the canonical base part of a vector (through II).
func baseOf(vec calculator.Vector) string {
	var b calculator.Vector
	b.Version = vec.Version
	for m := calculator.MetricAV; m <= calculator.MetricII; m++ {
		b.SetCode(m, vec.Code(m))
	}
	return b.String()
}

func (v *validator) lifecycles() {
	u := v.uniq("lifecycle")
	total := 0
	for _, l := range v.m.Lifecycles {
		v.oneOf(l.Pos, "id", l.ID, lifecycleIDs)
		u.check(l.Pos.At("id"), l.ID)
		v.need(l.Pos, "name", l.Name)
		v.sectionRef(l.Pos, "section", l.Section, true)
		v.tableRef(l.Pos, "table", l.Table, true)
		v.figureRef(l.Pos, "figure", l.Figure, true)
		pu := v.uniq("phase")
		if len(l.Phases) == 0 {
			v.add(l.Pos, "lifecycle %s has no phases", l.ID)
		}
		for _, p := range l.Phases {
			if v.need(p.Pos, "id", p.ID) && !reSlug.MatchString(p.ID) {
				v.add(p.Pos.At("id"), "id %q is not a lower-case slug", p.ID)
			}
			pu.check(p.Pos.At("id"), p.ID)
			v.need(p.Pos, "name", p.Name)
			v.need(p.Pos, "description", p.Description)
			v.sectionRef(p.Pos, "section", p.Section, true)
			v.tableRef(p.Pos, "table", p.Table, true)
			v.measureRefs(p.Refs)
			var ps []Pos
			var nos []int
			for _, ms := range p.Measures {
				total++
				ps, nos = append(ps, ms.Pos), append(nos, ms.No)
				v.need(ms.Pos, "title", ms.Title)
				v.need(ms.Pos, "body", ms.Body)
				v.measureRefs(ms.Refs)
			}
			v.numbered("measure", ps, nos)
		}
	}
}

func (v *validator) measureRefs(refs []*MeasureRef) {
	for _, r := range refs {
		if r.Section != "" {
			if r.Lifecycle != "" || r.Phase != "" || len(r.Measures) > 0 {
				v.add(r.Pos, "a ref names either a section or lifecycle/phase/measures")
			}
			v.sectionRef(r.Pos, "section", r.Section, true)
			continue
		}
		if !v.need(r.Pos, "lifecycle", r.Lifecycle) || !v.need(r.Pos, "phase", r.Phase) {
			continue
		}
		if v.m.Phase(r.Lifecycle, r.Phase) == nil {
			v.add(r.Pos.At("phase"), "no phase %s/%s", r.Lifecycle, r.Phase)
			continue
		}
		for _, no := range r.Measures {
			if v.m.Measure(r.Lifecycle, r.Phase, no) == nil {
				v.add(r.Pos.At("measures"), "no measure %s/%s No.%d", r.Lifecycle, r.Phase, no)
			}
		}
	}
}

func (v *validator) requirements() {
	mu := v.uniq("mark")
	for _, mk := range v.m.Marks {
		v.oneOf(mk.Pos, "symbol", mk.Symbol, markSymbols)
		mu.check(mk.Pos.At("symbol"), mk.Symbol)
		v.need(mk.Pos, "meaning", mk.Meaning)
	}
	for _, n := range v.m.Numbering {
		v.need(n.Pos, "category", n.Category)
		v.need(n.Pos, "name", n.Name)
		v.need(n.Pos, "code", n.Code)
	}
	tu := v.uniq("target")
	for _, t := range v.m.Targets {
		v.oneOf(t.Pos, "code", t.Code, targetCodes)
		tu.check(t.Pos.At("code"), t.Code)
		v.need(t.Pos, "name", t.Name)
		sp := t.Code != "service"
		if sp {
			v.need(t.Pos, "english", t.English)
		}
		v.sectionRef(t.Pos, "section", t.Section, sp)
		v.tableRef(t.Pos, "table", t.Table, sp)
		v.entryPointRefs(t.Pos.At("entryPoints"), t.EntryPoints)
	}
	ru := v.uniq("requirement")
	for _, r := range v.m.Requirements {
		ru.check(r.Pos.At("id"), r.ID)
		if v.need(r.Pos, "id", r.ID) {
			mm := reRequirement.FindStringSubmatch(r.ID)
			switch {
			case mm == nil:
				v.add(r.Pos.At("id"), "id %q is not R<level>-<n> or SR<level>-<target>-<n>", r.ID)
			default:
				if lv := strconv.Itoa(r.Level); mm[2] != lv {
					v.add(r.Pos.At("level"), "level %d does not match id %s", r.Level, r.ID)
				}
				want := mm[3]
				if mm[1] == "R" {
					want = "service"
				}
				if (mm[1] == "R") != (mm[3] == "") {
					v.add(r.Pos.At("id"), "id %q: R items have no target code, SR items have one", r.ID)
				} else if r.Target != want {
					v.add(r.Pos.At("target"), "target %q does not match id %s (want %s)", r.Target, r.ID, want)
				}
			}
		}
		if r.Level != 2 && r.Level != 3 {
			v.add(r.Pos.At("level"), "level %d: want 2 or 3", r.Level)
		}
		if v.need(r.Pos, "target", r.Target) && v.m.Target(r.Target) == nil {
			v.add(r.Pos.At("target"), "target %q: no such target", r.Target)
		}
		v.need(r.Pos, "title", r.Title)
		v.need(r.Pos, "body", r.Body)
		for _, col := range r.Mappings() {
			if col.Mapping == nil {
				if r.MappingNote == "" {
					v.add(r.Pos, "%s: %s is required (or a mappingNote)", r.ID, col.Key)
				}
				continue
			}
			mp := col.Mapping
			if v.need(mp.Pos, "symbol", mp.Symbol) && v.m.Mark(mp.Symbol) == nil {
				v.add(mp.Pos.At("symbol"), "%s symbol %q is not a mark of 表6-1", col.Key, mp.Symbol)
			}
			for _, code := range mp.Refs {
				if !mappingFormats[col.Key].MatchString(code) {
					v.add(mp.Pos.At("refs"), "%s code %q is malformed", col.Key, code)
				}
			}
			if mp.Symbol == "◎" && len(mp.Refs) > 0 {
				v.add(mp.Pos.At("refs"), "%s: ◎ (not covered by the related guideline) cites codes %v", col.Key, mp.Refs)
			}
		}
		for _, id := range r.Includes {
			t := v.m.Requirement(id)
			switch {
			case t == nil:
				v.add(r.Pos.At("includes"), "includes %q: no such requirement", id)
			case t == r:
				v.add(r.Pos.At("includes"), "%s includes itself", r.ID)
			}
		}
		if r.SameAs != "" {
			t := v.m.Requirement(r.SameAs)
			switch {
			case t == nil:
				v.add(r.Pos.At("sameAs"), "sameAs %q: no such requirement", r.SameAs)
			case t == r || t.SameAs != "":
				v.add(r.Pos.At("sameAs"), "sameAs %q must name an item with its own text", r.SameAs)
			case t.Level != r.Level:
				v.add(r.Pos.At("sameAs"), "sameAs %s is level %d, %s is level %d", t.ID, t.Level, r.ID, r.Level)
			}
		}
	}
}

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

// String is "E002" style reference for messages.
func (e *Erratum) String() string { return fmt.Sprintf("%s (%s)", e.ID, e.Location) }
