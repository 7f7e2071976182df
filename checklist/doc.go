// Package checklist is the logic of the certification self-check (認証
// セルフチェック): which requirements apply to a service of a level with
// given components, the statuses and notes a user records for them in
// several named assessments, the progress, and the files they export and
// import (JSON to move an assessment, CSV for spreadsheets).
//
// The generator (package site) computes the Catalogue from the guideline's
// data and writes it into the page; the browser's WebAssembly module reads
// it back and runs a Session per tab, whose assessments are saved in
// localStorage with package store's design: versioned, read type by type,
// never overwritten when unreadable, and merged per item and per field
// across tabs. The page's script only renders what the session answers.
//
// Like the rest of the WebAssembly module, the package uses neither fmt
// nor encoding/json nor reflect.
package checklist
