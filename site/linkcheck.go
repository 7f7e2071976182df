package site

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/tdewolff/parse/v2"
	htmllex "github.com/tdewolff/parse/v2/html"
)

// pageRefs are the ids and the link-bearing attributes of one HTML file.
type pageRefs struct {
	ids   map[string]bool
	links []ref
}

type ref struct {
	tag, attr, url string
}

// Attributes inside inline SVG and MathML, which the HTML lexer returns
// as one token.
var reForeignAttr = regexp.MustCompile(`\s(id|href|xlink:href)="([^"]*)"`)

// interned holds the strings of a link check: pages share most of their
// ids and links (the header, the navigation, the footer), so each distinct
// one is allocated once.
type interned map[string]string

func (in interned) str(b []byte) string {
	if s, ok := in[string(b)]; ok {
		return s
	}
	s := string(b)
	in[s] = s
	return s
}

// checkedNames are the element and attribute names the checker looks at.
var checkedNames = [...]string{"a", "link", "script", "img", "meta", "form", "id", "name", "href", "src", "action", "content"}

// lowerName is an element or attribute name in lower case.
func (in interned) lowerName(b []byte) string {
	for _, n := range checkedNames {
		if len(b) == len(n) && strings.EqualFold(string(b), n) {
			return n
		}
	}
	for _, c := range b {
		if 'A' <= c && c <= 'Z' || c >= utf8.RuneSelf {
			return strings.ToLower(string(b))
		}
	}
	return in.str(b)
}

// isCheckedAttr reports whether an attribute may hold an id or a link.
func isCheckedAttr(key string) bool {
	switch key {
	case "id", "name", "href", "src", "action", "content":
		return true
	}
	return false
}

// attrValue is an attribute's value without quotes, with character
// references resolved.
func (in interned) attrValue(val []byte) string {
	if len(val) >= 2 && (val[0] == '"' || val[0] == '\'') {
		val = val[1 : len(val)-1]
	}
	if bytes.IndexByte(val, '&') >= 0 {
		return html.UnescapeString(string(val))
	}
	return in.str(val)
}

// scanHTML collects the ids and the link-bearing attributes of a page.
func scanHTML(b []byte) pageRefs {
	pr := pageRefs{ids: map[string]bool{}}
	interned{}.scan(b, pr.ids, func(r ref) { pr.links = append(pr.links, r) })
	return pr
}

// scan adds the ids of a page to ids and calls link with each of its
// link-bearing attributes; either may be nil.
func (in interned) scan(b []byte, ids map[string]bool, link func(ref)) {
	l := htmllex.NewLexer(parse.NewInputBytes(b))
	tag := ""
	for {
		tt, data := l.Next()
		switch tt {
		case htmllex.ErrorToken:
			return
		case htmllex.StartTagToken:
			tag = in.lowerName(l.Text())
		case htmllex.SVGToken, htmllex.MathToken:
			for _, mm := range reForeignAttr.FindAllSubmatch(data, -1) {
				v := html.UnescapeString(string(mm[2]))
				switch {
				case string(mm[1]) == "id":
					if ids != nil {
						ids[v] = true
					}
				case link != nil:
					link(ref{"svg", "href", v})
				}
			}
		case htmllex.AttributeToken:
			key := in.lowerName(l.AttrKey())
			if !isCheckedAttr(key) || (key == "id" || key == "name") && ids == nil {
				continue
			}
			v := in.attrValue(l.AttrVal())
			switch {
			case key == "id", key == "name" && tag == "a":
				ids[v] = true
			case link == nil:
			case key == "href" || key == "src" || key == "action" || (key == "content" && tag == "meta" && strings.HasPrefix(v, "/")):
				link(ref{tag, key, v})
			}
		}
	}
}

// checkLinks verifies every internal link and fragment of every HTML page
// and that no page loads anything from another origin. It reads the
// pages twice, for their ids and then for their links, which it checks
// as it meets them.
func checkLinks(files map[string][]byte, base string) error {
	ids := map[string]map[string]bool{}
	in := interned{}
	for name, b := range files {
		if strings.HasSuffix(name, ".html") {
			ids[name] = map[string]bool{}
			in.scan(b, ids[name], nil)
		}
	}
	var probs []string
	for _, name := range slices.Sorted(maps.Keys(ids)) {
		in.scan(files[name], nil, func(r ref) {
			if msg := checkRef(name, r, files, ids, base); msg != "" {
				probs = append(probs, fmt.Sprintf("%s: <%s %s=%q>: %s", name, r.tag, r.attr, r.url, msg))
			}
		})
	}
	if len(probs) == 0 {
		return nil
	}
	slices.Sort(probs)
	return errors.New("broken links:\n" + strings.Join(probs, "\n"))
}

func checkRef(page string, r ref, files map[string][]byte, ids map[string]map[string]bool, base string) string {
	u := r.url
	switch {
	case strings.HasPrefix(u, "mailto:"):
		return ""
	case strings.HasPrefix(u, "http://"), strings.HasPrefix(u, "https://"), strings.HasPrefix(u, "//"):
		if r.tag == "a" || r.tag == "svg" {
			return "" // an outbound link is fine; loading from elsewhere is not
		}
		return "third-party request"
	case strings.HasPrefix(u, "data:"):
		if r.tag == "img" {
			return ""
		}
		return "data: URL"
	case strings.HasPrefix(u, "#"):
		if u == "#" || !ids[page][u[1:]] {
			return "no such anchor on this page"
		}
		return ""
	case !strings.HasPrefix(u, "/"):
		return "relative URL (use the url/asset template functions)"
	case !strings.HasPrefix(u, base):
		return "does not start with the base " + base
	}
	p := strings.TrimPrefix(u, base)
	frag := ""
	if i := strings.IndexByte(p, '#'); i >= 0 {
		p, frag = p[:i], p[i+1:]
	}
	if i := strings.IndexByte(p, '?'); i >= 0 {
		p = p[:i]
	}
	if p != "" && path.Clean(p) != strings.TrimSuffix(p, "/") {
		return "unclean path"
	}
	target := outputName(p)
	if _, ok := files[target]; !ok {
		if _, dir := files[p+"/index.html"]; dir && p != "" {
			return "directory without trailing slash"
		}
		return "no such file"
	}
	if frag != "" {
		tr, ok := ids[target]
		if ok && !tr[frag] {
			if problem, checked := fragmentCheck(target, frag); checked {
				return problem
			}
		}
		if !ok || !tr[frag] {
			return "no such anchor #" + frag + " in " + target
		}
	}
	return ""
}
