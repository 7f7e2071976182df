package jsontext

import (
	"encoding/json"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// toAny turns a parsed value into what encoding/json decodes into an any
// (the last of duplicate keys wins, as there).
func toAny(v Value) any {
	switch v.Kind {
	case Bool:
		return v.Bool
	case Number:
		return v.Num
	case String:
		return v.Text
	case Array:
		out := make([]any, len(v.Elems))
		for i, e := range v.Elems {
			out[i] = toAny(e)
		}
		return out
	case Object:
		out := map[string]any{}
		for _, m := range v.Members {
			out[m.Key] = toAny(m.Value)
		}
		return out
	}
	return nil
}

// appendAny writes what toAny returns with the package's writers
// (AppendValue takes only a bridge answer's types).
func appendAny(b []byte, v any) []byte {
	switch v := v.(type) {
	case float64:
		return AppendFloat(b, v)
	case []any:
		b = append(b, '[')
		for i, e := range v {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendAny(b, e)
		}
		return append(b, ']')
	case map[string]any:
		b = append(b, '{')
		for i, k := range slices.Sorted(maps.Keys(v)) {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendAny(append(AppendString(b, k), ':'), v[k])
		}
		return append(b, '}')
	}
	return AppendValue(b, v)
}

func TestParseValues(t *testing.T) {
	for _, in := range []string{
		`null`, `true`, `false`, `0`, `-0`, `1.5e3`, `-12.25E-2`, `9007199254740993`,
		`""`, `"鍵管理"`, `"a\"b\\c\/d\b\f\n\r\t"`, `"\u00e9\u3042"`, `"\ud842\udfb7"`,
		`"\ud800"`, `"\udc00x"`, `"\ud800\u0041"`, "\"\xff\"",
		`[]`, `{}`, `[1,[2,[3]],{"a":{}}]`, ` { "a" : 1 , "b" : [ true , null ] } `,
		`{"a":1,"a":2}`, "\uFEFF[1]", "\r\n\t[1]\n",
	} {
		v, err := Parse(in)
		if err != nil {
			t.Errorf("Parse(%q): %v", in, err)
			continue
		}
		var want any
		if err := json.Unmarshal([]byte(strings.TrimPrefix(in, "\uFEFF")), &want); err != nil {
			t.Fatalf("encoding/json rejects %q: %v", in, err)
		}
		if got := toAny(v); !reflect.DeepEqual(got, want) {
			t.Errorf("Parse(%q) = %#v, want %#v", in, got, want)
		}
	}
}

func TestParseMembersInOrder(t *testing.T) {
	v, err := Parse(`{"b":1,"a":2,"b":3}`)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, m := range v.Members {
		keys = append(keys, m.Key)
	}
	if got := strings.Join(keys, ","); got != "b,a,b" {
		t.Errorf("members %s, want b,a,b", got)
	}
	if g := v.Get("b"); g == nil || g.Num != 3 {
		t.Errorf("Get(b) = %v, want the last, 3", g)
	}
	if v.Get("c") != nil {
		t.Error("Get(c) is not nil")
	}
	if n, _ := Parse(`12.50`); n.Text != "12.50" || n.Num != 12.5 {
		t.Errorf("number %q %v", n.Text, n.Num)
	}
}

func TestParseErrors(t *testing.T) {
	for _, tt := range []struct {
		in        string
		kind      SyntaxErrorKind
		line, col int
		ja        string
	}{
		{``, ErrEmpty, 1, 1, "1 行目 1 文字目: JSON の値がありません（空のファイルです）"},
		{"  \n ", ErrEmpty, 2, 2, "2 行目 2 文字目: JSON の値がありません（空のファイルです）"},
		{`{"version":1,"current":"a1","assessments":[{"id":"a1"`, ErrEnd, 1, 54, "1 行目 54 文字目: 途中で終わっています（閉じる「\"」「]」「}」が足りないようです）"},
		{`{"a": 1 "b": 2}`, ErrChar, 1, 9, "1 行目 9 文字目: 「,」か「}」が必要です"},
		{"[1,\n 2\n 3]", ErrChar, 3, 2, "3 行目 2 文字目: 「,」か「]」が必要です"},
		{`{"名前": x}`, ErrChar, 1, 8, "1 行目 8 文字目: 値（文字列・数値・true・false・null・配列・オブジェクト）が必要です"},
		{`{a: 1}`, ErrChar, 1, 2, "1 行目 2 文字目: 「\"」で始まるキーか「}」が必要です"},
		{`{"a": 1,}`, ErrChar, 1, 9, "1 行目 9 文字目: 「\"」で始まるキーが必要です"},
		{`{"a" 1}`, ErrChar, 1, 6, "1 行目 6 文字目: キーの後の「:」が必要です"},
		{`[1,]`, ErrChar, 1, 4, ""},
		{`[1 2]`, ErrChar, 1, 4, ""},
		{"\"a\nb\"", ErrControl, 1, 3, ""},
		{`"\x"`, ErrEscape, 1, 3, ""},
		{`"\u12G4"`, ErrEscape, 1, 6, ""},
		{`"\ud800\uZZZZ"`, ErrEscape, 1, 10, ""},
		{`"\u12`, ErrEnd, 1, 6, ""},
		{`"abc`, ErrEnd, 1, 5, ""},
		{`"\`, ErrEnd, 1, 3, ""},
		{`01`, ErrTrailing, 1, 2, ""},
		{`-`, ErrNumber, 1, 2, ""},
		{`1.`, ErrNumber, 1, 3, ""},
		{`1e+`, ErrNumber, 1, 4, ""},
		{`.5`, ErrChar, 1, 1, ""},
		{`1e400`, ErrNumber, 1, 1, ""},
		{`tru`, ErrChar, 1, 1, ""},
		{`NaN`, ErrChar, 1, 1, ""},
		{`[1] [2]`, ErrTrailing, 1, 5, "1 行目 5 文字目: JSON の値の後に余分な文字があります"},
		{`{"a":1}}`, ErrTrailing, 1, 8, ""},
		{strings.Repeat("[", MaxDepth+1) + strings.Repeat("]", MaxDepth+1), ErrDepth, 1, MaxDepth + 1, ""},
		{"\uFEFF", ErrEmpty, 1, 2, ""},
	} {
		_, err := Parse(tt.in)
		se, ok := err.(*SyntaxError)
		if !ok {
			t.Errorf("Parse(%q) error %v, want a *SyntaxError", tt.in, err)
			continue
		}
		if se.Kind != tt.kind || se.Line != tt.line || se.Column != tt.col {
			t.Errorf("Parse(%q): kind %d at %d:%d, want kind %d at %d:%d (%v)", tt.in, se.Kind, se.Line, se.Column, tt.kind, tt.line, tt.col, se)
		}
		if tt.ja != "" && se.Japanese() != tt.ja {
			t.Errorf("Parse(%q): %q, want %q", tt.in, se.Japanese(), tt.ja)
		}
		if !strings.HasPrefix(se.Error(), "JSON line ") {
			t.Errorf("Parse(%q): English message %q", tt.in, se.Error())
		}
	}
	// The maximum depth itself is fine.
	deep := strings.Repeat("[", MaxDepth) + strings.Repeat("]", MaxDepth)
	if _, err := Parse(deep); err != nil {
		t.Errorf("depth %d: %v", MaxDepth, err)
	}
}

func TestKindNames(t *testing.T) {
	for k, want := range map[Kind][2]string{Null: {"null", "null"}, Bool: {"boolean", "真偽値"}, Number: {"number", "数値"},
		String: {"string", "文字列"}, Array: {"array", "配列"}, Object: {"object", "オブジェクト"}} {
		if k.String() != want[0] || k.Japanese() != want[1] {
			t.Errorf("%d: %s %s, want %v", k, k, k.Japanese(), want)
		}
	}
}

// FuzzParse holds Parse to encoding/json: the same texts are JSON (apart
// from numbers beyond float64, which both reject), the same values come
// out, and writing a value with AppendValue reads back equal.
func FuzzParse(f *testing.F) {
	for _, s := range []string{`{"format":"shguide-worksheets","version":2,"sheets":[{"id":"w1","rows":[]}]}`,
		`[1,"a",null,true,{"b":[]}]`, `"\ud83d\ude00"`, `{"a":1,"a":"x"}`, `-0.5e-3`, `[`, `{"a"`, "\"\x01\""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := Parse(s)
		var want any
		jerr := json.Unmarshal([]byte(strings.TrimPrefix(s, "\uFEFF")), &want)
		if (err == nil) != (jerr == nil) {
			t.Fatalf("Parse(%q) error %v; encoding/json %v", s, err, jerr)
		}
		if err != nil {
			se := err.(*SyntaxError)
			if se.Offset < 0 || se.Offset > len(s) || se.Line < 1 || se.Column < 1 {
				t.Fatalf("Parse(%q): bad position %+v", s, se)
			}
			return
		}
		got := toAny(v)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("Parse(%q) = %#v, encoding/json %#v", s, got, want)
		}
		b := appendAny(nil, got)
		if !utf8.Valid(b) {
			t.Fatalf("AppendValue wrote invalid UTF-8 for %q", s)
		}
		back, err := Parse(string(b))
		if err != nil || !reflect.DeepEqual(toAny(back), got) {
			t.Fatalf("round trip of %q through %s: %v", s, b, err)
		}
	})
}
