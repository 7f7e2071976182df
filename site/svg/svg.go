// Package svg draws the site's figures as inline SVG at build time from the
// validated model: the system model (図2-3, 図3-1; diagram.go) and the risk
// charts before and after mitigation (charts.go).
package svg

import (
	"fmt"
	"html"
	"math"
	"strconv"
	"strings"

	"shguide/site/model"
)

// Helpers shared by the build-time SVG drawings (diagram.go, charts.go). Drawings are inline SVG in the page so that links work,
// text inherits the page font and colour (currentColor) and the site's
// stylesheet themes them; presentation attributes keep them legible where
// the stylesheet is missing. No inline style: the CSP forbids it.

// Links are the URLs a drawing links to, base-prefixed; "" means there is
// no such page.
type Links interface {
	EntryPoint(n int) string       // the threats of an entry point
	Target(code string) string     // the requirements of a target (SP, PP, H, D, A)
	Section(num string) string     // a section of the guideline ("2.3")
	Threat(t *model.Threat) string // a threat
	Erratum(id string) string      // an erratum
	Errata() string                // the errata page
}

// drawer draws from a model.
type drawer struct {
	M     *model.Model
	links Links
}

// svgBuf accumulates SVG markup.
type svgBuf struct{ strings.Builder }

func (b *svgBuf) printf(format string, args ...any) { fmt.Fprintf(b, format, args...) }

// xmlEsc escapes text and attribute values.
func xmlEsc(s string) string { return html.EscapeString(s) }

// fnum formats a coordinate with at most one decimal, so that output is
// short and stable.
func fnum(f float64) string {
	return strconv.FormatFloat(math.Round(f*10)/10, 'f', -1, 64)
}

type pt struct{ X, Y float64 }

type rect struct{ X, Y, W, H float64 }

func (r rect) center() pt      { return pt{r.X + r.W/2, r.Y + r.H/2} }
func (r rect) right() float64  { return r.X + r.W }
func (r rect) bottom() float64 { return r.Y + r.H }
func (r rect) inside(o rect) bool {
	return r.X >= o.X && r.Y >= o.Y && r.right() <= o.right() && r.bottom() <= o.bottom()
}
func (r rect) overlaps(o rect) bool {
	return r.X < o.right() && o.X < r.right() && r.Y < o.bottom() && o.Y < r.bottom()
}

// textWidth estimates the advance of s at a font size: full-width
// characters (kana, kanji, ★, ①) one em, ASCII about 0.6 em. Good enough to
// wrap labels; tests assert that every label fits its box by this measure
// with a margin.
func textWidth(s string, size float64) float64 {
	w := 0.0
	for _, r := range s {
		switch {
		case r < 0x80:
			w += 0.6
		case r >= 0xFF61 && r <= 0xFF9F: // half-width katakana
			w += 0.5
		default:
			w += 1
		}
	}
	return w * size
}

// wrapText breaks s into lines no wider than maxW at a font size. It
// breaks at spaces first; a longer word is broken between characters,
// preferring the place after "・" or "）" or before "（" nearest the limit.
func wrapText(s string, maxW, size float64) []string {
	var lines []string
	cur := ""
	for _, word := range strings.Fields(s) {
		cand := word
		if cur != "" {
			cand = cur + " " + word
		}
		if textWidth(cand, size) <= maxW {
			cur = cand
			continue
		}
		if cur != "" {
			// A short line takes the head of the word (Japanese text breaks
			// anywhere; "API 経由の…" should not leave "API" alone).
			if room := maxW - textWidth(cur+" ", size); room > maxW*0.4 {
				head, tail := breakWord(word, room, size)
				if textWidth(head, size) <= room {
					lines = append(lines, cur+" "+head)
					cur, word = "", tail
				}
			}
			if cur != "" {
				lines = append(lines, cur)
				cur = ""
			}
		}
		for textWidth(word, size) > maxW {
			head, tail := breakWord(word, maxW, size)
			lines = append(lines, head)
			word = tail
		}
		cur = word
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

// breakWord splits a word that does not fit into a head that fits and the rest.
func breakWord(w string, maxW, size float64) (string, string) {
	runes := []rune(w)
	fit := 0
	for i := 1; i <= len(runes); i++ {
		if textWidth(string(runes[:i]), size) > maxW {
			break
		}
		fit = i
	}
	if fit == 0 {
		fit = 1
	}
	// Prefer a natural break late in the line: after "・"
	// or "）", before "（", else where katakana meets kanji (サービス|対応).
	for k, natural := range []func(a, b rune) bool{
		func(a, b rune) bool { return a == '・' || a == '）' || a == ')' || b == '（' || b == '(' },
		func(a, b rune) bool { return b != 0 && script(a) != script(b) && script(a)+script(b) == 3 },
	} {
		low := fit / 2 // punctuation may end the line earlier than a script change
		if k == 0 {
			low = fit / 3
		}
		for i := fit; i > low && i > 1; i-- {
			next := rune(0)
			if i < len(runes) {
				next = runes[i]
			}
			if natural(runes[i-1], next) {
				return string(runes[:i]), string(runes[i:])
			}
		}
	}
	return string(runes[:fit]), string(runes[fit:])
}

// script classifies a rune for line breaking: 1 katakana, 2 kanji, 0 other.
func script(r rune) int {
	switch {
	case r >= 0x30A0 && r <= 0x30FF:
		return 1
	case r >= 0x4E00 && r <= 0x9FFF:
		return 2
	}
	return 0
}

// textLines writes a <text> with one <tspan> per line. anchor is "start",
// "middle" or "end"; y is the first baseline.
func (b *svgBuf) textLines(class string, x, y, size, lead float64, anchor string, lines []string) {
	b.printf(`<text class="%s" x="%s" y="%s" font-size="%s" fill="currentColor"`, class, fnum(x), fnum(y), fnum(size))
	if anchor != "start" {
		b.printf(` text-anchor="%s"`, anchor)
	}
	b.WriteString(">")
	for i, l := range lines {
		if i == 0 {
			b.printf(`<tspan x="%s">%s</tspan>`, fnum(x), xmlEsc(l))
			continue
		}
		b.printf(`<tspan x="%s" dy="%s">%s</tspan>`, fnum(x), fnum(lead), xmlEsc(l))
	}
	b.WriteString("</text>")
}
