//go:build js && wasm && tools

package main

import (
	"math/rand/v2"
	"strconv"
	"syscall/js"

	"shguide/calculator/worksheet"
	"shguide/checklist"
	"shguide/internal/store"
)

// The browser tools (the worksheet and the checklist) are built into their
// own module, shguide-tools.wasm (go build -tags tools), which the pages
// of the tools load: the engine the other pages load stays as small as it
// was without them.
func init() { modules = append(modules, registerWorksheet, registerChecklist) }

// clock reads the browser's time and time zone.
func clock() *store.Clock {
	date := js.Global().Get("Date")
	return store.NewClock(
		func() int64 { return int64(date.Call("now").Float()) },
		func() int { return -date.New().Call("getTimezoneOffset").Int() })
}

// The browser tools keep one session per page (one page per worker); the
// page reads and writes localStorage, which a worker cannot reach, and
// hands the texts to the session. Every function returns an answer object
// (bridge.go) whose value is the session's answer: a Change
// ({status, unreadable, headline, salvage, view, row, focus, save,
// message, error, undo, problems}; calculator/worksheet and checklist
// document the members), an Import or an Export.

var sheets *worksheet.Session

// sheetSession returns the worksheet's session, started on first use. It
// is not inlined: each of the functions calling it would carry a copy.
//
//go:noinline
func sheetSession() *worksheet.Session {
	if sheets == nil {
		sheets = worksheet.NewSession(clock(), rand.Uint64)
	}
	return sheets
}

// registerWorksheet sets globalThis.shguide.worksheet:
//
//	open(stored: string|null, legacy: string|null) → Change   (starts the session)
//	merge(text: string) → Change         another tab's saved text (storage event)
//	reset(keep: boolean) → Change        after the user kept an unreadable text
//	view() → View
//	set(row, field: "name"|"vector"|"note", value) → Change
//	addRow(), duplicateRow(row), deleteRow(row), clearRows(), undo(token) → Change
//	newSheet(), duplicateSheet(), renameSheet(name), deleteSheet(), selectSheet(id) → Change
//	sort(key), unsort() → Change         a view of this tab: nothing is saved
//	importFile(name, text), importPaste(text), importTemplate(fileText, id) → Import
//	accept(replace: boolean), cancelImport() → Change
//	export(kind: "csv"|"json") → {text, file, rows}
func registerWorksheet(ns js.Value) {
	s := sheetSession
	str := func(args []js.Value, i int, name string) (string, error) { return argString(args, i, name) }
	register(ns, "worksheet", map[string]fn{
		"open": func(a []js.Value) (any, error) {
			stored, hasStored, err := argOptString(a, 0, "stored")
			if err != nil {
				return nil, err
			}
			legacy, hasLegacy, err := argOptString(a, 1, "legacy")
			if err != nil {
				return nil, err
			}
			sheets = nil // a page opens once; a new open starts afresh
			return s().Open(stored, hasStored, legacy, hasLegacy), nil
		},
		"merge": func(a []js.Value) (any, error) {
			text, err := str(a, 0, "text")
			if err != nil {
				return nil, err
			}
			return s().Merge(text), nil
		},
		"reset": func(a []js.Value) (any, error) {
			keep, err := argBool(a, 0, "keep")
			if err != nil {
				return nil, err
			}
			return s().Reset(keep), nil
		},
		"view": func([]js.Value) (any, error) { return s().View(), nil },
		"set": func(a []js.Value) (any, error) {
			row, err := str(a, 0, "row")
			if err != nil {
				return nil, err
			}
			field, err := str(a, 1, "field")
			if err != nil {
				return nil, err
			}
			value, err := str(a, 2, "value")
			if err != nil {
				return nil, err
			}
			return s().SetField(row, field, value), nil
		},
		"addRow":       func([]js.Value) (any, error) { return s().AddRow(), nil },
		"duplicateRow": withString("row", func(id string) any { return s().DuplicateRow(id) }),
		"deleteRow":    withString("row", func(id string) any { return s().DeleteRow(id) }),
		"clearRows":    func([]js.Value) (any, error) { return s().ClearRows(), nil },
		"undo": func(a []js.Value) (any, error) {
			token, err := argInt(a, 0, "token", 0)
			if err != nil {
				return nil, err
			}
			return s().Undo(token), nil
		},
		"newSheet":       func([]js.Value) (any, error) { return s().NewSheet(), nil },
		"duplicateSheet": func([]js.Value) (any, error) { return s().DuplicateSheet(), nil },
		"renameSheet":    withString("name", func(n string) any { return s().RenameSheet(n) }),
		"deleteSheet":    func([]js.Value) (any, error) { return s().DeleteSheet(), nil },
		"selectSheet":    withString("id", func(id string) any { return s().SelectSheet(id) }),
		"sort":           withString("key", func(k string) any { return s().Sort(k) }),
		"unsort":         func([]js.Value) (any, error) { return s().Unsort(), nil },
		"importFile": func(a []js.Value) (any, error) {
			name, err := str(a, 0, "name")
			if err != nil {
				return nil, err
			}
			text, err := str(a, 1, "text")
			if err != nil {
				return nil, err
			}
			return s().ImportFile(name, text), nil
		},
		"importPaste": withString("text", func(t string) any { return s().ImportPasted(t) }),
		"importTemplate": func(a []js.Value) (any, error) {
			text, err := str(a, 0, "fileText")
			if err != nil {
				return nil, err
			}
			id, err := str(a, 1, "id")
			if err != nil {
				return nil, err
			}
			return s().ImportTemplate(text, id), nil
		},
		"accept": func(a []js.Value) (any, error) {
			replace, err := argBool(a, 0, "replace")
			if err != nil {
				return nil, err
			}
			return s().Accept(replace), nil
		},
		"cancelImport": func([]js.Value) (any, error) { return s().CancelImport(), nil },
		"export": func(a []js.Value) (any, error) {
			kind, err := str(a, 0, "kind")
			if err != nil {
				return nil, err
			}
			ex, msg := s().Export(kind)
			if msg != "" {
				return &worksheet.Change{Error: msg}, nil
			}
			return ex, nil
		},
	})
}

