package checklist

import (
	"strconv"
	"strings"

	"shguide/internal/csvtext"
	"shguide/internal/jsontext"
	"shguide/internal/store"
)

// The file an assessment is exported to and imported from:
//
//	{"format": "shguide-checklist", "version": 1, "name", "service", "date",
//	 "level": 3, "targets": ["H", "D"],
//	 "items": [{"id": "R2-1", "status": "done", "note": "…"}],
//	 "exported": "2024-05-01T09:00:00Z"}
//
// items lists the items with a status or a note, in catalogue order.
const (
	FileFormat   = "shguide-checklist"
	FileVersion  = 1
	MaxFileBytes = 2 << 20
)

// Export is an exported file: its text and a file name.
type Export struct {
	Text, File string
}

// AppendJSON writes {"text", "file"}.
func (e Export) AppendJSON(b []byte) []byte {
	b = append(b, '{')
	b = jsontext.AppendStringField(b, "text", e.Text)
	b = jsontext.AppendStringField(b, "file", e.File)
	return append(b, '}')
}

// fileStem is the file name of an assessment without extension:
// checklist-<service or name>-<date>.
func (s *Session) fileStem(a *Assessment) string {
	base := a.Service.V
	if strings.TrimSpace(base) == "" {
		base = a.Name.V
	}
	r := make([]rune, 0, 60)
	sep := false
	for _, c := range base {
		if strings.ContainsRune("\\/:*?\"<>|", c) || c <= ' ' || c == '\u3000' {
			sep = true
			continue
		}
		if sep && len(r) > 0 {
			r = append(r, '_')
		}
		sep = false
		r = append(r, c)
		if len(r) >= 60 {
			break
		}
	}
	stem := string(r)
	if stem == "" {
		stem = "checklist"
	}
	date := a.Date.V
	if date == "" {
		date = s.today()
	}
	return "checklist-" + stem + "-" + date
}

// ExportJSON writes the assessment shown as the file ImportJSON reads.
func (s *Session) ExportJSON() (Export, string) {
	a := s.cur()
	if a == nil {
		return Export{}, errNone
	}
	rec := map[string]*Record{}
	for i := range a.Items {
		rec[a.Items[i].ID] = &a.Items[i]
	}
	b := []byte("{\n  \"format\": \"" + FileFormat + "\",\n  \"version\": " + strconv.Itoa(FileVersion))
	for _, f := range [...]struct{ k, v string }{{"name", a.Name.V}, {"service", a.Service.V}, {"date", a.Date.V}} {
		b = append(b, ",\n  "...)
		b = jsontext.AppendString(b, f.k)
		b = append(b, ": "...)
		b = jsontext.AppendString(b, f.v)
	}
	b = append(b, ",\n  \"level\": "...)
	b = strconv.AppendInt(b, int64(a.Level.V), 10)
	b = append(b, ",\n  \"targets\": "...)
	b = store.AppendStrings(b, a.Targets.V)
	b = append(b, ",\n  \"items\": ["...)
	n := 0
	// Catalogue order, then records of items the catalogue does not know.
	ids := make([]string, 0, len(s.cat.Items)+len(a.Items))
	for _, it := range s.cat.Items {
		ids = append(ids, it.ID)
	}
	for _, r := range a.Items {
		if s.cat.Item(r.ID) == nil {
			ids = append(ids, r.ID)
		}
	}
	for _, id := range ids {
		r := rec[id]
		if r == nil || r.Status.V == "" && r.Note.V == "" {
			continue
		}
		if n > 0 {
			b = append(b, ',')
		}
		n++
		b = append(b, "\n    {"...)
		b = jsontext.AppendStringField(b, "id", r.ID)
		b = jsontext.AppendStringField(b, "status", r.Status.V)
		b = jsontext.AppendStringField(b, "note", r.Note.V)
		b = append(b, '}')
	}
	if n > 0 {
		b = append(b, "\n  "...)
	}
	b = append(b, "],\n  \"exported\": \""...)
	b = append(b, store.ISOTime(s.clock.Now())...)
	b = append(b, "\"\n}\n"...)
	return Export{Text: string(b), File: s.fileStem(a) + ".json"}, ""
}

// CSVHeader is the first line of ExportCSV.
const CSVHeader = "ID,レベル,対象,項目,状態,メモ・根拠"

// ExportCSV writes the items that apply to the assessment shown: a UTF-8
// byte order mark (for spreadsheet programs), CSVHeader, CRLF line ends,
// every text cell guarded against formula injection (csvtext.Guard).
func (s *Session) ExportCSV() (Export, string) {
	a := s.cur()
	if a == nil {
		return Export{}, errNone
	}
	rec := map[string]*Record{}
	for i := range a.Items {
		rec[a.Items[i].ID] = &a.Items[i]
	}
	b := []byte("\uFEFF" + CSVHeader + "\r\n")
	for i := range s.cat.Items {
		it := &s.cat.Items[i]
		if !it.Applies(a.Level.V, a.Targets.V) {
			continue
		}
		status, note := "", ""
		if r := rec[it.ID]; r != nil {
			status, note = r.Status.V, r.Note.V
		}
		label, _ := statusLabel(status)
		for j, cell := range [...]string{it.ID, it.Stars(), s.cat.groupName(it.Group), it.Title, label, note} {
			if j > 0 {
				b = append(b, ',')
			}
			b = csvtext.AppendGuarded(b, cell)
		}
		b = append(b, '\r', '\n')
	}
	return Export{Text: string(b), File: s.fileStem(a) + ".csv"}, ""
}

