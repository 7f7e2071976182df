package jsontext

import (
	"encoding/json"
	"math"
	"testing"
	"unicode/utf8"
)

func TestAppendString(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"", `""`},
		{"鍵管理", `"鍵管理"`},
		{"a\"b\\c", `"a\"b\\c"`},
		{"\n\r\t\x00\x1f\x7f", `"\n\r\t\u0000\u001f` + "\x7f" + `"`},
		{"\u2028\u2029", `"\u2028\u2029"`},
		{"\xff<\xfe", `"\ufffd<\ufffd"`},
		{"𠮷\uFEFF", "\"𠮷\uFEFF\""},
		{"</script>", `"</script>"`},
	} {
		got := string(AppendString(nil, tt.in))
		if got != tt.want {
			t.Errorf("AppendString(%q) = %s, want %s", tt.in, got, tt.want)
		}
		var back string
		if err := json.Unmarshal([]byte(got), &back); err != nil {
			t.Errorf("%s: %v", got, err)
		} else if utf8.ValidString(tt.in) && back != tt.in {
			t.Errorf("%s reads back as %q", got, back)
		}
	}
}

func TestMembers(t *testing.T) {
	b := []byte{'{'}
	b = AppendStringField(b, "s", "x")
	b = AppendIntField(b, "n", -3)
	b = AppendBoolField(b, "ok", true)
	x, y := 0.1, 0.2
	b = AppendFloat(AppendKey(b, "f"), x+y)
	b = AppendFloat(AppendKey(b, "nan"), math.NaN())
	b = AppendKey(b, "list")
	b = append(b, '[', '{')
	b = AppendIntField(b, "first", 1) // no comma after '{'
	b = append(b, "}]}"...)
	if got, want := string(b), `{"s":"x","n":-3,"ok":true,"f":0.30000000000000004,"nan":null,"list":[{"first":1}]}`; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestAppendValue(t *testing.T) {
	for _, tt := range []struct {
		v    any
		want string
	}{
		{nil, "null"}, {true, "true"}, {-7, "-7"}, {"𠮷\n", `"𠮷\n"`}, {Raw(`{"k":[1]}`), `{"k":[1]}`},
	} {
		if got := string(AppendValue(nil, tt.v)); got != tt.want {
			t.Errorf("AppendValue(%#v) = %s, want %s", tt.v, got, tt.want)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("a map did not panic")
		}
	}()
	AppendValue(nil, map[string]any{})
}

// FuzzAppendString checks that every string becomes valid JSON that
// decodes as encoding/json would have encoded it.
func FuzzAppendString(f *testing.F) {
	f.Add("a\"\\\n\x00\xff\u2028é𠮷")
	f.Fuzz(func(t *testing.T, s string) {
		b := AppendString(nil, s)
		var got string
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatalf("%q → %s: %v", s, b, err)
		}
		std, _ := json.Marshal(s)
		var want string
		json.Unmarshal(std, &want)
		if got != want || !utf8.ValidString(got) {
			t.Fatalf("%q → %q, encoding/json → %q", s, got, want)
		}
	})
}
