package checklist

import (
	"strconv"

	"shguide/internal/jsontext"
	"shguide/internal/store"
)

// Session is the assessments as one browser tab holds them: the saved
// book merged with the other tabs' changes, the assessment the tab shows
// and what can be undone. The page calls its methods for every user action
// and writes Change.Save to localStorage. A session whose saved text was
// unreadable saves nothing until the user has kept a copy of the text and
// chosen to start again (Reset).
type Session struct {
	cat    *Catalogue
	clock  *store.Clock
	random func() uint64

	book    Book
	current string // the assessment shown

	stored  string
	blocked *store.Unreadable
	salvage Book

	undos store.Undos
}

// NewSession returns an empty session over the catalogue; clock stamps
// the edits and random returns random numbers (for ids).
func NewSession(c *Catalogue, clock *store.Clock, random func() uint64) *Session {
	return &Session{cat: c, clock: clock, random: random}
}

// Change is the answer to a user action: what the page shows and saves.
type Change struct {
	Status     string            // Open: "new", "ok", "migrated" or "unreadable"
	Source     string            // unreadable: "stored" or "legacy"
	Unreadable *store.Unreadable // the saved text cannot be used
	Headline   string            // the Japanese headline of Unreadable
	Salvage    int               // the assessments that could be read of it

	View     *View
	Save     string
	HasSave  bool
	Message  string
	Error    string   // Japanese: the action was refused and nothing changed
	Problems []string // an import's problems, each naming its place
	Undo     int
	Focus    string // "name": the page focuses the name field (a new assessment)
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
	if c.HasSave {
		b = jsontext.AppendStringField(b, "save", c.Save)
	}
	if c.Message != "" {
		b = jsontext.AppendStringField(b, "message", c.Message)
	}
	if c.Error != "" {
		b = jsontext.AppendStringField(b, "error", c.Error)
	}
	if len(c.Problems) > 0 {
		b = jsontext.AppendKey(b, "problems")
		b = store.AppendStrings(b, c.Problems)
	}
	if c.Undo != 0 {
		b = jsontext.AppendIntField(b, "undo", c.Undo)
	}
	if c.Focus != "" {
		b = jsontext.AppendStringField(b, "focus", c.Focus)
	}
	return append(b, '}')
}

// DefaultName is the name of a new assessment, numbered: 評価 1, 評価 2, …
const DefaultName = "評価"

// today is the date of the clock's time in the browser's time zone.
func (s *Session) today() string {
	return s.clock.Today("-")
}

// fresh returns the assessment of a browser that saved nothing: a fixed
// id and no stamps, so that two tabs opened at once agree on it.
func (s *Session) fresh() Book {
	a := Assessment{ID: "a-1"}
	a.Name.V = DefaultName + " 1"
	a.Date.V = s.today()
	a.Level.V = s.cat.Levels[0]
	a.Targets.V = s.allComponents()
	return Book{Assessments: []Assessment{a}}
}

func (s *Session) allComponents() []string {
	out := []string{}
	for _, g := range s.cat.Components() {
		out = append(out, g.Code)
	}
	return out
}

// Open starts the session from the saved texts: stored is StorageKey's
// (hasStored false when there is none), legacy LegacyKey's, read only when
// there is no stored text; a legacy text is migrated and saved under
// StorageKey, and stays where it was.
func (s *Session) Open(stored string, hasStored bool, legacy string, hasLegacy bool) *Change {
	c := &Change{}
	switch {
	case hasStored:
		bk, u := DecodeBook(s.cat, stored)
		if u != nil {
			return s.block(c, u, bk, "stored")
		}
		s.book, s.stored, c.Status = bk, stored, "ok"
	case hasLegacy:
		bk, u := DecodeBook(s.cat, legacy)
		if u != nil {
			return s.block(c, u, bk, "legacy")
		}
		s.book, c.Status = bk, "migrated"
		c.Message = "以前の形式で保存されていた評価（" + strconv.Itoa(len(bk.Assessments)) + " 件）を読み込みました"
	default:
		// Nothing to save until the user changes something.
		s.book, c.Status = s.fresh(), "new"
		s.pick(s.book.Current.V)
		s.stored = string(s.book.AppendJSON(nil))
	}
	s.book.Stamps(s.clock.See)
	s.pick(s.book.Current.V)
	return s.changed(c)
}

func (s *Session) block(c *Change, u *store.Unreadable, salvage Book, source string) *Change {
	s.blocked, s.salvage = u, salvage
	c.Status, c.Source, c.Unreadable = "unreadable", source, u
	what := "保存されていたチェックリストの記録"
	if source == "legacy" {
		what = "以前の形式で保存されていたチェックリストの記録"
	}
	c.Headline = u.Japanese(what)
	for _, a := range salvage.Assessments {
		if !a.Deleted.V {
			c.Salvage++
		}
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
	s.book = s.fresh()
	if keep && len(s.salvage.Assessments) > 0 {
		s.book = s.salvage
	}
	s.salvage = Book{}
	s.book.Stamps(s.clock.See)
	s.stored = ""
	at := s.clock.Next()
	s.book.Current.At = at
	for i := range s.book.Assessments {
		a := &s.book.Assessments[i]
		a.Name.At, a.Service.At, a.Date.At, a.Level.At, a.Targets.At, a.Deleted.At = at, at, at, at, at, at
		for j := range a.Items {
			a.Items[j].Status.At, a.Items[j].Note.At = at, at
		}
	}
	s.pick(s.book.Current.V)
	c := &Change{Status: "ok", Message: "新しい記録で始めました"}
	if keep {
		c.Message = "読み込めた部分で始めました"
	}
	return s.changed(c)
}

// Merge takes in the saved text another tab wrote: both tabs' edits are
// kept, item by item and field by field; when the merged book has
// something the text lacks, the change saves it back. A text that cannot
// be read blocks saving.
func (s *Session) Merge(text string) *Change {
	c := &Change{}
	bk, u := DecodeBook(s.cat, text)
	if u != nil {
		if s.blocked == nil {
			c.Message = "別のタブで保存された記録を読み込めないため、このタブでの変更は保存しません"
		}
		return s.block(c, u, bk, "stored")
	}
	if s.blocked != nil {
		s.blocked, s.salvage = nil, Book{}
		s.book = bk
		c.Message = "別のタブで保存された記録を読み込みました"
	} else {
		s.book = Merge(s.book, bk)
	}
	bk.Stamps(s.clock.See)
	s.stored = text
	if !s.pick(s.current) {
		c.Message = "表示していた評価が別のタブで削除されました"
	}
	c.Status = "ok"
	return s.changed(c)
}

// changed completes an answer: the view, and the text to save unless the
// action was refused or saving is blocked.
func (s *Session) changed(c *Change) *Change {
	c.View = s.View()
	if c.Error != "" || s.blocked != nil {
		return c
	}
	s.book.Prune(s.clock.Now())
	text := string(s.book.AppendJSON(make([]byte, 0, 4096)))
	if text != s.stored {
		s.stored = text
		c.Save, c.HasSave = text, true
	}
	return c
}
