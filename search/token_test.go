package search

import (
	"slices"
	"testing"
)

// terms returns the indexed terms of text, in order.
func terms(text string) []string {
	var f folded
	foldText(text, false, &f)
	var out []string
	for _, s := range segments(f.r, nil, true) {
		indexTerms(s, func(t []rune) { out = append(out, string(t)) })
	}
	return out
}

func TestIndexTerms(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"kanji run", "鍵管理", []string{"鍵管", "管理", "理"}},
		{"single kanji", "鍵", []string{"鍵"}},
		{"runs split by punctuation", "鍵、管理。", []string{"鍵", "管理", "理"}},
		{"stray space inside a word", "ホームゲート ウェイ", []string{"ホー", "ーム", "ムゲ", "ゲー", "ート", "トウ", "ウエ", "エイ", "イ", "ホム", "ムゲ", "ゲト", "トウ", "ウエ", "エイ"}},
		{"short katakana word keeps its marks only", "ルータの", []string{"ルー", "ータ", "タの", "の"}},
		{"hiragana stays hiragana", "するため", []string{"する", "るた", "ため", "め"}},
		{"newline ends a run", "設計\n製造", []string{"設計", "計", "製造", "造"}},
		{"latin and cjk", "LAN 内接続", []string{"lan", "内接", "接続", "続"}},
		{"latin glued to cjk", "IoT機器", []string{"iot", "機器", "器"}},
		{"requirement id", "SR3-H-5", []string{"sr3-h-5", "h-5", "sr3h5", "sr3", "sr", "3", "h", "5"}},
		{"cpsf code", "CPS.AC-3", []string{"cps.ac-3", "ac-3", "cpsac3", "cps", "ac", "3"}},
		{"sb-327 section", "1798.91.05", []string{"1798.91.05", "91.05", "1798", "91", "05"}},
		{"uk code", "UK5", []string{"uk5", "uk", "5"}},
		{"wi-fi", "Wi-Fi", []string{"wi-fi", "wifi", "wi", "fi"}},
		{"trailing dot not a connector", "1798.91.05.", []string{"1798.91.05", "91.05", "1798", "91", "05"}},
		{"double connector breaks", "a--b", []string{"a", "b"}},
		{"I/F", "接続 I/F 項目", []string{"接続", "続", "i/f", "if", "i", "f", "項目", "目"}},
		{"entry point mark", "EP⑤", []string{"ep5", "ep", "5"}},
		{"html is just text", "<b>x</b>", []string{"b", "x", "b"}},
		{"nothing", " 、。★", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := terms(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("terms(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSegmentsPositions(t *testing.T) {
	var f folded
	foldText("ab 鍵 管理 cd-ef", false, &f)
	segs := segments(f.r, nil, true)
	type seg struct {
		text       string
		cjk        bool
		start, end int
	}
	want := []seg{{"ab", false, 0, 2}, {"鍵管理", true, 3, 7}, {"cd-ef", false, 8, 13}}
	if len(segs) != len(want) {
		t.Fatalf("got %d segments, want %d", len(segs), len(want))
	}
	for i, w := range want {
		s := segs[i]
		if string(s.runes) != w.text || s.cjk != w.cjk || s.start != w.start || s.end != w.end {
			t.Errorf("segment %d = %q cjk=%v [%d,%d), want %+v", i, string(s.runes), s.cjk, s.start, s.end, w)
		}
	}
}

func TestIsTypoCandidate(t *testing.T) {
	for s, want := range map[string]bool{"ethernet": true, "uk5": false, "wi-fi": false, "鍵管": false, "5": false, "": false, "zigbee": true} {
		if got := isTypoCandidate(s); got != want {
			t.Errorf("isTypoCandidate(%q) = %v, want %v", s, got, want)
		}
	}
}
