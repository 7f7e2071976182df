// Package search is the site's full-text search engine: folding and
// tokenisation for Japanese and Latin text, an index built by the generator,
// a compact binary encoding, and queries answered in the browser through
// WebAssembly. It uses only the standard library and agnivade/levenshtein
// (no fmt, encoding/json or reflect), to keep the WebAssembly module small.
//
// A query is a list of words, all of which a result must hold (or, when
// no item holds them all, as many as possible). A word is matched as it is
// written, through its spelling variants (width, small kana, long vowels,
// its katakana form when typed in hiragana), through the guideline's
// synonyms and English terms (a Thesaurus kept as reviewed data), and
// through typos and prefixes. Quoted text ("…", 「…」) matches exactly.
// Results are ranked by how they matched (the item's own code, a cited
// code, all words in the title, in the text, only in boilerplate, roughly),
// then by a field-weighted BM25 score with a bonus for words near each
// other; items with the same title and text are collapsed into one result.
package search

// Kind is what a document is; results are labelled by it.
type Kind uint8

// Kinds of documents.
const (
	KindSection     Kind = iota // a chapter section (heading anchor)
	KindRequirement             // a requirement (表6-3 to 表6-8)
	KindThreat                  // a threat (表3-10, 表3-11)
	KindEntryPoint              // an entry point (表3-4)
	KindLifecycle               // a lifecycle phase or measure (表5-1 to 表5-13)
	KindTerm                    // a glossary term or abbreviation (表1-1, 表1-2)
	KindMetric                  // a metric definition (表3-15 to 表3-36)
	KindReference               // a reference ([1]–[28])
	KindCode                    // a code of a related guideline and the requirements citing it
	kindCount
)

var kindNames = [kindCount]string{"section", "requirement", "threat", "entry-point", "lifecycle", "term", "metric", "reference", "code"}

var kindLabels = [kindCount]string{"本文", "要件・要求事項", "脅威", "エントリーポイント", "ライフサイクル", "用語", "評価指標", "参考文献", "対応表"}

// String returns the kind's stable English name (used as a CSS class).
func (k Kind) String() string {
	if k < kindCount {
		return kindNames[k]
	}
	return "unknown"
}

// Label returns the kind's Japanese label shown with results.
func (k Kind) Label() string {
	if k < kindCount {
		return kindLabels[k]
	}
	return ""
}

// Facet is a group of kinds that results can be narrowed to.
type Facet uint8

// Facets, in the order they are offered. FacetAll narrows nothing.
const (
	FacetAll Facet = iota
	FacetRequirement
	FacetThreat
	FacetSection
	FacetLifecycle
	FacetTerm
	facetCount
)

var facetNames = [facetCount]string{"", "requirement", "threat", "section", "lifecycle", "term"}

var facetLabels = [facetCount]string{"すべて", "要件・要求事項", "脅威", "本文", "ライフサイクル", "用語"}

// Facets lists the facets a result can belong to (all but FacetAll).
func Facets() []Facet {
	return []Facet{FacetRequirement, FacetThreat, FacetSection, FacetLifecycle, FacetTerm}
}

// String returns the facet's name as the search page's URL carries it
// (kind=requirement); FacetAll is "".
func (f Facet) String() string {
	if f < facetCount {
		return facetNames[f]
	}
	return ""
}

// Label returns the facet's Japanese label.
func (f Facet) Label() string {
	if f < facetCount {
		return facetLabels[f]
	}
	return ""
}

// ParseFacet returns the facet named s, and false (with FacetAll) for any
// other text.
func ParseFacet(s string) (Facet, bool) {
	for f := FacetAll; f < facetCount; f++ {
		if facetNames[f] == s {
			return f, true
		}
	}
	return FacetAll, false
}

// Facet returns the facet of a kind: entry points go with threats, codes
// with requirements, metrics and references with the text.
func (k Kind) Facet() Facet {
	switch k {
	case KindRequirement, KindCode:
		return FacetRequirement
	case KindThreat, KindEntryPoint:
		return FacetThreat
	case KindLifecycle:
		return FacetLifecycle
	case KindTerm:
		return FacetTerm
	}
	return FacetSection
}

// Doc is one searchable item. Its text is in fields that weigh differently
// in the ranking: Label and Codes (matched exactly, and as title words),
// Title, Heading, Body and Aside.
type Doc struct {
	ID    string // unique and stable, e.g. "requirement/SR3-H-5"
	Kind  Kind
	Label string // the item's own code shown with it ("SR3-H-5", "5.4.5", "EP5"); matched exactly
	Title string
	// Heading is text ranked below the title and above the body: the
	// headings inside a section, an item's category.
	Heading string
	Body    string // plain text; newlines separate paragraphs and list items
	// Aside is context that repeats across items (the assets of every
	// threat of an entry point, the target of a requirement): it matches,
	// but weighs little and ranks the item after those matching in their
	// own text.
	Aside string
	URL   string // site-relative, with the anchor: "requirements/#SR3-H-5"
	// Codes are codes of related guidelines the item cites, matched
	// exactly and named when a query matches them: UK5, CPS.DS-3.
	Codes []Code
	// Minor marks an item without a page of its own (a row of a table):
	// on equal matches it ranks after items with their own page.
	Minor bool
}

// Code is a code of a related guideline: its scheme ("UK", "SB-327",
// "CPSF") and the code ("CPS.AC-3").
type Code struct{ Scheme, Code string }

// String returns "CPSF: CPS.AC-3".
func (c Code) String() string { return c.Scheme + ": " + c.Code }
