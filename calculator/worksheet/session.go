package worksheet

import (
	"strconv"
	"strings"

	"shguide/internal/jsontext"
	"shguide/internal/store"
)

// Session is the worksheets as one browser tab holds them: the saved book
// merged with the other tabs' changes, the sheet the tab shows, its sort
// (a view: the user's order is kept), the import awaiting confirmation
// and what can be undone. The page calls its methods for every user
// action and writes Change.Save to localStorage; it holds no logic of its
// own. A session whose saved text was unreadable saves nothing until the
// user has kept a copy of the text and chosen to start again (Reset).
type Session struct {
	clock  *store.Clock
	random func() uint64

	book  Book
	sheet string   // the sheet shown
	sort  SortView // this tab's sort of the rows

	stored  string            // the text last read from or written to StorageKey
	blocked *store.Unreadable // the saved text cannot be used: save nothing
	salvage Book              // what could be read of it

	pending *Import // the import awaiting confirmation
	undos   []undo
	undoSeq int
}

type undo struct {
	token int
	apply func()
	done  string // the message after undoing
}

// NewSession returns an empty session; clock stamps the edits and
// random returns random numbers (for ids).
func NewSession(clock *store.Clock, random func() uint64) *Session {
	return &Session{clock: clock, random: random}
}

// Change is the answer to a user action: what the page shows and saves.
type Change struct {
	Status     string            // Open: "new", "ok", "migrated" or "unreadable"
	Source     string            // Open, unreadable: which text, "stored" or "legacy"
	Unreadable *store.Unreadable // the saved text cannot be used (Open, Merge)
	Headline   string            // the Japanese headline of Unreadable
	Salvage    int               // the rows that could be read of it

	View    *View    // the whole view, after a change of more than one row
	Row     *RowView // the row edited
	Focus   string   // the row to focus (a new row)
	Save    string   // the text to write to StorageKey, when HasSave
	HasSave bool
	Message string // a Japanese status line
	Error   string // Japanese: the action was refused and nothing changed
	Undo    int    // a token for Undo, 0 when the action cannot be undone
}

// AppendJSON writes the change for the page.
func (c *Change) AppendJSON(b []byte) []byte {
	b = append(b, '{')
	if c.Status != "" {
		b = jsontext.AppendStringField(b, "status", c.Status)
	}
	if c.Unreadable != nil {
		b = jsontext.AppendStringField(b, "source", c.Source)
		b = c.Unreadable.AppendJSON(jsontext.AppendKey(b, "unreadable"))
		b = jsontext.AppendStringField(b, "headline", c.Headline)
		b = jsontext.AppendIntField(b, "salvage", c.Salvage)
	}
	if c.View != nil {
		b = c.View.AppendJSON(jsontext.AppendKey(b, "view"))
	}
	if c.Row != nil {
		b = c.Row.AppendJSON(jsontext.AppendKey(b, "row"))
	}
	if c.Focus != "" {
		b = jsontext.AppendStringField(b, "focus", c.Focus)
	}
	if c.HasSave {
		b = jsontext.AppendStringField(b, "save", c.Save)
	}
	if c.Message != "" {
		b = jsontext.AppendStringField(b, "message", c.Message)
	}
	if c.Error != "" {
		b = jsontext.AppendStringField(b, "error", c.Error)
	}
	if c.Undo != 0 {
		b = jsontext.AppendIntField(b, "undo", c.Undo)
	}
	return append(b, '}')
}

// --- storage -------------------------------------------------------------

// DefaultSheetName is the name of a new book's sheet.
const DefaultSheetName = "ワークシート 1"

// freshBook is the book of a browser that saved nothing: one sheet with a
// fixed id and no stamps, so that two tabs opened at once agree on it.
func freshBook() Book {
	return Book{Sheets: []Sheet{{ID: "w-1", Name: store.Field[string]{V: DefaultSheetName}}}}
}

// Open starts the session from the saved texts: stored is StorageKey's
// (hasStored false when there is none), legacy LegacyKey's, read only when
// there is no stored text. A legacy text is migrated and saved under
// StorageKey; it stays where it was.
func (s *Session) Open(stored string, hasStored bool, legacy string, hasLegacy bool) *Change {
	c := &Change{}
	switch {
	case hasStored:
		bk, u := DecodeBook(stored)
		if u != nil {
			return s.block(c, u, bk, "stored")
		}
		s.book, s.stored, c.Status = bk, stored, "ok"
	case hasLegacy:
		bk, u := DecodeBook(legacy)
		if u != nil {
			return s.block(c, u, bk, "legacy")
		}
		s.book, c.Status = bk, "migrated"
		c.Message = "以前の形式で保存されていたワークシート（" + strconv.Itoa(s.live(&bk.Sheets[0])) + " 行）を読み込みました"
	default:
		// Nothing to save until the user changes something.
		s.book, c.Status = freshBook(), "new"
		s.stored = string(s.book.AppendJSON(nil))
	}
	s.book.Stamps(s.clock.See)
	s.pickSheet(s.book.Current.V)
	c.View = s.View()
	s.saveInto(c)
	return c
}

