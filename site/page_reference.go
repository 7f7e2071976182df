package site

import (
	"strconv"

	"shguide/search"
	"shguide/site/markdown"
	"shguide/site/model"
)

func init() { registerArea(referenceArea{}) }

// referenceArea is the reference pages: glossary, references, errata and
// the bibliographic page about the source.
type referenceArea struct{}

func (referenceArea) name() string { return "reference" }

// ErrataPage groups the errata by kind.
type ErrataPage struct {
	Kinds []ErrataKind
}

// ErrataKind is the errata of one kind.
type ErrataKind struct {
	Kind, Title, Intro string
	Items              []ErratumItem
}

// ErratumItem is an erratum with, for a score erratum, the assessment it
// is about (whose vector the calculator opens).
type ErratumItem struct {
	*model.Erratum
	A *model.Assessment
}

var erratumKindTitles = []struct{ Kind, Title, Intro string }{
	{"score", "公表値と計算値の相違", "原典の表に掲載されたリスク値のうち、原典の計算式（図 3-2、図 3-3）で計算した値と一致しないものです。このサイトでは公表値を掲載し、計算値を併記しています。"},
	{"label", "表記の訂正", "原典の表で見出しや番号の表記が他の箇所と食い違っているもの（エントリーポイント番号など）です。"},
	{"transcription", "転記時の再構成", "原典のテキストで崩れていた表のセルなどを、他の箇所と照合して再構成したものです。"},
	{"formula", "計算式の解釈", "原典の計算式のテキストが崩れている箇所と、このサイトでの解釈です。"},
	{"sic", "原文のままの誤記（〔ママ〕）", "原典の誤記とみられる箇所です。このサイトは文言を原文のまま掲載し、本文中のその箇所の後に〔ママ：推定される読み〕を付けてここへリンクしています。"},
	{"note", "原文どおりの注記", "原典のとおりに掲載しているが、他の箇所と食い違う、または読み方に注意が必要な箇所です。"},
}

func (referenceArea) build(s *Site) error {
	s.AddNav(NavItem{Key: "glossary", Title: "用語", Path: "glossary/", Order: 60})
	var ep ErrataPage
	for _, k := range erratumKindTitles {
		ek := ErrataKind{Kind: k.Kind, Title: k.Title, Intro: k.Intro}
		for _, e := range s.M.Errata {
			if e.Kind == k.Kind {
				ek.Items = append(ek.Items, ErratumItem{e, erratumAssessment(s.M, e)})
			}
		}
		if len(ek.Items) > 0 {
			ep.Kinds = append(ep.Kinds, ek)
		}
	}
	for _, p := range []*Page{
		{Path: "glossary/", Title: "用語・略称", Template: "glossary", Nav: "glossary",
			Description: "ガイドラインで使われる用語（表 1-1）、略称（表 1-2）、サービス・システムの定義（表 2-1）。"},
		{Path: "references/", Title: "引用/参考文献", Template: "references", Nav: "chapters",
			Description: "ガイドラインの引用/参考文献 [1]～[28]。"},
		{Path: "errata/", Title: "正誤・訂正一覧", Template: "errata", Nav: "",
			Description: "原典の表の転記で行った訂正、原文のままの誤記、公表されたリスク値が計算式と一致しない箇所の一覧。", Data: ep,
			Scripts: []string{"js/errata.js"}},
		{Path: "about/", Title: "原典について", Template: "about", Nav: "", Scripts: []string{offlineScript},
			Description: "原典（CCDS 製品分野別セキュリティガイドライン スマートホーム編）の書誌情報、改訂履歴、編著者と、このサイトについて。"},
	} {
		s.AddPage(p)
	}
	return nil
}

func (referenceArea) tables(s *Site) map[string]tableSource {
	m := s.M
	return map[string]tableSource{
		"1-1": {"tbl-terms", dict("Head", "用語", "Rows", m.Terms)},
		"1-2": {"tbl-abbr", m.Abbreviations},
		"2-1": {"tbl-terms", dict("Head", "用語", "Rows", m.Definitions)},
	}
}

// searchDocs: the glossary (表1-1, 表1-2, 表2-1) and the references.
func (referenceArea) searchDocs(s *Site, add func(int, search.Doc)) {
	m := s.M
	plain := markdown.PlainText
	for _, t := range m.Terms {
		add(rankGlossary, search.Doc{ID: "term/" + t.Term, Kind: search.KindTerm, Title: t.Term, Body: plain(t.Description),
			URL: "glossary/#" + TermAnchor(t.Term)})
	}
	for _, a := range m.Abbreviations {
		add(rankGlossary, search.Doc{ID: "abbr/" + a.Abbr, Kind: search.KindTerm, Label: a.Abbr, Title: a.Abbr, Body: a.Name,
			URL: "glossary/#" + AbbrAnchor(a.Abbr)})
	}
	for _, d := range m.Definitions {
		add(rankGlossary, search.Doc{ID: "definition/" + d.Term, Kind: search.KindTerm, Title: d.Term, Body: plain(d.Description),
			URL: "glossary/#definitions"})
	}
	for _, r := range m.References {
		add(rankReferences, search.Doc{ID: "reference/" + strconv.Itoa(r.No), Kind: search.KindReference, Label: "[" + strconv.Itoa(r.No) + "]",
			Title: r.Title, Body: r.URL, URL: refPath(r.No)})
	}
}