var checks *checklist.Session

// registerChecklist sets globalThis.shguide.checklist:
//
//	open(catalogue: string, stored: string|null, legacy: string|null) → Change
//	merge(text), reset(keep), view()
//	setText(field: "name"|"service"|"date", value), setLevel(n), setTargets(codes: string[]),
//	setItem(id, field: "status"|"note", value) → Change
//	new(), duplicate(), delete(), select(id), undo(token) → Change
//	importJSON(fileName, text) → Change (error and problems when rejected)
//	exportJSON(), exportCSV() → {text, file}
func registerChecklist(ns js.Value) {
	call := onChecklist
	register(ns, "checklist", map[string]fn{
		"open": func(a []js.Value) (any, error) {
			text, err := argString(a, 0, "catalogue")
			if err != nil {
				return nil, err
			}
			cat, err := checklist.DecodeCatalogue(text)
			if err != nil {
				return nil, &Error{Kind: KindArgument, Message: msgInternal, MessageEn: err.Error()}
			}
			stored, hasStored, err := argOptString(a, 1, "stored")
			if err != nil {
				return nil, err
			}
			legacy, hasLegacy, err := argOptString(a, 2, "legacy")
			if err != nil {
				return nil, err
			}
			checks = checklist.NewSession(cat, clock(), rand.Uint64)
			return checks.Open(stored, hasStored, legacy, hasLegacy), nil
		},
		"merge": call(func(s *checklist.Session, a []js.Value) (any, error) {
			text, err := argString(a, 0, "text")
			if err != nil {
				return nil, err
			}
			return s.Merge(text), nil
		}),
		"reset": call(func(s *checklist.Session, a []js.Value) (any, error) {
			keep, err := argBool(a, 0, "keep")
			if err != nil {
				return nil, err
			}
			return s.Reset(keep), nil
		}),
		"view": call(func(s *checklist.Session, _ []js.Value) (any, error) { return s.View(), nil }),
		"setText": call(func(s *checklist.Session, a []js.Value) (any, error) {
			field, err := argString(a, 0, "field")
			if err != nil {
				return nil, err
			}
			value, err := argString(a, 1, "value")
			if err != nil {
				return nil, err
			}
			return s.SetText(field, value), nil
		}),
		"setLevel": call(func(s *checklist.Session, a []js.Value) (any, error) {
			n, err := argInt(a, 0, "level", 0)
			if err != nil {
				return nil, err
			}
			return s.SetLevel(n), nil
		}),
		"setTargets": call(func(s *checklist.Session, a []js.Value) (any, error) {
			codes, err := argStrings(a, 0, "codes")
			if err != nil {
				return nil, err
			}
			return s.SetTargets(codes), nil
		}),
		"setItem": call(func(s *checklist.Session, a []js.Value) (any, error) {
			id, err := argString(a, 0, "id")
			if err != nil {
				return nil, err
			}
			field, err := argString(a, 1, "field")
			if err != nil {
				return nil, err
			}
			value, err := argString(a, 2, "value")
			if err != nil {
				return nil, err
			}
			return s.SetItem(id, field, value), nil
		}),
		"new":       call(func(s *checklist.Session, _ []js.Value) (any, error) { return s.New(), nil }),
		"duplicate": call(func(s *checklist.Session, _ []js.Value) (any, error) { return s.Duplicate(), nil }),
		"delete":    call(func(s *checklist.Session, _ []js.Value) (any, error) { return s.Delete(), nil }),
		"select": call(func(s *checklist.Session, a []js.Value) (any, error) {
			id, err := argString(a, 0, "id")
			if err != nil {
				return nil, err
			}
			return s.Select(id), nil
		}),
		"undo": call(func(s *checklist.Session, a []js.Value) (any, error) {
			token, err := argInt(a, 0, "token", 0)
			if err != nil {
				return nil, err
			}
			return s.Undo(token), nil
		}),
		"importJSON": call(func(s *checklist.Session, a []js.Value) (any, error) {
			name, err := argString(a, 0, "fileName")
			if err != nil {
				return nil, err
			}
			text, err := argString(a, 1, "text")
			if err != nil {
				return nil, err
			}
			return s.ImportJSON(name, text), nil
		}),
		"exportJSON": call(func(s *checklist.Session, _ []js.Value) (any, error) { return export(s.ExportJSON()) }),
		"exportCSV":  call(func(s *checklist.Session, _ []js.Value) (any, error) { return export(s.ExportCSV()) }),
	})
}