func (s *Session) block(c *Change, u *store.Unreadable, salvage Book, source string) *Change {
	s.blocked, s.salvage = u, salvage
	c.Status, c.Source, c.Unreadable = "unreadable", source, u
	what := "保存されていたワークシート"
	if source == "legacy" {
		what = "以前の形式で保存されていたワークシート"
	}
	c.Headline = u.Japanese(what)
	for i := range salvage.Sheets {
		c.Salvage += s.live(&salvage.Sheets[i])
	}
	return c
}

// Reset ends the blocked state of an unreadable saved text once the page
// has kept a copy of it: the session starts with what could be read of it
// (keep) or afresh, and saves.
func (s *Session) Reset(keep bool) *Change {
	if s.blocked == nil {
		return &Change{Error: "保存データは読み込めています。"}
	}
	s.blocked = nil
	s.book = freshBook()
	if keep && len(s.salvage.Sheets) > 0 {
		s.book = s.salvage
	}
	s.salvage = Book{}
	s.book.Stamps(s.clock.See)
	s.stored = ""
	// Stamp everything anew, so that the new text wins over the old one in
	// every tab.
	s.touchAll()
	s.pickSheet(s.book.Current.V)
	c := &Change{Status: "ok", View: s.View()}
	if keep {
		c.Message = "読み込めた部分で始めました"
	} else {
		c.Message = "新しいワークシートで始めました"
	}
	s.saveInto(c)
	return c
}

func (s *Session) touchAll() {
	at := s.clock.Next()
	s.book.Current.At = at
	for i := range s.book.Sheets {
		sh := &s.book.Sheets[i]
		sh.Name.At, sh.Order.At, sh.Deleted.At = at, at, at
		for j := range sh.Rows {
			r := &sh.Rows[j]
			r.Name.At, r.Vector.At, r.Note.At, r.Deleted.At = at, at, at, at
		}
	}
}

// Merge takes in the saved text another tab wrote (the storage event):
// both tabs' edits are kept, field by field. When the merged book has
// something the text lacks, the change saves it back. A text that cannot
// be read blocks saving, so that this tab never overwrites it.
func (s *Session) Merge(text string) *Change {
	c := &Change{}
	bk, u := DecodeBook(text)
	if u != nil {
		if s.blocked == nil {
			c.Message = "別のタブで保存されたワークシートを読み込めないため、このタブでの変更は保存しません"
		}
		return s.block(c, u, bk, "stored")
	}
	if s.blocked != nil { // another tab saved a readable text: use it
		s.blocked, s.salvage = nil, Book{}
		s.book = bk
		c.Message = "別のタブで保存されたワークシートを読み込みました"
	} else {
		s.book = Merge(s.book, bk)
	}
	bk.Stamps(s.clock.See)
	s.stored = text
	if !s.pickSheet(s.sheet) {
		c.Message = "表示していたワークシートが別のタブで削除されました"
	}
	c.Status = "ok"
	c.View = s.View()
	s.saveInto(c)
	return c
}

// saveInto sets the change's Save to the book's text when it differs from
// the stored one.
func (s *Session) saveInto(c *Change) {
	if s.blocked != nil {
		return
	}
	s.book.Prune(s.clock.Now())
	text := string(s.book.AppendJSON(make([]byte, 0, 1024)))
	if text == s.stored {
		return
	}
	s.stored = text
	c.Save, c.HasSave = text, true
}

