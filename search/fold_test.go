package search

import (
	"testing"
	"unicode/utf8"
)

func TestFold(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"ascii case", "ZigBee USB", "zigbee usb"},
		{"full-width ascii", "ＵＳＢ　Ｗｉ－Ｆｉ", "usb wi-fi"},
		{"full-width digits and parens", "（１２３）", "(123)"},
		{"ideographic space", "鍵\u3000管理", "鍵 管理"},
		{"tab and nbsp", "a\tb\u00a0c", "a b c"},
		{"newline kept", "a\nb", "a\nb"},
		{"long vowel at the end of a long word", "サーバー", "サーバ"},
		{"long vowel kept in a short word", "キー", "キー"},
		{"long vowel kept inside", "ルータ", "ルータ"},
		{"long vowels at the end", "ルーターー", "ルータ"},
		{"long vowel before another script", "ルーターの", "ルータの"},
		{"long vowel inside a compound", "サーバーセキュリティ", "サーバーセキユリテイ"},
		{"long vowel user", "ユーザー", "ユーザ"},
		{"small kana", "ファームウェア", "フアームウエア"},
		{"small tsu and ke", "ネットワーク一ヶ所", "ネツトワーク一ケ所"},
		{"hiragana stays hiragana", "かぎのかんり", "かぎのかんり"},
		{"hiragana small", "ふぁーむうぇあ", "ふあーむうえあ"},
		{"hiragana long vowel at the end", "さーばー", "さーば"},
		{"hiragana iteration", "ゝゞ", "ゝゞ"},
		{"half-width katakana", "ｾｷｭﾘﾃｨ", "セキユリテイ"},
		{"half-width voiced", "ｻｰﾊﾞｰ ｹﾞｰﾄｳｪｲ", "サーバ ゲートウエイ"},
		{"half-width semi-voiced", "ﾊﾟｽﾜｰﾄﾞ", "パスワード"},
		{"half-width vu", "ｳﾞ", "ヴ"},
		{"half-width punctuation", "｢ｱ｣､｡", "「ア」、。"},
		{"NFD voiced mark", "カ\u3099ハ\u309A", "ガパ"},
		{"spacing voiced mark", "か゛", "が"},
		{"spacing voiced mark on katakana", "カ゛", "ガ"},
		{"voiced mark without base", "\u3099ア゛", "\u3099ア゛"},
		{"middle dots", "設計・製造･評価·運用", "設計製造評価運用"},
		{"circled numbers", "EP⑤ EP⑩ ⑳", "ep5 ep10 20"},
		{"roman numerals", "Ⅲ Ⅳ ⅻ", "iii iv xii"},
		{"superscripts", "m² 10⁴", "m2 104"},
		{"dashes", "SR3‐H–5 −1", "sr3-h-5 -1"},
		{"wave dash", "1〜3", "1~3"},
		{"zero width", "a\u200bb\ufeff", "ab"},
		{"kanji unchanged", "鍵管理", "鍵管理"},
		{"html text unchanged", "<img src=x onerror=alert(1)>", "<img src=x onerror=alert(1)>"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Fold(tt.in); got != tt.want {
				t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// Each variant meets the guideline's form.
func TestFoldVariantsMeet(t *testing.T) {
	pairs := [][2]string{
		{"サーバー", "サーバ"},
		{"ユーザー", "ユーザ"},
		{"ファームウエア", "ファームウェア"},
		{"ＵＳＢ", "USB"},
		{"ｕｓｂ", "USB"},
		{"ルーター", "ルータ"},
		{"メモリー", "メモリ"},
		{"ｶﾀｶﾅ", "カタカナ"},
		{"ﾌｧｰﾑｳｪｱ", "ファームウェア"},
		{"設計製造", "設計・製造"},
		{"ＣＰＳ．ＡＣ－３", "CPS.AC-3"},
		{"ep5", "EP⑤"},
	}
	for _, p := range pairs {
		if a, b := Fold(p[0]), Fold(p[1]); a != b {
			t.Errorf("Fold(%q) = %q but Fold(%q) = %q", p[0], a, p[1], b)
		}
	}
}

func TestFoldOffsets(t *testing.T) {
	in := "ｶﾞA⑩・x"
	var f folded
	foldText(in, true, &f)
	type span struct {
		r          rune
		start, end int32
	}
	want := []span{{'ガ', 0, 6}, {'a', 6, 7}, {'1', 7, 10}, {'0', 7, 10}, {'x', 13, 14}}
	if len(f.r) != len(want) {
		t.Fatalf("folded %q, want %d runes", string(f.r), len(want))
	}
	for i, w := range want {
		if f.r[i] != w.r || f.start[i] != w.start || f.end[i] != w.end {
			t.Errorf("rune %d = %q [%d,%d), want %q [%d,%d)", i, f.r[i], f.start[i], f.end[i], w.r, w.start, w.end)
		}
	}
}

// Hiragana and katakana stay apart: a katakana word never meets the same
// sounds in hiragana.
func TestFoldScriptsApart(t *testing.T) {
	for _, p := range [][2]string{{"ルタ", "るた"}, {"メール", "める"}, {"カギ", "かぎ"}} {
		if Fold(p[0]) == Fold(p[1]) {
			t.Errorf("Fold(%q) == Fold(%q)", p[0], p[1])
		}
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"ｻｰﾊﾞｰ", "か\u3099", "ＵＳＢ①", "Ⅷ", "\xff\xfe", "ﾞﾞﾞ", "SR3-H-5 鍵管理"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a := Fold(s)
		if b := Fold(a); b != a && utf8.ValidString(s) {
			t.Errorf("Fold not idempotent: Fold(%q) = %q, Fold(that) = %q", s, a, b)
		}
		var fo folded
		foldText(s, true, &fo)
		for i := range fo.r {
			if fo.start[i] < 0 || fo.end[i] > int32(len(s)) || fo.start[i] >= fo.end[i] {
				t.Fatalf("rune %d has source range [%d,%d) of %d bytes", i, fo.start[i], fo.end[i], len(s))
			}
			if i > 0 && fo.start[i] < fo.start[i-1] {
				t.Fatalf("source ranges go backwards at rune %d", i)
			}
		}
		r := []rune(a)
		kanaRuns(r, func(i, j int) {
			if j-i >= 4 && r[j-1] == 'ー' {
				t.Errorf("Fold(%q) = %q keeps the long-vowel mark ending %q", s, a, string(r[i:j]))
			}
		})
	})
}
