package site

import (
	"html/template"
	"slices"
	"strings"
	"unicode/utf8"

	"shguide/search"
	"shguide/site/markdown"
	"shguide/site/model"
)

func init() { registerArea(requirementsArea{}) }

// requirementsArea is chapter 6's requirements: the list, a page per
// requirement and the reverse index of the related guidelines' codes.
type requirementsArea struct{}

func (requirementsArea) name() string { return "requirements" }

// ReqGroup is the requirements of one target, by level, for the index.
type ReqGroup struct {
	Target *model.Target
	Levels []ReqLevel
}

// ReqLevel is the requirements of one target at one level.
type ReqLevel struct {
	Level int
	Items []*model.Requirement
}

// CodeIndex is a reverse-index page: what one code is (where a published
// source says so) and the requirements citing it, each with its mark.
type CodeIndex struct {
	Column, Name, Code string
	Items              []*model.Requirement
	Marks              []*model.Mapping       // Items[i]'s mapping in this column
	UK                 *model.UKItem          // the UK item (uk column)
	Note               *model.CodeNote        // what an SB327 or CPSF code is, if known
	Sources            []*model.RelatedSource // where the notes come from
}

// CodeList is the list of the codes of one mapping column.
type CodeList struct {
	Column, Name, Title string
	Codes               []CodeIndex
	Source              *model.RelatedSource // the column's document
}

// mappingColumns names the three columns of 表6-3 to 表6-8.
var mappingColumns = []struct{ Key, Name, Title string }{
	{"uk", "UK", "英国 Code of Practice for Consumer IoT Security"},
	{"sb327", "SB327", "米国カリフォルニア州 SB-327"},
	{"cpsf", "CPSF", "サイバー・フィジカル・セキュリティ対策フレームワーク（CPSF）"},
}

func (requirementsArea) build(s *Site) error {
	s.AddNav(NavItem{Key: "requirements", Title: "要件・要求事項", Path: "requirements/", Order: 20})
	var groups []ReqGroup
	for _, t := range s.M.Targets {
		g := ReqGroup{Target: t}
		for _, lv := range []int{2, 3} {
			if items := s.M.RequirementsOf(t.Code, lv); len(items) > 0 {
				g.Levels = append(g.Levels, ReqLevel{lv, items})
			}
		}
		groups = append(groups, g)
	}
	s.AddPage(&Page{
		Path: "requirements/", Title: "セキュリティ要件・要求事項", Template: "requirements", Nav: "requirements",
		Description: "★★・★★★サービスのセキュリティ要件（R）と構成要素ごとの要求事項（SR）全 87 項目の一覧。レベル・対象・関連ガイドラインとの対応で絞り込めます。",
		Data:        groups, Scripts: []string{"js/filters.js"},
	})
	reqs := s.M.Requirements
	for i, r := range reqs {
		p := &Page{
			Path: reqPath(r.ID), Title: r.ID + " " + r.Title, Template: "requirement", Nav: "requirements",
			Description: r.ID + " " + r.Title + ": " + firstRunes(strings.Join(strings.Fields(markdown.PlainText(r.Body)), " "), 100),
			Crumbs:      []Link{{"要件・要求事項", "requirements/"}},
			Data:        r,
		}
		if t := s.M.Target(r.Target); t != nil {
			p.Crumbs = append(p.Crumbs, Link{t.Name, targetPath(t.Code)})
		}
		if i > 0 {
			p.Prev = &Link{reqs[i-1].ID + " " + reqs[i-1].Title, reqPath(reqs[i-1].ID)}
		}
		if i+1 < len(reqs) {
			p.Next = &Link{reqs[i+1].ID + " " + reqs[i+1].Title, reqPath(reqs[i+1].ID)}
		}
		s.AddPage(p)
	}
	for _, col := range mappingColumns {
		list := CodeList{Column: col.Key, Name: col.Name, Title: col.Title, Source: s.M.ColumnSource(col.Key)}
		for _, code := range columnCodes(s.M, col.Key) {
			ci := codeIndex(s.M, col.Key, col.Name, code)
			list.Codes = append(list.Codes, ci)
			title, desc := code+" を参照する要件", col.Name+" "+code+" に対応する要件・要求事項の一覧。"
			if ci.UK != nil {
				title = code + " " + ci.UK.Title
				desc = "英国 Code of Practice for Consumer IoT Security の " + code + "「" + ci.UK.Title + "」（" + ci.UK.Ja + "）と、それに対応する要件・要求事項、後継の ETSI EN 303 645 " + ci.UK.ETSI.Provision + "。"
			}
			s.AddPage(&Page{
				Path: codePath(col.Key, code), Title: title, Template: "code", Nav: "requirements",
				Description: desc,
				Crumbs:      []Link{{"要件・要求事項", "requirements/"}, {col.Name + " 対応表", codesPath(col.Key)}},
				Data:        ci,
			})
		}
		s.AddPage(&Page{
			Path: codesPath(col.Key), Title: col.Name + " 対応表", Template: "codes", Nav: "requirements",
			Description: col.Title + " の各項目を参照する要件・要求事項の逆引き。",
			Crumbs:      []Link{{"要件・要求事項", "requirements/"}},
			Data:        list,
		})
	}
	return nil
}

