package store

import (
	"strconv"
	"testing"
)

func TestUndos(t *testing.T) {
	var u Undos
	undone := map[int]bool{}
	tokens := make([]int, maxUndos+2)
	for i := range tokens {
		tokens[i] = u.Offer("done "+strconv.Itoa(i), func() { undone[i] = true })
	}
	// The two oldest are forgotten.
	for _, i := range []int{0, 1} {
		if done, ok := u.Take(tokens[i]); ok {
			t.Errorf("action %d, past the last %d, was undone (%q)", i, maxUndos, done)
		}
	}
	done, ok := u.Take(tokens[5])
	if !ok || done != "done 5" || !undone[5] {
		t.Errorf("Take(action 5) = %q, %v; applied %v", done, ok, undone[5])
	}
	if _, ok := u.Take(tokens[5]); ok {
		t.Error("action 5 was undone twice")
	}
	if _, ok := u.Take(tokens[len(tokens)-1] + 1); ok {
		t.Error("a token never given was taken")
	}
	if len(undone) != 1 {
		t.Errorf("applied %v, want only action 5", undone)
	}
}

func TestUniqueName(t *testing.T) {
	tests := []struct {
		name  string
		taken []string
		want  string
	}{
		{"評価 1", nil, "評価 1"},
		{"評価 1", []string{"評価 1"}, "評価 1 (2)"},
		{"評価 1", []string{"評価 1", "評価 1 (2)", "評価 1 (3)"}, "評価 1 (4)"},
		{"評価 1", []string{"評価 1 (2)"}, "評価 1"},
	}
	for _, tt := range tests {
		taken := map[string]bool{}
		for _, n := range tt.taken {
			taken[n] = true
		}
		if got := UniqueName(tt.name, taken); got != tt.want {
			t.Errorf("UniqueName(%q, %q) = %q, want %q", tt.name, tt.taken, got, tt.want)
		}
	}
}
