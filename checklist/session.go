package checklist

import (
	"strconv"
	"strings"
	"unicode/utf8"

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

	undos   []undo
	undoSeq int
}

type undo struct {
	token int
	apply func()
	done  string
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
	token := s.offerUndo("「"+name+"」を元に戻しました。", func() {
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
	return s.changed(&Change{Error: "これ以上は元に戻せません。"})
}

// SetText sets the assessment's "name", "service" or "date". A name is one
// line and may not be empty; a date is YYYY-MM-DD or "".
func (s *Session) SetText(field, value string) *Change {
	a := s.cur()
	if a == nil {
		return s.changed(&Change{Error: errNone})
	}
	var f *store.Field[string]
	switch field {
	case "name":
		value = oneLine(value)
		if value == "" {
			return s.changed(&Change{Error: "評価の名前は空にできません。"})
		}
		if len([]rune(value)) > MaxNameRunes {
			return s.changed(&Change{Error: "評価の名前は " + strconv.Itoa(MaxNameRunes) + " 文字までです。"})
		}
		f = &a.Name
	case "service":
		value = oneLine(value)
		if len([]rune(value)) > MaxServiceRunes {
			return s.changed(&Change{Error: "サービス名は " + strconv.Itoa(MaxServiceRunes) + " 文字までです。"})
		}
		f = &a.Service
	case "date":
		if !validDate(value) {
			return s.changed(&Change{Error: "評価日は YYYY-MM-DD の形で入力してください。"})
		}
		f = &a.Date
	default:
		return s.changed(&Change{Error: "項目 " + field + " はありません。"})
	}
	if f.V != value {
		*f = store.Field[string]{V: value, At: s.clock.Next()}
	}
	return s.changed(&Change{})
}

// oneLine turns control characters into spaces and trims.
func oneLine(s string) string {
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, s))
}

// SetLevel sets the service's level.
func (s *Session) SetLevel(level int) *Change {
	a := s.cur()
	if a == nil {
		return s.changed(&Change{Error: errNone})
	}
	if !containsInt(s.cat.Levels, level) {
		return s.changed(&Change{Error: "レベル " + strconv.Itoa(level) + " はありません。"})
	}
	if a.Level.V != level {
		a.Level = store.Field[int]{V: level, At: s.clock.Next()}
	}
	return s.changed(&Change{})
}

// SetTargets sets the service's components.
func (s *Session) SetTargets(codes []string) *Change {
	a := s.cur()
	if a == nil {
		return s.changed(&Change{Error: errNone})
	}
	want := map[string]bool{}
	for _, c := range codes {
		if !s.cat.hasComponent(c) {
			return s.changed(&Change{Error: "構成要素 " + c + " はありません。"})
		}
		want[c] = true
	}
	out := []string{}
	for _, g := range s.cat.Components() {
		if want[g.Code] {
			out = append(out, g.Code)
		}
	}
	if store.CompareStrings(out, a.Targets.V) != 0 {
		a.Targets = store.Field[[]string]{V: out, At: s.clock.Next()}
	}
	return s.changed(&Change{})
}

// SetItem sets an item's "status" or "note".
func (s *Session) SetItem(id, field, value string) *Change {
	a := s.cur()
	if a == nil {
		return s.changed(&Change{Error: errNone})
	}
	if s.cat.Item(id) == nil {
		return s.changed(&Change{Error: "項目 " + id + " はありません。"})
	}
	var r *Record
	for i := range a.Items {
		if a.Items[i].ID == id {
			r = &a.Items[i]
		}
	}
	if r == nil {
		a.Items = append(a.Items, Record{ID: id})
		store.SortByID(a.Items, recordID)
		for i := range a.Items {
			if a.Items[i].ID == id {
				r = &a.Items[i]
			}
		}
	}
	var f *store.Field[string]
	switch field {
	case "status":
		if _, ok := statusLabel(value); !ok {
			return s.changed(&Change{Error: "状態 " + value + " はありません。"})
		}
		f = &r.Status
	case "note":
		value = cleanNote(value)
		if len([]rune(value)) > MaxNoteRunes {
			return s.changed(&Change{Error: "メモは " + strconv.Itoa(MaxNoteRunes) + " 文字までです。"})
		}
		f = &r.Note
	default:
		return s.changed(&Change{Error: "項目 " + field + " はありません。"})
	}
	if f.V != value {
		*f = store.Field[string]{V: value, At: s.clock.Next()}
	}
	return s.changed(&Change{})
}

// cleanNote keeps line breaks and tabs ("\r\n" and a lone "\r" become
// "\n"), drops other control characters and writes bytes that are not
// UTF-8 as U+FFFD. It does not trim: the note may be being typed.
func cleanNote(s string) string {
	var b []byte // nil while s needs no change
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		keep := r >= 0x20 && r != 0x7f && (r != utf8.RuneError || size > 1) || r == '\n' || r == '\t'
		if keep && b == nil {
			i += size
			continue
		}
		if b == nil {
			b = append(make([]byte, 0, len(s)), s[:i]...)
		}
		switch {
		case keep:
			b = append(b, s[i:i+size]...)
		case r == '\r':
			if i+1 >= len(s) || s[i+1] != '\n' { // else the "\n" follows
				b = append(b, '\n')
			}
		case r == utf8.RuneError: // a byte that is not UTF-8
			b = utf8.AppendRune(b, utf8.RuneError)
		}
		i += size
	}
	if b == nil {
		return s
	}
	return string(b)
}
