//go:build js && wasm

package main

import (
	"strings"
	"syscall/js"
	"testing"

	"shguide/internal/jsontext"
)

// await waits for a Promise; the Go runtime returns to the JavaScript event
// loop while the test goroutine blocks.
func await(p js.Value) js.Value {
	ch := make(chan js.Value, 1)
	then := js.FuncOf(func(this js.Value, args []js.Value) any {
		ch <- args[0]
		return nil
	})
	defer then.Release()
	p.Call("then", then)
	return <-ch
}

func uint8Array(b []byte) js.Value {
	a := js.Global().Get("Uint8Array").New(len(b))
	js.CopyBytesToJS(a, b)
	return a
}

// jsSlice is String.prototype.slice on a JavaScript string with a
// [start, end] pair.
func jsSlice(s, h js.Value) string {
	return js.Global().Get("String").Get("prototype").Get("slice").Call("call", s, h.Index(0), h.Index(1)).String()
}

func stringify(v js.Value) string { return js.Global().Get("JSON").Call("stringify", v).String() }

// wantError checks an {ok: false, error: {kind, message, messageEn}}
// answer whose English message contains contains.
func wantError(t *testing.T, what string, res js.Value, kind, contains string) {
	t.Helper()
	e := res.Get("error")
	if res.Get("ok").Bool() || e.Type() != js.TypeObject || e.Get("kind").String() != kind ||
		!strings.Contains(e.Get("messageEn").String(), contains) || e.Get("message").String() == "" {
		t.Errorf("%s = %s, want error kind %s containing %q", what, stringify(res), kind, contains)
	}
}

func TestBridgeSearch(t *testing.T) {
	ns := install()
	if !js.Global().Get("shguide").Equal(ns) {
		t.Fatal("globalThis.shguide is not the namespace")
	}
	s := ns.Get("search")
	if s.Call("loaded").Get("value").Bool() {
		t.Fatal("loaded before load")
	}
	wantError(t, "query before load", s.Call("query", "鍵"), "not-loaded", "not loaded")
	wantError(t, "load(string)", await(s.Call("load", "abc")), "argument", "argument bytes: want a Uint8Array")
	wantError(t, "load(garbage)", await(s.Call("load", uint8Array([]byte("garbage")))), "index", "bad magic")

	b := testIndex(t)
	res := await(s.Call("load", uint8Array(b)))
	if !res.Get("ok").Bool() || res.Get("value").Get("docs").Int() != 2 {
		t.Fatalf("load = %s", stringify(res))
	}
	// An ArrayBuffer works too.
	if res := await(s.Call("load", uint8Array(b).Get("buffer"))); !res.Get("ok").Bool() {
		t.Fatalf("load(ArrayBuffer) failed: %s", stringify(res))
	}
	if !s.Call("loaded").Get("value").Bool() {
		t.Error("not loaded after load")
	}

	wantError(t, "query(5)", s.Call("query", 5), "argument", "argument q: want a string")
	wantError(t, "query(q, 'x')", s.Call("query", "鍵", "x"), "argument", "argument limit: want a number")
	wantError(t, "query(q, 5, 7)", s.Call("query", "鍵", 5, 7), "argument", "argument facet: want a string")

	// A facet narrows the results and keeps the counts of all.
	res = s.Call("query", "鍵管理", 5, "threat")
	if v := res.Get("value"); !res.Get("ok").Bool() || v.Get("total").Int() != 0 || v.Get("all").Int() != 1 ||
		v.Get("facet").String() != "threat" || v.Get("facets").Index(0).Get("count").Int() != 1 {
		t.Errorf("query with a facet = %s", stringify(res))
	}
	// A lone surrogate, typed or pasted, is text like any other.
	lone := js.Global().Get("String").Call("fromCharCode", 0xD800, 0x9375, 0xDC00) // \uD800鍵\uDC00
	if res := s.Call("query", lone); !res.Get("ok").Bool() || res.Get("value").Get("total").Int() != 1 {
		t.Errorf("query with lone surrogates = %s", stringify(res))
	}

	res = s.Call("query", "かぎかんり 鍵管理", 5)
	if !res.Get("ok").Bool() {
		t.Fatalf("query failed: %s", stringify(res))
	}
	res = s.Call("query", "鍵管理", 5)
	v := res.Get("value")
	if v.Get("total").Int() != 1 || v.Get("empty").Bool() {
		t.Fatalf("query = %s", stringify(res))
	}
	r := v.Get("results").Index(0)
	if r.Get("label").String() != "SR3-H-7" || r.Get("kindLabel").String() != "要件・要求事項" || r.Get("url").String() != "requirements/sr3-h-7/" {
		t.Errorf("result = %s", stringify(r))
	}
	// Highlight offsets index JavaScript strings.
	h := r.Get("highlights").Index(0)
	if got := jsSlice(r.Get("excerpt"), h); got != "鍵管理" {
		t.Errorf("excerpt highlight = %q", got)
	}
	// Beyond the BMP: 𠮷 takes two UTF-16 units before Bluetooth.
	r = s.Call("query", "bluetooth").Get("value").Get("results").Index(0)
	h = r.Get("highlights").Index(0)
	if got := jsSlice(r.Get("excerpt"), h); got != "Bluetooth" {
		t.Errorf("excerpt %q highlight = %q", r.Get("excerpt").String(), got)
	}
	// A query made of HTML is returned as text.
	v = s.Call("query", "<img src=x onerror=alert(1)>").Get("value")
	if v.Get("query").String() != "<img src=x onerror=alert(1)>" || v.Get("total").Int() != 0 {
		t.Errorf("html query = %s", stringify(v))
	}
	v = s.Call("query", " \u3000").Get("value")
	if !v.Get("empty").Bool() {
		t.Error("blank query not empty")
	}
}

func TestBridgePanic(t *testing.T) {
	res := call(func([]js.Value) (any, error) { panic("boom") }, nil)
	wantError(t, "panicking function", res, "internal", "internal error: boom")
	res = await(async(func() (any, error) { panic("late boom") }).v)
	wantError(t, "panicking async function", res, "internal", "internal error: late boom")
}

// TestBridgeValues checks that Go values arrive as JavaScript values of
// the right types, through the one JSON.parse of call.
func TestBridgeValues(t *testing.T) {
	for _, tt := range []struct {
		v    any
		want string
	}{
		{3, "3"}, {true, "true"}, {nil, "null"},
		{jsontext.Raw(`{"l":[1,"x",0.5]}`), `{"l":[1,"x",0.5]}`},
	} {
		res := call(func([]js.Value) (any, error) { return tt.v, nil }, nil)
		if got := stringify(res.Get("value")); !res.Get("ok").Bool() || got != tt.want {
			t.Errorf("value %#v arrived as %s", tt.v, got)
		}
	}
	s := call(func([]js.Value) (any, error) { return "a\u2028𠮷\uFEFF", nil }, nil).Get("value")
	if s.String() != "a\u2028𠮷\uFEFF" || js.Global().Get("String").New(s).Get("length").Int() != 5 {
		t.Errorf("string %q of %d UTF-16 units, want 5", s.String(), js.Global().Get("String").New(s).Get("length").Int())
	}
}