// columnCodes lists the codes of a mapping column that get a page: every
// code a requirement cites and, for UK, all thirteen items of the Code of
// Practice (UK11 is cited by none).
func columnCodes(m *model.Model, column string) []string {
	codes := m.Codes(column)
	if column != "uk" {
		return codes
	}
	var out []string
	for _, it := range m.Related.UK {
		out = append(out, it.Code)
	}
	for _, c := range codes {
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

func codeIndex(m *model.Model, column, name, code string) CodeIndex {
	ci := CodeIndex{Column: column, Name: name, Code: code, Items: m.Citing(column, code)}
	for _, r := range ci.Items {
		for _, mc := range r.Mappings() {
			if mc.Key == column {
				ci.Marks = append(ci.Marks, mc.Mapping)
			}
		}
	}
	if column == "uk" {
		ci.UK = m.UKItem(code)
	} else {
		ci.Note = m.CodeNote(column, code)
	}
	add := func(src *model.RelatedSource) {
		if src != nil && !slices.Contains(ci.Sources, src) {
			ci.Sources = append(ci.Sources, src)
		}
	}
	add(m.ColumnSource(column))
	if ci.UK != nil {
		add(m.RelatedSource(model.SourceETSI))
		if ci.UK.PSTI != nil {
			add(m.RelatedSource(model.SourcePSTI))
		}
	}
	if ci.Note != nil {
		add(m.RelatedSource(ci.Note.Source))
	}
	return ci
}

// CodeGroup is the codes of one mapping column for the requirement list's
// code filter.
type CodeGroup struct {
	Name  string
	Codes []CodeOption
}

// CodeOption is a code with its label (UK items name their title).
type CodeOption struct{ Code, Label string }

// CodeOptions lists the codes the requirements cite, by column (for the
// requirement list's filter).
func (s *Site) CodeOptions() []CodeGroup {
	var out []CodeGroup
	for _, col := range mappingColumns {
		g := CodeGroup{Name: col.Name}
		for _, code := range s.M.Codes(col.Key) {
			label := code
			if it := s.M.UKItem(code); col.Key == "uk" && it != nil {
				label += " " + it.Title
			}
			g.Codes = append(g.Codes, CodeOption{code, label})
		}
		out = append(out, g)
	}
	return out
}

// MappingColumns lists the three mapping columns (for templates).
func (s *Site) MappingColumns() []struct{ Key, Name, Title string } { return mappingColumns }

// firstRunes is the first n characters of s.
func firstRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

func (requirementsArea) tables(s *Site) map[string]tableSource {
	m := s.M
	t := map[string]tableSource{
		"6-1": {"tbl-marks", m.Marks},
		"6-2": {"tbl-numbering", m.Numbering},
	}
	for _, tg := range m.Targets {
		if tg.Table != "" {
			t[tg.Table] = tableSource{"tbl-requirements", requirementTable(s, tg)}
		}
	}
	return t
}

// RequirementTable is 表6-3 to 表6-8 as printed: the printed header and a
// row per item, or per range of items the source prints as one row.
type RequirementTable struct {
	Target  *model.Target
	Columns []string
	Rows    []RequirementRow
	Marks   []*model.Mark // 表6-1, for the legend below the table
}

// RequirementRow is a printed row: one item, or a range (表6-5
// "SR2-PP-1 ～ SR2-PP-7") whose items share the row's text.
type RequirementRow struct {
	*model.Requirement                      // the first item
	Items              []*model.Requirement // every item of a range; one for a single item
}

// Range reports whether the row stands for several items.
func (r RequirementRow) Range() bool { return len(r.Items) > 1 }

// Last is the last item of the row.
func (r RequirementRow) Last() *model.Requirement { return r.Items[len(r.Items)-1] }

// requirementColumns is the number of columns of 表6-3 to 表6-8: No.,
// level, target, title, body, UK, SB327, CPSF.
const requirementColumns = 8

func requirementTable(s *Site, tg *model.Target) RequirementTable {
	rt := RequirementTable{Target: tg, Rows: requirementRows(s.M.RequirementsOf(tg.Code, 0)), Marks: s.M.Marks}
	c := s.M.Table(tg.Table)
	if c == nil {
		return rt
	}
	rt.Columns = c.Columns
	if len(rt.Columns) != requirementColumns {
		s.fail("表 %s: captions.yaml columns lists %d printed columns, the table has %d", tg.Table, len(rt.Columns), requirementColumns)
	}
	return rt
}

// requirementRows groups consecutive items that the source prints as one
// range row: items that are the same as others (sameAs), at one level,
// with the same text and mapping note.
func requirementRows(items []*model.Requirement) []RequirementRow {
	var rows []RequirementRow
	for i := 0; i < len(items); {
		j := i + 1
		first := items[i]
		for first.SameAs != "" && j < len(items) {
			r := items[j]
			if r.SameAs == "" || r.Level != first.Level || r.Body != first.Body || r.MappingNote != first.MappingNote {
				break
			}
			j++
		}
		rows = append(rows, RequirementRow{Requirement: first, Items: items[i:j]})
		i = j
	}
	return rows
}

func (requirementsArea) figures() map[string]figureFunc {
	return map[string]figureFunc{
		"requirements-map": func(s *Site, c *model.Caption) (template.HTML, error) {
			return s.partial("fig-requirements-map", requirementsMap(s.M)), nil
		},
	}
}

// RequirementsMap is 図2-2 drawn from the requirements: for each level, the
// service requirements and the requirements per target, with counts.
type RequirementsMap struct {
	Levels  []int
	Targets []*model.Target
	Cells   map[int][]MapCell // level → one cell per target
}

// MapCell is the requirements of one target at one level.
type MapCell struct {
	Target *model.Target
	Items  []*model.Requirement
}

func requirementsMap(m *model.Model) RequirementsMap {
	rm := RequirementsMap{Levels: []int{3, 2}, Targets: m.Targets, Cells: map[int][]MapCell{}}
	for _, lv := range rm.Levels {
		for _, t := range m.Targets {
			rm.Cells[lv] = append(rm.Cells[lv], MapCell{Target: t, Items: m.RequirementsOf(t.Code, lv)})
		}
	}
	return rm
}

// searchDocs: the requirements (表6-3 to 表6-8) with the codes they cite,
// and the pages of those codes.
func (requirementsArea) searchDocs(s *Site, add func(int, search.Doc)) {
	m := s.M
	// The target is the heading a requirement stands under; the mapping
	// note is context. Each cited code is named with its column.
	for _, r := range m.Requirements {
		var codes []search.Code
		for i, mp := range []*model.Mapping{r.UK, r.SB327, r.CPSF} {
			if mp != nil {
				for _, ref := range mp.Refs {
					codes = append(codes, search.Code{Scheme: mappingColumns[i].Name, Code: ref})
				}
			}
		}
		target := ""
		if t := m.Target(r.Target); t != nil {
			target = t.Name
		}
		add(rankRequirements, search.Doc{ID: "requirement/" + r.ID, Kind: search.KindRequirement, Label: r.ID, Title: r.Title,
			Heading: target, Body: markdown.PlainText(r.Body), Aside: r.MappingNote, URL: reqPath(r.ID), Codes: codes})
	}
	// The pages of the codes, found by their code before the requirements
	// citing it: what the code is (a UK item's published title, this
	// site's Japanese for it, its ETSI successor) and who cites it.
	for _, col := range mappingColumns {
		for _, code := range columnCodes(m, col.Key) {
			ci := codeIndex(m, col.Key, col.Name, code)
			title := code + " を参照する要件"
			var about []string
			if ci.UK != nil {
				title = code + " " + ci.UK.Title
				about = append(about, ci.UK.Ja)
				if ci.UK.ETSI != nil {
					about = append(about, "ETSI EN 303 645 "+ci.UK.ETSI.Provision+" "+ci.UK.ETSI.Title)
				}
			} else if ci.Note != nil {
				about = append(about, ci.Note.Ja)
			}
			var ids []string
			for _, r := range ci.Items {
				ids = append(ids, r.ID)
			}
			cites := code + " を参照している要件・要求事項: " + strings.Join(ids, "、")
			if len(ids) == 0 {
				cites = code + " を参照している要件・要求事項はありません。"
			}
			add(rankRequirements, search.Doc{ID: "code/" + col.Key + "/" + code, Kind: search.KindCode, Label: code,
				Title: title, Heading: col.Name + "（" + col.Title + "）",
				Body: lines(strings.Join(about, "\n"), cites), URL: codePath(col.Key, code)})
		}
	}
}
