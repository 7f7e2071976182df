package model

import (
	"regexp"
	"strconv"
	"strings"
)

func (v *validator) captions() {
	for _, list := range [][]*Caption{v.m.Tables, v.m.Figures} {
		u := v.uniq("caption id")
		for _, c := range list {
			if v.need(c.Pos, "id", c.ID) && !reCaptionID.MatchString(c.ID) {
				v.add(c.Pos.At("id"), "id %q is not a number like \"3-4\"", c.ID)
			}
			u.check(c.Pos.At("id"), c.ID)
			v.need(c.Pos, "caption", c.Caption)
			if c.Page <= 0 {
				v.add(c.Pos.At("page"), "page is required (a positive number)")
			}
			if c.Kind == "figure" {
				v.oneOf(c.Pos, "render", c.Render, figureRenders)
				if len(c.Columns)+len(c.ColumnGroups)+len(c.Parts) > 0 {
					v.add(c.Pos, "columns, columnGroups and parts are for tables only")
				}
			} else if c.Render != "" {
				v.add(c.Pos.At("render"), "render is for figures only")
			}
			v.header(c.Pos, c.Columns, c.ColumnGroups)
			seen := map[string]bool{}
			for _, p := range c.Parts {
				if v.need(p.Pos, "case", p.Case) {
					v.oneOf(p.Pos, "case", p.Case, cases)
					if seen[p.Case] {
						v.add(p.Pos.At("case"), "case %s twice", p.Case)
					}
					seen[p.Case] = true
				}
				v.need(p.Pos, "title", p.Title)
				if len(p.Columns) == 0 {
					v.add(p.Pos.At("columns"), "columns is required")
				}
				v.header(p.Pos, p.Columns, p.ColumnGroups)
			}
		}
	}
	// Every directive names a caption; every caption is placed exactly once.
	placed := map[string]*Placement{}
	for _, p := range v.m.Placements {
		key := p.Kind + ":" + p.ID
		var c *Caption
		if p.Kind == "table" {
			c = v.m.Table(p.ID)
		} else {
			c = v.m.Figure(p.ID)
		}
		if c == nil {
			v.add(p.Pos, "{{%s %s}}: no such %s in %s", p.Kind, p.ID, p.Kind, fileCaptions)
			continue
		}
		if first, ok := placed[key]; ok {
			v.add(p.Pos, "{{%s %s}} placed twice (first at %s)", p.Kind, p.ID, first.Pos)
			continue
		}
		placed[key] = p
	}
	for _, c := range append(append([]*Caption{}, v.m.Tables...), v.m.Figures...) {
		if c.ID != "" && placed[c.Kind+":"+c.ID] == nil {
			v.add(c.Pos, "%s is never placed: put {{%s %s}} in a chapter", c.Label(), c.Kind, c.ID)
		}
	}
}

var reMention = regexp.MustCompile(`([表図])\s?(\d+-\d+)`)

func (v *validator) chapters() {
	if len(v.m.Chapters) == 0 {
		v.add(Pos{File: dirChapters}, "no chapters")
	}
	seenCh := map[int]Pos{}
	secs := v.uniq("section")
	for _, c := range v.m.Chapters {
		if first, ok := seenCh[c.Number]; ok {
			v.add(c.Pos, "duplicate chapter %d (first at %s)", c.Number, first)
		}
		seenCh[c.Number] = c.Pos
		prev := 0
		for _, s := range c.Sections {
			if s.Number == "" {
				continue
			}
			secs.check(s.Pos, s.Number)
			maj, min, ok := twoPart(s.Number)
			if !ok || maj != c.Number {
				v.add(s.Pos, "section %s is not in chapter %d", s.Number, c.Number)
			} else if min <= prev {
				v.add(s.Pos, "section %s out of order", s.Number)
			} else {
				prev = min
			}
			if s.Title == "" {
				v.add(s.Pos, "section %s has no title", s.Number)
			}
			for _, ss := range s.Subsections {
				secs.check(ss.Pos, ss.Number)
				if !strings.HasPrefix(ss.Number, s.Number+".") {
					v.add(ss.Pos, "subsection %s is not in section %s", ss.Number, s.Number)
				}
			}
		}
		v.mentions(c.Pos.File, c.Intro, c.IntroLine)
		for _, s := range c.Sections {
			v.mentions(c.Pos.File, s.Body, s.BodyLine)
		}
	}
}

// mentions checks that every "表 N-M" / "図 N-M" in a chapter exists.
func (v *validator) mentions(file, md string, first int) {
	for i, line := range strings.Split(md, "\n") {
		for _, ix := range reMention.FindAllStringSubmatchIndex(line, -1) {
			// 「図 5-3 …」 quotes another document's figure.
			if strings.HasSuffix(line[:ix[0]], "「") {
				continue
			}
			mm := []string{line[ix[0]:ix[1]], line[ix[2]:ix[3]], line[ix[4]:ix[5]]}
			var c *Caption
			if mm[1] == "表" {
				c = v.m.Table(mm[2])
			} else {
				c = v.m.Figure(mm[2])
			}
			if c == nil {
				v.add(Pos{File: file, Line: first + i}, "%s %s is mentioned but not in %s", mm[1], mm[2], fileCaptions)
			}
		}
	}
}

func twoPart(s string) (int, int, bool) {
	a, b, ok := strings.Cut(s, ".")
	if !ok {
		return 0, 0, false
	}
	x, err1 := strconv.Atoi(a)
	y, err2 := strconv.Atoi(b)
	return x, y, err1 == nil && err2 == nil
}

// header checks a printed header: no empty column, groups within it.
func (v *validator) header(p Pos, columns []string, groups []*ColumnGroup) {
	for i, c := range columns {
		if strings.TrimSpace(c) == "" {
			v.add(p.At("columns"), "column %d is empty", i+1)
		}
	}
	span := 0
	for _, g := range groups {
		v.need(g.Pos, "text", g.Text)
		if g.Span < 1 {
			v.add(g.Pos.At("span"), "span must be at least 1")
		}
		span += g.Span
	}
	if span > len(columns) {
		v.add(p.At("columnGroups"), "the groups span %d columns, the header has %d", span, len(columns))
	}
}
