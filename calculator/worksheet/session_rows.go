package worksheet

import (
	"strconv"
	"strings"

	"shguide/internal/store"
)

// live counts the sheet's rows that are not deleted.
func (s *Session) live(sh *Sheet) int {
	n := 0
	for i := range sh.Rows {
		if !sh.Rows[i].Deleted.V {
			n++
		}
	}
	return n
}

// liveRows returns the sheet's rows that are not deleted, in the user's
// order.
func (s *Session) liveRows(sh *Sheet) []*Record {
	ids := make([]string, 0, len(sh.Rows))
	byID := make(map[string]*Record, len(sh.Rows))
	for i := range sh.Rows {
		r := &sh.Rows[i]
		if !r.Deleted.V {
			ids = append(ids, r.ID)
			byID[r.ID] = r
		}
	}
	out := make([]*Record, 0, len(ids))
	for _, id := range store.Arrange(sh.Order.V, ids) {
		out = append(out, byID[id])
	}
	return out
}

func (s *Session) record(sh *Sheet, id string) *Record {
	for i := range sh.Rows {
		if sh.Rows[i].ID == id {
			return &sh.Rows[i]
		}
	}
	return nil
}

func (s *Session) newRecord(r Row, at store.Stamp) Record {
	return Record{
		ID:   store.NewID('r', s.clock.Now(), s.random()),
		Name: store.Field[string]{V: r.Name, At: at}, Vector: store.Field[string]{V: r.Vector, At: at},
		Note: store.Field[string]{V: r.Note, At: at},
	}
}

// insert adds records to the sheet after the row after ("" at the end).
func (s *Session) insert(sh *Sheet, after string, recs []Record, at store.Stamp) {
	sh.Rows = append(sh.Rows, recs...)
	store.SortByID(sh.Rows, recordID)
	ids := make([]string, len(recs))
	for i, r := range recs {
		ids[i] = r.ID
	}
	order := make([]string, 0, len(sh.Order.V)+len(recs))
	placed := false
	for _, id := range sh.Order.V {
		order = append(order, id)
		if id == after {
			order = append(order, ids...)
			placed = true
		}
	}
	if !placed {
		order = append(order, ids...)
	}
	sh.Order = store.Order{V: order, At: at}
}

// row finds a live row of the sheet shown.
func (s *Session) row(id string) (*Sheet, *Record, *Change) {
	sh := s.cur()
	if sh == nil {
		return nil, nil, &Change{Error: errNoSheet}
	}
	r := s.record(sh, id)
	if r == nil || r.Deleted.V {
		return nil, nil, &Change{Error: "その行はありません（別のタブで削除されたかもしれません）", View: s.View()}
	}
	return sh, r, nil
}

// DefaultVector is the vector of a new row: every impact none.
const DefaultVector = "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N/LP:N/II:N"

// SetField changes the name, vector or note of a row. A name becomes one
// line and may not be empty; a vector must be valid and is saved
// canonical. The answer carries the row, so that the page shows what was
// kept.
func (s *Session) SetField(id, field, value string) *Change {
	_, r, bad := s.row(id)
	if bad != nil {
		return bad
	}
	c := &Change{}
	switch field {
	case "name":
		v := cleanName(value)
		switch {
		case v == "":
			c.Error = "名前は空にできません。元の名前のままです。"
		case len([]rune(v)) > MaxNameRunes:
			c.Error = "名前が長すぎます（" + strconv.Itoa(MaxNameRunes) + " 文字まで）"
		default:
			store.Set(&r.Name, v, s.clock)
		}
	case "note":
		v := cleanNote(value)
		switch {
		case len([]rune(v)) > MaxNoteRunes:
			c.Error = "備考が長すぎます（" + strconv.Itoa(MaxNoteRunes) + " 文字まで）"
		default:
			store.Set(&r.Note, v, s.clock)
		}
	case "vector":
		canonical, note, msg := checkVector(value)
		c.Message = note
		switch {
		case msg != "":
			c.Error = msg
		case store.Set(&r.Vector, canonical, s.clock):
			if s.sort.Key != "" && s.sort.Key != "name" {
				s.sort = SortView{}
				c.View = s.View()
				c.Message = strings.TrimSpace(note + " ベクトルを変えたため、並べ替えを解除して元の順に戻しました。")
			}
		}
	default:
		return &Change{Error: "項目 " + field + " はありません"}
	}
	rv := s.rowView(r, s.position(r.ID))
	c.Row = &rv
	return s.changed(c)
}

