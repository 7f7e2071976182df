package site

import (
	"html/template"
	"strings"

	"shguide/checklist"
	"shguide/site/model"
)

func init() { registerArea(checklistArea{}) }

// checklistArea is the certification self-check.
type checklistArea struct{}

func (checklistArea) name() string { return "checklist" }

// ChecklistPage is the data of the certification self-check page.
type ChecklistPage struct {
	Levels     []*model.Level  // the certifiable levels (★★, ★★★), highest last
	Components []*model.Target // SP, PP, H, D, A
	Groups     []*ChecklistGroup
	Statuses   []checklist.Status
	Total      int
	// Catalogue is the JSON the browser's checklist reads (package
	// checklist), safe inside a <script type="application/json">.
	Catalogue template.JS
	// StorageKey and LegacyKey are the localStorage keys of the records.
	StorageKey, LegacyKey string
}

func (checklistArea) build(s *Site) error {
	groups, err := ChecklistGroups(s.M)
	if err != nil {
		return err
	}
	// "<" only occurs inside JSON strings, where \u003c means the same and
	// cannot end the script element.
	cat := strings.ReplaceAll(string(ChecklistCatalogue(s.M, groups).AppendJSON(nil)), "<", `\u003c`)
	d := ChecklistPage{Components: ComponentTargets(s.M), Groups: groups, Statuses: checklist.Statuses, Total: len(s.M.Requirements),
		Catalogue: template.JS(cat), StorageKey: checklist.StorageKey, LegacyKey: checklist.LegacyKey}
	for _, l := range CheckLevels {
		for _, lv := range s.M.Levels {
			if lv.Stars == l {
				d.Levels = append(d.Levels, lv)
			}
		}
	}
	s.AddNav(NavItem{Key: "checklist", Title: "チェックリスト", Path: "checklist/", Order: 25})
	s.AddPage(&Page{
		Path: "checklist/", Title: "認証セルフチェック", Template: "checklist", Nav: "checklist",
		Description: "サービスのレベル（★★・★★★）と構成要素を選ぶと、満たすべきセキュリティ要件・要求事項の一覧になります。項目ごとに対応状況と根拠を記録し、JSON・CSV・印刷で書き出せます（記録はブラウザ内だけに保存）。",
		Data:        d, Scripts: []string{"js/checklist.js"}, Tools: true,
		Preload: s.toolsPreload(),
	})
	return nil
}
