package site

import (
	"fmt"
	"strconv"
	"strings"

	"shguide/checklist"
	"shguide/site/model"
)

// Certification self-check (チェックリスト): which R and SR items of
// chapter 6 a service must meet, given its level and components.
//
// The rules, from the guideline's own data:
//
//   - R items (target "service", 表6-3) apply to every service; SR items
//     (表6-4 to 表6-8) apply when the service has that component.
//   - At a level, the items of that level apply, plus everything they
//     include: R3-1 (★★サービス要件への対応) includes R2-1…R2-9 and
//     SR3-SP-1, SR3-PP-1, SR3-H-1, SR3-D-1 include their target's ★★
//     items (the requirements.yaml "includes" lists).
//   - The smartphone app has no ★★★ items: 6.2.5 says "※現時点では、
//     該当要求事項は★★のみ", and R3-1 includes R2-2, which requires the
//     service's systems — the smartphone app named among them — to meet
//     the ★★ requirements. So at ★★★ a component without items of that
//     level keeps its items of the level below (SR2-A-1…3). This is the
//     only rule not carried by an "includes" list; applicableFallback
//     names it.

// CheckLevels are the certification levels the self-check offers.
var CheckLevels = []int{2, 3}

// Applicable lists the requirements a service of the given level (2 or 3)
// with the given components (target codes SP, PP, H, D, A) must meet, in
// the file's order. Unknown target codes are ignored.
func Applicable(m *model.Model, level int, targets []string) []*model.Requirement {
	has := map[string]bool{"service": true}
	for _, t := range targets {
		has[t] = true
	}
	in := map[*model.Requirement]bool{}
	var add func(r *model.Requirement)
	add = func(r *model.Requirement) {
		if r == nil || in[r] {
			return
		}
		in[r] = true
		for _, id := range r.Includes {
			add(m.Requirement(id))
		}
	}
	for _, r := range m.Requirements {
		if r.Level == level && has[r.Target] {
			add(r)
		}
	}
	for _, t := range m.Targets {
		if has[t.Code] {
			for _, r := range applicableFallback(m, level, t.Code) {
				add(r)
			}
		}
	}
	var out []*model.Requirement
	for _, r := range m.Requirements {
		if in[r] {
			out = append(out, r)
		}
	}
	return out
}

// applicableFallback is the 6.2.5 rule: a target with no items at the
// level keeps its items of the highest level below it.
func applicableFallback(m *model.Model, level int, target string) []*model.Requirement {
	if len(m.RequirementsOf(target, level)) > 0 {
		return nil
	}
	for l := level - 1; l >= 2; l-- {
		if rs := m.RequirementsOf(target, l); len(rs) > 0 {
			return rs
		}
	}
	return nil
}

// ChecklistGroup is one target's items on the checklist page.
type ChecklistGroup struct {
	Target *model.Target
	Items  []*ChecklistItem
}

// ChecklistItem is a requirement with where it applies. An item applies to
// a service of level L with components C exactly when L is in Levels and
// Needs is "" or in C (TestChecklistAttributesMatchApplicable proves this
// for every combination), so the page's script only filters on these two
// data attributes and holds none of the rules.
type ChecklistItem struct {
	Req    *model.Requirement
	Levels []int  // levels at which the item applies
	Needs  string // the component the service must have; "" for R items
}

// LevelsAttr is Levels as a data attribute value: "2 3".
func (it *ChecklistItem) LevelsAttr() string {
	parts := make([]string, len(it.Levels))
	for i, l := range it.Levels {
		parts[i] = strconv.Itoa(l)
	}
	return strings.Join(parts, " ")
}

// ChecklistGroups computes every requirement's applicability with
// Applicable itself and groups the items by target (表6-3 to 表6-8 order).
// An item that applies nowhere is an error: the page could never show it.
func ChecklistGroups(m *model.Model) ([]*ChecklistGroup, error) {
	var groups []*ChecklistGroup
	for _, t := range m.Targets {
		g := &ChecklistGroup{Target: t}
		var comp []string
		if t.Code != "service" {
			comp = []string{t.Code}
		}
		levelsOf := map[*model.Requirement][]int{}
		for _, l := range CheckLevels {
			for _, r := range Applicable(m, l, comp) {
				levelsOf[r] = append(levelsOf[r], l)
			}
		}
		for _, r := range m.RequirementsOf(t.Code, 0) {
			if len(levelsOf[r]) == 0 {
				return nil, fmt.Errorf("%s: %s applies at no level", r.Pos, r.ID)
			}
			it := &ChecklistItem{Req: r, Levels: levelsOf[r]}
			if t.Code != "service" {
				it.Needs = t.Code
			}
			g.Items = append(g.Items, it)
		}
		if len(g.Items) > 0 {
			groups = append(groups, g)
		}
	}
	return groups, nil
}

// ComponentTargets are the target codes a service may have, in 表6-2 order.
func ComponentTargets(m *model.Model) []*model.Target {
	var out []*model.Target
	for _, t := range m.Targets {
		if t.Code != "service" {
			out = append(out, t)
		}
	}
	return out
}

// ChecklistCatalogue is what the page gives the browser's checklist
// (package checklist): the levels, the groups and every item with where it
// applies, in page order.
func ChecklistCatalogue(m *model.Model, groups []*ChecklistGroup) *checklist.Catalogue {
	c := &checklist.Catalogue{Levels: CheckLevels}
	for _, g := range groups {
		c.Groups = append(c.Groups, checklist.Target{Code: g.Target.Code, Name: g.Target.Name})
		for _, it := range g.Items {
			c.Items = append(c.Items, checklist.Item{
				ID: it.Req.ID, Level: it.Req.Level, Group: g.Target.Code, Title: it.Req.Title,
				Levels: it.Levels, Needs: it.Needs,
			})
		}
	}
	return c
}
