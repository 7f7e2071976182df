package svg

import (
	"fmt"
	"html/template"
	"math"
	"slices"
	"strings"

	"shguide/site/model"
)

// The system-model diagram (図2-3, 図3-1) drawn at build time from
// service.yaml's components and risk.yaml's entry points (§2.3, 表2-3,
// §3.3.1, 表3-4). The guideline's figures are images missing from the text;
// what is known is their description: the smart-home service platform with
// its servers and the third-party platform reach the home gateway over the
// internet, the gateway connects the devices (住設, 家電, センサー, ★★
// devices) and the smartphone app, and the entry points EP①–EP⑩ are red
// marks on the machines and paths (§3.3.1).
//
// Only the placement of the boxes is decided here (two layouts: wide for
// desktops, tall for phones; the stylesheet shows one). Which boxes, their
// names, children, entry points and the communication paths all come from
// the content: a path entry point joins the component of its target to the
// internet when its name says インターネット, otherwise to the one other
// component named in it. A component the layout does not place fails the
// build, as does a path whose ends cannot be found.

// internetID is the node of the internet, which is not a component of 表2-3.
const internetID = "internet"

// smLayout places the system model's boxes.
type smLayout struct {
	Name      string
	W, H      float64
	Font      float64         // leaf labels
	TitleFont float64         // container titles
	Boxes     map[string]rect // fixed places: top-level components, containers, the internet
	Cols      map[string]int  // grid columns for a container's other children
	ChildH    float64         // height of an auto-placed child
	Roof      float64         // roof height of the house (a component with children and no target)
}

var smLayouts = []*smLayout{
	{
		Name: "wide", W: 960, H: 600, Font: 13, TitleFont: 14, ChildH: 40, Roof: 34,
		Boxes: map[string]rect{
			"sp":             {16, 16, 400, 180},
			"pp":             {636, 16, 308, 92},
			internetID:       {480, 228, 160, 56},
			"smart-home":     {16, 300, 770, 284},
			"home-gateway":   {300, 352, 200, 48},
			"devices":        {36, 464, 730, 96},
			"smartphone-app": {804, 372, 148, 64},
		},
		Cols: map[string]int{"sp": 2, "pp": 1, "devices": 4},
	},
	{
		Name: "tall", W: 400, H: 724, Font: 12, TitleFont: 14, ChildH: 40, Roof: 30,
		Boxes: map[string]rect{
			"sp":             {8, 16, 384, 186},
			"pp":             {230, 226, 162, 100},
			internetID:       {8, 272, 140, 56},
			"smartphone-app": {250, 346, 142, 44},
			"smart-home":     {8, 410, 384, 300},
			"home-gateway":   {130, 458, 180, 48},
			"devices":        {20, 556, 360, 140},
		},
		Cols: map[string]int{"sp": 2, "pp": 1, "devices": 2},
	},
}

// smNode is a drawn component (or the internet).
type smNode struct {
	ID, Name string
	Comp     *model.Component // nil for the internet
	Box      rect
	Kind     string // platform | house | group | leaf | internet
	Title    []string
	Href     string // "" = not a link
	Label    string // accessible name of the link
}

// smPath is a drawn communication path.
type smPath struct {
	EP       *model.EntryPoint
	From, To *smNode
	A, B     pt // clipped ends
}

// smMarker is an entry-point mark.
type smMarker struct {
	EP   *model.EntryPoint
	Box  rect
	Href string
	Tip  []string
	on   *smNode // a component mark's component
}

// smDrawing is a laid-out system model.
type smDrawing struct {
	L       *smLayout
	Nodes   []*smNode
	Paths   []*smPath
	Markers []*smMarker
	byID    map[string]*smNode
}

const (
	markerW, markerH = 46.0, 22.0
	boxPad           = 10.0
	gridGap          = 8.0
)

