package model

// Related is related.yaml: what the codes of the UK, SB327 and CPSF columns
// of 表6-3 to 表6-8 are. It is the site's addition, not the guideline's
// text: titles as published by the cited documents, with their sources,
// and the site's own Japanese renderings.
type Related struct {
	Sources []*RelatedSource `yaml:"sources"`
	UK      []*UKItem        `yaml:"uk"`
	SB327   []*CodeNote      `yaml:"sb327"`
	CPSF    []*CodeNote      `yaml:"cpsf"`
}

// The sources the UK items' successors are quoted from.
const (
	SourceETSI = "etsi-en-303-645"
	SourcePSTI = "psti"
)

// RelatedSource is a published document the notes quote.
type RelatedSource struct {
	Pos       Pos    `yaml:"-"`
	ID        string `yaml:"id"`
	Column    string `yaml:"column"` // the mapping column whose document it is, if any
	Title     string `yaml:"title"`
	URL       string `yaml:"url"`
	Reference int    `yaml:"reference"` // the guideline's reference number, 0 if it cites none
}

// UKItem is a guideline of the UK Code of Practice for Consumer IoT
// Security (UK1 … UK13) and its successors.
type UKItem struct {
	Pos   Pos         `yaml:"-"`
	Code  string      `yaml:"code"`  // UK3
	Title string      `yaml:"title"` // as published
	Ja    string      `yaml:"ja"`    // the site's translation
	ETSI  *Successor  `yaml:"etsi"`  // ETSI EN 303 645 provision group
	PSTI  *Regulation `yaml:"psti"`  // PSTI Regulations 2023, Schedule 1 (UK1–UK3)
}

// Successor is the ETSI EN 303 645 provision group that took a guideline over.
type Successor struct {
	Pos       Pos    `yaml:"-"`
	Provision string `yaml:"provision"` // "5.3"
	Title     string `yaml:"title"`
}

// Regulation is a security requirement of the PSTI Regulations' Schedule 1.
type Regulation struct {
	Pos       Pos    `yaml:"-"`
	Paragraph int    `yaml:"paragraph"`
	Title     string `yaml:"title"`
}

// CodeNote says what an SB327 or CPSF code is, in the site's words, from
// a published source.
type CodeNote struct {
	Pos    Pos    `yaml:"-"`
	Code   string `yaml:"code"`
	Ja     string `yaml:"ja"`
	Source string `yaml:"source"` // a RelatedSource id
}

// UKItem returns the UK item with a code (UK3), or nil.
func (m *Model) UKItem(code string) *UKItem {
	for _, it := range m.Related.UK {
		if it.Code == code {
			return it
		}
	}
	return nil
}

// CodeNote returns the note on a code of a mapping column ("sb327",
// "cpsf"), or nil.
func (m *Model) CodeNote(column, code string) *CodeNote {
	var list []*CodeNote
	switch column {
	case "sb327":
		list = m.Related.SB327
	case "cpsf":
		list = m.Related.CPSF
	}
	for _, n := range list {
		if n.Code == code {
			return n
		}
	}
	return nil
}

// RelatedSource returns a source of related.yaml by id, or nil.
func (m *Model) RelatedSource(id string) *RelatedSource {
	for _, s := range m.Related.Sources {
		if s.ID == id {
			return s
		}
	}
	return nil
}

// ColumnSource returns the document of a mapping column ("uk"), or nil.
func (m *Model) ColumnSource(column string) *RelatedSource {
	for _, s := range m.Related.Sources {
		if s.Column == column {
			return s
		}
	}
	return nil
}
