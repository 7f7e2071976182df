package model

import (
	"regexp"
	"strings"
)

var reEnglish = regexp.MustCompile(`^[a-z0-9]+(?:[ -][a-z0-9]+)*$`)

// thesaurus checks synonyms.yaml and english.yaml: every word is the
// guideline's, every synonym is justified by quotes of its text, and no
// word or term is listed twice.
func (v *validator) thesaurus() {
	m := v.m
	inText := func(s string) bool { return strings.Contains(m.text, compactText(s)) }
	from := map[string]Pos{}
	for _, s := range m.Synonyms {
		p := s.Pos
		switch {
		case len(s.Words) == 0:
			v.add(p.At("words"), "words is required")
			continue
		case len(s.Also) == 0 && len(s.Words) < 2:
			v.add(p.At("words"), "a synonym needs two words, or also")
		case len(s.Evidence) == 0:
			v.add(p.At("evidence"), "evidence is required: quote the guideline where it uses the words for the same thing")
		}
		all := append(append([]string{}, s.Words...), s.Also...)
		for i, w := range all {
			key := "words"
			if i >= len(s.Words) {
				key = "also"
			}
			switch {
			case strings.TrimSpace(w) == "":
				v.add(p.At(key), "empty word")
				continue
			case !inText(w):
				v.add(p.At(key), "%q does not occur in the guideline's text", w)
			}
			if i < len(s.Words) {
				k := strings.ToLower(compactText(w))
				if first, dup := from[k]; dup {
					v.add(p.At(key), "word %q is listed twice (first at %s)", w, first)
				} else {
					from[k] = p
				}
			}
		}
		for _, e := range s.Evidence {
			if v.need(e.Pos, "where", e.Where) && v.need(e.Pos, "quote", e.Quote) && !inText(e.Quote) {
				v.add(e.Pos.At("quote"), "quote %q does not occur in the guideline's text", e.Quote)
			}
		}
		for _, w := range all {
			quoted := false
			for _, e := range s.Evidence {
				quoted = quoted || strings.Contains(compactText(e.Quote), compactText(w))
			}
			if strings.TrimSpace(w) != "" && !quoted && len(s.Evidence) > 0 {
				v.add(p.At("evidence"), "no quote shows the guideline using %q", w)
			}
		}
	}
	seen := map[string]Pos{}
	for _, t := range m.English {
		p := t.Pos
		en := strings.Join(strings.Fields(t.En), " ")
		key := strings.Join(strings.Fields(strings.ReplaceAll(en, "-", " ")), " ")
		switch {
		case en == "":
			v.add(p.At("en"), "en is required")
		case !reEnglish.MatchString(en):
			v.add(p.At("en"), "en %q: want lower-case English words (a-z, 0-9) separated by a space or a hyphen", t.En)
		}
		if first, dup := seen[key]; dup && key != "" {
			v.add(p.At("en"), "English term %q is listed twice (first at %s)", en, first)
		} else {
			seen[key] = p
		}
		if len(t.Ja) == 0 {
			v.add(p.At("ja"), "ja is required")
		}
		for _, j := range t.Ja {
			if strings.TrimSpace(j) == "" || !inText(j) {
				v.add(p.At("ja"), "%q does not occur in the guideline's text", j)
			}
		}
	}
}
