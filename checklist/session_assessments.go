package checklist

import (
	"strconv"

	"shguide/internal/store"
)

func (s *Session) index(id string) int {
	for i := range s.book.Assessments {
		if s.book.Assessments[i].ID == id {
			return i
		}
	}
	return -1
}

// cur is the assessment shown.
// It is not inlined: copies at its many callers would weigh more in the
// WebAssembly module than the calls.
//
//go:noinline
func (s *Session) cur() *Assessment {
	if i := s.index(s.current); i >= 0 {
		return &s.book.Assessments[i]
	}
	return nil
}

// pick shows the assessment id, or the first live one when it is gone
// (creating one when there is none), and reports whether id was shown.
func (s *Session) pick(id string) bool {
	if i := s.index(id); i >= 0 && !s.book.Assessments[i].Deleted.V {
		s.current = id
		return true
	}
	for i := range s.book.Assessments {
		if !s.book.Assessments[i].Deleted.V {
			s.current = s.book.Assessments[i].ID
			return false
		}
	}
	s.current = s.add(s.blank(s.uniqueName(DefaultName + " 1")))
	return false
}

func (s *Session) live() int {
	n := 0
	for i := range s.book.Assessments {
		if !s.book.Assessments[i].Deleted.V {
			n++
		}
	}
	return n
}

// blank is a new assessment: today, the lowest level, every component.
func (s *Session) blank(name string) Assessment {
	at := s.clock.Next()
	return Assessment{
		ID:      store.NewID('a', s.clock.Now(), s.random()),
		Name:    store.Field[string]{V: name, At: at},
		Service: store.Field[string]{At: at},
		Date:    store.Field[string]{V: s.today(), At: at},
		Level:   store.Field[int]{V: s.cat.Levels[0], At: at},
		Targets: store.Field[[]string]{V: s.allComponents(), At: at},
	}
}

func (s *Session) add(a Assessment) string {
	s.book.Assessments = append(s.book.Assessments, a)
	store.SortByID(s.book.Assessments, assessmentID)
	return a.ID
}

func (s *Session) uniqueName(name string) string {
	taken := map[string]bool{}
	for i := range s.book.Assessments {
		if !s.book.Assessments[i].Deleted.V {
			taken[s.book.Assessments[i].Name.V] = true
		}
	}
	return store.UniqueName(name, taken)
}

func (s *Session) show(id string) {
	s.current = id
	s.book.Current = store.Field[string]{V: id, At: s.clock.Next()}
}

const errNone = "評価がありません。ページを再読み込みしてください。"

func (s *Session) full() *Change {
	if s.live() >= MaxAssessments {
		return &Change{Error: "評価は " + strconv.Itoa(MaxAssessments) + " 件までです。使わないものを削除してください。"}
	}
	return nil
}

// New adds an assessment and shows it.
func (s *Session) New() *Change {
	if c := s.full(); c != nil {
		return s.changed(c)
	}
	a := s.blank(s.uniqueName(DefaultName + " " + strconv.Itoa(s.live()+1)))
	s.show(s.add(a))
	return s.changed(&Change{Message: "新しい評価「" + a.Name.V + "」を作りました。", Focus: "name"})
}

// Duplicate copies the assessment shown, with its records, and shows the
// copy.
func (s *Session) Duplicate() *Change {
	src := s.cur()
	if src == nil {
		return s.changed(&Change{Error: errNone})
	}
	if c := s.full(); c != nil {
		return s.changed(c)
	}
	from := src.Name.V
	a := s.blank(s.uniqueName(truncate(from+"（コピー）", MaxNameRunes)))
	at := a.Name.At
	a.Service.V, a.Date.V, a.Level.V = src.Service.V, src.Date.V, src.Level.V
	a.Targets.V = append([]string(nil), src.Targets.V...)
	for _, r := range src.Items {
		a.Items = append(a.Items, Record{ID: r.ID, Status: store.Field[string]{V: r.Status.V, At: at}, Note: store.Field[string]{V: r.Note.V, At: at}})
	}
	s.show(s.add(a))
	return s.changed(&Change{Message: "「" + from + "」を「" + a.Name.V + "」として複製しました。"})
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n])
}

// Delete deletes the assessment shown (it can be undone) and shows
// another, creating one when none is left.
func (s *Session) Delete() *Change {
	a := s.cur()
	if a == nil {
		return s.changed(&Change{Error: errNone})
	}
	id, name := a.ID, a.Name.V
	a.Deleted = store.Field[bool]{V: true, At: s.clock.Next()}
	s.pick("")
	s.book.Current = store.Field[string]{V: s.current, At: s.clock.Next()}
	token := s.undos.Offer("「"+name+"」を元に戻しました。", func() {
		if i := s.index(id); i >= 0 {
			s.book.Assessments[i].Deleted = store.Field[bool]{V: false, At: s.clock.Next()}
			s.show(id)
		}
	})
	return s.changed(&Change{Message: "「" + name + "」を削除しました。", Undo: token})
}

// Select shows another assessment.
func (s *Session) Select(id string) *Change {
	if i := s.index(id); i < 0 || s.book.Assessments[i].Deleted.V {
		return s.changed(&Change{Error: "その評価はありません（別のタブで削除されたかもしれません）。"})
	}
	s.show(id)
	return s.changed(&Change{Message: "「" + s.cur().Name.V + "」を表示しています。"})
}

// Undo undoes the action that returned token (once).
func (s *Session) Undo(token int) *Change {
	if done, ok := s.undos.Take(token); ok {
		return s.changed(&Change{Message: done})
	}
	return s.changed(&Change{Error: "これ以上は元に戻せません。"})
}