// layoutSystemModel places every component and entry point of the model.
func (s *drawer) layoutSystemModel(l *smLayout) (*smDrawing, error) {
	m := s.M
	d := &smDrawing{L: l, byID: map[string]*smNode{}}
	add := func(n *smNode) {
		d.Nodes = append(d.Nodes, n)
		d.byID[n.ID] = n
	}
	var place func(parent *smNode, cs []*model.Component) error
	place = func(parent *smNode, cs []*model.Component) error {
		var auto []*model.Component
		for _, c := range cs {
			if _, ok := l.Boxes[c.ID]; !ok {
				auto = append(auto, c)
			}
		}
		var grid []rect
		if len(auto) > 0 {
			if parent == nil || l.Cols[parent.ID] == 0 {
				return fmt.Errorf("system model (%s): component %s (%s) has no place in the layout", l.Name, auto[0].ID, auto[0].Pos)
			}
			grid = gridIn(parent, len(auto), l)
		}
		for _, c := range cs {
			n := &smNode{ID: c.ID, Name: c.Name, Comp: c}
			if b, ok := l.Boxes[c.ID]; ok {
				n.Box = b
			} else {
				n.Box, grid = grid[0], grid[1:]
			}
			switch {
			case len(c.Children) > 0 && c.Target == "" && parent == nil:
				n.Kind = "house"
			case len(c.Children) > 0 && parent == nil:
				n.Kind = "platform"
			case len(c.Children) > 0:
				n.Kind = "group"
			default:
				n.Kind = "leaf"
			}
			s.linkNode(n)
			add(n)
			if len(c.Children) > 0 {
				if err := place(n, c.Children); err != nil {
					return err
				}
			}
		}
		return nil
	}
	if err := place(nil, m.Components); err != nil {
		return nil, err
	}
	ib, ok := l.Boxes[internetID]
	if !ok {
		return nil, fmt.Errorf("system model (%s): no place for the internet", l.Name)
	}
	add(&smNode{ID: internetID, Name: "インターネット", Box: ib, Kind: "internet"})
	for _, n := range d.Nodes {
		n.Title = s.nodeTitle(n, l)
	}

	// Entry points: component marks at the top-right corner of their
	// component, path marks at the middle of their path.
	for _, ep := range m.EntryPoints {
		near := d.nodeOfTarget(ep.Target)
		if near == nil {
			return nil, fmt.Errorf("%s: %s target %s: no component of the system model has it", ep.Pos, ep.Mark(), ep.Target)
		}
		mk := &smMarker{EP: ep, Href: s.links.EntryPoint(ep.Number)}
		switch ep.Kind {
		case "component":
			if near.Comp == nil || !slices.Contains(near.Comp.EntryPoints, ep.Number) {
				return nil, fmt.Errorf("%s: %s is a component entry point, but component %s does not list it", ep.Pos, ep.Mark(), near.ID)
			}
			mk.on = near // placed below, once the path marks are known
		case "path":
			far, err := d.farEnd(ep, near)
			if err != nil {
				return nil, err
			}
			p := &smPath{EP: ep, From: near, To: far}
			p.A = clipTo(near, far.Box.center())
			p.B = clipTo(far, near.Box.center())
			d.Paths = append(d.Paths, p)
			mid := pt{(p.A.X + p.B.X) / 2, (p.A.Y + p.B.Y) / 2}
			mk.Box = rect{mid.X - markerW/2, mid.Y - markerH/2, markerW, markerH}
		default:
			return nil, fmt.Errorf("%s: %s kind %q", ep.Pos, ep.Mark(), ep.Kind)
		}
		mk.Tip = wrapText(ep.Mark()+" "+ep.Name, math.Min(l.W-40, 300), 12)
		d.Markers = append(d.Markers, mk)
	}
	// A component's mark goes on its top border, at the right corner
	// unless another mark is near, then at the left.
	for _, mk := range d.Markers {
		if mk.on == nil {
			continue
		}
		b := mk.on.Box
		corners := []rect{
			{b.right() - markerW - 6, b.Y - markerH/2, markerW, markerH},
			{b.X + 6, b.Y - markerH/2, markerW, markerH},
		}
		mk.Box = corners[0]
		for _, c := range corners {
			if !d.markNear(c, mk) {
				mk.Box = c
				break
			}
		}
	}
	return d, nil
}

// markNear reports whether r comes within a few units of a placed mark.
func (d *smDrawing) markNear(r rect, self *smMarker) bool {
	const gap = 14
	grown := rect{r.X - gap, r.Y - gap, r.W + 2*gap, r.H + 2*gap}
	for _, o := range d.Markers {
		if o != self && o.Box.W > 0 && grown.overlaps(o.Box) {
			return true
		}
	}
	return false
}

