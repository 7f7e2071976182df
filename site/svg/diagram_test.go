package svg

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"

	"shguide/site/model"
)

// Every entry point EP①–EP⑩ is a red mark linking to its threats page, in
// both layouts; every component is a link.
func TestSystemModelLinks(t *testing.T) {
	s := vizSite(t)
	doc := parseXML(t, string(s.SystemModelSVG("t", "large", true)))
	checkLabelled(t, doc)
	svgs := doc.all(byName("svg"))
	if len(svgs) != len(smLayouts) {
		t.Fatalf("%d svg elements, want one per layout (%d)", len(svgs), len(smLayouts))
	}
	for i, svg := range svgs {
		l := smLayouts[i]
		marks := svg.all(byClass("sm-ep-mark"))
		if len(marks) != len(s.M.EntryPoints) {
			t.Errorf("%s: %d marks, want %d", l.Name, len(marks), len(s.M.EntryPoints))
		}
		for _, ep := range s.M.EntryPoints {
			found := 0
			for _, mk := range marks {
				if mk.Attr["data-ep"] != strconv.Itoa(ep.Number) {
					continue
				}
				found++
				a := mk.ancestor("a")
				if a == nil || a.Attr["href"] != "/"+epPath(ep.Number) {
					t.Errorf("%s: %s mark is not a link to /%s", l.Name, ep.Mark(), epPath(ep.Number))
					continue
				}
				if !strings.Contains(a.Attr["aria-label"], ep.Name) || !strings.Contains(a.text(), ep.Mark()) {
					t.Errorf("%s: %s link: label %q, text %q", l.Name, ep.Mark(), a.Attr["aria-label"], a.text())
				}
				if mk.Attr["fill"] != "#c62828" {
					t.Errorf("%s: %s mark fill %q, want red", l.Name, ep.Mark(), mk.Attr["fill"])
				}
				lines := a.all(byName("line"))
				if (ep.Kind == "path") != (len(lines) == 1) {
					t.Errorf("%s: %s (%s) link holds %d path lines", l.Name, ep.Mark(), ep.Kind, len(lines))
				}
			}
			if found != 1 {
				t.Errorf("%s: %s drawn %d times", l.Name, ep.Mark(), found)
			}
		}
		var walk func(cs []*model.Component)
		walk = func(cs []*model.Component) {
			for _, c := range cs {
				gs := svg.all(func(n *xnode) bool { return n.Attr["data-id"] == c.ID })
				if len(gs) != 1 {
					t.Errorf("%s: component %s drawn %d times", l.Name, c.ID, len(gs))
				} else if a := gs[0].ancestor("a"); a == nil || a.Attr["href"] == "" {
					t.Errorf("%s: component %s is not a link", l.Name, c.ID)
				} else if c.Target != "" && a.Attr["href"] != "/"+targetPath(c.Target) {
					t.Errorf("%s: component %s links to %s, want its requirements /%s", l.Name, c.ID, a.Attr["href"], targetPath(c.Target))
				}
				walk(c.Children)
			}
		}
		walk(s.M.Components)
	}
}

// The paths join what 表3-4 names: EP② platform–internet … EP⑩ phone–gateway.
func TestSystemModelPathEnds(t *testing.T) {
	s := vizSite(t)
	want := map[int][2]string{
		2: {"sp", internetID}, 4: {"pp", internetID}, 6: {"home-gateway", internetID},
		8: {"devices", "home-gateway"}, 10: {"smartphone-app", "home-gateway"},
	}
	for _, l := range smLayouts {
		d, err := s.layoutSystemModel(l)
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Paths) != len(want) {
			t.Errorf("%s: %d paths, want %d", l.Name, len(d.Paths), len(want))
		}
		for _, p := range d.Paths {
			if w := want[p.EP.Number]; p.From.ID != w[0] || p.To.ID != w[1] {
				t.Errorf("%s: %s joins %s–%s, want %s–%s", l.Name, p.EP.Mark(), p.From.ID, p.To.ID, w[0], w[1])
			}
		}
	}
}

