package checklist

import (
	"strconv"
	"strings"

	"shguide/internal/jsontext"
	"shguide/internal/store"
)

// The saved assessments (package store's design), in localStorage under
// StorageKey:
//
//	{"format": "shguide-checklists", "version": 2,
//	 "current": "a…", "at": {"current": STAMP},
//	 "assessments": [{"id": "a…", "name", "service", "date": "2024-05-01",
//	                  "level": 3, "targets": ["H", "D"], "deleted": false,
//	                  "at": {"name", "service", "date", "level", "targets", "deleted"},
//	                  "items": [{"id": "R2-1", "status": "done", "note": "…",
//	                             "at": {"status", "note"}}]}]}
//
// Assessments and items are sorted by id. An item the catalogue does not
// know (a requirement of another edition) is kept as it is. Version 1 is
// what LegacyKey held, with no format member:
//
//	{"version": 1, "current": "a…", "assessments": [{"id", "name", "service",
//	 "date", "level", "targets", "items": {"R2-1": {"status", "note"}}, "updated"}]}
//
// read with every stamp 1, so that tabs migrating it at once agree.
const (
	StorageKey      = "shguide.checklist"
	LegacyKey       = "shguide.checklist.v1"
	StoreFormat     = "shguide-checklists"
	StoreVersion    = 2
	MaxAssessments  = 100
	MaxNameRunes    = 100
	MaxServiceRunes = 200
	MaxNoteRunes    = 5000
	TombstoneDays   = 30
	maxItems        = 1000
)

// Book is the saved assessments.
type Book struct {
	Current     store.Field[string] // the assessment a new tab shows
	Assessments []Assessment        // sorted by id
}

// Assessment is one named self-check of a service.
type Assessment struct {
	ID                  string
	Name, Service, Date store.Field[string]
	Level               store.Field[int]
	Targets             store.Field[[]string] // the service's components
	Deleted             store.Field[bool]
	Items               []Record // sorted by id
}

// Record is what the user recorded for an item.
type Record struct {
	ID           string
	Status, Note store.Field[string]
}

// The fields with stamps, as "at" names them.
var (
	currentStamp     = []string{"current"}
	assessmentStamps = []string{"name", "service", "date", "level", "targets", "deleted"}
	recordStamps     = []string{"status", "note"}
)

func assessmentID(a *Assessment) string { return a.ID }
func recordID(r *Record) string         { return r.ID }

// Merge merges two copies of the saved assessments (see package store).
func Merge(a, b Book) Book {
	return Book{
		Current:     store.Later(a.Current, b.Current, strings.Compare),
		Assessments: store.MergeByID(a.Assessments, b.Assessments, assessmentID, mergeAssessment),
	}
}

func mergeAssessment(a, b Assessment) Assessment {
	return Assessment{
		ID:      a.ID,
		Name:    store.Later(a.Name, b.Name, strings.Compare),
		Service: store.Later(a.Service, b.Service, strings.Compare),
		Date:    store.Later(a.Date, b.Date, strings.Compare),
		Level:   store.Later(a.Level, b.Level, store.CompareInt),
		Targets: store.Later(a.Targets, b.Targets, store.CompareStrings),
		Deleted: store.Later(a.Deleted, b.Deleted, store.CompareBool),
		Items:   store.MergeByID(a.Items, b.Items, recordID, mergeRecord),
	}
}

func mergeRecord(a, b Record) Record {
	return Record{
		ID:     a.ID,
		Status: store.Later(a.Status, b.Status, strings.Compare),
		Note:   store.Later(a.Note, b.Note, strings.Compare),
	}
}

// Prune drops assessments deleted more than TombstoneDays before now
// (milliseconds).
func (bk *Book) Prune(now int64) {
	cutoff := store.Stamp(now - TombstoneDays*24*3600*1000)
	out := bk.Assessments[:0]
	for _, a := range bk.Assessments {
		if a.Deleted.V && a.Deleted.At < cutoff {
			continue
		}
		out = append(out, a)
	}
	bk.Assessments = out
}

