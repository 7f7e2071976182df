package model

import (
	"io/fs"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The search thesaurus: synonyms.yaml (the guideline's own synonyms, each
// justified by quotes of its text) and english.yaml (this site's English
// terms for the guideline's Japanese words).
const (
	fileSynonyms = "synonyms.yaml"
	fileEnglish  = "english.yaml"
)

// Synonym is an entry of synonyms.yaml: Words that mean the same thing (each
// searches for the others) or, with Also, words that also search for the
// broader words of Also.
type Synonym struct {
	Pos      Pos         `yaml:"-"`
	Words    []string    `yaml:"words"`
	Also     []string    `yaml:"also"`
	Note     string      `yaml:"note"`
	Evidence []*Evidence `yaml:"evidence"`
}

// Evidence is a quote of the guideline's text that justifies a synonym.
type Evidence struct {
	Pos   Pos    `yaml:"-"`
	Where string `yaml:"where"`
	Quote string `yaml:"quote"`
}

// EnglishTerm is an entry of english.yaml: an English term and the
// guideline's Japanese words for it (this site's translation).
type EnglishTerm struct {
	Pos Pos      `yaml:"-"`
	En  string   `yaml:"en"`
	Ja  []string `yaml:"ja"`
}

// guidelineFiles are the content files holding the guideline's own text:
// the text synonyms and English terms are checked against (not the README,
// the errata, nor the thesaurus itself).
var guidelineFiles = []string{fileGuideline, fileCaptions, fileReferences, fileGlossary, fileService, fileRisk,
	fileMetrics, fileThreats, fileLifecycles, fileRequirements}

// guidelineText returns the guideline's text in content, compacted (see
// compactText), for the thesaurus checks.
func guidelineText(fsys fs.FS) string {
	var srcs [][]byte
	size := 0
	read := func(name string) {
		if data, err := fs.ReadFile(fsys, name); err == nil {
			srcs = append(srcs, data)
			size += len(data) + 1
		}
	}
	for _, f := range guidelineFiles {
		read(f)
	}
	if names, err := fs.Glob(fsys, dirChapters+"/*.md"); err == nil {
		for _, n := range names {
			read(n)
		}
	}
	var b strings.Builder
	b.Grow(size)
	for _, src := range srcs {
		for len(src) > 0 {
			r, n := utf8.DecodeRune(src)
			switch {
			case unicode.IsSpace(r) || r == '・':
			case r == utf8.RuneError:
				b.WriteRune(r) // as strings.Map writes an invalid byte
			default:
				b.Write(src[:n])
			}
			src = src[n:]
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// compactText drops spaces, line breaks and middle dots, which the source
// text places inconsistently (ホームゲート ウェイ, 設計・製造). guidelineText
// compacts the same way.
func compactText(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '・' {
			return -1
		}
		return r
	}, s)
}

// EnglishFor returns this site's English terms for a Japanese word of the
// guideline (a glossary term), in the order of english.yaml.
func (m *Model) EnglishFor(ja string) []string {
	k := compactText(ja)
	var out []string
	for _, t := range m.English {
		for _, j := range t.Ja {
			if compactText(j) == k {
				out = append(out, t.En)
				break
			}
		}
	}
	return out
}