// onChecklist is a function of the open checklist session. It is not
// inlined, so that its closure is one function for all its uses.
//
//go:noinline
func onChecklist(f func(s *checklist.Session, a []js.Value) (any, error)) fn {
	return func(a []js.Value) (any, error) {
		if checks == nil {
			return nil, argumentError("catalogue", "checklist.open first")
		}
		return f(checks, a)
	}
}

func export(ex checklist.Export, msg string) (any, error) {
	if msg != "" {
		return &checklist.Change{Error: msg}, nil
	}
	return ex, nil
}

// withString is a function of one string argument. It is not inlined,
// so that its closure is one function for all its uses.
//
//go:noinline
func withString(name string, f func(string) any) fn {
	return func(a []js.Value) (any, error) {
		s, err := argString(a, 0, name)
		if err != nil {
			return nil, err
		}
		return f(s), nil
	}
}

// argOptString returns args[i] as a string, with ok false when it is
// null or undefined (localStorage.getItem of an absent key).
func argOptString(args []js.Value, i int, name string) (string, bool, error) {
	if i >= len(args) || args[i].IsNull() || args[i].IsUndefined() {
		return "", false, nil
	}
	s, err := argString(args, i, name)
	return s, err == nil, err
}

// argBool returns args[i] as a bool.
func argBool(args []js.Value, i int, name string) (bool, error) {
	if i >= len(args) || args[i].Type() != js.TypeBoolean {
		return false, argumentError(name, "a boolean")
	}
	return args[i].Bool(), nil
}

// argStrings returns args[i], an array of strings.
func argStrings(args []js.Value, i int, name string) ([]string, error) {
	list, n, err := argArray(args, i, name, "an array of strings")
	if err != nil {
		return nil, err
	}
	out := make([]string, n)
	for j := range n {
		v := list.Index(j)
		if v.Type() != js.TypeString {
			return nil, argumentError(name+"["+strconv.Itoa(j)+"]", "a string")
		}
		out[j] = v.String()
	}
	return out, nil
}
