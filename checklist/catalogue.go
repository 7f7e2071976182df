package checklist

import (
	"errors"
	"slices"
	"strconv"

	"shguide/internal/jsontext"
	"shguide/internal/store"
)

// Catalogue is what the self-check offers: the certifiable levels, the
// groups of items (the service's requirements and one group per
// component) and every item with where it applies.
type Catalogue struct {
	Levels []int    // ascending: 2, 3
	Groups []Target // in page order; Code "service" is the service's requirements
	Items  []Item   // in page order
}

// Target is a group of items: the service itself or a component.
type Target struct {
	Code string // "service", "SP", "PP", "H", "D", "A"
	Name string // スマートホームサービス提供サーバ, …
}

// ServiceGroup is the code of the service's own requirements (R items).
const ServiceGroup = "service"

// Item is a requirement of the self-check. It applies to a service of
// level L with components C exactly when L is in Levels and Needs is "" or
// in C (package site proves this for every combination against the
// guideline's rules).
type Item struct {
	ID     string // R2-1, SR3-H-5, …
	Level  int    // the requirement's own level: 2 (★★) or 3 (★★★)
	Group  string // its Target's code
	Title  string
	Levels []int  // the levels at which it applies
	Needs  string // the component the service must have; "" for R items
}

// Applies reports whether the item applies to a service of the level with
// the components.
func (it *Item) Applies(level int, components []string) bool {
	return slices.Contains(it.Levels, level) && (it.Needs == "" || slices.Contains(components, it.Needs))
}

// Stars is the item's level as the guideline prints it: ★★ or ★★★.
func (it *Item) Stars() string { return stars(it.Level) }

func stars(n int) string {
	s := ""
	for range n {
		s += "★"
	}
	return s
}

// Components are the groups a service may have (every group but the
// service's own).
// It is not inlined: copies at its many callers would weigh more in the
// WebAssembly module than the calls.
//
//go:noinline
func (c *Catalogue) Components() []Target {
	var out []Target
	for _, g := range c.Groups {
		if g.Code != ServiceGroup {
			out = append(out, g)
		}
	}
	return out
}

// Item returns the item with the id, or nil.
// It is not inlined: copies at its many callers would weigh more in the
// WebAssembly module than the calls.
//
//go:noinline
func (c *Catalogue) Item(id string) *Item {
	for i := range c.Items {
		if c.Items[i].ID == id {
			return &c.Items[i]
		}
	}
	return nil
}

func (c *Catalogue) hasComponent(code string) bool {
	return code != ServiceGroup && slices.ContainsFunc(c.Groups, func(t Target) bool { return t.Code == code })
}

func (c *Catalogue) groupName(code string) string {
	for _, g := range c.Groups {
		if g.Code == code {
			return g.Name
		}
	}
	return code
}

// Status is a status a user gives an item: the code is what is saved and
// exported in JSON, the label what people read (the CSV, the report).
type Status struct{ Code, Label string }

// Statuses are the statuses an item can have; "" (未選択) is none of them.
var Statuses = []Status{{"done", "対応済"}, {"partial", "一部対応"}, {"todo", "未対応"}, {"na", "対象外"}}

// NoStatus is the label of an item without a status.
const NoStatus = "未選択"

func statusLabel(code string) (string, bool) {
	if code == "" {
		return NoStatus, true
	}
	for _, s := range Statuses {
		if s.Code == code {
			return s.Label, true
		}
	}
	return "", false
}

// statusList names the statuses for messages: done（対応済）、partial（一部対応）、…
func statusList() string {
	s := ""
	for i, st := range Statuses {
		if i > 0 {
			s += "、"
		}
		s += st.Code + "（" + st.Label + "）"
	}
	return s
}

// AppendJSON writes the catalogue as the page embeds it:
//
//	{"levels": [2, 3], "groups": [{"code", "name"}],
//	 "items": [{"id", "level", "group", "title", "levels": [2, 3], "needs"}]}
func (c *Catalogue) AppendJSON(b []byte) []byte {
	b = append(b, `{"levels":`...)
	b = appendInts(b, c.Levels)
	b = append(b, `,"groups":[`...)
	for i, g := range c.Groups {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '{')
		b = jsontext.AppendStringField(b, "code", g.Code)
		b = jsontext.AppendStringField(b, "name", g.Name)
		b = append(b, '}')
	}
	b = append(b, `],"items":[`...)
	for i := range c.Items {
		it := &c.Items[i]
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '{')
		b = jsontext.AppendStringField(b, "id", it.ID)
		b = jsontext.AppendIntField(b, "level", it.Level)
		b = jsontext.AppendStringField(b, "group", it.Group)
		b = jsontext.AppendStringField(b, "title", it.Title)
		b = jsontext.AppendKey(b, "levels")
		b = appendInts(b, it.Levels)
		b = jsontext.AppendStringField(b, "needs", it.Needs)
		b = append(b, '}')
	}
	return append(b, "]}"...)
}

func appendInts(b []byte, list []int) []byte {
	b = append(b, '[')
	for i, n := range list {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(n), 10)
	}
	return append(b, ']')
}

// DecodeCatalogue reads the catalogue the page embeds. It is the site's
// own output, so a problem is a bug of the page, reported in English.
func DecodeCatalogue(text string) (*Catalogue, error) {
	v, err := jsontext.Parse(text)
	if err != nil {
		return nil, err
	}
	d := &store.Decoder{}
	root, ok := d.Object(&v, store.Path{}.Key("catalogue"))
	c := &Catalogue{}
	if ok {
		c.Levels = ints(d, root, "levels")
		groups := root.Array("groups", true, 20)
		for i := range groups {
			if g, ok := d.Object(&groups[i], store.Path{}.Key("groups").Index(i, "")); ok {
				c.Groups = append(c.Groups, Target{Code: g.String("code", true, 20), Name: g.String("name", true, 200)})
			}
		}
		items := root.Array("items", true, 1000)
		for i := range items {
			o, ok := d.Object(&items[i], store.Path{}.Key("items").Index(i, ""))
			if !ok {
				continue
			}
			c.Items = append(c.Items, Item{
				ID: o.String("id", true, 40), Level: o.Int("level", true, 1, 9), Group: o.String("group", true, 20),
				Title: o.String("title", true, 0), Levels: ints(d, o, "levels"), Needs: o.String("needs", false, 20),
			})
		}
	}
	if len(d.Problems) > 0 {
		return nil, errors.New("checklist catalogue: " + d.Problems[0].Message)
	}
	if len(c.Levels) == 0 || len(c.Items) == 0 {
		return nil, errors.New("checklist catalogue: no levels or no items")
	}
	return c, nil
}

func ints(d *store.Decoder, o store.Obj, key string) []int {
	var out []int
	els := o.Array(key, true, 10)
	for i := range els {
		n, ok := store.Int(&els[i])
		if !ok {
			d.Add(o.Path().Key(key).Index(i, ""), "type", "整数にしてください")
			continue
		}
		out = append(out, n)
	}
	return out
}
