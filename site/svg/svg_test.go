package svg

import (
	"bytes"
	"encoding/xml"
	"flag"
	"html/template"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"shguide/site/model"
)

// Golden files are refreshed with `go test ./site -run Golden -update`.
// The flag is registered only if another test file has not (package-level
// flag variables are initialised before init functions run).
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite golden files under testdata/")
	}
}

func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	p := filepath.Join("testdata", name)
	if updating() {
		if err := os.WriteFile(p, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output (%d vs %d bytes); inspect and run with -update if intended", p, len(want), len(got))
	}
}

// loadReal loads and validates content/ or fails the test.
func loadReal(t testing.TB) *model.Model {
	t.Helper()
	m, err := model.Load(os.DirFS("../../content"))
	if err == nil {
		err = model.Validate(m)
	}
	if err != nil {
		t.Fatalf("content/:\n%v", err)
	}
	return m
}

// vizSite is a drawer over the real content, linking as the site under
// the base "/" does.
func vizSite(t testing.TB) *drawer {
	t.Helper()
	m := loadReal(t)
	return &drawer{M: m, links: siteLinks{m}}
}

// SystemModelSVG draws as the site's template function does.
func (s *drawer) SystemModelSVG(id, size string, eps bool) template.HTML {
	h, err := SystemModel(s.M, s.links, id, size, eps)
	if err != nil {
		panic(err)
	}
	return h
}

// The site's paths (site/paths.go) below the base "/".
func epPath(n int) string               { return "threats/ep" + strconv.Itoa(n) + "/" }
func threatPath(t *model.Threat) string { return epPath(t.EntryPoint) + "#" + t.ID }
func erratumPath(id string) string      { return "errata/#" + strings.ToLower(id) }
func targetPath(code string) string     { return "requirements/#target-" + strings.ToLower(code) }

// siteLinks links as the site under the base "/" does.
type siteLinks struct{ m *model.Model }

func (l siteLinks) EntryPoint(n int) string       { return "/" + epPath(n) }
func (l siteLinks) Target(code string) string     { return "/" + targetPath(code) }
func (l siteLinks) Threat(t *model.Threat) string { return "/" + threatPath(t) }
func (l siteLinks) Erratum(id string) string      { return "/" + erratumPath(id) }
func (l siteLinks) Errata() string                { return "/errata/" }
func (l siteLinks) Section(num string) string {
	if l.m.Section(num) != nil {
		return "/chapters/" + num + "/"
	}
	return ""
}

// xnode is a parsed element: enough of a DOM to check drawings.
type xnode struct {
	Name     string
	Attr     map[string]string
	Text     string // character data directly inside
	Children []*xnode
	Parent   *xnode
}

// parseXML parses a fragment (the drawing's HTML is XML-well-formed by
// construction; this also proves it).
func parseXML(t *testing.T, src string) *xnode {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader("<root>" + src + "</root>"))
	dec.Strict = true
	dec.Entity = xml.HTMLEntity
	root := &xnode{Name: "doc", Attr: map[string]string{}}
	cur := root
	for {
		tok, err := dec.Token()
		if err != nil {
			if err.Error() == "EOF" {
				break
			}
			t.Fatalf("not well-formed: %v", err)
		}
		switch x := tok.(type) {
		case xml.StartElement:
			n := &xnode{Name: x.Name.Local, Attr: map[string]string{}, Parent: cur}
			for _, a := range x.Attr {
				n.Attr[a.Name.Local] = a.Value
			}
			cur.Children = append(cur.Children, n)
			cur = n
		case xml.EndElement:
			cur = cur.Parent
		case xml.CharData:
			cur.Text += string(x)
		}
	}
	return root
}

// all returns the descendants for which f is true, in document order.
func (n *xnode) all(f func(*xnode) bool) []*xnode {
	var out []*xnode
	var walk func(*xnode)
	walk = func(x *xnode) {
		for _, c := range x.Children {
			if f(c) {
				out = append(out, c)
			}
			walk(c)
		}
	}
	walk(n)
	return out
}

func (n *xnode) hasClass(c string) bool {
	for _, x := range strings.Fields(n.Attr["class"]) {
		if x == c {
			return true
		}
	}
	return false
}

// text is all character data below n.
func (n *xnode) text() string {
	var b strings.Builder
	var walk func(*xnode)
	walk = func(x *xnode) {
		b.WriteString(x.Text)
		for _, c := range x.Children {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// ancestor is the nearest enclosing element named name, or nil.
func (n *xnode) ancestor(name string) *xnode {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Name == name {
			return p
		}
	}
	return nil
}

func byName(name string) func(*xnode) bool { return func(n *xnode) bool { return n.Name == name } }

func byClass(c string) func(*xnode) bool { return func(n *xnode) bool { return n.hasClass(c) } }

// checkLabelled asserts every <svg> is named by its <title> and <desc>.
func checkLabelled(t *testing.T, doc *xnode) {
	t.Helper()
	for _, svg := range doc.all(byName("svg")) {
		ids := strings.Fields(svg.Attr["aria-labelledby"])
		if len(ids) != 2 {
			t.Errorf("svg %q: aria-labelledby %q, want title and desc", svg.Attr["class"], svg.Attr["aria-labelledby"])
			continue
		}
		for i, want := range []string{"title", "desc"} {
			found := svg.all(func(n *xnode) bool { return n.Attr["id"] == ids[i] })
			if len(found) != 1 || found[0].Name != want || strings.TrimSpace(found[0].Text) == "" {
				t.Errorf("svg %q: %s %q missing or empty", svg.Attr["class"], want, ids[i])
			}
		}
		if svg.Attr["viewBox"] == "" || svg.Attr["width"] != "" {
			t.Errorf("svg %q: want a viewBox and no fixed width (scales to the page)", svg.Attr["class"])
		}
	}
}
