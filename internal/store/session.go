package store

import "strconv"

// Undos holds the last actions a browser tool's session can undo, each
// under a token the page passes back. The zero value is empty.
type Undos struct {
	seq  int
	list []undo
}

type undo struct {
	token int
	apply func()
	done  string // the message after undoing
}

// maxUndos is how many actions stay undoable; older ones are forgotten.
const maxUndos = 20

// Offer records how to undo an action (apply) and the message to show
// once undone, and returns its token.
func (u *Undos) Offer(done string, apply func()) int {
	u.seq++
	u.list = append(u.list, undo{token: u.seq, apply: apply, done: done})
	if len(u.list) > maxUndos {
		u.list = u.list[1:]
	}
	return u.seq
}

// Take undoes the action of token, once, and returns its message; ok is
// false when there is no such action (undone already, or forgotten).
func (u *Undos) Take(token int) (done string, ok bool) {
	for i, x := range u.list {
		if x.token == token {
			u.list = append(u.list[:i], u.list[i+1:]...)
			x.apply()
			return x.done, true
		}
	}
	return "", false
}

// UniqueName returns name, or name (2), name (3), … when taken has it: the
// name for a new item of a named collection (worksheets, assessments).
func UniqueName(name string, taken map[string]bool) string {
	if !taken[name] {
		return name
	}
	for n := 2; ; n++ {
		c := name + " (" + strconv.Itoa(n) + ")"
		if !taken[c] {
			return c
		}
	}
}