// Stamps calls f with every stamp of the book (for the clock).
func (bk *Book) Stamps(f func(store.Stamp)) {
	f(bk.Current.At)
	for _, a := range bk.Assessments {
		for _, s := range [...]store.Stamp{a.Name.At, a.Service.At, a.Date.At, a.Level.At, a.Targets.At, a.Deleted.At} {
			f(s)
		}
		for _, r := range a.Items {
			f(r.Status.At)
			f(r.Note.At)
		}
	}
}

// AppendJSON appends the book as its saved text; equal books give equal
// texts.
func (bk *Book) AppendJSON(b []byte) []byte {
	b = append(b, `{"format":"`+StoreFormat+`","version":`+strconv.Itoa(StoreVersion)...)
	b = jsontext.AppendStringField(b, "current", bk.Current.V)
	b = store.AppendStamps(b, currentStamp, bk.Current.At)
	b = append(b, `,"assessments":[`...)
	for i := range bk.Assessments {
		a := &bk.Assessments[i]
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, "\n{"...)
		b = jsontext.AppendStringField(b, "id", a.ID)
		b = jsontext.AppendStringField(b, "name", a.Name.V)
		b = jsontext.AppendStringField(b, "service", a.Service.V)
		b = jsontext.AppendStringField(b, "date", a.Date.V)
		b = jsontext.AppendIntField(b, "level", a.Level.V)
		b = jsontext.AppendKey(b, "targets")
		b = store.AppendStrings(b, a.Targets.V)
		if a.Deleted.At != 0 {
			b = jsontext.AppendBoolField(b, "deleted", a.Deleted.V)
		}
		b = store.AppendStamps(b, assessmentStamps, a.Name.At, a.Service.At, a.Date.At, a.Level.At, a.Targets.At, a.Deleted.At)
		b = append(b, `,"items":[`...)
		for j := range a.Items {
			r := &a.Items[j]
			if j > 0 {
				b = append(b, ',')
			}
			b = append(b, "\n{"...)
			b = jsontext.AppendStringField(b, "id", r.ID)
			b = jsontext.AppendStringField(b, "status", r.Status.V)
			b = jsontext.AppendStringField(b, "note", r.Note.V)
			b = store.AppendStamps(b, recordStamps, r.Status.At, r.Note.At)
			b = append(b, '}')
		}
		b = append(b, "]}"...)
	}
	return append(b, "\n]}"...)
}

// validDate reports whether s is "" or YYYY-MM-DD.
func validDate(s string) bool {
	if s == "" {
		return true
	}
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	for i := 0; i < 10; i++ {
		if i != 4 && i != 7 && (s[i] < '0' || s[i] > '9') {
			return false
		}
	}
	m, _ := strconv.Atoi(s[5:7])
	d, _ := strconv.Atoi(s[8:])
	return m >= 1 && m <= 12 && d >= 1 && d <= 31
}

// DecodeBook reads the saved assessments: the text of StorageKey (version
// 2) or of LegacyKey (version 1), checking levels and components against
// the catalogue. The book holds what could be read; the Unreadable, when
// not nil, says why the text cannot be used as it is.
func DecodeBook(c *Catalogue, text string) (Book, *store.Unreadable) {
	root, version, u := store.Open(text, StoreFormat, StoreVersion, "*")
	if u != nil {
		return Book{}, u
	}
	if f := root.Get("format"); version == 1 && f != nil {
		return Book{}, &store.Unreadable{Kind: store.Invalid, Problems: []store.Problem{{Path: "version", Kind: "version", Message: "version: 1 という版はありません"}}}
	}
	if version == StoreVersion && root.Get("format") == nil {
		return Book{}, &store.Unreadable{Kind: store.Foreign, Problems: []store.Problem{{Path: "format", Kind: "format", Message: "format: \"" + StoreFormat + "\" ではありません"}}}
	}
	d := &store.Decoder{Strict: version == StoreVersion}
	doc, _ := d.Object(&root, store.Path{})
	r := reader{d: d, c: c, legacy: version == 1}
	return r.book(doc), d.Invalid()
}

