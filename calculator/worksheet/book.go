package worksheet

import (
	"strconv"
	"strings"

	"shguide/calculator"
	"shguide/internal/jsontext"
	"shguide/internal/store"
)

// The saved worksheets (package store's design), in localStorage under
// StorageKey:
//
//	{"format": "shguide-worksheets", "version": 2,
//	 "current": "w…", "at": {"current": STAMP},
//	 "sheets": [{"id": "w…", "name": "ワークシート 1", "order": ["r…", …],
//	             "deleted": false, "at": {"name", "order", "deleted"},
//	             "rows": [{"id": "r…", "name", "vector", "note", "deleted",
//	                       "at": {"name", "vector", "note", "deleted"}}]}]}
//
// Sheets and rows are sorted by id; "order" is the user's order of the
// rows; a deleted sheet or row stays (deleted: true) so that the deletion
// wins over older edits in other tabs and can be undone, and is dropped
// after TombstoneDays. Vectors are canonical. Version 1 is the single
// worksheet of LegacyKey, {"format": "shguide-worksheet", "version": 1,
// "rows": [{"name", "vector", "note"}]}, read as one sheet with fixed ids
// and stamps, so that tabs migrating it at the same time agree.
const (
	StorageKey    = "shguide.worksheets"
	LegacyKey     = "shguide.worksheet.v1"
	StoreFormat   = "shguide-worksheets"
	StoreVersion  = 2
	MaxSheets     = 50
	MaxSheetRunes = 100
	TombstoneDays = 30
	// maxRecords bounds the rows of a saved sheet, deleted ones included.
	maxRecords = 4 * MaxRows
)

// Book is the saved worksheets.
type Book struct {
	Current store.Field[string] // the sheet a new tab shows
	Sheets  []Sheet             // sorted by id
}

// Sheet is one named worksheet.
type Sheet struct {
	ID      string
	Name    store.Field[string]
	Order   store.Order
	Deleted store.Field[bool]
	Rows    []Record // sorted by id
}

// Record is a saved row.
type Record struct {
	ID                 string
	Name, Vector, Note store.Field[string]
	Deleted            store.Field[bool]
}

// Row is the record's content.
func (r *Record) Row() Row { return Row{Name: r.Name.V, Vector: r.Vector.V, Note: r.Note.V} }

// The fields with stamps, as "at" names them.
var (
	currentStamp = []string{"current"}
	sheetStamps  = []string{"name", "order", "deleted"}
	rowStamps    = []string{"name", "vector", "note", "deleted"}
)

func sheetID(s *Sheet) string   { return s.ID }
func recordID(r *Record) string { return r.ID }

// Merge merges two copies of the saved worksheets (see package store).
func Merge(a, b Book) Book {
	return Book{
		Current: store.Later(a.Current, b.Current, strings.Compare),
		Sheets:  store.MergeByID(a.Sheets, b.Sheets, sheetID, mergeSheet),
	}
}

func mergeSheet(a, b Sheet) Sheet {
	return Sheet{
		ID:      a.ID,
		Name:    store.Later(a.Name, b.Name, strings.Compare),
		Order:   store.MergeOrder(a.Order, b.Order),
		Deleted: store.Later(a.Deleted, b.Deleted, store.CompareBool),
		Rows:    store.MergeByID(a.Rows, b.Rows, recordID, mergeRecord),
	}
}

func mergeRecord(a, b Record) Record {
	return Record{
		ID:      a.ID,
		Name:    store.Later(a.Name, b.Name, strings.Compare),
		Vector:  store.Later(a.Vector, b.Vector, strings.Compare),
		Note:    store.Later(a.Note, b.Note, strings.Compare),
		Deleted: store.Later(a.Deleted, b.Deleted, store.CompareBool),
	}
}

// Prune drops sheets and rows deleted more than TombstoneDays before now
// (milliseconds), and their ids from the orders.
func (bk *Book) Prune(now int64) {
	cutoff := store.Stamp(now - TombstoneDays*24*3600*1000)
	gone := func(d store.Field[bool]) bool { return d.V && d.At < cutoff }
	sheets := bk.Sheets[:0]
	for _, s := range bk.Sheets {
		if gone(s.Deleted) {
			continue
		}
		rows := s.Rows[:0]
		dropped := map[string]bool{}
		for _, r := range s.Rows {
			if gone(r.Deleted) {
				dropped[r.ID] = true
				continue
			}
			rows = append(rows, r)
		}
		s.Rows = rows
		if len(dropped) > 0 {
			order := make([]string, 0, len(s.Order.V))
			for _, id := range s.Order.V {
				if !dropped[id] {
					order = append(order, id)
				}
			}
			s.Order.V = order
		}
		sheets = append(sheets, s)
	}
	bk.Sheets = sheets
}

