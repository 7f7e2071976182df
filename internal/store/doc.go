// Package store is the design the browser tools (the risk worksheet and
// the certification checklist) share for what they keep in localStorage.
//
// A saved document is one JSON object that names its format and version:
//
//	{"format": "shguide-worksheets", "version": 2, …}
//
// Open reads the envelope, and the tool's decoder then reads the rest type
// by type with a Decoder: every member is checked, and a wrong type or
// value is a Problem whose message names its place in Japanese ("sheets 1
// 件目の rows 4 件目の vector: …"). A text that is not JSON, belongs to
// another format, was written by a newer version of the site or has
// problems is Unreadable: the page keeps the saved text as it is, says so,
// and writes over it only after the user has kept a copy. Documents of an
// older version are migrated forward when read.
//
// Several tabs edit the same document. Every field of a record carries the
// Stamp of its last write; merging two copies keeps, field by field, the
// later write (the last writer wins only for the same field), matches
// records by id and keeps a deleted record as a tombstone, so that a
// deletion wins over older edits and can be undone. Merging is
// commutative, associative and idempotent and the encoding is canonical,
// so tabs that exchange their documents converge whatever the order, and
// a tab writes back only what the other did not have.
//
// Both tools keep named collections (worksheets, assessments) whose new
// items get a UniqueName, and offer to undo deletions through Undos.
//
// Like the rest of the WebAssembly module, the package uses neither fmt
// nor encoding/json nor reflect.
package store
