package site

import "strings"

func init() {
	registerArea(area{name: "requirements", build: buildRequirements})
}

// ReqGroup is the requirements of one target, by level, for the index.
type ReqGroup struct {
	Target *Target
	Levels []ReqLevel
}

// ReqLevel is the requirements of one target at one level.
type ReqLevel struct {
	Level int
	Items []*Requirement
}

// CodeIndex is a reverse-index page: the requirements citing one code.
type CodeIndex struct {
	Column, Name, Code string
	Items              []*Requirement
}

// CodeList is the list of the codes of one mapping column.
type CodeList struct {
	Column, Name, Title string
	Codes               []CodeIndex
}

// mappingColumns names the three columns of 表6-3 to 表6-8.
var mappingColumns = []struct{ Key, Name, Title string }{
	{"uk", "UK", "英国 Code of Practice for Consumer IoT Security"},
	{"sb327", "SB327", "米国カリフォルニア州 SB-327"},
	{"cpsf", "CPSF", "サイバー・フィジカル・セキュリティ対策フレームワーク（CPSF）"},
}

func buildRequirements(s *Site) error {
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
			Description: r.ID + " " + r.Title + ": " + firstRunes(strings.Join(strings.Fields(plainText(r.Body)), " "), 100),
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
		list := CodeList{Column: col.Key, Name: col.Name, Title: col.Title}
		for _, code := range s.M.Codes(col.Key) {
			ci := CodeIndex{Column: col.Key, Name: col.Name, Code: code, Items: s.M.Citing(col.Key, code)}
			list.Codes = append(list.Codes, ci)
			s.AddPage(&Page{
				Path: codePath(col.Key, code), Title: code + " を参照する要件", Template: "code", Nav: "requirements",
				Description: col.Name + " " + code + " に対応する要件・要求事項の一覧。",
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

// MappingColumns lists the three mapping columns (for templates).
func (s *Site) MappingColumns() []struct{ Key, Name, Title string } { return mappingColumns }
