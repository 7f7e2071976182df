package main

import (
	"shguide/calculator"
	"shguide/internal/jsontext"
)

// Every bridge function answers in one shape, {"ok":true,"value":…} or
// {"ok":false,"error":ERROR}, written as JSON text by appendAnswer: the
// glue (bridge_js.go) turns it into a JavaScript object with one
// JSON.parse call. Values are what jsontext.AppendValue takes (nil, bool,
// int, string, or a type that writes itself); the functions that compute
// them are plain Go, tested natively.

// Error is the error object of an answer:
//
//	{"kind": "invalid-value", "message": Japanese, shown to users,
//	 "messageEn": English, for developers and logs,
//	 "metric", "value", "column": where a vector went wrong (vector errors only)}
//
// kind is a stable machine-readable name: a calculator.ErrorKind's
// ("prefix", "invalid-value", "missing", …) for a vector, else one of the
// Kind constants below.
type Error struct {
	Kind      string
	Message   string
	MessageEn string

	Metric, Value string
	Column        int // 1-based character in the vector; 0 when not a vector error
}

// Kinds of errors other than a vector's.
const (
	KindArgument  = "argument"   // a bridge function was called with a wrong argument
	KindInternal  = "internal"   // a bug: a panic caught at the bridge
	KindNotLoaded = "not-loaded" // search before the index was loaded
	KindIndex     = "index"      // the search index could not be decoded
)

var _ error = (*Error)(nil)

func (e *Error) Error() string { return e.MessageEn }

// AppendJSON appends the error object.
func (e *Error) AppendJSON(b []byte) []byte {
	b = append(b, '{')
	b = jsontext.AppendStringField(b, "kind", e.Kind)
	b = jsontext.AppendStringField(b, "message", e.Message)
	b = jsontext.AppendStringField(b, "messageEn", e.MessageEn)
	if e.Column > 0 {
		b = jsontext.AppendStringField(b, "metric", e.Metric)
		b = jsontext.AppendStringField(b, "value", e.Value)
		b = jsontext.AppendIntField(b, "column", e.Column)
	}
	return append(b, '}')
}

// errorOf turns any error into the bridge's error object.
func errorOf(err error) *Error {
	switch e := err.(type) {
	case *Error:
		return e
	case *calculator.ParseError:
		return &Error{Kind: e.Kind.String(), Message: e.Japanese(), MessageEn: e.Error(), Metric: e.Metric, Value: e.Value, Column: e.Column()}
	}
	return &Error{Kind: KindInternal, Message: msgInternal, MessageEn: err.Error()}
}

const msgInternal = "検索・計算エンジンで内部エラーが起きました。ページを再読み込みしてください。"

// argumentError reports a bridge function called with a wrong argument:
// a mistake of the page's script, not of the user.
// It is not inlined: copies at its many callers would weigh more in the
// WebAssembly module than the calls.
//
//go:noinline
func argumentError(name, want string) *Error {
	return &Error{
		Kind:      KindArgument,
		Message:   "検索・計算エンジンの呼び出しが正しくありません（引数 " + name + "）。ページを再読み込みしてください。",
		MessageEn: "argument " + name + ": want " + want,
	}
}

// panicError reports a panic caught at the bridge.
func panicError(r any) *Error {
	msg := "panic"
	switch v := r.(type) {
	case error:
		msg = v.Error()
	case string:
		msg = v
	}
	return &Error{Kind: KindInternal, Message: msgInternal, MessageEn: "internal error: " + msg}
}

// answer is the outcome of one call; it writes itself as the answer object,
// so that a list of answers (scoreMany) is a value like any other.
type answer struct {
	value any
	err   error
}

func (a answer) AppendJSON(b []byte) []byte { return appendAnswer(b, a.value, a.err) }

// answers is a list of answers, written as a JSON array.
type answers []answer

func (as answers) AppendJSON(b []byte) []byte {
	b = append(b, '[')
	for i, a := range as {
		if i > 0 {
			b = append(b, ',')
		}
		b = a.AppendJSON(b)
	}
	return append(b, ']')
}

// appendAnswer appends {"ok":true,"value":v} or {"ok":false,"error":…}.
func appendAnswer(b []byte, v any, err error) []byte {
	if err != nil {
		b = append(b, `{"ok":false,"error":`...)
		b = errorOf(err).AppendJSON(b)
		return append(b, '}')
	}
	b = append(b, `{"ok":true,"value":`...)
	b = jsontext.AppendValue(b, v)
	return append(b, '}')
}
