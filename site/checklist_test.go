package site

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"shguide/checklist"
	"shguide/site/model"
)

// seq returns prefix1 … prefixN: seq("SR2-H-", 6).
func seq(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s%d", prefix, i+1)
	}
	return out
}

func reqIDs(rs []*model.Requirement) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
}

// The applicable sets over the real requirements.yaml, as 6.1 and 6.2 state
// them: 表6-3 R2-1…R2-9 / R3-1…R3-8, 表6-4 SR2-SP-1…7 / SR3-SP-1…13,
// 表6-5 SR2-PP-1…7 / SR3-PP-1…15, 表6-6 SR2-H-1…6 / SR3-H-1…9,
// 表6-7 SR2-D-1…5 / SR3-D-1…5, 表6-8 SR2-A-1…3.
func TestApplicableRealContent(t *testing.T) {
	m := loadReal(t)
	r2, r3 := seq("R2-", 9), seq("R3-", 8)
	sr2 := map[string][]string{"SP": seq("SR2-SP-", 7), "PP": seq("SR2-PP-", 7), "H": seq("SR2-H-", 6), "D": seq("SR2-D-", 5), "A": seq("SR2-A-", 3)}
	sr3 := map[string][]string{"SP": seq("SR3-SP-", 13), "PP": seq("SR3-PP-", 15), "H": seq("SR3-H-", 9), "D": seq("SR3-D-", 5)}
	cat := func(lists ...[]string) []string { return slices.Concat(lists...) }
	all := reqIDs(m.Requirements)
	tests := []struct {
		level   int
		targets []string
		want    []string
	}{
		{2, nil, r2},
		{2, []string{"H", "D"}, cat(r2, sr2["H"], sr2["D"])},
		{2, []string{"D", "H"}, cat(r2, sr2["H"], sr2["D"])}, // file order, not selection order
		{2, []string{"A"}, cat(r2, sr2["A"])},
		{2, []string{"SP", "PP", "H", "D", "A"}, cat(r2, sr2["SP"], sr2["PP"], sr2["H"], sr2["D"], sr2["A"])},
		{3, nil, cat(r2, r3)},
		{3, []string{"H", "D"}, cat(r2, r3, sr2["H"], sr3["H"], sr2["D"], sr3["D"])},
		{3, []string{"PP"}, cat(r2, r3, sr2["PP"], sr3["PP"])},
		// 6.2.5: the app has only ★★ items; a ★★★ service keeps them.
		{3, []string{"A"}, cat(r2, r3, sr2["A"])},
		{3, []string{"SP", "PP", "H", "D", "A"}, all},
		{3, []string{"H", "X", "service"}, cat(r2, r3, sr2["H"], sr3["H"])}, // unknown codes ignored
	}
	for _, tc := range tests {
		name := fmt.Sprintf("%d-%s", tc.level, strings.Join(tc.targets, "+"))
		t.Run(name, func(t *testing.T) {
			got := reqIDs(Applicable(m, tc.level, tc.targets))
			if !slices.Equal(got, tc.want) {
				t.Errorf("Applicable(★%d, %v)\n got %d %v\nwant %d %v", tc.level, tc.targets, len(got), got, len(tc.want), tc.want)
			}
		})
	}
	if len(all) != 87 {
		t.Errorf("requirements.yaml has %d items, the guideline 87", len(all))
	}
}

// subsets enumerates every combination of the five components.
func subsets(m *model.Model) [][]string {
	codes := []string{}
	for _, t := range ComponentTargets(m) {
		codes = append(codes, t.Code)
	}
	var out [][]string
	for mask := 0; mask < 1<<len(codes); mask++ {
		var s []string
		for i, c := range codes {
			if mask&(1<<i) != 0 {
				s = append(s, c)
			}
		}
		out = append(out, s)
	}
	return out
}

// The page's script shows an item when its level is in data-levels and its
// data-needs is empty or selected. That filter must reproduce Applicable
// for every level and every combination of components.
func TestChecklistAttributesMatchApplicable(t *testing.T) {
	m := loadReal(t)
	groups, err := ChecklistGroups(m)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, g := range groups {
		n += len(g.Items)
	}
	if n != len(m.Requirements) {
		t.Fatalf("groups hold %d items, requirements.yaml %d", n, len(m.Requirements))
	}
	combos := subsets(m)
	if len(combos) != 32 {
		t.Fatalf("%d component combinations, want 32 (SP, PP, H, D, A)", len(combos))
	}
	for _, level := range CheckLevels {
		for _, comps := range combos {
			var got []string
			for _, g := range groups {
				for _, it := range g.Items {
					if slices.Contains(it.Levels, level) && (it.Needs == "" || slices.Contains(comps, it.Needs)) {
						got = append(got, it.Req.ID)
					}
				}
			}
			want := reqIDs(Applicable(m, level, comps))
			if !slices.Equal(got, want) {
				t.Errorf("★%d %v: attribute filter %v, Applicable %v", level, comps, got, want)
			}
		}
	}
}

