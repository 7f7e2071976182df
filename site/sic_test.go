package site

import (
	"bytes"
	"strings"
	"testing"

	"shguide/site/model"
)

func sicSite(marks ...*model.Sic) *Site {
	e := &model.Erratum{ID: "E900", Kind: "sic", Sic: marks}
	s := &Site{M: &model.Model{Errata: []*model.Erratum{e}}, Base: "/"}
	s.prepareSic()
	return s
}

// TestAnnotateSic: the note follows the first occurrence in <main>, never in
// the head, navigation, code or inside another word; inside a link it is
// plain text.
func TestAnnotateSic(t *testing.T) {
	const link = `<a class="sic" href="/errata/#e900" title="原文のまま。「再評価する」の誤りとみられます（E900）">〔ママ：再評価する〕</a>`
	const span = `<span class="sic" title="原文のまま。「再評価する」の誤りとみられます（E900）">〔ママ：再評価する〕</span>`
	tests := []struct {
		name, page, want string
	}{
		{"first only",
			`<title>再評する</title><main><p>再評する。再評する</p><p>再評する</p></main>`,
			`<title>再評する</title><main><p>再評する` + link + `。再評する</p><p>再評する</p></main>`},
		{"not in nav or code",
			`<main><nav>再評する</nav><code>再評する</code><p>x 再評する</p></main>`,
			`<main><nav>再評する</nav><code>再評する</code><p>x 再評する` + link + `</p></main>`},
		{"inside a link",
			`<main><a href="/x/">R2-6 再評する</a></main>`,
			`<main><a href="/x/">R2-6 再評する` + span + `</a></main>`},
		{"outside main", `<p>再評する</p><main></main>`, `<p>再評する</p><main></main>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := sicSite(&model.Sic{Text: "再評する", Reading: "再評価する"})
			got := string(s.annotateSic(&Page{Path: "metrics/"}, []byte(tt.page), new(bytes.Buffer)))
			if got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// TestAnnotateSicWordAndContext: "MLP/MI" is not found inside "MLP/MII",
// follows must match, and the errata page is left as printed.
func TestAnnotateSicWordAndContext(t *testing.T) {
	s := sicSite(&model.Sic{Text: "MLP/MI", Follows: "、CR", Reading: "MLP/MII"})
	got := string(s.annotateSic(&Page{Path: "chapters/3.5/"}, []byte(`<main><p>MLP/MII と MLP/MI と MLP/MI、CR/IR</p></main>`), new(bytes.Buffer)))
	if !strings.Contains(got, `MLP/MII と MLP/MI と MLP/MI<a class="sic"`) || strings.Count(got, "〔ママ") != 1 {
		t.Errorf("got %s", got)
	}
	if !s.sicSeen[0] {
		t.Error("not marked as seen")
	}
	page := `<main><p>MLP/MI、CR</p></main>`
	if got := string(s.annotateSic(&Page{Path: sicPage}, []byte(page), new(bytes.Buffer))); got != page {
		t.Errorf("errata page annotated: %s", got)
	}
}

// TestCheckSic: a misprint no page shows is a build problem naming the
// erratum and the text.
func TestCheckSic(t *testing.T) {
	s := sicSite(&model.Sic{Text: "ヒーピスプレイ", Reading: "ヒープスプレイ"})
	s.annotateSic(&Page{Path: "metrics/"}, []byte(`<main><p>ヒープスプレイ</p></main>`), new(bytes.Buffer))
	s.checkSic()
	if len(s.problems) != 1 || !strings.Contains(s.problems[0], "E900") || !strings.Contains(s.problems[0], "ヒーピスプレイ") {
		t.Errorf("problems = %q", s.problems)
	}
}
