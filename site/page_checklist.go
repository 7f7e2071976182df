package site

import "shguide/site/model"

func init() { registerArea(checklistArea{}) }

// checklistArea is the certification self-check.
type checklistArea struct{}

func (checklistArea) name() string { return "checklist" }

// ChecklistPage is the data of the certification self-check page.
type ChecklistPage struct {
	Levels     []*model.Level  // the certifiable levels (★★, ★★★), highest last
	Components []*model.Target // SP, PP, H, D, A
	Groups     []*ChecklistGroup
	Statuses   []ChecklistStatus
	Total      int
}

// ChecklistStatus is a status a user gives an item. The codes are the
// stored and exported values; the labels are what people read (and what
// the CSV and the printed report show).
type ChecklistStatus struct{ Code, Label string }

var checklistStatuses = []ChecklistStatus{
	{"done", "対応済"}, {"partial", "一部対応"}, {"todo", "未対応"}, {"na", "対象外"},
}

func (checklistArea) build(s *Site) error {
	groups, err := ChecklistGroups(s.M)
	if err != nil {
		return err
	}
	d := ChecklistPage{Components: ComponentTargets(s.M), Groups: groups, Statuses: checklistStatuses, Total: len(s.M.Requirements)}
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
		Data:        d, Scripts: []string{"js/checklist.js"},
	})
	return nil
}
