package model

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Error is a content problem at a position.
type Error struct {
	Pos Pos
	Msg string
}

func (e Error) Error() string { return e.Pos.String() + ": " + e.Msg }

// Errors is every problem found, sorted by file, line and message.
type Errors []Error

func (es Errors) Error() string {
	var b strings.Builder
	for i, e := range es {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

func (es Errors) sort() {
	slices.SortStableFunc(es, func(a, b Error) int {
		return cmp.Or(cmp.Compare(a.Pos.File, b.Pos.File), cmp.Compare(a.Pos.Line, b.Pos.Line), cmp.Compare(a.Msg, b.Msg))
	})
}

// errs collects problems.
type errs struct{ list Errors }

func (e *errs) add(p Pos, format string, args ...any) {
	e.list = append(e.list, Error{Pos: Pos{File: p.File, Line: p.Line}, Msg: fmt.Sprintf(format, args...)})
}

func (e *errs) err() error {
	if len(e.list) == 0 {
		return nil
	}
	// Deduplicate: the same problem reached by two paths is reported once.
	e.list.sort()
	out := e.list[:0]
	for i, x := range e.list {
		if i > 0 && x.Error() == e.list[i-1].Error() {
			continue
		}
		out = append(out, x)
	}
	e.list = out
	return e.list
}
