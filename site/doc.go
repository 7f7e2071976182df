// Package site turns the content tree (content/) into the static web site.
//
// Data flows one way: Load reads the content into a Model, Validate checks
// it, and Build renders pages, open data and assets from the validated
// model into a fresh output directory that replaces the old one only when
// everything succeeded.
//
// # Content format
//
// The content is an fs.FS (os.DirFS("content") in the shguide command, an
// fstest.MapFS in tests). content/README.md is the authoritative schema; in
// short:
//
//	guideline.yaml     title, version, publisher, organization, published,
//	                   revisions[{version,date,note}], notices[{heading,items}],
//	                   editors[{group, members[{role,name}]}]
//	captions.yaml      tables[{id,caption,page}], figures[{id,caption,page,render}]
//	chapters/NN.md     front matter {chapter, title}; Markdown split into
//	                   sections by "## x.y title"; "### x.y.z title"
//	                   subsections; "####" free sub-headings; directives
//	                   {{table N-M}} / {{figure N-M}} alone on a line
//	references.yaml    references[{no,title,url}]
//	glossary.yaml      terms[{term,description}], abbreviations[{abbr,name}]
//	service.yaml       definitions, levels, components (tree), usecases
//	risk.yaml          steps, assets, assetNotes, classes, entryPoints,
//	                   analysisItems, interfaces, interfacesNote, who, whom,
//	                   where, cvssIssues, criteria
//	metrics.yaml       base, temporal, environmental (metrics with values and
//	                   weights), severity bands, formulas {base, environmental}
//	threats.yaml       threats[{id, entryPoint, class, example, scoredAs,
//	                   assets, analysis, assessments[{table, case, vector,
//	                   published, severity}]}]
//	lifecycles.yaml    lifecycles[{id, name, section, table, figure,
//	                   phases[{id, name, description, section, table, intro,
//	                   measures[{no, title, body, refs[{lifecycle, phase,
//	                   measures}]}]}]}]
//	requirements.yaml  marks, numbering, targets, requirements[{id, level,
//	                   target, title, body, uk, sb327, cpsf {symbol, refs},
//	                   includes, sameAs, mappingNote}]
//	errata.yaml        errata[{id, kind, location, source, used, reason,
//	                   threat, table, case, published, computed}]
//
// YAML is decoded strictly (unknown and duplicate keys are errors) and every
// item remembers its Pos (file and line), so that every problem is reported
// as "file:line: message". Body fields are a Markdown subset (paragraphs,
// "- " lists, "1) " lists, ※ notes); the generator adds links itself:
//
//	表 3-4, 図 2-3      the rendered table or figure (where its directive is)
//	[21]               the reference list entry
//	SR3-H-5, R2-1      the requirement page
//	5.4.2, 6.1 節       the section (two-part numbers only before 節 or the
//	                   section's own title, so that "1.2倍" stays text)
//
// # Validation
//
// Validate checks required fields and enumerations, unique IDs, every
// cross-reference (requirement includes/sameAs, lifecycle refs, threat
// entry points, classes, interfaces, who/whom/where names, captions and
// directives — each table and figure placed exactly once), every vector
// (calculator.Parse), every published score against the calculator (a
// difference needs exactly one "score" erratum with matching published and
// computed values; an erratum matching no difference is an error), the
// metric weights and severity bands against the calculator, and threats.yaml
// against calculator/testdata/published.tsv when given.
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
// 404.html; data/requirements.json, data/threats.json,
// data/lifecycles.json; sitemap.xml, robots.txt, manifest.webmanifest,
// .nojekyll, assets/.
//
// # Extension points
//
// A page area is one file site/page_<area>.go that registers itself:
//
//	func init() {
//		registerArea(area{
//			name:    "requirements",       // unique; areas run in name order
//			build:   buildRequirements,     // func(*Site) error: adds pages and files
//			scripts: []string{"js/x.js"},   // optional: loaded (defer) on every page
//		})
//	}
//
// The build func calls s.AddPage(&Page{...}) for each page: Path is the URL
// path below the base without a leading slash, ending in "/" (written as
// index.html) or in a file name ("404.html"); Template names
// site/templates/<Template>.html, which defines {{define "main"}} and may
// define {{define "head"}} for extra <head> elements; Data is passed to the
// template as .Data; Nav is the key of the header entry to mark current;
// Crumbs, Prev/Next, Scripts (page-only asset paths such as
// "js/filters.js") and NoIndex (not in sitemap.xml) are optional. Every
// page has exactly one <h1>, which the page template writes.
//
// s.AddFile(path, bytes) writes any other file; s.addAsset(name, bytes)
// writes a generated file below assets/ that the asset function can
// version. s.AddNav(NavItem{Key, Title, Path, Order}) adds a header entry
// (ordered by Order: 本文 10, 要件 20, 脅威 30, ライフサイクル 40, リスク評価
// 50, 用語 60). Files under site/assets/ are copied to <out>/assets/;
// templates whose name starts with "_" and layout.html are shared partials
// ({{partial "name" data}} or {{template "name" .}}).
//
// A figure is drawn by figureRenderers[caption.render]; an area may replace
// an entry in its init (the system-model diagram does). A table is drawn by
// the partial tableSource picks for its number (tables.go). A page whose
// script reads the URL fragment as data registers a checker in
// fragmentCheckers so that the link checker validates such links.
//
// Template functions (funcs.go):
//
//	url "requirements/"        base-prefixed path
//	asset "css/site.css"       base-prefixed asset URL with a content hash
//	md body                    Markdown subset → HTML with auto-links
//	mdInline text              one paragraph of Markdown, no <p>
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
//	table "3-4", figure "2-3"  the data-rendered table or figure
//	highlight lang code        chroma-highlighted code (classes; light and dark CSS)
//	partial name data, dict k v …, list …, add, itoa, join, lower, slug
//	classOf id, markOf mapping, sameAs id, assetKind kind, refLinks refs,
//	termID term, abbrID abbr, sectionAnchor num, csp
//
// Templates get a *PageData: .Site (options, Nav, Scripts, Base), .Page,
// .M (the Model, with lookups such as .M.Requirement "R2-1") and .Data.
//
// Every page gets the layout (templates/layout.html): lang="ja", data-base,
// a Content-Security-Policy meta tag (nothing inline, nothing from other
// origins, 'wasm-unsafe-eval' for the WebAssembly module), the header with
// the search form of the shared contract, breadcrumbs, prev/next and the
// footer with the attribution. After minification every internal link,
// fragment and asset reference is checked; a broken one fails the build
// with the page and the href.
package site
