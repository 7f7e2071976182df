package search

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSearchRanking(t *testing.T) {
	ix := fixtureIndex(t)
	tests := []struct {
		name  string
		q     string
		first string // ID of the first result ("" = no results, "*" = any)
		match Match  // how the first result matched
		top   int    // and these must all be in the top `top`
		also  []string
		not   []string // must not be returned at all
	}{
		{"requirement ID", "SR3-H-5", "requirement/SR3-H-5", MatchKey, 1, nil, nil},
		{"ID lower case", "sr3-h-5", "requirement/SR3-H-5", MatchKey, 1, nil, nil},
		{"ID without hyphens", "SR3H5", "requirement/SR3-H-5", MatchKey, 1, nil, nil},
		{"ID full-width", "ＳＲ３－Ｈ－５", "requirement/SR3-H-5", MatchKey, 1, nil, nil},
		{"ID being typed", "sr3-h", "requirement/SR3-H-5", MatchLabelPrefix, 2, []string{"requirement/SR3-H-7"}, nil},
		{"CPSF code", "CPS.AC-3", "requirement/SR2-SP-4", MatchCode, 1, nil, nil},
		{"CPSF code lower case", "cps.ac-3", "requirement/SR2-SP-4", MatchCode, 1, nil, nil},
		{"UK code", "UK5", "requirement/SR3-H-5", MatchCode, 1, nil, []string{"requirement/SR3-H-7"}},
		{"UK code shared", "UK3", "requirement/SR2-D-5", MatchCode, 2, []string{"requirement/R2-9"}, nil},
		{"SB-327 section", "1798.91.05", "requirement/SR2-SP-1", MatchCode, 1, nil, nil},
		{"entry point mark", "EP5", "threat/ep5-stepping-stone", MatchKey, 3, []string{"entry-point/5"}, nil},
		{"section number", "5.4.5", "section/5.4.5", MatchKey, 1, nil, nil},
		{"Latin word", "ZigBee", "section/3.4", MatchBody, 1, nil, nil},
		{"Latin word upper", "USB", "threat/ep5-information-disclosure-storage", MatchTitle, 2, []string{"where/3"}, nil},
		{"Latin word full-width", "ＵＳＢ", "threat/ep5-information-disclosure-storage", MatchTitle, 2, []string{"where/3"}, nil},
		{"title before body", "鍵管理", "requirement/SR3-H-7", MatchTitle, 2, []string{"reference/25"}, nil},
		{"single kanji", "鍵", "requirement/SR3-H-7", MatchTitle, 2, []string{"reference/25"}, nil},
		{"resale", "転売", "*", MatchTitle, 3, []string{"section/5.4.5", "lifecycle/house/resale/3", "requirement/R2-9"}, nil},
		{"stepping stone", "踏み台", "threat/ep5-stepping-stone", MatchTitle, 2, []string{"entry-point/5"}, nil},
		{"long vowel server", "サーバー", "requirement/SR2-SP-4", MatchTitle, 1, nil, nil},
		{"long vowel user", "ユーザー", "requirement/SR2-SP-4", MatchTitle, 1, nil, nil},
		{"small kana", "ファームウエア", "requirement/SR2-D-5", MatchBody, 1, nil, nil},
		{"hiragana", "ふぁーむうぇあ", "requirement/SR2-D-5", MatchBody, 1, nil, nil},
		{"half-width katakana", "ﾌｧｰﾑｳｪｱ", "requirement/SR2-D-5", MatchBody, 1, nil, nil},
		{"middle dot", "生命財産", "metric/LP", MatchTitle, 1, nil, nil},
		{"space inside word", "ホームゲート ウェイ", "entry-point/5", MatchTitle, 3, []string{"requirement/SR3-H-5"}, nil},
		{"two words", "通信 暗号化", "requirement/SR3-H-5", MatchTitle, 2, []string{"requirement/SR3-H-7"}, nil},
		{"typo one edit", "Etherent", "section/3.4", MatchApprox, 1, nil, nil},
		{"typo missing letter", "Bluetoth", "section/3.4", MatchApprox, 1, nil, nil},
		{"typo two edits", "Bluetoooht", "section/3.4", MatchApprox, 1, nil, nil},
		{"word being typed", "zigb", "section/3.4", MatchApprox, 1, nil, nil},
		{"abbreviation", "api", "term/API", MatchKey, 1, nil, nil},
		{"no match", "量子コンピュータ", "", 0, 0, nil, nil},
		{"html text", "<img src=x onerror=alert(1)>", "", 0, 0, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ix.Search(tt.q, Options{Limit: 10})
			got := ids(r)
			if tt.first == "" {
				if len(got) != 0 || r.Total != 0 {
					t.Fatalf("Search(%q) = %q, want none", tt.q, got)
				}
				return
			}
			if len(got) == 0 || (got[0] != tt.first && tt.first != "*") {
				t.Fatalf("Search(%q) = %q, want %s first", tt.q, got, tt.first)
			}
			if m := r.Results[0].Match; m != tt.match {
				t.Errorf("Search(%q) first matched by %s, want %s", tt.q, m, tt.match)
			}
			for _, id := range tt.also {
				if i := slices.Index(got, id); i < 0 || i >= tt.top {
					t.Errorf("Search(%q) = %q, want %s in the top %d", tt.q, got, id, tt.top)
				}
			}
			for _, id := range tt.not {
				if slices.Contains(got, id) {
					t.Errorf("Search(%q) = %q, must not contain %s", tt.q, got, id)
				}
			}
			if r.Total < len(got) {
				t.Errorf("Total %d < %d results", r.Total, len(got))
			}
		})
	}
}

