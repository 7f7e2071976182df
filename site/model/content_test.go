package model

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"

	"shguide/calculator"
)

// contentDir is the real content tree, relative to this package.
const contentDir = "../../content"

// loadReal loads and validates content/ or fails the test with every problem.
func loadReal(t testing.TB) *Model {
	t.Helper()
	m, err := Load(os.DirFS(contentDir))
	if err != nil {
		t.Fatalf("content/ does not load:\n%v", err)
	}
	if err := Validate(m); err != nil {
		t.Fatalf("content/ does not validate:\n%v", err)
	}
	return m
}

// TestRealContentCounts asserts the sizes of the guideline and the scored rows
// of the six score tables as transcribed.
func TestRealContentCounts(t *testing.T) {
	m := loadReal(t)
	measures := 0
	for _, l := range m.Lifecycles {
		for _, p := range l.Phases {
			measures += len(p.Measures)
		}
	}
	rows := map[string]int{}
	for _, th := range m.Threats {
		for _, a := range th.Assessments {
			rows[a.Table]++
		}
	}
	for _, c := range []struct {
		what      string
		got, want int
	}{
		{"requirement IDs", len(m.Requirements), 87},
		{"lifecycle measures", measures, 54},
		{"entry points", len(m.EntryPoints), 10},
		{"lifecycles", len(m.Lifecycles), 2},
		{"service phases", len(m.Lifecycle("service").Phases), 5},
		{"house phases", len(m.Lifecycle("house").Phases), 6},
		{"references", len(m.References), 28},
		{"chapters", len(m.Chapters), 7},
		{"threat classes", len(m.Classes), 11},
		{"表3-12 rows", rows["3-12"], 10},
		{"表3-37 rows", rows["3-37"], 3},
		{"表3-38 rows", rows["3-38"], 47},
		{"表3-39 rows", rows["3-39"], 46},
		{"表3-40 rows", rows["3-40"], 47},
		{"表3-41 rows", rows["3-41"], 47},
	} {
		if c.got != c.want {
			t.Errorf("%s = %d, want %d", c.what, c.got, c.want)
		}
	}
	levels := map[string]int{}
	for _, r := range m.Requirements {
		levels[r.Target+"/"+string(rune('0'+r.Level))]++
	}
	if levels["service/2"] != 9 || levels["service/3"] != 8 {
		t.Errorf("R items per level = %v", levels)
	}
}

// TestRealContentMatchesPublishedTSV checks threats.yaml against the
// calculator's test table row for row: same threats in the same order per
// table, same vectors, same published values, and the same computed value
// where the published one is wrong.
func TestRealContentMatchesPublishedTSV(t *testing.T) {
	m := loadReal(t)
	f, err := os.Open("../../calculator/testdata/published.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	byTable := map[string][][]string{}
	sc := bufio.NewScanner(f)
	line := 0
	header := true
	for sc.Scan() {
		line++
		text := sc.Text()
		if strings.HasPrefix(text, "#") || strings.TrimSpace(text) == "" {
			continue
		}
		cols := strings.Split(text, "\t")
		if header {
			if !strings.HasPrefix(text, "table\tcase\trow\tthreat\tvector\tpublished\tcomputed") {
				t.Fatalf("published.tsv:%d: unexpected header %q", line, text)
			}
			header = false
			continue
		}
		if len(cols) < 7 {
			t.Fatalf("published.tsv:%d: %d columns", line, len(cols))
		}
		byTable[cols[0]] = append(byTable[cols[0]], append(cols, strconv.Itoa(line)))
	}
	for _, table := range []string{"3-12", "3-37", "3-38", "3-39", "3-40", "3-41"} {
		got := m.AssessmentsIn(table)
		want := byTable[table]
		if len(got) != len(want) {
			t.Errorf("表%s: threats.yaml has %d rows, published.tsv %d", table, len(got), len(want))
		}
		for i := 0; i < len(got) && i < len(want); i++ {
			a, w := got[i], want[i]
			at := "published.tsv:" + w[len(w)-1]
			if a.Threat.ID != w[3] || a.Case != w[1] {
				t.Errorf("%s: row %d is %s %s, threats.yaml has %s %s (%s)", at, i+1, w[3], w[1], a.Threat.ID, a.Case, a.Pos)
				continue
			}
			tv, err1 := calculator.Parse(a.Vector)
			wv, err2 := calculator.Parse(w[4])
			if err1 != nil || err2 != nil || tv != wv {
				t.Errorf("%s: vector %s, threats.yaml has %s (%s)", at, w[4], a.Vector, a.Pos)
			}
			if a.Published != w[5] {
				t.Errorf("%s: published %s, threats.yaml has %s (%s)", at, w[5], a.Published, a.Pos)
			}
			wantComputed := w[6]
			if wantComputed == "" {
				wantComputed = a.Published
			}
			p1, _ := calculator.ParseScore(wantComputed)
			p2, _ := calculator.ParseScore(a.Score.Value)
			if p1 != p2 {
				t.Errorf("%s: computed %s, the site computes %s (%s)", at, wantComputed, a.Score.Value, a.Pos)
			}
		}
	}
}
