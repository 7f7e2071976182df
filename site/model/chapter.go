package model

import (
	"cmp"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/goccy/go-yaml"

	"shguide/site/markdown"
)

var reChapterFile = regexp.MustCompile(`^\d\d\.md$`)

// loadChapters reads chapters/NN.md in name order.
func loadChapters(fsys fs.FS, m *Model, e *errs) {
	ents, err := fs.ReadDir(fsys, dirChapters)
	if err != nil {
		e.add(Pos{File: dirChapters}, "cannot read: %v", unwrapPathError(err))
		return
	}
	for _, ent := range ents {
		name := path.Join(dirChapters, ent.Name())
		if ent.IsDir() || !strings.HasSuffix(ent.Name(), ".md") {
			continue
		}
		if !reChapterFile.MatchString(ent.Name()) {
			e.add(Pos{File: name}, "chapter files are named NN.md")
			continue
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			e.add(Pos{File: name}, "cannot read: %v", unwrapPathError(err))
			continue
		}
		if c := parseChapter(name, data, e); c != nil {
			m.Chapters = append(m.Chapters, c)
		}
	}
	slices.SortStableFunc(m.Chapters, func(a, b *Chapter) int { return cmp.Compare(a.Number, b.Number) })
}

// parseChapter splits a chapter file into front matter, introduction and
// sections. The Markdown is parsed once: the sections, subsections and
// table and figure directives are its blocks, and rendering reads the same
// parsed document.
func parseChapter(name string, data []byte, e *errs) *Chapter {
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	lines := strings.Split(text, "\n")
	if len(lines) == 0 || lines[0] != "---" {
		e.add(Pos{File: name, Line: 1}, "missing front matter: the file starts with a line ---")
		return nil
	}
	end := -1
	for i := 1; i < len(lines); i++ {
		if lines[i] == "---" {
			end = i
			break
		}
	}
	if end < 0 {
		e.add(Pos{File: name, Line: 1}, "front matter is not closed by a line ---")
		return nil
	}
	var fm struct {
		Chapter int    `yaml:"chapter"`
		Title   string `yaml:"title"`
	}
	fmSrc := strings.Join(lines[1:end], "\n")
	if err := yaml.UnmarshalWithOptions([]byte(fmSrc), &fm, yaml.DisallowUnknownField()); err != nil {
		p := yamlErrPos(name, err)
		if p.Line > 0 {
			p.Line++ // front matter starts on line 2
		}
		e.add(p, "front matter: %s", yamlErrMsg(err))
		return nil
	}
	c := &Chapter{Pos: Pos{File: name, Line: 2}, Number: fm.Chapter, Title: fm.Title}
	if fm.Chapter == 0 {
		e.add(Pos{File: name, Line: 2}, "front matter: chapter is required")
	}
	if fm.Title == "" {
		e.add(Pos{File: name, Line: 2}, "front matter: title is required")
	}

	// The body starts at lines[first]; line l of the parsed body is file
	// line first+l.
	first := end + 1
	doc := markdown.Parse([]byte(strings.Join(lines[first:], "\n")), true)
	at := func(l int) Pos { return Pos{File: name, Line: first + l} }

	// Sections and subsections are the body's "##" and "###" headings, by
	// block; heads records where each starts (a 0-based index into lines).
	var cur *Section
	var secBlocks, secLines []int
	var subLines [][]int // per section
	for i := 0; i < doc.Len(); i++ {
		b := doc.Block(i)
		p := at(b.Line())
		if level, title, ok := b.Heading(); ok {
			switch level {
			case 1:
				e.add(p, "no level-1 headings: the chapter title is in the front matter")
			case 2:
				num, t, ok := markdown.SectionNumber(title)
				if !ok || strings.Count(num, ".") != 1 {
					e.add(p, "section heading must be \"## x.y title\": %q", "## "+title)
					num, t = "", title
				}
				cur = &Section{Pos: p, Number: num, Title: strings.TrimSpace(t), Chapter: c}
				c.Sections = append(c.Sections, cur)
				secBlocks, secLines = append(secBlocks, i), append(secLines, p.Line-1)
				subLines = append(subLines, nil)
			case 3:
				num, t, ok := markdown.SectionNumber(title)
				switch {
				case !ok || strings.Count(num, ".") != 2:
					e.add(p, "subsection heading must be \"### x.y.z title\": %q", "### "+title)
				case cur == nil:
					e.add(p, "subsection %s before any section", num)
				default:
					cur.Subsections = append(cur.Subsections, &Subsection{Pos: p, Number: num, Title: strings.TrimSpace(t), Section: cur})
					subLines[len(subLines)-1] = append(subLines[len(subLines)-1], p.Line-1)
				}
			case 5, 6:
				e.add(p, "headings go down to #### only")
			}
		}
		if kind, id, indented, ok := b.Directive(); ok && !indented {
			c.placements = append(c.placements, &Placement{Pos: p, Kind: kind, ID: id, Chapter: c, Section: cur})
		}
	}
	for _, m := range doc.Misplaced() {
		if _, _, ok := markdown.Directive(m.Text); ok {
			e.add(at(m.Line), "directive %q must start the line", m.Text)
		} else {
			e.add(at(m.Line), "malformed directive %q: want {{table N-M}} or {{figure N-M}} alone on a line", m.Text)
		}
	}

	// The texts: the introduction up to the first section, each section up
	// to the next, split again at its subsections.
	introEnd, introBlocks := len(lines), doc.Len()
	if len(c.Sections) > 0 {
		introEnd, introBlocks = secLines[0], secBlocks[0]
	}
	c.Intro, c.IntroLine = textOf(lines, first, introEnd)
	c.IntroMD = doc.Fragment(0, introBlocks)
	for k, s := range c.Sections {
		end, endBlock := len(lines), doc.Len()
		if k+1 < len(c.Sections) {
			end, endBlock = secLines[k+1], secBlocks[k+1]
		}
		s.Body, s.BodyLine = textOf(lines, secLines[k]+1, end)
		s.BodyMD = doc.Fragment(secBlocks[k]+1, endBlock)
		subs := subLines[k]
		leadEnd := end
		if len(subs) > 0 {
			leadEnd = subs[0]
		}
		s.Lead, _ = textOf(lines, secLines[k]+1, leadEnd)
		for j, ss := range s.Subsections {
			subEnd := end
			if j+1 < len(subs) {
				subEnd = subs[j+1]
			}
			ss.Body, _ = textOf(lines, subs[j]+1, subEnd)
		}
	}
	return c
}

// textOf is the Markdown of lines[from:to] without leading blank lines and
// trailing newlines, and the 1-based line where it starts.
func textOf(lines []string, from, to int) (string, int) {
	for from < to && strings.TrimSpace(lines[from]) == "" {
		from++
	}
	return strings.Trim(strings.Join(lines[from:to], "\n"), "\n"), from + 1
}
