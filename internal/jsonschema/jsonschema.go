// Package jsonschema validates JSON documents against the subset of JSON
// Schema (draft 2020-12) that the site's open-data schemas use:
//
//	type                 "object" | "array" | "string" | "integer" | "number" | "boolean" | "null",
//	                     or an array of them
//	properties, required, additionalProperties (a boolean)
//	items (a schema), minItems, uniqueItems
//	enum, const, pattern, minLength, minimum, maximum
//	$ref                 to "#/$defs/<name>" only
//	$schema, $id, $defs, title, description, $comment, examples   (annotations)
//
// A schema that uses any other keyword is rejected when it is compiled, so
// a schema never silently asks for a check this package does not make.
package jsonschema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Schema is a compiled schema.
type Schema struct {
	root *node
}

type node struct {
	types      []string
	properties map[string]*node
	required   []string
	addl       *bool
	items      *node
	minItems   *int
	unique     bool
	enum       []any
	konst      any
	hasConst   bool
	pattern    *regexp.Regexp
	minLength  *int
	minimum    *float64
	maximum    *float64
	ref        string
	defs       map[string]*node // root only
}

// annotations are the keywords that check nothing.
var annotations = map[string]bool{"$schema": true, "$id": true, "$defs": true, "title": true,
	"description": true, "$comment": true, "examples": true}

var knownTypes = map[string]bool{"object": true, "array": true, "string": true, "integer": true,
	"number": true, "boolean": true, "null": true}

// Compile parses a schema.
func Compile(data []byte) (*Schema, error) {
	var raw any
	if err := decode(data, &raw); err != nil {
		return nil, fmt.Errorf("schema: %v", err)
	}
	root, err := compile(raw, "#")
	if err != nil {
		return nil, err
	}
	if m, ok := raw.(map[string]any); ok {
		if defs, ok := m["$defs"].(map[string]any); ok {
			root.defs = map[string]*node{}
			for name, d := range defs {
				n, err := compile(d, "#/$defs/"+name)
				if err != nil {
					return nil, err
				}
				root.defs[name] = n
			}
		}
	}
	s := &Schema{root: root}
	if err := s.checkRefs(root, map[*node]bool{}); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *Schema) checkRefs(n *node, seen map[*node]bool) error {
	if n == nil || seen[n] {
		return nil
	}
	seen[n] = true
	if n.ref != "" {
		if s.def(n.ref) == nil {
			return fmt.Errorf("schema: $ref %q: no such definition", n.ref)
		}
		// A chain of references that comes back to itself before
		// reaching into the document would never end.
		chain := map[*node]bool{n: true}
		for d := s.def(n.ref); d != nil && d.ref != ""; d = s.def(d.ref) {
			if chain[d] {
				return fmt.Errorf("schema: $ref %q: circular", n.ref)
			}
			chain[d] = true
		}
	}
	for _, p := range n.properties {
		if err := s.checkRefs(p, seen); err != nil {
			return err
		}
	}
	if err := s.checkRefs(n.items, seen); err != nil {
		return err
	}
	for _, d := range n.defs {
		if err := s.checkRefs(d, seen); err != nil {
			return err
		}
	}
	return nil
}

func (s *Schema) def(ref string) *node {
	name, ok := strings.CutPrefix(ref, "#/$defs/")
	if !ok {
		return nil
	}
	return s.root.defs[name]
}

func compile(raw any, at string) (*node, error) {
	m, ok := raw.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("schema %s: not an object", at)
	}
	n := &node{}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := m[k]
		bad := func() error { return fmt.Errorf("schema %s: %s: unexpected value %v", at, k, v) }
		switch k {
		case "type":
			switch t := v.(type) {
			case string:
				n.types = []string{t}
			case []any:
				for _, x := range t {
					s, ok := x.(string)
					if !ok {
						return nil, bad()
					}
					n.types = append(n.types, s)
				}
			default:
				return nil, bad()
			}
			for _, t := range n.types {
				if !knownTypes[t] {
					return nil, fmt.Errorf("schema %s: unknown type %q", at, t)
				}
			}
		case "properties":
			props, ok := v.(map[string]any)
			if !ok {
				return nil, bad()
			}
			n.properties = map[string]*node{}
			for name, p := range props {
				c, err := compile(p, at+"/properties/"+name)
				if err != nil {
					return nil, err
				}
				n.properties[name] = c
			}
		case "required":
			list, ok := v.([]any)
			if !ok {
				return nil, bad()
			}
			for _, x := range list {
				s, ok := x.(string)
				if !ok {
					return nil, bad()
				}
				n.required = append(n.required, s)
			}
		case "additionalProperties":
			b, ok := v.(bool)
			if !ok {
				return nil, fmt.Errorf("schema %s: additionalProperties: only true or false is supported", at)
			}
			n.addl = &b
		case "items":
			c, err := compile(v, at+"/items")
			if err != nil {
				return nil, err
			}
			n.items = c
		case "minItems", "minLength":
			i, ok := intOf(v)
			if !ok {
				return nil, bad()
			}
			if k == "minItems" {
				n.minItems = &i
			} else {
				n.minLength = &i
			}
		case "uniqueItems":
			b, ok := v.(bool)
			if !ok {
				return nil, bad()
			}
			n.unique = b
		case "enum":
			list, ok := v.([]any)
			if !ok || len(list) == 0 {
				return nil, bad()
			}
			n.enum = list
		case "const":
			n.konst, n.hasConst = v, true
		case "pattern":
			s, ok := v.(string)
			if !ok {
				return nil, bad()
			}
			re, err := regexp.Compile(s)
			if err != nil {
				return nil, fmt.Errorf("schema %s: pattern: %v", at, err)
			}
			n.pattern = re
		case "minimum", "maximum":
			f, ok := numberOf(v)
			if !ok {
				return nil, bad()
			}
			if k == "minimum" {
				n.minimum = &f
			} else {
				n.maximum = &f
			}
		case "$ref":
			s, ok := v.(string)
			if !ok || !strings.HasPrefix(s, "#/$defs/") {
				return nil, fmt.Errorf("schema %s: $ref: only \"#/$defs/<name>\" is supported", at)
			}
			n.ref = s
		default:
			if !annotations[k] {
				return nil, fmt.Errorf("schema %s: keyword %q is not supported", at, k)
			}
		}
	}
	return n, nil
}

