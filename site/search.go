package site

import (
	"bytes"
	"compress/gzip"
	"strings"

	"shguide/search"
	"shguide/site/model"
)

func init() { registerArea(searchPageArea{}) }

// searchPageArea is the search index and the search page.
type searchPageArea struct{}

func (searchPageArea) name() string { return "search" }

// scripts: on every page, the header search box is enhanced by search.js,
// which runs the engine through engine.js once the reader shows intent.
func (searchPageArea) scripts() []string { return []string{"js/search.js"} }

// Search index files below assets/. The browser fetches the gzip one and
// inflates it with DecompressionStream (static hosts rarely compress
// application/octet-stream); the raw one serves browsers without it.
const (
	searchIndexAsset   = "search-index.bin"
	searchIndexGzAsset = "search-index.bin.gz"
)

// SearchPage is the data of the search page.
type SearchPage struct {
	Docs int // documents in the index
}

// build writes the search index and adds the search page.
func (searchPageArea) build(s *Site) error {
	ix, err := search.Build(s.searchDocs(), searchThesaurus(s.M))
	if err != nil {
		return err
	}
	raw := ix.Encode()
	var gz bytes.Buffer
	// gzip makes the index a third of its size.
	gz.Grow(len(raw)/2 + 64)
	w, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression) // the zero header keeps the output deterministic
	w.Write(raw)
	if err := w.Close(); err != nil {
		return err
	}
	s.addAsset(searchIndexAsset, raw)
	s.addAsset(searchIndexGzAsset, gz.Bytes())
	s.AddPage(&Page{
		Path: "search/", Title: "サイト内検索", Template: "search", NoIndex: true,
		Description: "ガイドラインの要件・脅威・ライフサイクル・本文・用語をまとめて検索します。",
		Data:        &SearchPage{Docs: ix.Len()},
		Preload:     s.enginePreload(),
	})
	return nil
}

// searchThesaurus is the model's synonyms and English terms as the search
// engine expands queries with them: each word of a two-way synonym
// searches for the others.
func searchThesaurus(m *model.Model) search.Thesaurus {
	var th search.Thesaurus
	for _, s := range m.Synonyms {
		for _, w := range s.Words {
			also := s.Also
			if len(also) == 0 {
				for _, o := range s.Words {
					if o != w {
						also = append(also, o)
					}
				}
			}
			th.Synonyms = append(th.Synonyms, search.Synonym{Word: w, Also: also})
		}
	}
	for _, t := range m.English {
		th.English = append(th.English, search.English{En: strings.Join(strings.Fields(t.En), " "), Ja: t.Ja})
	}
	return th
}
