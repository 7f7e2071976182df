package site

import (
	"os"
	"testing"

	"shguide/site/model"
)

// contentDir is the real content tree, relative to this package.
const contentDir = "../content"

// loadReal loads and validates content/ or fails the test with every problem.
func loadReal(t testing.TB) *model.Model {
	t.Helper()
	m, err := model.Load(os.DirFS(contentDir))
	if err != nil {
		t.Fatalf("content/ does not load:\n%v", err)
	}
	if err := model.Validate(m); err != nil {
		t.Fatalf("content/ does not validate:\n%v", err)
	}
	return m
}
