package site

import (
	"html/template"
	"strconv"
)

func init() {
	registerArea(area{name: "chapters", build: buildChapters})
}

// ChapterPage is the data of a chapter page.
type ChapterPage struct {
	Chapter *Chapter
	Intro   template.HTML
}

// SectionPage is the data of a section page.
type SectionPage struct {
	Section *Section
	Body    template.HTML
}

// ChapterTitle is "3 スマートホーム向け…" as the source numbers it.
func (c *Chapter) FullTitle() string { return strconv.Itoa(c.Number) + " " + c.Title }

// FullTitle is "3.5 リスク値の計算".
func (s *Section) FullTitle() string { return s.Number + " " + s.Title }

func buildChapters(s *Site) error {
	s.AddNav(NavItem{Key: "chapters", Title: "本文", Path: "chapters/", Order: 10})
	s.AddPage(&Page{Path: "chapters/", Title: "ガイドライン本文", Template: "chapters", Nav: "chapters",
		Description: "ガイドライン本文（第1章～第7章）の目次。"})
	// Reading order: each chapter, then its sections.
	var seq []*Page
	for _, c := range s.M.Chapters {
		cp := &Page{
			Path: chapterPath(c.Number), Title: c.FullTitle(), Template: "chapter", Nav: "chapters",
			Crumbs: []Link{{"本文", "chapters/"}},
			Data:   &ChapterPage{Chapter: c, Intro: s.markdown(c.Intro, mdOptions{shift: -2, scope: strconv.Itoa(c.Number), directives: true})},
		}
		seq = append(seq, cp)
		for _, sec := range c.Sections {
			seq = append(seq, &Page{
				Path: "chapters/" + sec.Number + "/", Title: sec.FullTitle(), Template: "section", Nav: "chapters",
				Crumbs: []Link{{"本文", "chapters/"}, {c.FullTitle(), chapterPath(c.Number)}},
				Data:   &SectionPage{Section: sec, Body: s.markdown(sec.Body, mdOptions{shift: -1, scope: sec.Number, directives: true})},
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