type reader struct {
	d      *store.Decoder
	c      *Catalogue
	legacy bool
}

// legacyStamp is the stamp of every field read from version 1.
const legacyStamp = store.Stamp(1)

func (r *reader) book(doc store.Obj) Book {
	var bk Book
	bk.Current.V = doc.String("current", false, 40)
	if r.legacy {
		bk.Current.At = legacyStamp
	} else {
		bk.Current.At = doc.Stamps(currentStamp...)[0]
		doc.Known("format", "version", "current", "at", "assessments")
	}
	list := doc.Array("assessments", true, MaxAssessments*2)
	seen := map[string]bool{}
	for i := range list {
		p := store.Path{}.Key("assessments").Index(i, "")
		a, ok := r.assessment(&list[i], p)
		if !ok {
			continue
		}
		if seen[a.ID] {
			r.d.Add(p.Key("id"), "duplicate", "id "+a.ID+" が重複しています")
			continue
		}
		seen[a.ID] = true
		bk.Assessments = append(bk.Assessments, a)
	}
	store.SortByID(bk.Assessments, assessmentID)
	return bk
}

func (r *reader) assessment(v *jsontext.Value, p store.Path) (Assessment, bool) {
	d := r.d
	o, ok := d.Object(v, p)
	if !ok {
		return Assessment{}, false
	}
	bad := d.Count()
	a := Assessment{ID: o.String("id", true, 40)}
	if a.ID != "" && !store.ValidID(a.ID) {
		d.Add(p.Key("id"), "value", "id に使えない文字があります")
	}
	a.Name.V = o.String("name", true, MaxNameRunes)
	a.Service.V = o.String("service", false, MaxServiceRunes)
	a.Date.V = o.String("date", false, 10)
	if !validDate(a.Date.V) {
		d.Add(p.Key("date"), "value", "日付は YYYY-MM-DD の形にしてください（"+a.Date.V+"）")
	}
	a.Level.V = o.Int("level", true, 0, 9)
	if o.Has("level") && d.Count() == bad && !containsInt(r.c.Levels, a.Level.V) {
		d.Add(p.Key("level"), "value", "レベル "+strconv.Itoa(a.Level.V)+" はありません（"+levelList(r.c)+"）")
	}
	a.Targets.V = r.targets(o, p)
	var items []Record
	if r.legacy {
		items = r.legacyItems(o, p)
		at := legacyStamp
		a.Name.At, a.Service.At, a.Date.At, a.Level.At, a.Targets.At = at, at, at, at, at
		o.Known() // duplicate keys only: version 1 documents are read leniently
	} else {
		a.Deleted.V = o.Bool("deleted")
		st := o.Stamps(assessmentStamps...)
		a.Name.At, a.Service.At, a.Date.At, a.Level.At, a.Targets.At, a.Deleted.At = st[0], st[1], st[2], st[3], st[4], st[5]
		items = r.items(o, p)
		o.Known("id", "name", "service", "date", "level", "targets", "deleted", "at", "items")
	}
	if d.Count() > bad {
		// A bad field or item leaves the rest of the assessment readable,
		// for the user to keep: bad fields get their defaults.
		if a.ID == "" || !store.ValidID(a.ID) {
			return Assessment{}, false
		}
		if strings.TrimSpace(a.Name.V) == "" {
			a.Name.V = DefaultName
		}
		if !containsInt(r.c.Levels, a.Level.V) {
			a.Level.V = r.c.Levels[0]
		}
		if !validDate(a.Date.V) {
			a.Date.V = ""
		}
	}
	a.Items = items
	store.SortByID(a.Items, recordID)
	return a, true
}

