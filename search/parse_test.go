package search

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParseQuery(t *testing.T) {
	type w struct {
		text   string // folded
		src    string // as typed
		quoted bool
		cjk    bool
	}
	tests := []struct {
		q      string
		words  []w
		typing bool
	}{
		{"SR3-H-5", []w{{"sr3-h-5", "SR3-H-5", false, false}}, true},
		{"ﾌｧｰﾑｳｪｱ  アップデート ", []w{{"フアームウエア", "ﾌｧｰﾑｳｪｱ", false, true}, {"アツプデート", "アップデート", false, true}}, false},
		{"Wi-Fi接続", []w{{"wi-fi", "Wi-Fi", false, false}, {"接続", "接続", false, true}}, true},
		{`"通信経路の暗号化" 鍵`, []w{{"通信経路の暗号化", "通信経路の暗号化", true, false}, {"鍵", "鍵", false, true}}, true},
		{"「ホームゲート ウェイ」", []w{{"ホームゲートウエイ", "ホームゲート ウェイ", true, false}}, false},
		{`"denial  of service`, []w{{"denial of service", "denial  of service", true, false}}, false},
		{`"" 、。`, nil, false},
		{"ー ーー", nil, false},
		{"", nil, false},
	}
	for _, tt := range tests {
		p := parseQuery(tt.q)
		var got []w
		for i := range p.words {
			x := &p.words[i]
			got = append(got, w{string(x.runes), p.source(x, 0, len(x.runes)), x.quoted, x.cjk})
		}
		if !slices.Equal(got, tt.words) || p.typing != tt.typing {
			t.Errorf("parseQuery(%q) = %+v typing %v, want %+v typing %v", tt.q, got, p.typing, tt.words, tt.typing)
		}
	}
}

func TestSplitParticles(t *testing.T) {
	for in, want := range map[string]string{
		"個人情報の削除":    "個人情報|削除",
		"生命財産への影響":   "生命財産|影響",
		"データの暗号化":    "データ|暗号化",
		"なりすまし":      "なりすまし",
		"踏み台":        "踏み台",
		"保護すべき資産":    "保護すべき資産",
		"の":          "の",
		"鍵の":         "鍵の",
		"サービス終了の通知":  "サービス終了|通知",
		"暗号化に用いる鍵":   "暗号化|用いる鍵",
		"制御信号のなりすまし": "制御信号のなりすまし",
	} {
		r := []rune(in)
		var parts []string
		for _, sp := range splitParticles(r) {
			parts = append(parts, string(r[sp.i:sp.j]))
		}
		if got := strings.Join(parts, "|"); got != want {
			t.Errorf("splitParticles(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{`"通信経路の暗号化" 鍵`, "「ホームゲート ウェイ", "ﾌｧｰﾑｳｪｱ", "a--b", "“x”", "\xff\"", `""""`, "ー", "SR3-H-5 firmware update"} {
		f.Add(s)
	}
	ix := fixtureIndex(f)
	f.Fuzz(func(t *testing.T, q string) {
		p := parseQuery(q)
		if len(p.folded) > maxQueryRunes {
			t.Fatalf("folded %d runes", len(p.folded))
		}
		for i := range p.words {
			w := &p.words[i]
			if len(w.runes) == 0 {
				t.Fatalf("parseQuery(%q): empty word %d", q, i)
			}
			if !w.quoted {
				if len(w.start) != len(w.runes) || len(w.end) != len(w.runes) {
					t.Fatalf("parseQuery(%q): word %d has %d runes, %d offsets", q, i, len(w.runes), len(w.start))
				}
				for k := range w.start {
					if w.start[k] < 0 || w.end[k] > int32(len(q)) || w.start[k] >= w.end[k] {
						t.Fatalf("parseQuery(%q): word %d rune %d at [%d,%d)", q, i, k, w.start[k], w.end[k])
					}
				}
			}
			if src := p.source(w, 0, len(w.runes)); utf8.ValidString(q) && !utf8.ValidString(src) {
				t.Fatalf("parseQuery(%q): source %q of word %d is not UTF-8", q, src, i)
			}
		}
		// A plan of any query runs.
		pl := ix.makePlan(p)
		if len(pl.groups) > maxGroups {
			t.Fatalf("%d groups", len(pl.groups))
		}
		r := ix.Search(q, Options{Limit: 3})
		if r.Exact != "" {
			ix.Search(r.Exact, Options{Limit: 3})
		}
	})
}