// Stamps calls f with every stamp of the book (for the clock).
func (bk *Book) Stamps(f func(store.Stamp)) {
	f(bk.Current.At)
	for _, s := range bk.Sheets {
		f(s.Name.At)
		f(s.Order.At)
		f(s.Deleted.At)
		for _, r := range s.Rows {
			f(r.Name.At)
			f(r.Vector.At)
			f(r.Note.At)
			f(r.Deleted.At)
		}
	}
}

// AppendJSON appends the book as its saved text; the text is canonical:
// equal books give equal texts.
func (bk *Book) AppendJSON(b []byte) []byte {
	b = append(b, `{"format":"`+StoreFormat+`","version":`+strconv.Itoa(StoreVersion)...)
	b = jsontext.AppendStringField(b, "current", bk.Current.V)
	b = store.AppendStamps(b, currentStamp, bk.Current.At)
	b = append(b, `,"sheets":[`...)
	for i := range bk.Sheets {
		s := &bk.Sheets[i]
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, "\n{"...)
		b = jsontext.AppendStringField(b, "id", s.ID)
		b = jsontext.AppendStringField(b, "name", s.Name.V)
		b = jsontext.AppendKey(b, "order")
		b = store.AppendStrings(b, s.Order.V)
		if s.Deleted.At != 0 {
			b = jsontext.AppendBoolField(b, "deleted", s.Deleted.V)
		}
		b = store.AppendStamps(b, sheetStamps, s.Name.At, s.Order.At, s.Deleted.At)
		b = append(b, `,"rows":[`...)
		for j := range s.Rows {
			r := &s.Rows[j]
			if j > 0 {
				b = append(b, ',')
			}
			b = append(b, "\n{"...)
			b = jsontext.AppendStringField(b, "id", r.ID)
			b = jsontext.AppendStringField(b, "name", r.Name.V)
			b = jsontext.AppendStringField(b, "vector", r.Vector.V)
			b = jsontext.AppendStringField(b, "note", r.Note.V)
			if r.Deleted.At != 0 {
				b = jsontext.AppendBoolField(b, "deleted", r.Deleted.V)
			}
			b = store.AppendStamps(b, rowStamps, r.Name.At, r.Vector.At, r.Note.At, r.Deleted.At)
			b = append(b, '}')
		}
		b = append(b, "]}"...)
	}
	return append(b, "\n]}"...)
}

// DecodeBook reads the saved worksheets: the text of StorageKey (version
// 2) or of LegacyKey (version 1). The book holds what could be read; the
// Unreadable, when not nil, says why the text cannot be used as it is
// (and the book is then only what the user may choose to keep).
func DecodeBook(text string) (Book, *store.Unreadable) {
	root, version, u := store.Open(text, StoreFormat, StoreVersion, JSONFormat)
	if u != nil {
		return Book{}, u
	}
	if f := root.Get("format"); version == 1 && f.Text != JSONFormat {
		return Book{}, &store.Unreadable{Kind: store.Invalid, Problems: []store.Problem{{Path: "version", Kind: "version", Message: "version: 1 という版はありません"}}}
	}
	d := &store.Decoder{Strict: version == StoreVersion}
	doc, _ := d.Object(&root, store.Path{})
	var bk Book
	if version == 1 {
		bk = decodeV1(d, doc)
	} else {
		bk = decodeV2(d, doc)
	}
	return bk, d.Invalid()
}

