package worksheet

import (
	"strconv"
	"strings"

	"shguide/internal/jsontext"
	"shguide/internal/store"
)

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
	token := s.undos.Offer("読み込む前に戻しました", func() {
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
