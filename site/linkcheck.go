package site

import (
	"errors"
	"fmt"
	"html"
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/tdewolff/parse/v2"
	htmllex "github.com/tdewolff/parse/v2/html"
)

// pageRefs is what the link checker needs from one HTML file.
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

// lowerName is an element or attribute name in lower case, without
// allocating for the names the checker looks at.
func lowerName(b []byte) string {
	for _, n := range [...]string{"a", "link", "script", "img", "meta", "form", "id", "name", "href", "src", "action", "content"} {
		if len(b) == len(n) && strings.EqualFold(string(b), n) {
			return n
		}
	}
	return strings.ToLower(string(b))
}

// scanHTML collects the ids and the link-bearing attributes of a page.
func scanHTML(b []byte) pageRefs {
	pr := pageRefs{ids: map[string]bool{}}
	l := htmllex.NewLexer(parse.NewInputBytes(b))
	tag := ""
	for {
		tt, data := l.Next()
		switch tt {
		case htmllex.ErrorToken:
			return pr
		case htmllex.StartTagToken:
			tag = lowerName(l.Text())
		case htmllex.SVGToken, htmllex.MathToken:
			for _, mm := range reForeignAttr.FindAllSubmatch(data, -1) {
				v := html.UnescapeString(string(mm[2]))
				if string(mm[1]) == "id" {
					pr.ids[v] = true
				} else {
					pr.links = append(pr.links, ref{"svg", "href", v})
				}
			}
		case htmllex.AttributeToken:
			key := lowerName(l.AttrKey())
			if key != "id" && key != "name" && key != "href" && key != "src" && key != "action" && key != "content" {
				continue
			}
			val := l.AttrVal()
			if len(val) >= 2 && (val[0] == '"' || val[0] == '\'') {
				val = val[1 : len(val)-1]
			}
			v := html.UnescapeString(string(val))
			switch {
			case key == "id":
				pr.ids[v] = true
			case key == "name" && tag == "a":
				pr.ids[v] = true
			case key == "href" || key == "src" || key == "action" || (key == "content" && tag == "meta" && strings.HasPrefix(v, "/")):
				pr.links = append(pr.links, ref{tag, key, v})
			}
		}
	}
}

// checkLinks verifies every internal link and fragment of every HTML page
// and that no page loads anything from another origin.
func checkLinks(files map[string][]byte, base string) error {
	refs := map[string]pageRefs{}
	for name, b := range files {
		if strings.HasSuffix(name, ".html") {
			refs[name] = scanHTML(b)
		}
	}
	var probs []string
	for _, name := range slices.Sorted(maps.Keys(refs)) {
		for _, r := range refs[name].links {
			if msg := checkRef(name, r, files, refs, base); msg != "" {
				probs = append(probs, fmt.Sprintf("%s: <%s %s=%q>: %s", name, r.tag, r.attr, r.url, msg))
			}
		}
	}
	if len(probs) == 0 {
		return nil
	}
	slices.Sort(probs)
	return errors.New("broken links:\n" + strings.Join(probs, "\n"))
}

func checkRef(page string, r ref, files map[string][]byte, refs map[string]pageRefs, base string) string {
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
		if u == "#" || !refs[page].ids[u[1:]] {
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
		tr, ok := refs[target]
		if ok && !tr.ids[frag] {
			if problem, checked := fragmentCheck(target, frag); checked {
				return problem
			}
		}
		if !ok || !tr.ids[frag] {
			return "no such anchor #" + frag + " in " + target
		}
	}
	return ""
}