// ImportJSON reads an exported file (name is the file's name, for the
// messages) into a new assessment and shows it. The file is read whole or
// not at all: every problem names its place ("items 3 件目（R2-3）の
// status: …"), and any problem leaves the records unchanged.
func (s *Session) ImportJSON(name, text string) *Change {
	reject := func(problems []string) *Change {
		return s.changed(&Change{
			Error:    "「" + name + "」は読み込みませんでした。記録は変更していません（問題 " + strconv.Itoa(len(problems)) + " 件）。",
			Problems: problems,
		})
	}
	if len(text) > MaxFileBytes {
		return reject([]string{"ファイルが大きすぎます（" + strconv.Itoa(MaxFileBytes>>20) + " MB まで）。"})
	}
	if c := s.full(); c != nil {
		return s.changed(c)
	}
	a, problems := s.readFile(text)
	if len(problems) > 0 {
		return reject(problems)
	}
	s.show(s.add(a))
	n := 0
	for _, r := range a.Items {
		if r.Status.V != "" || r.Note.V != "" {
			n++
		}
	}
	return s.changed(&Change{Message: "「" + name + "」を評価「" + a.Name.V + "」として読み込みました（記録 " + strconv.Itoa(n) + " 項目）。"})
}

// readFile validates an exported file and returns it as a new assessment.
func (s *Session) readFile(text string) (Assessment, []string) {
	v, err := jsontext.Parse(text)
	if err != nil {
		return Assessment{}, []string{"JSON として読めません（" + err.(*jsontext.SyntaxError).Japanese() + "）。"}
	}
	d := &store.Decoder{}
	o, ok := d.Object(&v, store.Path{})
	if !ok {
		return Assessment{}, []string{"ファイルの中身が JSON オブジェクトではありません（" + v.Kind.Japanese() + "です）。"}
	}
	if f := o.Value("format"); f == nil || f.Kind != jsontext.String || f.Text != FileFormat {
		d.Add(store.Path{}.Key("format"), "format", "\""+FileFormat+"\" ではありません（このサイトのチェックリストの JSON ではないようです）")
	}
	if vv := o.Value("version"); vv == nil || vv.Kind != jsontext.Number || vv.Text != strconv.Itoa(FileVersion) {
		got := "ありません"
		if vv != nil {
			got = "「" + strings.TrimSpace(string(jsontext.AppendValue(nil, valueOf(vv)))) + "」には対応していません"
		}
		d.Add(store.Path{}.Key("version"), "version", got+"（"+strconv.Itoa(FileVersion)+" のみ）")
	}
	at := s.clock.Next()
	a := Assessment{ID: store.NewID('a', s.clock.Now(), s.random())}
	name := oneLine(o.String("name", true, MaxNameRunes))
	if o.Has("name") && name == "" && d.Count() == 0 {
		d.Add(store.Path{}.Key("name"), "value", "空です")
	}
	a.Name = store.Field[string]{V: s.uniqueName(name), At: at}
	a.Service = store.Field[string]{V: oneLine(o.String("service", false, MaxServiceRunes)), At: at}
	date := o.String("date", false, 10)
	if !validDate(date) {
		d.Add(store.Path{}.Key("date"), "value", "\""+date+"\" は YYYY-MM-DD の形ではありません")
	}
	a.Date = store.Field[string]{V: date, At: at}
	level := o.Int("level", true, 0, 1<<30)
	if o.Has("level") && level != 0 && !containsInt(s.cat.Levels, level) {
		d.Add(store.Path{}.Key("level"), "value", strconv.Itoa(level)+" は "+levelList(s.cat)+" ではありません")
	}
	a.Level = store.Field[int]{V: level, At: at}
	r := reader{d: d, c: s.cat}
	a.Targets = store.Field[[]string]{V: r.targets(o, store.Path{}), At: at}
	list := o.Array("items", true, maxItems)
	seen := map[string]bool{}
	for i := range list {
		p := store.Path{}.Key("items").Index(i, "")
		io, ok := d.Object(&list[i], p)
		if !ok {
			continue
		}
		id := io.String("id", true, 40)
		if id != "" {
			p = store.Path{}.Key("items").Index(i, id)
			io = io.Relabel(p)
		}
		if io.Has("id") && id != "" && s.cat.Item(id) == nil {
			d.Add(p.Key("id"), "value", "要件・要求事項の ID \""+id+"\" はありません")
			continue
		}
		if seen[id] {
			d.Add(p, "duplicate", "同じ項目が 2 回あります")
			continue
		}
		seen[id] = true
		status := r.status(io, p)
		note := io.String("note", false, MaxNoteRunes)
		if id != "" && (status != "" || note != "") {
			a.Items = append(a.Items, Record{ID: id, Status: store.Field[string]{V: status, At: at}, Note: store.Field[string]{V: cleanNote(note), At: at}})
		}
	}
	if len(d.Problems) > 0 {
		out := make([]string, len(d.Problems))
		for i, p := range d.Problems {
			out[i] = p.Message + "。"
		}
		return Assessment{}, out
	}
	store.SortByID(a.Items, recordID)
	return a, nil
}

// valueOf turns a parsed JSON value back into what jsontext.AppendValue
// writes, to quote it in a message.
func valueOf(v *jsontext.Value) any {
	switch v.Kind {
	case jsontext.Bool:
		return v.Bool
	case jsontext.Number:
		return jsontext.Raw(v.Text)
	case jsontext.String:
		return v.Text
	case jsontext.Array:
		return jsontext.Raw("[…]")
	case jsontext.Object:
		return jsontext.Raw("{…}")
	}
	return nil
}
