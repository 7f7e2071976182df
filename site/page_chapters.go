package site

import (
	"html/template"
	"strconv"

	"shguide/search"
	"shguide/site/markdown"
	"shguide/site/model"
)

func init() { registerArea(chaptersArea{}) }

// chaptersArea is the guideline's text: a page per chapter and section.
type chaptersArea struct{}

func (chaptersArea) name() string { return "chapters" }

// ChapterPage is the data of a chapter page.
type ChapterPage struct {
	Chapter *model.Chapter
	Intro   template.HTML
}

// SectionPage is the data of a section page.
type SectionPage struct {
	Section *model.Section
	Body    template.HTML
}

func (chaptersArea) build(s *Site) error {
	s.AddNav(NavItem{Key: "chapters", Title: "本文", Path: "chapters/", Order: 10})
	s.AddPage(&Page{Path: "chapters/", Title: "ガイドライン本文", Template: "chapters", Nav: "chapters",
		Description: "ガイドライン本文（第1章～第7章）の目次。"})
	// Reading order: each chapter, then its sections.
	var seq []*Page
	for _, c := range s.M.Chapters {
		cp := &Page{
			Path: chapterPath(c.Number), Title: c.FullTitle(), Template: "chapter", Nav: "chapters",
			Crumbs: []Link{{"本文", "chapters/"}},
			Data:   &ChapterPage{Chapter: c, Intro: s.markdownFragment(c.IntroMD, markdown.Options{Shift: -2, Scope: strconv.Itoa(c.Number)})},
		}
		seq = append(seq, cp)
		for _, sec := range c.Sections {
			seq = append(seq, &Page{
				Path: "chapters/" + sec.Number + "/", Title: sec.FullTitle(), Template: "section", Nav: "chapters",
				Crumbs: []Link{{"本文", "chapters/"}, {c.FullTitle(), chapterPath(c.Number)}},
				Data:   &SectionPage{Section: sec, Body: s.markdownFragment(sec.BodyMD, markdown.Options{Shift: -1, Scope: sec.Number})},
			})
		}
	}
	for i, p := range seq {
		if i > 0 {
			p.Prev = &Link{seq[i-1].Title, seq[i-1].Path}
		}
		if i+1 < len(seq) {
			p.Next = &Link{seq[i+1].Title, seq[i+1].Path}
		}
		s.AddPage(p)
	}
	return nil
}

// searchDocs: chapters, sections and subsections (heading anchors, with
// their inner headings), and the captions of the tables and figures placed
// in them.
func (chaptersArea) searchDocs(s *Site, add func(int, search.Doc)) {
	m := s.M
	for _, c := range m.Chapters {
		body, heads := s.searchText(c.Intro)
		add(rankChapters, search.Doc{ID: "chapter/" + strconv.Itoa(c.Number), Kind: search.KindSection,
			Label: "第" + strconv.Itoa(c.Number) + "章", Title: c.Title, Heading: heads, Body: body, URL: chapterPath(c.Number)})
		for _, sec := range c.Sections {
			body, heads := s.searchText(sec.Lead)
			add(rankChapters, search.Doc{ID: "section/" + sec.Number, Kind: search.KindSection, Label: sec.Number, Title: sec.Title,
				Heading: heads, Body: body, URL: s.sectionPath(sec.Number)})
			for _, ss := range sec.Subsections {
				body, heads := s.searchText(ss.Body)
				add(rankChapters, search.Doc{ID: "section/" + ss.Number, Kind: search.KindSection, Label: ss.Number, Title: ss.Title,
					Heading: heads, Body: body, URL: s.sectionPath(ss.Number)})
			}
		}
	}
	for _, list := range [][]*model.Caption{m.Tables, m.Figures} {
		for _, c := range list {
			p := s.tablePath(c.ID)
			if c.Kind == "figure" {
				p = s.figurePath(c.ID)
			}
			if p == "" {
				continue
			}
			add(rankChapters, search.Doc{ID: c.Kind + "/" + c.ID, Kind: search.KindSection, Label: c.Label(), Title: c.Caption, URL: p})
		}
	}
}
