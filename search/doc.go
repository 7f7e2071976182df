// Package search is the site's full-text search engine: folding and
// tokenisation for Japanese and Latin text, an index built by the generator,
// a compact binary encoding, and queries answered in the browser through
// WebAssembly. It uses only the standard library and agnivade/levenshtein
// (no fmt, encoding/json or reflect), to keep the WebAssembly module small.
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
	kindCount
)

var kindNames = [kindCount]string{"section", "requirement", "threat", "entry-point", "lifecycle", "term", "metric", "reference"}

var kindLabels = [kindCount]string{"本文", "要件・要求事項", "脅威", "エントリーポイント", "ライフサイクル", "用語", "評価指標", "参考文献"}

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

// Doc is one searchable item.
type Doc struct {
	ID    string // unique and stable, e.g. "requirement/SR3-H-5"
	Kind  Kind
	Label string // the item's own code shown with it ("SR3-H-5", "5.4.5", "EP5"); matched exactly
	Title string
	Body  string // plain text; newlines separate paragraphs and list items
	URL   string // site-relative, with the anchor: "requirements/#SR3-H-5"
	// Keywords are further codes matched exactly and indexed with the title:
	// UK5, CPS.DS-3, 1798.91.05, 表6-6.
	Keywords []string
}
