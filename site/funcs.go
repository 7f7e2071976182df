package site

import (
	"html/template"
	"strconv"
	"strings"

	"shguide/calculator"
	"shguide/site/markdown"
	"shguide/site/model"
)

// funcMap is the template functions (documented in doc.go); site is the
// build they serve at the time of the call.
func funcMap(site func() *Site) template.FuncMap {
	url := func(p string) string { return site().url(p) }
	return template.FuncMap{
		"url":    url,
		"asset":  func(name string) string { return site().assetURL(name) },
		"md":     func(src string) template.HTML { return site().markdown(src, markdown.Options{}) },
		"text":   func(text string) template.HTML { return site().md.Text(text) },
		"plain":  markdown.PlainText,
		"stars":  func(n int) string { return strings.Repeat("★", n) },
		"ep":     model.EPMark,
		"anchor": func(id string) template.HTML { return template.HTML(markdown.AnchorHTML(id)) },

		"chapterURL":   func(n int) string { return url(chapterPath(n)) },
		"sectionURL":   func(num string) string { return url(site().sectionPath(num)) },
		"tableURL":     func(id string) string { return url(site().tablePath(id)) },
		"figureURL":    func(id string) string { return url(site().figurePath(id)) },
		"reqURL":       func(id string) string { return url(reqPath(id)) },
		"codeURL":      func(col, code string) string { return url(codePath(col, code)) },
		"codesURL":     func(col string) string { return url(codesPath(col)) },
		"epURL":        func(n int) string { return url(epPath(n)) },
		"threatURL":    func(t *model.Threat) string { return url(threatPath(t)) },
		"classURL":     func(id string) string { return url(classPath(id)) },
		"lifecycleURL": func(id string) string { return url(lifecyclePath(id)) },
		"phaseURL":     func(p *model.Phase) string { return url(phasePath(p)) },
		"measureURL":   func(m *model.Measure) string { return url(measurePath(m)) },
		"refURL":       func(no int) string { return url(refPath(no)) },
		"erratumURL":   func(id string) string { return url(erratumPath(id)) },
		"metricURL":    func(abbr string) string { return url(metricPath(abbr)) },
		"targetURL":    func(code string) string { return url(targetPath(code)) },
		"componentURL": func(id string) string { return url(componentPath(id)) },

		"severityClass": severityClass,
		"table":         func(id string) template.HTML { return site().renderTable(id) },
		"figure":        func(id string) template.HTML { return site().renderFigure(id) },
		"highlight":     func(lang, code string) template.HTML { return site().highlight(lang, code) },
		"partial":       func(name string, data any) template.HTML { return site().partial(name, data) },
		"layoutPart":    func(name string, d *PageData) template.HTML { return site().layoutPart(name, d.Page) },
		"dict":          dict,
		"list":          func(xs ...any) []any { return xs },
		"add":           func(a, b int) int { return a + b },
		"itoa":          strconv.Itoa,
		"kb":            kiloBytes,
		"join":          strings.Join,
		"lower":         strings.ToLower,
		"slug":          model.Slug,
		"sameAs":        func(id string) *model.Requirement { return site().M.Requirement(id) },
		"csp":           func() string { return csp },
		"offlineSize":   offlineSize,
		"offlineFiles":  offlineFiles,
		"sectionAnchor": sectionAnchor,
		"sectionLink":   func(num string) template.HTML { return site().sectionLink(num) },
		"termID":        TermAnchor,
		"abbrID":        AbbrAnchor,
		"refLinks":      func(refs []*model.MeasureRef) []RefLink { return site().refLinks(refs) },
		"score1":        model.OneDecimal,
		"vector":        vectorHTML,
		"sevOf": func(score string) string {
			if v, ok := calculator.ParseScore(score); ok {
				return calculator.SeverityOf(v).String()
			}
			return ""
		},
		"classOf": func(id string) *model.ThreatClass { return site().M.Class(id) },
		"markOf": func(mp *model.Mapping) *model.Mark {
			if mp == nil {
				return nil
			}
			return site().M.Mark(mp.Symbol)
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

// kiloBytes writes a file size for readers: "12.3 KB" (1 KB = 1,000 bytes).
func kiloBytes(n int) string {
	if n < 1000 {
		return strconv.Itoa(n) + " B"
	}
	return strconv.FormatFloat(float64(n)/1000, 'f', 1, 64) + " KB"
}

// vectorHTML marks up a vector so that lines break only between metrics:
// a break opportunity after every "/", none inside "LP:N".
func vectorHTML(vector string) template.HTML {
	parts := strings.Split(vector, "/")
	for i, p := range parts {
		parts[i] = template.HTMLEscapeString(p)
	}
	return template.HTML(strings.Join(parts, "/<wbr>"))
}