func decodeV2(d *store.Decoder, doc store.Obj) Book {
	var bk Book
	bk.Current.V = doc.String("current", false, 40)
	at := doc.Stamps(currentStamp...)
	bk.Current.At = at[0]
	sheets := doc.Array("sheets", true, MaxSheets*2)
	doc.Known("format", "version", "current", "at", "sheets")
	seen := map[string]bool{}
	for i := range sheets {
		p := store.Path{}.Key("sheets").Index(i, "")
		o, ok := d.Object(&sheets[i], p)
		if !ok {
			continue
		}
		bad := d.Count()
		s := Sheet{ID: o.String("id", true, 40)}
		if s.ID != "" && !store.ValidID(s.ID) {
			d.Add(p.Key("id"), "value", "id に使えない文字があります")
		} else if seen[s.ID] {
			d.Add(p.Key("id"), "duplicate", "id "+s.ID+" が重複しています")
		}
		seen[s.ID] = true
		s.Name.V = o.String("name", true, MaxSheetRunes)
		s.Order.V = store.Unique(o.Strings("order", false, maxRecords))
		s.Deleted.V = o.Bool("deleted")
		st := o.Stamps(sheetStamps...)
		s.Name.At, s.Order.At, s.Deleted.At = st[0], st[1], st[2]
		rows := o.Array("rows", true, maxRecords)
		o.Known("id", "name", "order", "deleted", "at", "rows")
		sheetOK := d.Count() == bad // a bad row alone leaves the sheet's other rows readable
		ids := map[string]bool{}
		for j := range rows {
			if r, ok := decodeRecord(d, &rows[j], p.Key("rows").Index(j, "")); ok {
				if ids[r.ID] {
					d.Add(p.Key("rows").Index(j, ""), "duplicate", "id "+r.ID+" が重複しています")
					continue
				}
				ids[r.ID] = true
				s.Rows = append(s.Rows, r)
			}
		}
		if !sheetOK {
			continue
		}
		store.SortByID(s.Rows, recordID)
		bk.Sheets = append(bk.Sheets, s)
	}
	store.SortByID(bk.Sheets, sheetID)
	return bk
}

func decodeRecord(d *store.Decoder, v *jsontext.Value, p store.Path) (Record, bool) {
	o, ok := d.Object(v, p)
	if !ok {
		return Record{}, false
	}
	bad := d.Count()
	r := Record{ID: o.String("id", true, 40)}
	if r.ID != "" && !store.ValidID(r.ID) {
		d.Add(p.Key("id"), "value", "id に使えない文字があります")
	}
	r.Name.V = o.String("name", true, MaxNameRunes)
	r.Vector.V = o.String("vector", true, 0)
	r.Note.V = o.String("note", false, MaxNoteRunes)
	r.Deleted.V = o.Bool("deleted")
	st := o.Stamps(rowStamps...)
	r.Name.At, r.Vector.At, r.Note.At, r.Deleted.At = st[0], st[1], st[2], st[3]
	o.Known("id", "name", "vector", "note", "deleted", "at")
	if d.Count() == bad {
		if canonical, _, msg := checkVector(r.Vector.V); msg != "" {
			d.Add(p.Key("vector"), "vector", msg)
		} else {
			r.Vector.V = canonical
		}
	}
	return r, d.Count() == bad
}

// checkVector returns the canonical form of a vector as people type and
// paste them (calculator.ParseLenient), a Japanese note when it had no
// "CVSS:3.x/" prefix, or a Japanese message saying why it is not a vector.
func checkVector(s string) (canonical, note, msg string) {
	if len(s) > MaxVectorBytes {
		return "", "", "ベクトルが長すぎます（" + strconv.Itoa(MaxVectorBytes) + " バイトまで）"
	}
	v, how, err := calculator.ParseLenient(s)
	if err != nil {
		if pe, ok := err.(*calculator.ParseError); ok {
			return "", "", pe.Japanese()
		}
		return "", "", err.Error()
	}
	return v.String(), how.Japanese(), ""
}

// Legacy ids and stamps: version 1 had one unnamed sheet and no stamps.
const (
	legacySheetID = "w-v1"
	legacyStamp   = store.Stamp(1)
)

// LegacySheetName is the name of the sheet read from version 1.
const LegacySheetName = "ワークシート 1"

func decodeV1(d *store.Decoder, doc store.Obj) Book {
	rows := doc.Array("rows", true, MaxRows)
	s := Sheet{ID: legacySheetID, Name: store.Field[string]{V: LegacySheetName, At: legacyStamp}}
	for i := range rows {
		p := store.Path{}.Key("rows").Index(i, "")
		o, ok := d.Object(&rows[i], p)
		if !ok {
			continue
		}
		bad := d.Count()
		name := o.String("name", true, MaxNameRunes)
		vector := o.String("vector", true, 0)
		note := o.String("note", false, MaxNoteRunes)
		if d.Count() > bad {
			continue
		}
		canonical, _, msg := checkVector(vector)
		if msg != "" {
			d.Add(p.Key("vector"), "vector", msg)
			continue
		}
		id := "r-v1-" + strconv.Itoa(i+1)
		at := legacyStamp
		s.Rows = append(s.Rows, Record{ID: id, Name: store.Field[string]{V: name, At: at},
			Vector: store.Field[string]{V: canonical, At: at}, Note: store.Field[string]{V: note, At: at}})
		s.Order.V = append(s.Order.V, id)
	}
	s.Order.At = legacyStamp
	store.SortByID(s.Rows, recordID)
	return Book{Current: store.Field[string]{V: legacySheetID, At: legacyStamp}, Sheets: []Sheet{s}}
}