// gridIn lays n children out in the parent's columns below its title.
func gridIn(parent *smNode, n int, l *smLayout) []rect {
	cols := l.Cols[parent.ID]
	b := parent.Box
	top := b.Y + titleHeight(parent, l)
	w := (b.W - 2*boxPad - float64(cols-1)*gridGap) / float64(cols)
	out := make([]rect, n)
	for i := range out {
		r, c := i/cols, i%cols
		out[i] = rect{b.X + boxPad + float64(c)*(w+gridGap), top + float64(r)*(l.ChildH+gridGap), w, l.ChildH}
	}
	return out
}

// titleHeight is the space a container's title takes at its top.
func titleHeight(n *smNode, l *smLayout) float64 {
	lines := len(wrapText(n.Name, n.Box.W-2*boxPad-8, l.TitleFont))
	h := float64(lines)*l.TitleFont*1.3 + 12
	if n.Kind == "house" {
		h += l.Roof
	}
	return h
}

// nodeTitle wraps a node's name to its box.
func (s *drawer) nodeTitle(n *smNode, l *smLayout) []string {
	switch n.Kind {
	case "leaf", "internet":
		return wrapText(n.Name, n.Box.W-12, l.Font)
	case "house":
		return wrapText(n.Name, n.Box.W/2-2*boxPad, l.TitleFont)
	}
	// The entry-point mark sits on the border above the first line.
	return wrapText(n.Name, n.Box.W-2*boxPad-8, l.TitleFont)
}

// linkNode decides where a component links: the requirements of its
// target, or of the nearest ancestor with one (a server of the platform),
// and for the house, which has none, the section describing the model.
func (s *drawer) linkNode(n *smNode) {
	for c := n.Comp; c != nil; c = c.Parent {
		if c.Target == "" {
			continue
		}
		t := s.M.Target(c.Target)
		n.Href = s.links.Target(c.Target)
		what := "要求事項"
		if t != nil && t.Table != "" {
			what += "（表 " + t.Table + "）"
		}
		if c == n.Comp {
			n.Label = n.Name + ": " + what
		} else {
			n.Label = n.Name + ": " + c.Name + "の" + what
		}
		return
	}
	if u := s.links.Section("2.3"); u != "" {
		n.Href = u
		n.Label = n.Name + ": 2.3 システムモデルの定義"
	}
}

func (d *smDrawing) nodeOfTarget(code string) *smNode {
	for _, n := range d.Nodes {
		if n.Comp != nil && n.Comp.Target == code {
			return n
		}
	}
	return nil
}

// farEnd finds the other end of a path entry point from its name.
func (d *smDrawing) farEnd(ep *model.EntryPoint, near *smNode) (*smNode, error) {
	if strings.Contains(ep.Name, "インターネット") {
		return d.byID[internetID], nil
	}
	var found []*smNode
	for _, n := range d.Nodes {
		if n != near && n.Comp != nil && n.Comp.Target != "" && strings.Contains(ep.Name, n.Name) {
			found = append(found, n)
		}
	}
	if len(found) != 1 {
		return nil, fmt.Errorf("%s: %s %q: cannot tell the other end of the path (%d components named)", ep.Pos, ep.Mark(), ep.Name, len(found))
	}
	return found[0], nil
}

// clipTo is where the line from n's centre towards p leaves n's outline.
func clipTo(n *smNode, p pt) pt {
	c := n.Box.center()
	dx, dy := p.X-c.X, p.Y-c.Y
	if dx == 0 && dy == 0 {
		return c
	}
	var t float64
	if n.Kind == "internet" {
		rx, ry := n.Box.W/2, n.Box.H/2
		t = 1 / math.Sqrt(dx*dx/(rx*rx)+dy*dy/(ry*ry))
	} else {
		t = math.Inf(1)
		if dx != 0 {
			t = math.Min(t, n.Box.W/2/math.Abs(dx))
		}
		if dy != 0 {
			t = math.Min(t, n.Box.H/2/math.Abs(dy))
		}
	}
	return pt{c.X + dx*t, c.Y + dy*t}
}

