package worksheet

import (
	"strconv"

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
	undos   store.Undos
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
