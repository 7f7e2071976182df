// Package site turns the content tree (content/) into the static web site.
//
// Data flows one way: model.Load reads the content into a Model and derives
// what follows from it, model.Validate checks it, and Build renders pages,
// open data and assets from the validated model into a fresh output
// directory that replaces the old one only when everything succeeded.
// Package markdown renders the Markdown of the content with its auto-links;
// package svg draws the system model and the risk charts.
//
// # Pages and URLs
//
// Paths are below the base (paths.go decides them all): home "", chapters/,
// chapters/3/, chapters/3.5/ (subsections #sec-3-5-2, other headings
// #sec-3-5-h1, tables #t3-4, figures #f2-3), requirements/ (groups
// #target-sp), requirements/sr3-h-5/, requirements/{uk,sb327,cpsf}/ and
// requirements/cpsf/cps-ac-3/, threats/ (classes #class-<id>),
// threats/ep5/ (each threat #<threat id>), lifecycles/,
// lifecycles/service/ (phases #planning, measures #planning-3), metrics/
// (#lp, #mav …), severity/, system-model/ (components #<component id>),
// use-cases/, protected-assets/, risk-analysis/, glossary/ (TermAnchor,
// AbbrAnchor), references/ (#ref-21), errata/ (#e002), open-data/, about/,
// 404.html, offline/ (what the service worker shows for a page never
// saved); data/requirements.json, data/threats.json,
// data/lifecycles.json, data/glossary.json, data/errata.json, each with its
// JSON Schema (data/<name>.schema.json, from site/schema/), and
// data/requirements.csv, data/threats.csv; sitemap.xml, robots.txt,
// manifest.webmanifest, .nojekyll, assets/ (content-hashed names); sw.js,
// the service worker, and offline.json, the files it saves (offline.go).
//
// # Extension points
//
// A page area is one file site/page_<area>.go with a type that implements
// area (area.go) and registers itself:
//
//	func init() { registerArea(requirementsArea{}) }
//
//	type requirementsArea struct{}
//
//	func (requirementsArea) name() string { return "requirements" } // unique; areas run in name order
//	func (requirementsArea) build(s *Site) error { … }              // adds pages, files, header entries
//
// An area that draws tables of captions.yaml, figures, search documents or
// pages that read their URL fragment also implements tableArea (table
// number → partial template of _tables.html and its data), figureArea
// (captions.yaml render key → drawing), searchArea (documents by rank, which
// keeps the guideline's order), fragmentArea (a check of the fragments of
// links into its pages) or scriptArea (scripts loaded on every page).
// Nothing else is registered anywhere: adding an area is adding a file.
//
// The build func calls s.AddPage(&Page{...}) for each page: Path is the URL
// path below the base without a leading slash, ending in "/" (written as
// index.html) or in a file name ("404.html"); Template names
// site/templates/<Template>.html, which defines {{define "main"}} and may
// define {{define "head"}} for extra <head> elements; Data is passed to the
// template as .Data; Nav is the key of the header entry to mark current;
// Crumbs, Prev/Next, Scripts and Styles (page-only asset paths such as
// "js/filters.js"; a page that highlights code lists "css/chroma.css") and
// NoIndex (not in sitemap.xml) are optional. Every
// page has exactly one <h1>, which the page template writes.
//
// s.AddFile(path, bytes) writes any other file; s.addAsset(name, bytes)
// writes a generated file below assets/ that the asset function can
// version. s.AddNav(NavItem{Key, Title, Path, Order}) adds a header entry
// (ordered by Order: 本文 10, 要件 20, チェックリスト 25, 脅威 30,
// ライフサイクル 40, リスク評価 50, 計算機 55, 用語 60). Files under site/assets/ are copied to <out>/assets/;
// templates whose name starts with "_" and layout.html are shared partials
// ({{partial "name" data}} in a page template; {{template "name" .}}
// among partials).
//
// Template functions (funcs.go):
//
//	url "requirements/"        base-prefixed path
//	asset "css/site.css"       base-prefixed asset URL with a content hash
//	md body                    Markdown subset → HTML with auto-links
//	text s                     plain text → HTML, auto-links, line breaks kept
//	plain md                   Markdown subset → plain text
//	stars 3, ep 5              "★★★", "EP⑤"
//	anchor id                  the copyable "#" link placed in headings
//	chapterURL n, sectionURL num, sectionLink num, tableURL id, figureURL id,
//	reqURL id, codeURL col code, codesURL col, epURL n, threatURL t,
//	classURL id, lifecycleURL id, phaseURL p, measureURL m, refURL no,
//	erratumURL id, metricURL abbr, targetURL code, componentURL id
//	severityClass name         CSS class of a severity (English or Japanese)
//	sevOf score                English severity of a printed score
//	score1 score               a score with one decimal, as CVSS writes it ("10" → "10.0")
//	vector v                   a vector that breaks only after "/" (with <wbr>)
//	table "3-4", figure "2-3"  the data-rendered table or figure
//	highlight lang code        chroma-highlighted code (classes; light and dark CSS)
//	partial name data, dict k v …, list …, add, itoa, join, lower, slug
//	kb n                       a file size: "12.3 KB"
//	layoutPart name .          a part of layout.html, executed once per build and variant (layout.go)
//	classOf id, markOf mapping, sameAs id, assetKind kind, refLinks refs,
//	analysisRows group, termID term, abbrID abbr, sectionAnchor num, csp
//
// Templates get a *PageData: .Site (options, Nav, Scripts, Base), .Page,
// .M (the model.Model, with lookups such as .M.Requirement "R2-1") and
// .Data. The templates are parsed once per process (templates.go).
//
// Every page gets the layout (templates/layout.html): lang="ja", data-base,
// a Content-Security-Policy meta tag (nothing inline, nothing from other
// origins, 'wasm-unsafe-eval' for the WebAssembly module), description and
// Open Graph meta (og:url with Options.URL), js/theme.js as the one
// blocking script (it applies the reader's light or dark theme before the first
// paint), the header with the search form of the shared contract and the
// theme switch, breadcrumbs, prev/next and the footer with the
// attribution. A page template may add a skip link ({{define "skip"}}).
// Long pages (sideTOCDepth in render.go) get a side table of contents of
// their h2/h3, which the style sheet shows beside the text on wide screens. After minification every internal link,
// fragment and asset reference is checked; a broken one fails the build
// with the page and the href.
package site