// position is the row's 1-based place in the user's order of the sheet
// shown.
func (s *Session) position(id string) int {
	for i, r := range s.liveRows(s.cur()) {
		if r.ID == id {
			return i + 1
		}
	}
	return 0
}

func (s *Session) full(sh *Sheet, adding int) string {
	if s.live(sh)+adding > MaxRows {
		return "行数の上限（" + strconv.Itoa(MaxRows) + " 行）に達しています"
	}
	return ""
}

// AddRow adds a row at the end with DefaultVector.
func (s *Session) AddRow() *Change {
	sh := s.cur()
	if sh == nil {
		return &Change{Error: errNoSheet}
	}
	if msg := s.full(sh, 1); msg != "" {
		return &Change{Error: msg}
	}
	n := s.live(sh) + 1
	at := s.clock.Next()
	r := s.newRecord(Row{Name: "脅威 " + strconv.Itoa(n), Vector: DefaultVector}, at)
	s.insert(sh, "", []Record{r}, at)
	return s.changed(&Change{Focus: r.ID, Message: "行を追加しました（" + strconv.Itoa(n) + " 行目）"})
}

// DuplicateRow inserts a copy of a row after it.
func (s *Session) DuplicateRow(id string) *Change {
	sh, r, bad := s.row(id)
	if bad != nil {
		return bad
	}
	if msg := s.full(sh, 1); msg != "" {
		return &Change{Error: msg}
	}
	at := s.clock.Next()
	row := r.Row()
	name := r.Name.V
	row.Name = truncateRunes(row.Name+"（コピー）", MaxNameRunes)
	nr := s.newRecord(row, at)
	s.insert(sh, id, []Record{nr}, at)
	return s.changed(&Change{Focus: nr.ID, Message: "「" + name + "」を複製しました"})
}

func truncateRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n])
}

// DeleteRow deletes a row; it can be undone.
func (s *Session) DeleteRow(id string) *Change {
	sh, r, bad := s.row(id)
	if bad != nil {
		return bad
	}
	r.Deleted = store.Field[bool]{V: true, At: s.clock.Next()}
	sheet, name := sh.ID, r.Name.V
	token := s.undos.Offer("「"+name+"」を元に戻しました", func() { s.undelete(sheet, []string{id}) })
	return s.changed(&Change{Message: "「" + name + "」を削除しました", Undo: token})
}

// ClearRows deletes every row of the sheet shown; it can be undone.
func (s *Session) ClearRows() *Change {
	sh := s.cur()
	if sh == nil {
		return &Change{Error: errNoSheet}
	}
	rows := s.liveRows(sh)
	if len(rows) == 0 {
		return &Change{Message: "行がありません"}
	}
	at := s.clock.Next()
	ids := make([]string, len(rows))
	for i, r := range rows {
		r.Deleted = store.Field[bool]{V: true, At: at}
		ids[i] = r.ID
	}
	sheet := sh.ID
	s.sort = SortView{}
	token := s.undos.Offer("削除した "+strconv.Itoa(len(ids))+" 行を元に戻しました", func() { s.undelete(sheet, ids) })
	return s.changed(&Change{Message: "すべての行（" + strconv.Itoa(len(ids)) + " 行）を削除しました", Undo: token})
}

func (s *Session) undelete(sheet string, ids []string) {
	i := s.sheetIndex(sheet)
	if i < 0 {
		return
	}
	sh := &s.book.Sheets[i]
	at := s.clock.Next()
	for _, id := range ids {
		if r := s.record(sh, id); r != nil {
			r.Deleted = store.Field[bool]{V: false, At: at}
		}
	}
	if sh.Deleted.V {
		sh.Deleted = store.Field[bool]{V: false, At: at}
	}
	s.show(sheet)
}

// Undo undoes the action that returned token (once).
func (s *Session) Undo(token int) *Change {
	if done, ok := s.undos.Take(token); ok {
		return s.changed(&Change{Message: done})
	}
	return &Change{Error: "これ以上は元に戻せません"}
}

// changed completes the answer to an action: the whole view unless the
// action changed one row only, and the text to save.
func (s *Session) changed(c *Change) *Change {
	if c.View == nil && c.Row == nil && c.Error == "" {
		c.View = s.View()
	}
	if c.Error == "" {
		s.saveInto(c)
	}
	return c
}
