package checklist

import (
	"strconv"

	"shguide/internal/jsontext"
	"shguide/internal/store"
)

// View is what the page shows: the list of assessments, the one shown
// with its records, which items apply, and the progress.
type View struct {
	List    []Entry // the live assessments, oldest first
	Current string
	Name    string
	Service string
	Date    string
	Level   int
	Targets []string
	Records []Record // the assessment's records with a status or a note
	Applies []string // the ids of the items that apply, in catalogue order
	All     Progress
	ByGroup []GroupProgress
}

// Entry is an assessment in the list.
type Entry struct{ ID, Name string }

// Progress counts the applicable items by status.
type Progress struct {
	All, Done, Partial, Todo, NA, None int
}

// GroupProgress is the progress of one group of items.
type GroupProgress struct {
	Group string
	Progress
}

// Due is the number of items to meet: those that apply and are not 対象外.
func (p Progress) Due() int { return p.All - p.NA }

// Percent is the share of due items done, rounded.
func (p Progress) Percent() int {
	if p.Due() == 0 {
		return 0
	}
	return (p.Done*200 + p.Due()) / (p.Due() * 2)
}

// Text is the line the page shows under the progress bar.
func (p Progress) Text() string {
	return "対応済 " + strconv.Itoa(p.Done) + " / " + strconv.Itoa(p.Due()) + " 項目（" + strconv.Itoa(p.Percent()) + "%）・一部対応 " +
		strconv.Itoa(p.Partial) + "・未対応 " + strconv.Itoa(p.Todo) + "・未選択 " + strconv.Itoa(p.None) + "・対象外 " + strconv.Itoa(p.NA)
}

func (p *Progress) count(status string) {
	p.All++
	switch status {
	case "done":
		p.Done++
	case "partial":
		p.Partial++
	case "todo":
		p.Todo++
	case "na":
		p.NA++
	default:
		p.None++
	}
}

// View returns what the page shows.
func (s *Session) View() *View {
	v := &View{}
	for i := range s.book.Assessments {
		a := &s.book.Assessments[i]
		if !a.Deleted.V {
			v.List = append(v.List, Entry{a.ID, a.Name.V})
		}
	}
	a := s.cur()
	if a == nil {
		return v
	}
	v.Current, v.Name, v.Service, v.Date, v.Level, v.Targets = a.ID, a.Name.V, a.Service.V, a.Date.V, a.Level.V, a.Targets.V
	status := map[string]string{}
	for _, r := range a.Items {
		if r.Status.V != "" || r.Note.V != "" {
			v.Records = append(v.Records, r)
		}
		status[r.ID] = r.Status.V
	}
	groups := map[string]*GroupProgress{}
	for _, g := range s.cat.Groups {
		v.ByGroup = append(v.ByGroup, GroupProgress{Group: g.Code})
	}
	for i := range v.ByGroup {
		groups[v.ByGroup[i].Group] = &v.ByGroup[i]
	}
	for i := range s.cat.Items {
		it := &s.cat.Items[i]
		if !it.Applies(a.Level.V, a.Targets.V) {
			continue
		}
		v.Applies = append(v.Applies, it.ID)
		v.All.count(status[it.ID])
		if g := groups[it.Group]; g != nil {
			g.count(status[it.ID])
		}
	}
	return v
}

// AppendJSON writes the view:
//
//	{"list": [{"id", "name"}], "current", "name", "service", "date", "level",
//	 "targets": ["H"], "records": {"R2-1": {"status", "note"}},
//	 "applies": ["R2-1", …],
//	 "progress": {"all": P, "groups": {"service": P, "H": P, …}}}
//
// with P = {"all", "done", "partial", "todo", "na", "none", "due",
// "percent", "text"}.
func (v *View) AppendJSON(b []byte) []byte {
	b = append(b, `{"list":[`...)
	for i, e := range v.List {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '{')
		b = jsontext.AppendStringField(b, "id", e.ID)
		b = jsontext.AppendStringField(b, "name", e.Name)
		b = append(b, '}')
	}
	b = append(b, ']')
	b = jsontext.AppendStringField(b, "current", v.Current)
	b = jsontext.AppendStringField(b, "name", v.Name)
	b = jsontext.AppendStringField(b, "service", v.Service)
	b = jsontext.AppendStringField(b, "date", v.Date)
	b = jsontext.AppendIntField(b, "level", v.Level)
	b = jsontext.AppendKey(b, "targets")
	b = store.AppendStrings(b, v.Targets)
	b = append(b, `,"records":{`...)
	for i, r := range v.Records {
		if i > 0 {
			b = append(b, ',')
		}
		b = jsontext.AppendString(b, r.ID)
		b = append(b, ":{"...)
		b = jsontext.AppendStringField(b, "status", r.Status.V)
		b = jsontext.AppendStringField(b, "note", r.Note.V)
		b = append(b, '}')
	}
	b = append(b, '}')
	b = jsontext.AppendKey(b, "applies")
	b = store.AppendStrings(b, v.Applies)
	b = append(b, `,"progress":{"all":`...)
	b = v.All.AppendJSON(b)
	b = append(b, `,"groups":{`...)
	for i, g := range v.ByGroup {
		if i > 0 {
			b = append(b, ',')
		}
		b = jsontext.AppendString(b, g.Group)
		b = append(b, ':')
		b = g.AppendJSON(b)
	}
	return append(b, "}}}"...)
}

// AppendJSON writes the counts, the due items, the percentage and the text.
func (p Progress) AppendJSON(b []byte) []byte {
	b = append(b, '{')
	for _, f := range [...]struct {
		k string
		n int
	}{{"all", p.All}, {"done", p.Done}, {"partial", p.Partial}, {"todo", p.Todo}, {"na", p.NA}, {"none", p.None}, {"due", p.Due()}, {"percent", p.Percent()}} {
		b = jsontext.AppendIntField(b, f.k, f.n)
	}
	b = jsontext.AppendStringField(b, "text", p.Text())
	return append(b, '}')
}
