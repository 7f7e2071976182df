package worksheet

import (
	"strconv"

	"shguide/internal/store"
)

func (s *Session) sheetIndex(id string) int {
	for i := range s.book.Sheets {
		if s.book.Sheets[i].ID == id {
			return i
		}
	}
	return -1
}

// cur is the sheet shown.
// It is not inlined: copies at its many callers would weigh more in the
// WebAssembly module than the calls.
//
//go:noinline
func (s *Session) cur() *Sheet {
	if i := s.sheetIndex(s.sheet); i >= 0 {
		return &s.book.Sheets[i]
	}
	return nil
}

// pickSheet shows the sheet id, or the first live sheet when it is gone
// (creating one when there is none), and reports whether id was shown.
func (s *Session) pickSheet(id string) bool {
	if i := s.sheetIndex(id); i >= 0 && !s.book.Sheets[i].Deleted.V {
		s.sheet = id
		return true
	}
	for i := range s.book.Sheets {
		if !s.book.Sheets[i].Deleted.V {
			s.sheet = s.book.Sheets[i].ID
			s.sort = SortView{}
			return false
		}
	}
	s.sheet = s.addSheet(DefaultSheetName)
	s.sort = SortView{}
	return false
}

func (s *Session) liveSheets() int {
	n := 0
	for i := range s.book.Sheets {
		if !s.book.Sheets[i].Deleted.V {
			n++
		}
	}
	return n
}

// addSheet adds an empty sheet and returns its id.
func (s *Session) addSheet(name string) string {
	at := s.clock.Next()
	id := store.NewID('w', s.clock.Now(), s.random())
	s.book.Sheets = append(s.book.Sheets, Sheet{ID: id, Name: store.Field[string]{V: name, At: at}, Order: store.Order{At: at}})
	store.SortByID(s.book.Sheets, sheetID)
	return id
}

// uniqueSheetName returns name, or name (2), name (3), … when a live sheet
// has it.
func (s *Session) uniqueSheetName(name string) string {
	taken := map[string]bool{}
	for i := range s.book.Sheets {
		if !s.book.Sheets[i].Deleted.V {
			taken[s.book.Sheets[i].Name.V] = true
		}
	}
	return store.UniqueName(name, taken)
}

func (s *Session) show(id string) {
	s.sheet = id
	s.sort = SortView{}
	s.book.Current = store.Field[string]{V: id, At: s.clock.Next()}
}

// NewSheet adds an empty sheet and shows it.
func (s *Session) NewSheet() *Change {
	if s.liveSheets() >= MaxSheets {
		return &Change{Error: "ワークシートは " + strconv.Itoa(MaxSheets) + " 枚までです。使わないものを削除してください。"}
	}
	name := s.uniqueSheetName("ワークシート " + strconv.Itoa(s.liveSheets()+1))
	s.show(s.addSheet(name))
	return s.changed(&Change{Message: "ワークシート「" + name + "」を作りました"})
}

// DuplicateSheet copies the sheet shown, rows and order, and shows the copy.
func (s *Session) DuplicateSheet() *Change {
	src := s.cur()
	if src == nil {
		return &Change{Error: errNoSheet}
	}
	if s.liveSheets() >= MaxSheets {
		return &Change{Error: "ワークシートは " + strconv.Itoa(MaxSheets) + " 枚までです。使わないものを削除してください。"}
	}
	srcName := src.Name.V
	name := s.uniqueSheetName(truncateRunes(srcName+"（コピー）", MaxSheetRunes))
	rows := s.liveRows(src) // records of src's own array, which addSheet leaves alone
	id := s.addSheet(name)
	dst := &s.book.Sheets[s.sheetIndex(id)]
	at := s.clock.Next()
	for _, r := range rows {
		nr := s.newRecord(r.Row(), at)
		dst.Rows = append(dst.Rows, nr)
		dst.Order.V = append(dst.Order.V, nr.ID)
	}
	dst.Order.At = at
	store.SortByID(dst.Rows, recordID)
	s.show(id)
	return s.changed(&Change{Message: "「" + srcName + "」を「" + name + "」として複製しました"})
}

const errNoSheet = "ワークシートがありません。ページを再読み込みしてください。"

// RenameSheet renames the sheet shown.
func (s *Session) RenameSheet(name string) *Change {
	sh := s.cur()
	if sh == nil {
		return &Change{Error: errNoSheet}
	}
	name = cleanName(name)
	switch {
	case name == "":
		return &Change{Error: "ワークシートの名前は空にできません", View: s.View()}
	case len([]rune(name)) > MaxSheetRunes:
		return &Change{Error: "ワークシートの名前が長すぎます（" + strconv.Itoa(MaxSheetRunes) + " 文字まで）", View: s.View()}
	case !store.Set(&sh.Name, name, s.clock):
		return &Change{}
	}
	return s.changed(&Change{})
}

// DeleteSheet deletes the sheet shown (it can be undone) and shows
// another, creating an empty one when none is left.
func (s *Session) DeleteSheet() *Change {
	sh := s.cur()
	if sh == nil {
		return &Change{Error: errNoSheet}
	}
	id, name := sh.ID, sh.Name.V
	sh.Deleted = store.Field[bool]{V: true, At: s.clock.Next()}
	s.pickSheet("")
	s.book.Current = store.Field[string]{V: s.sheet, At: s.clock.Next()}
	token := s.undos.Offer("ワークシート「"+name+"」を元に戻しました", func() {
		if i := s.sheetIndex(id); i >= 0 {
			s.book.Sheets[i].Deleted = store.Field[bool]{V: false, At: s.clock.Next()}
			s.show(id)
		}
	})
	return s.changed(&Change{Message: "ワークシート「" + name + "」を削除しました", Undo: token})
}

// SelectSheet shows another sheet.
func (s *Session) SelectSheet(id string) *Change {
	if i := s.sheetIndex(id); i < 0 || s.book.Sheets[i].Deleted.V {
		return &Change{Error: "そのワークシートはありません（別のタブで削除されたかもしれません）", View: s.View()}
	}
	s.show(id)
	return s.changed(&Change{Message: "「" + s.cur().Name.V + "」を表示しています"})
}