// Properties the guideline states: ★★★ contains every ★★ item (R3-1,
// SR3-*-1), and more components never remove an item.
func TestApplicableProperties(t *testing.T) {
	m := loadReal(t)
	for _, comps := range subsets(m) {
		two := reqIDs(Applicable(m, 2, comps))
		three := reqIDs(Applicable(m, 3, comps))
		for _, id := range two {
			if !slices.Contains(three, id) {
				t.Errorf("%v: %s applies at ★★ but not at ★★★", comps, id)
			}
		}
		for _, extra := range ComponentTargets(m) {
			if slices.Contains(comps, extra.Code) {
				continue
			}
			more := reqIDs(Applicable(m, 3, append(slices.Clone(comps), extra.Code)))
			for _, id := range three {
				if !slices.Contains(more, id) {
					t.Errorf("%v + %s: %s disappears", comps, extra.Code, id)
				}
			}
		}
	}
}

// The fallback rule adds exactly the app's ★★ items at ★★★: every other ★★
// item reaches ★★★ through an includes list. If the data gained SR3-A items
// (or lost an includes), this test says so.
func TestApplicableFallbackOnlyApp(t *testing.T) {
	m := loadReal(t)
	var added []string
	for _, tg := range m.Targets {
		added = append(added, reqIDs(applicableFallback(m, 3, tg.Code))...)
		if rs := applicableFallback(m, 2, tg.Code); len(rs) != 0 {
			t.Errorf("★★ fallback for %s: %v, want none", tg.Code, reqIDs(rs))
		}
	}
	if want := seq("SR2-A-", 3); !slices.Equal(added, want) {
		t.Errorf("★★★ fallback adds %v, want %v", added, want)
	}
	for _, id := range []string{"R3-1", "SR3-SP-1", "SR3-PP-1", "SR3-H-1", "SR3-D-1"} {
		r := m.Requirement(id)
		if r == nil {
			t.Fatalf("%s missing", id)
		}
		level2 := reqIDs(m.RequirementsOf(r.Target, 2))
		if !slices.Equal(r.Includes, level2) {
			t.Errorf("%s includes %v, want every ★★ item of %s %v", id, r.Includes, r.Target, level2)
		}
	}
}

func TestChecklistItemLevelsAttr(t *testing.T) {
	m := loadReal(t)
	groups, err := ChecklistGroups(m)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]struct{ levels, needs string }{
		"R2-1": {"2 3", ""}, "R3-8": {"3", ""}, "SR2-H-1": {"2 3", "H"},
		"SR3-PP-15": {"3", "PP"}, "SR2-A-3": {"2 3", "A"},
	}
	seen := 0
	for _, g := range groups {
		for _, it := range g.Items {
			if w, ok := want[it.Req.ID]; ok {
				seen++
				if it.LevelsAttr() != w.levels || it.Needs != w.needs {
					t.Errorf("%s: levels %q needs %q, want %q %q", it.Req.ID, it.LevelsAttr(), it.Needs, w.levels, w.needs)
				}
			}
		}
	}
	if seen != len(want) {
		t.Errorf("found %d of %d items", seen, len(want))
	}
}

func BenchmarkChecklistGroups(b *testing.B) {
	m := loadReal(b)
	for b.Loop() {
		if _, err := ChecklistGroups(m); err != nil {
			b.Fatal(err)
		}
	}
}

// The catalogue the page gives the browser reads back and applies exactly
// the items Applicable lists, for every level and combination of
// components.
func TestChecklistCatalogueMatchesApplicable(t *testing.T) {
	m := loadReal(t)
	groups, err := ChecklistGroups(m)
	if err != nil {
		t.Fatal(err)
	}
	cat, err := checklist.DecodeCatalogue(string(ChecklistCatalogue(m, groups).AppendJSON(nil)))
	if err != nil {
		t.Fatal(err)
	}
	if len(cat.Items) != len(m.Requirements) || len(cat.Components()) != 5 {
		t.Fatalf("catalogue has %d items and %d components", len(cat.Items), len(cat.Components()))
	}
	for _, level := range CheckLevels {
		for _, comps := range subsets(m) {
			var got []string
			for i := range cat.Items {
				if cat.Items[i].Applies(level, comps) {
					got = append(got, cat.Items[i].ID)
				}
			}
			if want := reqIDs(Applicable(m, level, comps)); !slices.Equal(got, want) {
				t.Errorf("★%d %v: catalogue %v, Applicable %v", level, comps, got, want)
			}
		}
	}
}