// Typos are looked for only for a word the index does not hold.
func TestSearchTypoOnlyForUnknownWords(t *testing.T) {
	ix, err := Build([]Doc{
		{ID: "other", Title: "x", Body: "ethernat cable", URL: "a/"},
		{ID: "far", Title: "z", Body: "ether cable", URL: "c/"},
		{ID: "exact", Title: "y", Body: "ethernet cable", URL: "b/"},
	}, Thesaurus{})
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(ix.Search("ethernet ", Options{})); !slices.Equal(got, []string{"exact"}) {
		t.Errorf("ethernet: %q, want only the exact word", got)
	}
	r := ix.Search("etherent ", Options{})
	if got := ids(r); !slices.Equal(got, []string{"other", "exact"}) || r.Results[0].Match != MatchApprox {
		t.Errorf("etherent: %q, want the words two edits away (not ether)", got)
	}
}

func TestSearchTypoLimits(t *testing.T) {
	ix, err := Build([]Doc{
		{ID: "ab", Title: "t", Body: "ab", URL: "a/"},
		{ID: "usb", Title: "t", Body: "usb", URL: "a/"},
		{ID: "bluetooth", Title: "t", Body: "bluetooth", URL: "a/"},
		{ID: "uk4", Title: "t", Body: "uk4", URL: "a/"},
	}, Thesaurus{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		q    string
		want []string
	}{
		{"ac ", nil},              // two letters: no typo tolerance
		{"usa ", []string{"usb"}}, // ≤ 5 runes: one edit
		{"uxb ", []string{"usb"}},
		{"ubs ", nil}, // two edits is too many for a short word
		{"abc ", nil}, // a typo never reaches a two-letter word
		{"bluetoth ", []string{"bluetooth"}},
		{"bluetoht ", []string{"bluetooth"}}, // longer: two edits
		{"blutoht ", nil},                    // three edits
		{"uk5 ", nil},                        // codes are exact
	}
	for _, tt := range tests {
		if got := ids(ix.Search(tt.q, Options{Limit: 0})); !slices.Equal(got, tt.want) {
			t.Errorf("Search(%q) = %q, want %q", tt.q, got, tt.want)
		}
	}
}

func TestSearchEmpty(t *testing.T) {
	ix := fixtureIndex(t)
	for _, q := range []string{"", " ", "\u3000\t\n", "・ー", "、。！？"} {
		r := ix.Search(q, Options{Limit: 10})
		if !r.Empty || len(r.Results) != 0 || r.Total != 0 {
			t.Errorf("Search(%q) = empty %v, %d results; want empty", q, r.Empty, len(r.Results))
		}
	}
	r := ix.Search("量子", Options{Limit: 10})
	if r.Empty || r.Total != 0 {
		t.Errorf("Search(no match) = empty %v, total %d; want not empty, 0", r.Empty, r.Total)
	}
}

func TestSearchLimit(t *testing.T) {
	ix := fixtureIndex(t)
	all := ix.Search("転売", Options{Limit: 0})
	two := ix.Search("転売", Options{Limit: 2})
	if len(all.Results) < 3 || len(two.Results) != 2 || two.Total != all.Total {
		t.Fatalf("limit: %d of %d, limited %d of %d", len(all.Results), all.Total, len(two.Results), two.Total)
	}
	if !slices.Equal(ids(all)[:2], ids(two)) {
		t.Errorf("limited results %q are not the first of %q", ids(two), ids(all))
	}
}

// Highlights are byte ranges of the excerpt holding the matched text, on
// rune boundaries, and the excerpt is plain text of the body.
func TestSearchHighlights(t *testing.T) {
	ix := fixtureIndex(t)
	tests := []struct {
		q, id        string
		excerptHas   string
		marked       []string // highlighted excerpt text
		titleMarked  []string
		excerptStart bool // the excerpt begins the body (no leading ellipsis)
	}{
		// The synonym ソフトウェア is marked as well.
		{"ファームウエア", "requirement/SR2-D-5", "ファームウェア", []string{"ソフトウェア", "ファームウェア", "ソフトウェア"}, []string{"ソフトウェア"}, true},
		{"\"ファームウエア\"", "requirement/SR2-D-5", "ファームウェア", []string{"ファームウェア"}, nil, true},
		{"鍵管理", "requirement/SR3-H-7", "鍵管理の方法", []string{"鍵管理"}, []string{"鍵管理"}, true},
		{"USB", "where/3", "USB 端子", []string{"USB"}, nil, true},
		{"Bluetoth", "section/3.4", "Bluetooth", []string{"Bluetooth"}, nil, true},
		{"zigb", "section/3.4", "ZigBee", []string{"ZigBee"}, nil, true},
		{"ホームゲート ウェイ", "entry-point/5", "", nil, []string{"ホームゲートウェイ"}, true},
		{"通信 暗号化", "requirement/SR3-H-5", "通信は", []string{"通信", "通信", "暗号化"}, []string{"通信", "暗号化"}, true},
		{"生命財産", "metric/LP", "生命・財産", []string{"生命・財産"}, []string{"生命・財産"}, true},
	}
	for _, tt := range tests {
		r := ix.Search(tt.q, Options{Limit: 20})
		var res *Result
		for i := range r.Results {
			if r.Results[i].ID == tt.id {
				res = &r.Results[i]
			}
		}
		if res == nil {
			t.Errorf("Search(%q): %s not found in %q", tt.q, tt.id, ids(r))
			continue
		}
		if !strings.Contains(res.Excerpt, tt.excerptHas) {
			t.Errorf("Search(%q) excerpt %q lacks %q", tt.q, res.Excerpt, tt.excerptHas)
		}
		if got := spans(t, res.Excerpt, res.Highlights); !slices.Equal(got, tt.marked) {
			t.Errorf("Search(%q) excerpt %q marks %q, want %q", tt.q, res.Excerpt, got, tt.marked)
		}
		if got := spans(t, res.Title, res.TitleHighlights); !slices.Equal(got, tt.titleMarked) {
			t.Errorf("Search(%q) title %q marks %q, want %q", tt.q, res.Title, got, tt.titleMarked)
		}
		if starts := !strings.HasPrefix(res.Excerpt, ellipsis); starts != tt.excerptStart {
			t.Errorf("Search(%q) excerpt %q: begins body = %v, want %v", tt.q, res.Excerpt, starts, tt.excerptStart)
		}
	}
}

// spans returns the highlighted substrings, checking the ranges.
func spans(t *testing.T, s string, hl []Span) []string {
	t.Helper()
	var out []string
	last := 0
	for _, h := range hl {
		if h.Start < last || h.End <= h.Start || h.End > len(s) || !utf8.ValidString(s[h.Start:h.End]) {
			t.Fatalf("bad span %v of %q", h, s)
		}
		last = h.End
		out = append(out, s[h.Start:h.End])
	}
	return out
}

func TestExcerptWindow(t *testing.T) {
	body := strings.Repeat("前置きの文章です。", 20) + "鍵管理の方法" + strings.Repeat("後ろの文章です。", 30) + "\n次の段落。"
	ix, err := Build([]Doc{{ID: "a", Title: "t", Body: body, URL: "a/"}}, Thesaurus{})
	if err != nil {
		t.Fatal(err)
	}
	r := ix.Search("鍵管理", Options{Limit: 1})
	ex := r.Results[0].Excerpt
	if !strings.HasPrefix(ex, ellipsis) || !strings.HasSuffix(ex, ellipsis) {
		t.Errorf("excerpt %q should be cut at both ends", ex)
	}
	if n := utf8.RuneCountInString(ex); n > excerptRunes+2 {
		t.Errorf("excerpt has %d runes, want at most %d", n, excerptRunes+2)
	}
	if got := spans(t, ex, r.Results[0].Highlights); !slices.Equal(got, []string{"鍵管理"}) {
		t.Errorf("marks %q", got)
	}
	before := strings.Index(ex, "鍵管理") - len(ellipsis)
	if n := utf8.RuneCountInString(ex[len(ellipsis) : len(ellipsis)+before]); n != excerptBefore {
		t.Errorf("%d runes before the match, want %d", n, excerptBefore)
	}
	// A match in a later paragraph starts the excerpt at that paragraph.
	r = ix.Search("次の段落", Options{Limit: 1})
	if ex := r.Results[0].Excerpt; ex != "次の段落。" {
		t.Errorf("excerpt %q, want the paragraph", ex)
	}
}

func FuzzSearch(f *testing.F) {
	for _, s := range []string{"SR3-H-5", "鍵管理", "ｻｰﾊﾞｰ", "Etherent", "<img src=x onerror=alert(1)>", "a--b", "sr3-", ".", "ー", "\xff", "ﾞ鍵"} {
		f.Add(s)
	}
	ix := fixtureIndex(f)
	f.Fuzz(func(t *testing.T, q string) {
		r := ix.Search(q, Options{Limit: 5})
		if r.Empty && r.Total != 0 {
			t.Fatalf("Search(%q): empty with %d results", q, r.Total)
		}
		for _, res := range r.Results {
			for _, pair := range []struct {
				s  string
				hl []Span
			}{{res.Excerpt, res.Highlights}, {res.Title, res.TitleHighlights}} {
				last := 0
				for _, h := range pair.hl {
					if h.Start < last || h.End <= h.Start || h.End > len(pair.s) ||
						!utf8.RuneStart(pair.s[h.Start]) || (h.End < len(pair.s) && !utf8.RuneStart(pair.s[h.End])) {
						t.Fatalf("Search(%q): bad span %v of %q", q, h, pair.s)
					}
					last = h.End
				}
			}
		}
	})
}
