package checklist

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"shguide/internal/store"
)

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
	store.Set(f, value, s.clock)
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
	store.Set(&a.Level, level, s.clock)
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
	store.Set(f, value, s.clock)
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
