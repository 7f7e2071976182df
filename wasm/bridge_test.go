package main

import (
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"shguide/calculator"
	"shguide/internal/jsontext"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// golden compares got with testdata/name, rewriting it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	p := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(got) != string(want) {
		t.Errorf("%s differs from the output (go test -update rewrites it):\n got %s\nwant %s", p, got, want)
	}
}

func TestAppendAnswer(t *testing.T) {
	_, perr := calculator.Parse("CVSS:3.0/AV:Q/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H")
	for _, tt := range []struct {
		name string
		v    any
		err  error
		want string
	}{
		{"value", "鍵", nil, `{"ok":true,"value":"鍵"}`},
		{"nil value", nil, nil, `{"ok":true,"value":null}`},
		{"raw", jsontext.Raw(`[1]`), nil, `{"ok":true,"value":[1]}`},
		{"vector", nil, perr, `{"ok":false,"error":{"kind":"invalid-value","message":"13 文字目: AV の値「Q」は無効です（有効な値: N, A, L, P）","messageEn":"at column 13: invalid value \"Q\" for AV (valid: N, A, L, P)","metric":"AV","value":"Q","column":13}}`},
		{"argument", nil, argumentError("q", "a string"), `{"ok":false,"error":{"kind":"argument","message":"検索・計算エンジンの呼び出しが正しくありません（引数 q）。ページを再読み込みしてください。","messageEn":"argument q: want a string"}}`},
		{"other error", nil, errors.New("disk on fire"), `{"ok":false,"error":{"kind":"internal","message":"` + msgInternal + `","messageEn":"disk on fire"}}`},
		{"panic", nil, panicError("boom"), `{"ok":false,"error":{"kind":"internal","message":"` + msgInternal + `","messageEn":"internal error: boom"}}`},
		{"answers", answers{{value: true}, {err: errNotLoaded}}, nil, `{"ok":true,"value":[{"ok":true,"value":true},{"ok":false,"error":{"kind":"not-loaded","message":"検索インデックスがまだ読み込まれていません。","messageEn":"search index not loaded"}}]}`},
	} {
		got := string(appendAnswer(nil, tt.v, tt.err))
		if got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, got, tt.want)
		}
		if !json.Valid([]byte(got)) {
			t.Errorf("%s: invalid JSON", tt.name)
		}
	}
	if e := panicError(errors.New("x")); e.MessageEn != "internal error: x" || e.Error() != e.MessageEn {
		t.Errorf("panicError(error) = %+v", e)
	}
	if e := panicError(42); e.MessageEn != "internal error: panic" {
		t.Errorf("panicError(42) = %+v", e)
	}
	var e *Error
	if !errors.As(errorOf(perr), &e) || !reflect.DeepEqual(errorOf(e), e) {
		t.Errorf("errorOf(*Error) is not itself")
	}
}
