// Package worksheet is the logic of the browser risk register (リスク評価
// ワークシート) and of the calculator bridge: rows of (name, vector, note)
// imported from CSV, pasted text or already-parsed JSON, validated with
// every problem named by line, scored with package calculator, and exported
// as CSV or JSON with all scores.
//
// It is plain Go, tested natively, and compiled into the WebAssembly module
// by the bridge (wasm/calc_js.go). To keep that module small the package
// uses neither fmt, encoding/json, encoding/csv (which needs fmt) nor
// reflect: results are written as JSON text with internal/jsontext (the
// browser's JSON.parse turns them into objects in one call), and CSV is
// read by a small RFC 4180 reader that behaves like encoding/csv (a
// differential fuzz test holds it to that) but reports every bad record and
// carries on.
package worksheet
