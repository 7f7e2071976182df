package site

import (
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

// chromaJSON is what chroma's own lexer makes of s, coalesced.
func chromaJSON(t testing.TB, s string) []chroma.Token {
	it, err := chroma.Coalesce(lexers.Get("json")).Tokenise(nil, s)
	if err != nil {
		t.Fatal(err)
	}
	return it.Tokens()
}

// jsonTokens reads what encoding/json writes as chroma's JSON lexer does.
func TestJSONTokens(t *testing.T) {
	values := []any{
		map[string]any{"id": "SR3-H-5", "level": 3, "score": 8.1, "small": 1e-7, "big": 1e21, "neg": -2, "zero": 0, "ok": true, "no": false, "none": nil},
		[]any{"a\"b", `c\d`, "e\\\"f", "改行\n、タブ\t", "<&>", "\u2028", []any{}, map[string]any{}, []any{[]any{1, 2}, map[string]any{"x": []any{}}}},
		strings.Repeat("長い文字列", 2000), // a token over 8 KB
		map[string]any{"k": strings.Repeat("x", 9000), "l": strings.Repeat("y", 100)},
		math.MaxInt64, -0.5, "",
	}
	rs := loadRealSite(t)
	s := &Site{M: rs.m, Opt: Options{Base: "/"}}
	values = append(values, s.openRequirements(), s.openThreats(), s.openLifecycles(), s.openGlossary(), s.openErrata())
	for i, v := range values {
		for _, indent := range []bool{true, false} {
			src := string(marshalJSON(v, indent))
			got, ok := jsonTokens(src)
			if !ok {
				t.Errorf("value %d (indent %v): jsonTokens gave up", i, indent)
				continue
			}
			if want := chromaJSON(t, src); !reflect.DeepEqual(got, want) {
				t.Errorf("value %d (indent %v): tokens differ from chroma's:\n got %v\nwant %v", i, indent, clip(got), clip(want))
			}
		}
	}
}

func clip(tokens []chroma.Token) []chroma.Token {
	return tokens[:min(len(tokens), 20)]
}

// On what encoding/json does not write, jsonTokens gives up or agrees with
// chroma.
func TestJSONTokensOther(t *testing.T) {
	for _, src := range []string{
		"// comment\n{}", "{\t}", "{\"a\": 1}x", "{1: 2}", "[1,]x", "\"open", "nul", "truex", "01x", "1.e5", "{\"a\":\r\n1}", "}", "[\u00a0]", "[1١]",
	} {
		if tokens, ok := jsonTokens(src); ok && !reflect.DeepEqual(tokens, chromaJSON(t, src)) {
			t.Errorf("%q: read, differently from chroma", src)
		}
	}
}

// FuzzJSONTokens: whatever jsonTokens reads, it reads as chroma does.
func FuzzJSONTokens(f *testing.F) {
	for _, s := range []string{"{\n  \"a\": [\n    1.5e-3,\n    \"x\\\"y\"\n  ],\n  \"b\": {}\n}\n", "[true, false, null, -0, 12]", `"\\\\"`, "{\"k\": \"v\"}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		tokens, ok := jsonTokens(src)
		if !ok {
			return
		}
		if want := chromaJSON(t, src); !reflect.DeepEqual(tokens, want) {
			t.Fatalf("%q: tokens differ from chroma's:\n got %v\nwant %v", src, tokens, want)
		}
	})
}
