package site

import (
	"bytes"
	"html/template"
	"strings"

	"shguide/site/model"
)

// A sicMark is a misprint kept as printed (an erratum of kind sic) that
// pages annotate: the first occurrence of the text in a page's <main> gets
// a visible 〔ママ：reading〕 note after it, linking to the erratum.
type sicMark struct {
	erratum *model.Erratum
	sic     *model.Sic
	pages   map[string]bool // page paths it is limited to; nil for every page
	match   []byte          // escaped text and what must follow it
	text    int             // length of the escaped text within match
	link    []byte          // the note as a link to the erratum
	span    []byte          // the note where a link cannot go (inside a link or label)
}

// sicPage is the page that lists the errata; it quotes the misprints and
// is never annotated.
const sicPage = "errata/"

// prepareSic collects the misprints of the errata.
func (s *Site) prepareSic() {
	s.sics = nil
	for _, e := range s.M.Errata {
		for _, sc := range e.Sic {
			text := template.HTMLEscapeString(sc.Text)
			note := "〔ママ：" + template.HTMLEscapeString(sc.Reading) + "〕"
			title := template.HTMLEscapeString("原文のまま。「" + sc.Reading + "」の誤りとみられます（" + e.ID + "）")
			m := &sicMark{
				erratum: e, sic: sc,
				match: []byte(text + template.HTMLEscapeString(sc.Follows)),
				text:  len(text),
				link:  []byte(`<a class="sic" href="` + template.HTMLEscapeString(s.url(erratumPath(e.ID))) + `" title="` + title + `">` + note + `</a>`),
				span:  []byte(`<span class="sic" title="` + title + `">` + note + `</span>`),
			}
			if sc.Section != "" {
				m.pages = s.pagesShowing(sc.Section)
			}
			s.sics = append(s.sics, m)
		}
	}
	s.sicSeen = make([]bool, len(s.sics))
}

// pagesShowing lists the pages that show a section's text: its chapter
// section page and the lifecycle pages of the phases it defines.
func (s *Site) pagesShowing(section string) map[string]bool {
	pages := map[string]bool{}
	if p := s.sectionPath(section); p != "" {
		page, _, _ := strings.Cut(p, "#")
		pages[page] = true
	}
	for _, l := range s.M.Lifecycles {
		for _, ph := range l.Phases {
			if ph.Section == section {
				pages[lifecyclePath(l.ID)] = true
			}
		}
	}
	return pages
}

// checkSic reports the misprints that no page showed: their text or
// section is wrong.
func (s *Site) checkSic() {
	for i, m := range s.sics {
		if !s.sicSeen[i] {
			where := "any page"
			if m.sic.Section != "" {
				where = "the pages of section " + m.sic.Section
			}
			s.fail("%s: erratum %s: the misprint %q (followed by %q) appears on none of %s", m.sic.Pos, m.erratum.ID, m.sic.Text, m.sic.Follows, where)
		}
	}
}

// Elements whose text is never annotated: code, drawings, controls,
// navigation and the document head.
var sicSkip = map[string]bool{"script": true, "style": true, "svg": true, "nav": true, "textarea": true,
	"select": true, "option": true, "code": true, "pre": true, "title": true, "template": true}

// Elements inside which the note is plain text: a link inside them would
// nest interactive content.
var sicNoLink = map[string]bool{"a": true, "label": true, "button": true, "summary": true}

// annotateSic adds the misprint notes to a rendered page, written to out
// (whose bytes it returns) when there are any.
func (s *Site) annotateSic(p *Page, page []byte, out *bytes.Buffer) []byte {
	if len(s.sics) == 0 || p.Path == sicPage {
		return page
	}
	var todo []int
	for i, m := range s.sics {
		if (m.pages == nil || m.pages[p.Path]) && bytes.Contains(page, m.match) {
			todo = append(todo, i)
		}
	}
	if len(todo) == 0 {
		return page
	}
	start := bytes.Index(page, []byte("<main"))
	end := bytes.LastIndex(page, []byte("</main>"))
	if start < 0 || end < start {
		return page
	}
	out.Reset()
	out.Grow(len(page) + 256*len(todo))
	out.Write(page[:start])
	skip, noLink := 0, 0
	i := start
	for i < end {
		if page[i] == '<' {
			j := bytes.IndexByte(page[i:end], '>')
			if j < 0 {
				break
			}
			tag := page[i : i+j+1]
			var lower [16]byte
			name, closing := tagName(tag, lower[:0])
			selfClosing := bytes.HasSuffix(tag, []byte("/>"))
			switch {
			case sicSkip[string(name)] && !selfClosing:
				if closing {
					skip = max(0, skip-1)
				} else {
					skip++
				}
			case sicNoLink[string(name)]:
				if closing {
					noLink = max(0, noLink-1)
				} else {
					noLink++
				}
			}
			out.Write(tag)
			i += j + 1
			continue
		}
		j := bytes.IndexByte(page[i:end], '<')
		if j < 0 {
			j = end - i
		}
		text := page[i : i+j]
		if skip == 0 {
			text = s.annotateText(text, todo, noLink > 0)
		}
		out.Write(text)
		i += j
	}
	out.Write(page[i:])
	return out.Bytes()
}

// annotateText puts the notes of the misprints not yet seen on this page
// after their first occurrence in one text node.
func (s *Site) annotateText(text []byte, todo []int, inLink bool) []byte {
	for k, idx := range todo {
		if idx < 0 {
			continue
		}
		m := s.sics[idx]
		at := indexWord(text, m.match)
		if at < 0 {
			continue
		}
		note := m.link
		if inLink {
			note = m.span
		}
		cut := at + m.text
		var b []byte
		b = append(b, text[:cut]...)
		b = append(b, note...)
		b = append(b, text[cut:]...)
		text = b
		todo[k] = -1
		s.mu.Lock()
		s.sicSeen[idx] = true
		s.mu.Unlock()
	}
	return text
}

// indexWord finds match in text where it does not run on into a longer
// ASCII word ("MLP/MI" is not found in "MLP/MII").
func indexWord(text, match []byte) int {
	off := 0
	for {
		at := bytes.Index(text[off:], match)
		if at < 0 {
			return -1
		}
		at += off
		end := at + len(match)
		if end >= len(text) || !isASCIIAlnum(match[len(match)-1]) || !isASCIIAlnum(text[end]) {
			return at
		}
		off = at + 1
	}
}

func isASCIIAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// tagName is the lower-case element name of a tag ("<a href=…>" → "a"),
// appended to buf, and whether it is an end tag; comments and doctypes
// give "".
func tagName(tag, buf []byte) ([]byte, bool) {
	t := tag[1:]
	closing := len(t) > 0 && t[0] == '/'
	if closing {
		t = t[1:]
	}
	for _, c := range t {
		if !isASCIIAlnum(c) && c != '-' {
			break
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	return buf, closing
}
