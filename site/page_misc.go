package site

import (
	"bytes"
	"encoding/xml"
)

func init() { registerArea(miscArea{}) }

// miscArea is the files every static site needs: the 404 page, robots.txt,
// the web app manifest and the sitemap.
type miscArea struct{}

func (miscArea) name() string { return "misc" }

func (miscArea) scripts() []string { return []string{"js/site.js"} }

func (miscArea) build(s *Site) error {
	s.AddPage(&Page{Path: "404.html", Title: "ページが見つかりません", Template: "404", NoIndex: true})
	s.AddFile(".nojekyll", nil)
	robots := "User-agent: *\nAllow: /\n"
	if s.Opt.URL != "" {
		robots += "Sitemap: " + s.Opt.URL + s.url("sitemap.xml") + "\n"
	}
	s.AddFile("robots.txt", []byte(robots))
	manifest := map[string]any{
		"name":             "スマートホーム セキュリティガイドライン（非公式版）",
		"short_name":       "SHガイド",
		"lang":             "ja",
		"start_url":        s.url(""),
		"scope":            s.url(""),
		"display":          "standalone",
		"background_color": "#ffffff",
		"theme_color":      "#0b5cad",
		"icons": []map[string]string{
			{"src": s.assetURL("icon.svg"), "sizes": "any", "type": "image/svg+xml", "purpose": "any"},
		},
	}
	s.AddFile("manifest.webmanifest", marshalJSON(manifest, false))
	return nil
}

// addSitemap lists every indexable page. Locations are absolute URLs when
// Options.URL is set, base-prefixed paths otherwise.
func (s *Site) addSitemap() {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, p := range s.pages {
		if p.NoIndex {
			continue
		}
		b.WriteString("<url><loc>")
		xml.EscapeText(&b, []byte(s.Opt.URL+s.url(p.Path)))
		b.WriteString("</loc></url>\n")
	}
	b.WriteString("</urlset>\n")
	s.AddFile("sitemap.xml", b.Bytes())
}
