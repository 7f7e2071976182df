package site

import (
	"html/template"

	"shguide/calculator"
	"strconv"
	"strings"
)

// funcs are the template functions (documented in doc.go).
func (s *Site) funcs() template.FuncMap {
	return template.FuncMap{
		"url":   s.url,
		"asset": s.assetURL,
		"md": func(src string) template.HTML {
			return s.markdown(src, mdOptions{})
		},
		"mdInline": s.markdownInline,
		"text":     s.linkText,
		"plain":    plainText,
		"stars":    func(n int) string { return strings.Repeat("★", n) },
		"ep":       EPMark,
		"anchor":   func(id string) template.HTML { return template.HTML(anchorHTML(id)) },

		"chapterURL":   func(n int) string { return s.url(chapterPath(n)) },
		"sectionURL":   func(num string) string { return s.url(s.sectionPath(num)) },
		"tableURL":     func(id string) string { return s.url(s.tablePath(id)) },
		"figureURL":    func(id string) string { return s.url(s.figurePath(id)) },
		"reqURL":       func(id string) string { return s.url(reqPath(id)) },
		"codeURL":      func(col, code string) string { return s.url(codePath(col, code)) },
		"codesURL":     func(col string) string { return s.url(codesPath(col)) },
		"epURL":        func(n int) string { return s.url(epPath(n)) },
		"threatURL":    func(t *Threat) string { return s.url(threatPath(t)) },
		"classURL":     func(id string) string { return s.url(classPath(id)) },
		"lifecycleURL": func(id string) string { return s.url(lifecyclePath(id)) },
		"phaseURL":     func(p *Phase) string { return s.url(phasePath(p)) },
		"measureURL":   func(m *Measure) string { return s.url(measurePath(m)) },
		"refURL":       func(no int) string { return s.url(refPath(no)) },
		"erratumURL":   func(id string) string { return s.url(erratumPath(id)) },
		"metricURL":    func(abbr string) string { return s.url(metricPath(abbr)) },
		"targetURL":    func(code string) string { return s.url(targetPath(code)) },
		"componentURL": func(id string) string { return s.url(componentPath(id)) },

		"severityClass": severityClass,
		"table":         s.renderTable,
		"figure":        s.renderFigure,
		"highlight":     s.highlight,
		"partial":       s.partial,
		"dict":          dict,
		"list":          func(xs ...any) []any { return xs },
		"add":           func(a, b int) int { return a + b },
		"itoa":          strconv.Itoa,
		"join":          strings.Join,
		"lower":         strings.ToLower,
		"slug":          slugID,
		"sameAs":        func(id string) *Requirement { return s.M.Requirement(id) },
		"csp":           func() string { return csp },
		"sectionAnchor": sectionAnchor,
		"sectionLink":   s.sectionLink,
		"termID":        TermAnchor,
		"abbrID":        AbbrAnchor,
		"refLinks":      s.refLinks,
		"sevOf": func(score string) string {
			if v, ok := calculator.ParseScore(score); ok {
				return calculator.SeverityOf(v).String()
			}
			return ""
		},
		"classOf": s.M.Class,
		"markOf": func(mp *Mapping) *Mark {
			if mp == nil {
				return nil
			}
			return s.M.Mark(mp.Symbol)
		},
		"assetKind": assetKindName,
		"analysisRows": func(g EPGroup) int {
			n := 0
			for _, t := range g.Threats {
				n += max(1, len(t.Analysis))
			}
			return n
		},
	}
}

// csp is the Content-Security-Policy of every page: nothing inline, nothing
// from other origins; 'wasm-unsafe-eval' lets the search and calculator
// compile the site's own WebAssembly module.
const csp = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; " +
	"font-src 'self'; connect-src 'self'; manifest-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'"

func assetKindName(kind string) string {
	switch kind {
	case "primary":
		return "一次資産"
	case "secondary":
		return "二次資産"
	case "both":
		return "一次資産/二次資産"
	}
	return kind
}

// TermAnchor is the id of a glossary entry on glossary/ ("term-住宅",
// "abbr-API"): the term itself, whitespace replaced, so it stays readable.
func TermAnchor(term string) string {
	return "term-" + strings.Join(strings.Fields(term), "-")
}

// AbbrAnchor is the id of an abbreviation on glossary/.
func AbbrAnchor(abbr string) string { return "abbr-" + strings.Join(strings.Fields(abbr), "-") }

// sectionLink links "2.2 節" to its section when the section exists.
func (s *Site) sectionLink(num string) template.HTML {
	label := template.HTMLEscapeString(num + " 節")
	if p := s.sectionPath(num); p != "" {
		return template.HTML(`<a href="` + template.HTMLEscapeString(s.url(p)) + `">` + label + `</a>`)
	}
	return template.HTML(label)
}

func itoa(n int) string { return strconv.Itoa(n) }

// severityClass maps a severity name (English or Japanese) to a CSS class.
func severityClass(name string) string {
	switch name {
	case "Critical", "緊急":
		return "sev-critical"
	case "High", "重要":
		return "sev-high"
	case "Medium", "警告":
		return "sev-medium"
	case "Low", "注意":
		return "sev-low"
	}
	return "sev-none"
}

// dict builds a map for passing several values to a partial.
func dict(kv ...any) map[string]any {
	m := make(map[string]any, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		k, _ := kv[i].(string)
		m[k] = kv[i+1]
	}
	return m
}

// plainText turns the Markdown subset into plain text with line breaks:
// "- " bullets become the source's "・", "1) " items and ※ notes stay,
// nesting is kept as two-space indentation, backslash escapes are removed.
func plainText(md string) string {
	var out []string
	for _, line := range strings.Split(strings.TrimSpace(md), "\n") {
		if strings.TrimSpace(line) == "" {
			continue // a paragraph break becomes a plain line break
		}
		indent := len(line) - len(strings.TrimLeft(line, " "))
		t := strings.TrimLeft(line, " ")
		if strings.HasPrefix(t, "- ") {
			t = "・" + strings.TrimSpace(t[2:])
		}
		out = append(out, strings.Repeat(" ", indent)+unescapeMarkdown(t))
	}
	return strings.Join(out, "\n")
}

func unescapeMarkdown(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("\\`*_{}[]()#+-.!|<>~=", s[i+1]) >= 0 {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