// An Error is a place in the document where it does not match.
type Error struct {
	Path string // JSON pointer of the value ("/requirements/3/id")
	Msg  string
}

func (e Error) Error() string {
	p := e.Path
	if p == "" {
		p = "/"
	}
	return p + ": " + e.Msg
}

// Validate checks a JSON document and returns every mismatch, in document
// order; nil when it matches.
func (s *Schema) Validate(data []byte) []Error {
	var doc any
	if err := decode(data, &doc); err != nil {
		return []Error{{Msg: "not JSON: " + err.Error()}}
	}
	var errs []Error
	s.check(s.root, doc, "", &errs)
	return errs
}

func (s *Schema) check(n *node, v any, path string, errs *[]Error) {
	fail := func(format string, args ...any) {
		*errs = append(*errs, Error{path, fmt.Sprintf(format, args...)})
	}
	if n.ref != "" {
		s.check(s.def(n.ref), v, path, errs)
	}
	if len(n.types) > 0 && !slices.ContainsFunc(n.types, func(t string) bool { return isType(v, t) }) {
		fail("%s, want %s", typeName(v), strings.Join(n.types, " or "))
		return
	}
	if n.hasConst && !equal(v, n.konst) {
		fail("%s, want %s", show(v), show(n.konst))
	}
	if n.enum != nil && !slices.ContainsFunc(n.enum, func(e any) bool { return equal(v, e) }) {
		var want []string
		for _, e := range n.enum {
			want = append(want, show(e))
		}
		fail("%s is not one of %s", show(v), strings.Join(want, ", "))
	}
	switch x := v.(type) {
	case map[string]any:
		for _, r := range n.required {
			if _, ok := x[r]; !ok {
				fail("missing property %q", r)
			}
		}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			p := path + "/" + escapePointer(k)
			if c, ok := n.properties[k]; ok {
				s.check(c, x[k], p, errs)
			} else if n.addl != nil && !*n.addl {
				*errs = append(*errs, Error{p, "property not allowed"})
			}
		}
	case []any:
		if n.minItems != nil && len(x) < *n.minItems {
			fail("%d items, want at least %d", len(x), *n.minItems)
		}
		if n.unique {
			for i := range x {
				for j := 0; j < i; j++ {
					if equal(x[i], x[j]) {
						fail("items %d and %d are equal", j, i)
					}
				}
			}
		}
		if n.items != nil {
			for i, it := range x {
				s.check(n.items, it, path+"/"+strconv.Itoa(i), errs)
			}
		}
	case string:
		if n.minLength != nil && utf8.RuneCountInString(x) < *n.minLength {
			fail("%q is shorter than %d characters", x, *n.minLength)
		}
		if n.pattern != nil && !n.pattern.MatchString(x) {
			fail("%q does not match %s", x, n.pattern)
		}
	case json.Number:
		f, _ := x.Float64()
		if n.minimum != nil && f < *n.minimum {
			fail("%s is less than %v", x, *n.minimum)
		}
		if n.maximum != nil && f > *n.maximum {
			fail("%s is more than %v", x, *n.maximum)
		}
	}
}

func decode(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return fmt.Errorf("more than one value")
	}
	return nil
}

func isType(v any, t string) bool {
	switch x := v.(type) {
	case map[string]any:
		return t == "object"
	case []any:
		return t == "array"
	case string:
		return t == "string"
	case bool:
		return t == "boolean"
	case nil:
		return t == "null"
	case json.Number:
		if t == "number" {
			return true
		}
		if t == "integer" {
			f, err := x.Float64()
			return err == nil && f == math.Trunc(f)
		}
	}
	return false
}

func typeName(v any) string {
	for _, t := range []string{"object", "array", "string", "boolean", "null", "integer", "number"} {
		if isType(v, t) {
			return t
		}
	}
	return fmt.Sprintf("%T", v)
}

func equal(a, b any) bool {
	if x, ok := a.(json.Number); ok {
		fa, _ := x.Float64()
		if fb, ok := numberOf(b); ok {
			return fa == fb
		}
		return false
	}
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return bytes.Equal(ja, jb)
}

func numberOf(v any) (float64, bool) {
	switch x := v.(type) {
	case json.Number:
		f, err := x.Float64()
		return f, err == nil
	case float64:
		return x, true
	}
	return 0, false
}

func intOf(v any) (int, bool) {
	f, ok := numberOf(v)
	if !ok || f != math.Trunc(f) || f < 0 {
		return 0, false
	}
	return int(f), true
}

func show(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func escapePointer(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}
