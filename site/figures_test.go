package site

import (
	"strings"
	"testing"

	"shguide/site/model"
)

// 図2-3 is drawn without marks, 図3-1 with; both through the figure hook.
func TestSystemModelFigures(t *testing.T) {
	s := &Site{M: loadReal(t), Base: "/", Opt: Options{Base: "/"}}
	if err := s.collect(); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		render string
		marks  int
		paths  int
	}{{"system-model", 0, 5}, {"system-model-ep", 10, 5}} {
		c := &model.Caption{ID: "x", Kind: "figure", Render: tc.render}
		h, err := s.figures[tc.render](s, c)
		if err != nil {
			t.Fatal(err)
		}
		// The first of the layouts.
		first, _, ok := strings.Cut(string(h), "</svg>")
		if !ok {
			t.Fatalf("%s: no svg", tc.render)
		}
		if got := strings.Count(first, `class="sm-ep-mark"`); got != tc.marks {
			t.Errorf("%s: %d marks, want %d", tc.render, got, tc.marks)
		}
		if got := strings.Count(first, `class="sm-path"`); got != tc.paths {
			t.Errorf("%s: %d paths, want %d", tc.render, got, tc.paths)
		}
	}
	if len(s.problems) > 0 {
		t.Errorf("problems: %v", s.problems)
	}
}
