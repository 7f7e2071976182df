package model

import (
	"bytes"
	"cmp"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"
)

var (
	reSectionHeading    = regexp.MustCompile(`^## +(\d+\.\d+) +(\S.*)$`)
	reSubsectionHeading = regexp.MustCompile(`^### +(\d+\.\d+\.\d+) +(\S.*)$`)
	reDirective         = regexp.MustCompile(`^\{\{(table|figure) +(\d+-\d+)\}\}$`)
	reChapterFile       = regexp.MustCompile(`^\d\d\.md$`)
)

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
// sections, and records its table and figure directives.
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

	var cur *Section
	var buf bytes.Buffer
	bodyStart := end + 2 // 1-based line after the closing ---
	flush := func() {
		s := strings.Trim(buf.String(), "\n")
		if cur == nil {
			c.Intro = s
			c.IntroLine = bodyStart
		} else {
			cur.Body = s
		}
		buf.Reset()
	}
	inFence := false
	for i := end + 1; i < len(lines); i++ {
		line, ln := lines[i], i+1
		if strings.HasPrefix(line, "```") {
			inFence = !inFence
		}
		if !inFence {
			switch {
			case strings.HasPrefix(line, "## "):
				flush()
				mm := reSectionHeading.FindStringSubmatch(line)
				if mm == nil {
					e.add(Pos{File: name, Line: ln}, "section heading must be \"## x.y title\": %q", line)
					cur = &Section{Pos: Pos{File: name, Line: ln}, Title: strings.TrimSpace(line[3:]), Chapter: c}
				} else {
					cur = &Section{Pos: Pos{File: name, Line: ln}, Number: mm[1], Title: strings.TrimSpace(mm[2]), Chapter: c}
				}
				cur.BodyLine = ln + 1
				c.Sections = append(c.Sections, cur)
				continue
			case strings.HasPrefix(line, "### "):
				mm := reSubsectionHeading.FindStringSubmatch(line)
				if mm == nil {
					e.add(Pos{File: name, Line: ln}, "subsection heading must be \"### x.y.z title\": %q", line)
				} else if cur == nil {
					e.add(Pos{File: name, Line: ln}, "subsection %s before any section", mm[1])
				} else {
					cur.Subsections = append(cur.Subsections, &Subsection{Pos: Pos{File: name, Line: ln}, Number: mm[1], Title: strings.TrimSpace(mm[2]), Section: cur})
				}
			case strings.HasPrefix(line, "# "):
				e.add(Pos{File: name, Line: ln}, "no level-1 headings: the chapter title is in the front matter")
			case strings.HasPrefix(line, "#####"):
				e.add(Pos{File: name, Line: ln}, "headings go down to #### only")
			}
			if t := strings.TrimSpace(line); strings.Contains(t, "{{") {
				if !reDirective.MatchString(t) {
					e.add(Pos{File: name, Line: ln}, "malformed directive %q: want {{table N-M}} or {{figure N-M}} alone on a line", t)
				} else if t != line {
					e.add(Pos{File: name, Line: ln}, "directive %q must start the line", t)
				}
			}
		}
		if buf.Len() == 0 && strings.TrimSpace(line) == "" {
			if cur == nil {
				bodyStart = ln + 1
			} else {
				cur.BodyLine = ln + 1
			}
			continue
		}
		buf.WriteString(line)
		buf.WriteByte('\n')
	}
	flush()
	return c
}

// directives lists the {{table}}/{{figure}} lines of a Markdown text that
// starts at file line first.
func directives(md string, first int) (out []struct {
	Kind, ID string
	Line     int
}) {
	inFence := false
	for i, line := range strings.Split(md, "\n") {
		if strings.HasPrefix(line, "```") {
			inFence = !inFence
			continue
		}
		if inFence {
			continue
		}
		if mm := reDirective.FindStringSubmatch(line); mm != nil {
			out = append(out, struct {
				Kind, ID string
				Line     int
			}{mm[1], mm[2], first + i})
		}
	}
	return out
}

// atoiOK parses a decimal integer.
func atoiOK(s string) (int, bool) {
	n, err := strconv.Atoi(s)
	return n, err == nil
}