// SystemModel draws the system model for a page. id prefixes the element
// ids (unique per page), size is a CSS modifier (small, large, figure), eps
// draws the entry-point marks (図3-1) or not (図2-3). Both layouts are in
// the output; the stylesheet shows the tall one on narrow screens.
func SystemModel(m *model.Model, links Links, id, size string, eps bool) (template.HTML, error) {
	s := &drawer{M: m, links: links}
	var b svgBuf
	b.Grow(64 << 10)
	b.printf(`<div class="sysmodel sysmodel-%s">`, xmlEsc(size))
	for i, l := range smLayouts {
		d, err := s.layoutSystemModel(l)
		if err != nil {
			return "", err
		}
		hidden := ""
		if i > 0 {
			hidden = ` hidden=""` // the stylesheet reveals it on narrow screens
		}
		b.printf(`<div class="sysmodel-%s"%s>`, l.Name, hidden)
		s.drawSystemModel(&b, d, id+"-"+l.Name, eps)
		b.WriteString(`</div>`)
	}
	b.WriteString(`</div>`)
	return template.HTML(b.String()), nil
}

// systemModelDesc describes the model in words, for <desc>.
func (s *drawer) systemModelDesc(d *smDrawing, eps bool) string {
	var parts []string
	for _, c := range s.M.Components {
		t := c.Name
		if len(c.Children) > 0 {
			var ch []string
			for _, k := range c.Children {
				ch = append(ch, k.Name)
			}
			t += "（" + strings.Join(ch, "、") + "）"
		}
		parts = append(parts, t)
	}
	out := "構成機器: " + strings.Join(parts, "、") + "。通信経路: "
	var ps []string
	for _, p := range d.Paths {
		t := p.From.Name + "～" + p.To.Name
		if eps {
			t = p.EP.Mark() + " " + t
		}
		ps = append(ps, t)
	}
	out += strings.Join(ps, "、") + "。"
	if eps {
		out += "赤い印はエントリーポイント EP①～EP⑩（表 3-4）で、それぞれの脅威のページへのリンクです。"
	}
	out += "各構成機器は対応するセキュリティ要求事項へのリンクです。"
	return out
}

func (s *drawer) drawSystemModel(b *svgBuf, d *smDrawing, id string, eps bool) {
	l := d.L
	title := "スマートホームのシステムモデル"
	if eps {
		title += "とエントリーポイント（EP①～EP⑩）"
	}
	b.printf(`<svg class="viz sysmodel-svg" viewBox="0 0 %s %s" role="group" aria-labelledby="%s-t %s-d">`, fnum(l.W), fnum(l.H), id, id)
	b.printf(`<title id="%s-t">%s</title><desc id="%s-d">%s</desc>`, id, xmlEsc(title), id, xmlEsc(s.systemModelDesc(d, eps)))

	// Containers first, leaves on top, then paths and marks.
	for _, kind := range []string{"house", "platform", "group", "internet", "leaf"} {
		for _, n := range d.Nodes {
			if n.Kind == kind {
				drawNode(b, n, l)
			}
		}
	}
	for _, p := range d.Paths {
		if !eps {
			b.printf(`<line class="sm-path" x1="%s" y1="%s" x2="%s" y2="%s" stroke="currentColor" stroke-width="2"/>`,
				fnum(p.A.X), fnum(p.A.Y), fnum(p.B.X), fnum(p.B.Y))
		}
	}
	if eps {
		for _, mk := range d.Markers {
			drawMarker(b, d, mk)
		}
	}
	b.WriteString(`</svg>`)
}