// --- sheets --------------------------------------------------------------

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
	case name == sh.Name.V:
		return &Change{}
	}
	sh.Name = store.Field[string]{V: name, At: s.clock.Next()}
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
	token := s.offerUndo("ワークシート「"+name+"」を元に戻しました", func() {
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

// --- rows ----------------------------------------------------------------

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
		case v != r.Name.V:
			r.Name = store.Field[string]{V: v, At: s.clock.Next()}
		}
	case "note":
		v := cleanNote(value)
		switch {
		case len([]rune(v)) > MaxNoteRunes:
			c.Error = "備考が長すぎます（" + strconv.Itoa(MaxNoteRunes) + " 文字まで）"
		case v != r.Note.V:
			r.Note = store.Field[string]{V: v, At: s.clock.Next()}
		}
	case "vector":
		canonical, note, msg := checkVector(value)
		c.Message = note
		switch {
		case msg != "":
			c.Error = msg
		case canonical != r.Vector.V:
			r.Vector = store.Field[string]{V: canonical, At: s.clock.Next()}
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
	token := s.offerUndo("「"+name+"」を元に戻しました", func() { s.undelete(sheet, []string{id}) })
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
	token := s.offerUndo("削除した "+strconv.Itoa(len(ids))+" 行を元に戻しました", func() { s.undelete(sheet, ids) })
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

// offerUndo records how to undo an action and returns its token.
func (s *Session) offerUndo(done string, apply func()) int {
	s.undoSeq++
	s.undos = append(s.undos, undo{token: s.undoSeq, apply: apply, done: done})
	if len(s.undos) > 20 {
		s.undos = s.undos[1:]
	}
	return s.undoSeq
}

// Undo undoes the action that returned token (once).
func (s *Session) Undo(token int) *Change {
	for i, u := range s.undos {
		if u.token == token {
			s.undos = append(s.undos[:i], s.undos[i+1:]...)
			u.apply()
			return s.changed(&Change{Message: u.done})
		}
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

// --- sorting -------------------------------------------------------------

// SortView is a tab's sort of the rows: Key "" (the user's order), "name",
// "base", "temporal", "environmental" or "cvss30"; Dir 1 ascending, -1
// descending.
type SortView struct {
	Key string
	Dir int
}

// Sort sorts the view by key: scores high to low first, names in
// kana order first; the same key again reverses. The user's order is kept
// and Unsort restores it.
func (s *Session) Sort(key string) *Change {
	switch key {
	case "name", "base", "temporal", "environmental", "cvss30":
	default:
		return &Change{Error: "その列では並べ替えられません"}
	}
	dir := -1
	if key == "name" {
		dir = 1
	}
	if s.sort.Key == key {
		dir = -s.sort.Dir
	}
	s.sort = SortView{key, dir}
	return &Change{View: s.View(), Message: sortLabels[key] + sortDirection(key, dir) + "に並べ替えて表示しています（保存されている順は変わりません）"}
}

var sortLabels = map[string]string{"name": "名前", "base": "基本値", "temporal": "現状値", "environmental": "環境値", "cvss30": "CVSS v3.0 基本値"}

func sortDirection(key string, dir int) string {
	switch {
	case key == "name" && dir > 0:
		return "の順"
	case key == "name":
		return "の逆順"
	case dir > 0:
		return "の低い順"
	}
	return "の高い順"
}

// Unsort shows the rows in the user's order again.
func (s *Session) Unsort() *Change {
	s.sort = SortView{}
	return &Change{View: s.View(), Message: "元の順に戻しました"}
}

// --- import and export ---------------------------------------------------

// ImportFile reads a file's text: JSON when the name ends in .json or the
// text starts with "[" or "{", CSV otherwise. The import waits for Accept.
func (s *Session) ImportFile(name, text string) *Import {
	t := strings.TrimLeft(strings.TrimPrefix(text, "\uFEFF"), " \t\r\n")
	if strings.HasSuffix(strings.ToLower(name), ".json") || strings.HasPrefix(t, "[") || strings.HasPrefix(t, "{") {
		return s.hold(ImportJSON(text))
	}
	return s.hold(ImportCSV(text))
}

// ImportPasted reads pasted text (ImportPaste); the import waits for Accept.
func (s *Session) ImportPasted(text string) *Import { return s.hold(ImportPaste(text)) }

// ImportTemplate reads the template id from the templates file (text:
// {"templates": [{"id", "title", "rows": […]}]}); the import waits for
// Accept.
func (s *Session) ImportTemplate(text, id string) *Import {
	v, err := jsontext.Parse(text)
	if err == nil && v.Kind == jsontext.Object {
		if list := v.Get("templates"); list != nil && list.Kind == jsontext.Array {
			for i := range list.Elems {
				t := &list.Elems[i]
				if idv := t.Get("id"); t.Kind == jsontext.Object && idv != nil && idv.Text == id {
					if rows := t.Get("rows"); rows != nil {
						return s.hold(importValue(&jsontext.Value{Kind: jsontext.Object, Members: []jsontext.Member{{Key: "rows", Value: *rows}}}))
					}
				}
			}
		}
	}
	im := &Import{Unit: unitItem, Rows: []Imported{}, Problems: []Problem{}}
	im.problem(0, "", "template", "表のデータを読み込めませんでした。ページを再読み込みしてください。")
	return s.hold(im)
}

func (s *Session) hold(im *Import) *Import {
	s.pending = im
	if len(im.Rows) == 0 {
		s.pending = nil
	}
	return im
}

// CancelImport drops the import awaiting confirmation.
func (s *Session) CancelImport() *Change {
	s.pending = nil
	return &Change{Message: "読み込みを取り消しました（ワークシートは変わっていません）"}
}

// Accept adds the good rows of the import awaiting confirmation to the
// sheet shown, or replaces its rows with them; it can be undone.
func (s *Session) Accept(replace bool) *Change {
	sh := s.cur()
	if sh == nil {
		return &Change{Error: errNoSheet}
	}
	if s.pending == nil {
		return &Change{Error: "確定する読み込みがありません"}
	}
	rows := s.pending.Rows
	if !replace {
		if msg := s.full(sh, len(rows)); msg != "" {
			return &Change{Error: "追加すると " + strconv.Itoa(MaxRows) + " 行を超えます。置き換えるか、行を減らしてください。"}
		}
	}
	s.pending = nil
	at := s.clock.Next()
	var old []string
	if replace {
		for _, r := range s.liveRows(sh) {
			r.Deleted = store.Field[bool]{V: true, At: at}
			old = append(old, r.ID)
		}
	}
	recs := make([]Record, len(rows))
	added := make([]string, len(rows))
	for i, r := range rows {
		recs[i] = s.newRecord(r.Row, at)
		added[i] = recs[i].ID
	}
	s.insert(sh, "", recs, at)
	s.sort = SortView{}
	sheet := sh.ID
	token := s.offerUndo("読み込む前に戻しました", func() {
		i := s.sheetIndex(sheet)
		if i < 0 {
			return
		}
		t := s.clock.Next()
		for _, id := range added {
			if r := s.record(&s.book.Sheets[i], id); r != nil {
				r.Deleted = store.Field[bool]{V: true, At: t}
			}
		}
		s.undelete(sheet, old)
	})
	msg := strconv.Itoa(len(rows)) + " 行を追加しました"
	if replace {
		msg = "ワークシートを " + strconv.Itoa(len(rows)) + " 行で置き換えました"
	}
	return s.changed(&Change{Message: msg, Undo: token})
}

// Rows returns the rows of the sheet shown in the user's order.
func (s *Session) Rows() []Row {
	sh := s.cur()
	if sh == nil {
		return nil
	}
	recs := s.liveRows(sh)
	out := make([]Row, len(recs))
	for i, r := range recs {
		out[i] = r.Row()
	}
	return out
}

// Export is an exported file: its text and a file name.
type Export struct {
	Text, File string
	Rows       int
}

// AppendJSON writes {"text","file","rows"}.
func (e Export) AppendJSON(b []byte) []byte {
	b = append(b, '{')
	b = jsontext.AppendStringField(b, "text", e.Text)
	b = jsontext.AppendStringField(b, "file", e.File)
	b = jsontext.AppendIntField(b, "rows", e.Rows)
	return append(b, '}')
}

// Export writes the sheet shown, in the user's order, as "csv" or "json";
// the file is named after the sheet and the day.
func (s *Session) Export(kind string) (Export, string) {
	rows := s.Rows()
	if len(rows) == 0 {
		return Export{}, "書き出す行がありません"
	}
	date := s.clock.Today("")
	stem := "risk-worksheet-" + FileStem(s.cur().Name.V) + "-" + date
	switch kind {
	case "csv":
		return Export{Text: string(AppendCSV(nil, rows)), File: stem + ".csv", Rows: len(rows)}, ""
	case "json":
		return Export{Text: string(AppendJSON(nil, rows)), File: stem + ".json", Rows: len(rows)}, ""
	}
	return Export{}, "形式 " + kind + " では書き出せません"
}

// FileStem makes a name usable in a file name: characters that file
// systems refuse, and spaces, become "_"; at most 60 characters.
func FileStem(name string) string {
	b := make([]rune, 0, len(name))
	for _, r := range name {
		if strings.ContainsRune("\\/:*?\"<>| \u3000\t", r) || r < 0x20 {
			r = '_'
		}
		b = append(b, r)
		if len(b) == 60 {
			break
		}
	}
	if len(b) == 0 {
		return "sheet"
	}
	return string(b)
}