func (r *reader) targets(o store.Obj, p store.Path) []string {
	list := o.Strings("targets", true, 20)
	seen := map[string]bool{}
	out := []string{}
	for i, t := range list {
		switch {
		case !r.c.hasComponent(t):
			r.d.Add(p.Key("targets").Index(i, ""), "value", "構成要素 "+t+" はありません（"+componentList(r.c)+"）")
		case seen[t]:
			r.d.Add(p.Key("targets").Index(i, ""), "duplicate", t+" が重複しています")
		default:
			seen[t] = true
		}
	}
	// Canonical: the catalogue's order.
	for _, g := range r.c.Components() {
		if seen[g.Code] {
			out = append(out, g.Code)
		}
	}
	return out
}

func (r *reader) items(o store.Obj, p store.Path) []Record {
	list := o.Array("items", true, maxItems)
	seen := map[string]bool{}
	var out []Record
	for i := range list {
		ip := p.Key("items").Index(i, "")
		io, ok := r.d.Object(&list[i], ip)
		if !ok {
			continue
		}
		bad := r.d.Count()
		rec := Record{ID: io.String("id", true, 40)}
		if rec.ID != "" && !store.ValidID(rec.ID) {
			r.d.Add(ip.Key("id"), "value", "id に使えない文字があります")
		}
		ip = p.Key("items").Index(i, rec.ID)
		io = io.Relabel(ip)
		rec.Status.V = r.status(io, ip)
		rec.Note.V = io.String("note", false, MaxNoteRunes)
		st := io.Stamps(recordStamps...)
		rec.Status.At, rec.Note.At = st[0], st[1]
		io.Known("id", "status", "note", "at")
		if seen[rec.ID] {
			r.d.Add(ip, "duplicate", "同じ項目が 2 回あります")
			continue
		}
		seen[rec.ID] = true
		if r.d.Count() == bad {
			out = append(out, rec)
		}
	}
	return out
}

func (r *reader) status(o store.Obj, p store.Path) string {
	s := o.String("status", false, 20)
	if _, ok := statusLabel(s); !ok {
		r.d.Add(p.Key("status"), "value", "状態 \""+s+"\" はありません（"+statusList()+" のどれか）")
		return ""
	}
	return s
}

// legacyItems reads version 1's items: an object keyed by item id.
func (r *reader) legacyItems(o store.Obj, p store.Path) []Record {
	iv := o.Value("items")
	if iv == nil {
		r.d.Add(p.Key("items"), "missing", "ありません")
		return nil
	}
	io, ok := r.d.Object(iv, p.Key("items"))
	if !ok {
		return nil
	}
	var out []Record
	io.Known()
	for _, m := range iv.Members {
		ip := p.Key("items").Key(m.Key)
		if !store.ValidID(m.Key) {
			r.d.Add(ip, "value", "id に使えない文字があります")
			continue
		}
		ro, ok := r.d.Object(&m.Value, ip)
		if !ok {
			continue
		}
		bad := r.d.Count()
		rec := Record{ID: m.Key}
		rec.Status.V = r.status(ro, ip)
		rec.Note.V = ro.String("note", false, MaxNoteRunes)
		if r.d.Count() > bad {
			continue
		}
		rec.Status.At, rec.Note.At = legacyStamp, legacyStamp
		out = append(out, rec)
	}
	return out
}

func containsInt(list []int, n int) bool {
	for _, x := range list {
		if x == n {
			return true
		}
	}
	return false
}

func levelList(c *Catalogue) string {
	s := ""
	for i, l := range c.Levels {
		if i > 0 {
			s += " か "
		}
		s += strconv.Itoa(l)
	}
	return s
}

func componentList(c *Catalogue) string {
	s := ""
	for i, g := range c.Components() {
		if i > 0 {
			s += "、"
		}
		s += g.Code
	}
	return s
}