func drawNode(b *svgBuf, n *smNode, l *smLayout) {
	r := n.Box
	if n.Href != "" {
		// No <title>: its text would count as shown text that the
		// accessible name (the aria-label) does not repeat, which breaks
		// voice control ("click スマートホーム").
		b.printf(`<a class="sm-link" href="%s" aria-label="%s">`, xmlEsc(n.Href), xmlEsc(n.Label))
	}
	b.printf(`<g class="sm-node sm-%s" data-id="%s">`, n.Kind, xmlEsc(n.ID))
	switch n.Kind {
	case "house":
		roof := l.Roof
		b.printf(`<path class="sm-shape" d="M%s %sL%s %sL%s %sV%sH%sZ" fill="currentColor" fill-opacity=".03" stroke="currentColor" stroke-width="1.5"/>`,
			fnum(r.X), fnum(r.Y+roof), fnum(r.X+r.W/2), fnum(r.Y), fnum(r.right()), fnum(r.Y+roof), fnum(r.bottom()), fnum(r.X))
		b.textLines("sm-title", r.X+boxPad+2, r.Y+roof+l.TitleFont+6, l.TitleFont, l.TitleFont*1.3, "start", n.Title)
	case "internet":
		c := r.center()
		b.printf(`<ellipse class="sm-shape" cx="%s" cy="%s" rx="%s" ry="%s" fill="currentColor" fill-opacity=".07" stroke="currentColor" stroke-width="1.5"/>`,
			fnum(c.X), fnum(c.Y), fnum(r.W/2), fnum(r.H/2))
		centeredText(b, n, l)
	case "leaf":
		b.printf(`<rect class="sm-shape" x="%s" y="%s" width="%s" height="%s" rx="5" fill="currentColor" fill-opacity=".06" stroke="currentColor" stroke-width="1.2"/>`,
			fnum(r.X), fnum(r.Y), fnum(r.W), fnum(r.H))
		centeredText(b, n, l)
	default: // platform, group
		dash := ""
		if n.Kind == "group" {
			dash = ` stroke-dasharray="6 4"`
		}
		b.printf(`<rect class="sm-shape" x="%s" y="%s" width="%s" height="%s" rx="10" fill="currentColor" fill-opacity=".03" stroke="currentColor" stroke-width="1.5"%s/>`,
			fnum(r.X), fnum(r.Y), fnum(r.W), fnum(r.H), dash)
		b.textLines("sm-title", r.X+boxPad+2, r.Y+l.TitleFont+8, l.TitleFont, l.TitleFont*1.3, "start", n.Title)
	}
	b.WriteString(`</g>`)
	if n.Href != "" {
		b.WriteString(`</a>`)
	}
}

func centeredText(b *svgBuf, n *smNode, l *smLayout) {
	c := n.Box.center()
	lead := l.Font * 1.25
	y := c.Y - lead*float64(len(n.Title)-1)/2 + l.Font*0.36
	b.textLines("sm-label", c.X, y, l.Font, lead, "middle", n.Title)
}

func drawMarker(b *svgBuf, d *smDrawing, mk *smMarker) {
	ep := mk.EP
	label := ep.Mark() + " " + ep.Name + ": 想定脅威"
	// The mark's name shows in its own tooltip (.sm-tip) on hover and
	// focus; a <title> would count as shown text the name lacks.
	b.printf(`<a class="sm-ep" href="%s" aria-label="%s">`, xmlEsc(mk.Href), xmlEsc(label))
	for _, p := range d.Paths {
		if p.EP == ep {
			b.printf(`<line class="sm-path" x1="%s" y1="%s" x2="%s" y2="%s" stroke="currentColor" stroke-width="2"/>`,
				fnum(p.A.X), fnum(p.A.Y), fnum(p.B.X), fnum(p.B.Y))
		}
	}
	r := mk.Box
	b.printf(`<rect class="sm-ep-mark" data-ep="%d" x="%s" y="%s" width="%s" height="%s" rx="11" fill="#c62828" stroke="#fff" stroke-width="1.5"/>`,
		ep.Number, fnum(r.X), fnum(r.Y), fnum(r.W), fnum(r.H))
	b.printf(`<text class="sm-ep-text" x="%s" y="%s" font-size="13" font-weight="bold" text-anchor="middle" fill="#fff">%s</text>`,
		fnum(r.X+r.W/2), fnum(r.Y+r.H/2+4.5), xmlEsc(ep.Mark()))
	// The name, shown on hover and keyboard focus by the stylesheet.
	tw := 0.0
	for _, t := range mk.Tip {
		tw = math.Max(tw, textWidth(t, 12))
	}
	tw += 16
	th := float64(len(mk.Tip))*16 + 8
	tx := math.Max(4, math.Min(r.X+r.W/2-tw/2, d.L.W-tw-4))
	ty := r.bottom() + 4
	if ty+th > d.L.H-4 {
		ty = r.Y - th - 4
	}
	b.printf(`<g class="sm-tip" visibility="hidden"><rect x="%s" y="%s" width="%s" height="%s" rx="4" fill="#fff" stroke="currentColor"/>`,
		fnum(tx), fnum(ty), fnum(tw), fnum(th))
	b.textLines("sm-tip-text", tx+8, ty+16, 12, 16, "start", mk.Tip)
	b.WriteString(`</g></a>`)
}