// Geometry: everything inside the view, children inside parents, siblings
// and marks apart, labels fitting their boxes, paths long enough to show
// beside their mark.
func TestSystemModelGeometry(t *testing.T) {
	s := vizSite(t)
	for _, l := range smLayouts {
		d, err := s.layoutSystemModel(l)
		if err != nil {
			t.Fatal(err)
		}
		view := rect{0, 0, l.W, l.H}
		for _, n := range d.Nodes {
			if !n.Box.inside(view) {
				t.Errorf("%s: %s %v outside the view", l.Name, n.ID, n.Box)
			}
			if n.Comp != nil && n.Comp.Parent != nil {
				if p := d.byID[n.Comp.Parent.ID]; !n.Box.inside(p.Box) {
					t.Errorf("%s: %s %v outside its parent %s %v", l.Name, n.ID, n.Box, p.ID, p.Box)
				}
			}
			font, avail := l.TitleFont, n.Box.W-2*boxPad
			if n.Kind == "leaf" || n.Kind == "internet" {
				font, avail = l.Font, n.Box.W-4
				if h := float64(len(n.Title)) * font * 1.25; h > n.Box.H-6 {
					t.Errorf("%s: %s label %d lines do not fit height %v", l.Name, n.ID, len(n.Title), n.Box.H)
				}
			}
			if strings.Join(n.Title, "") != strings.ReplaceAll(n.Name, " ", "") && strings.Join(n.Title, " ") != n.Name {
				t.Errorf("%s: %s label %q loses text of %q", l.Name, n.ID, n.Title, n.Name)
			}
			for _, line := range n.Title {
				if w := textWidth(line, font); w > avail {
					t.Errorf("%s: %s label line %q is %.0f wide, box allows %.0f", l.Name, n.ID, line, w, avail)
				}
			}
		}
		for i, a := range d.Nodes {
			for _, b := range d.Nodes[i+1:] {
				sibling := (a.Comp == nil || b.Comp == nil || a.Comp.Parent == b.Comp.Parent) && a.Kind != "house" && b.Kind != "house"
				if sibling && a.Box.overlaps(b.Box) {
					t.Errorf("%s: %s %v overlaps %s %v", l.Name, a.ID, a.Box, b.ID, b.Box)
				}
			}
		}
		for i, a := range d.Markers {
			if !a.Box.inside(view) {
				t.Errorf("%s: %s mark outside the view", l.Name, a.EP.Mark())
			}
			for _, b := range d.Markers[i+1:] {
				if a.Box.overlaps(b.Box) {
					t.Errorf("%s: marks %s and %s overlap", l.Name, a.EP.Mark(), b.EP.Mark())
				}
			}
			if a.EP.Kind == "path" {
				for _, n := range d.Nodes {
					if (n.Kind == "leaf" || n.Kind == "internet") && a.Box.overlaps(n.Box) {
						t.Errorf("%s: path mark %s covers %s", l.Name, a.EP.Mark(), n.ID)
					}
				}
			}
		}
		for _, p := range d.Paths {
			if n := math.Hypot(p.B.X-p.A.X, p.B.Y-p.A.Y); n < markerH*2 {
				t.Errorf("%s: %s path only %.0f long", l.Name, p.EP.Mark(), n)
			}
		}
	}
}

// A component the layout does not place, or a path whose far end cannot be
// told, fails with the content position.
func TestSystemModelErrors(t *testing.T) {
	s := vizSite(t)
	l := *smLayouts[0]
	l.Boxes = map[string]rect{}
	for k, v := range smLayouts[0].Boxes {
		l.Boxes[k] = v
	}
	delete(l.Boxes, "smartphone-app")
	if _, err := s.layoutSystemModel(&l); err == nil || !strings.Contains(err.Error(), "smartphone-app") || !strings.Contains(err.Error(), "service.yaml:") {
		t.Errorf("unplaced component: error %v", err)
	}
	ep := *s.M.EntryPoint(8)
	ep.Name = "どこかとどこか間の通信経路"
	saved := s.M.EntryPoints
	s.M.EntryPoints = append([]*model.EntryPoint{&ep}, saved[1:]...)
	defer func() { s.M.EntryPoints = saved }()
	if _, err := s.layoutSystemModel(smLayouts[0]); err == nil || !strings.Contains(err.Error(), "risk.yaml:") {
		t.Errorf("unknown path end: error %v", err)
	}
}

func TestSystemModelGolden(t *testing.T) {
	s := vizSite(t)
	var b strings.Builder
	for _, eps := range []bool{false, true} {
		fmt.Fprintf(&b, "%s\n", s.SystemModelSVG("g", "large", eps))
	}
	golden(t, "sysmodel.golden.html", []byte(b.String()))
}

func TestWrapText(t *testing.T) {
	tests := []struct {
		in   string
		maxW float64
		want []string
	}{
		{"家電機器", 100, []string{"家電機器"}},
		{"空調・照明機器等 住宅設備機器（住設機器）", 160, []string{"空調・照明機器等", "住宅設備機器（住設機器）"}},
		{"その他★★サービス対応機器", 120, []string{"その他★★サービス", "対応機器"}},
		{"スマートホームサービス情報基盤", 150, []string{"スマートホームサービス", "情報基盤"}},
		{"スマートフォンアプリ", 80, []string{"スマートフォ", "ンアプリ"}},
		{"家電（白物）機器と住設機器", 100, []string{"家電（白物）", "機器と住設機器"}},
		{"EP⑤ ホームゲートウェイ", 200, []string{"EP⑤ ホームゲートウェイ"}},
	}
	for _, tc := range tests {
		if got := wrapText(tc.in, tc.maxW, 12); strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("wrapText(%q, %v) = %q, want %q", tc.in, tc.maxW, got, tc.want)
		}
	}
}

func BenchmarkSystemModelSVG(b *testing.B) {
	s := vizSite(b)
	for b.Loop() {
		_ = s.SystemModelSVG("b", "large", true)
	}
}
