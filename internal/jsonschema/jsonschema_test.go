package jsonschema

import (
	"strings"
	"testing"
)

const testSchema = `{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "t",
  "type": "object",
  "required": ["version", "items"],
  "additionalProperties": false,
  "properties": {
    "version": {"const": 2},
    "items": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/item"}},
    "tags": {"type": "array", "uniqueItems": true, "items": {"type": "string"}}
  },
  "$defs": {
    "item": {
      "type": "object",
      "required": ["id", "level"],
      "additionalProperties": false,
      "properties": {
        "id": {"type": "string", "pattern": "^R[23]-[0-9]+$"},
        "level": {"type": "integer", "minimum": 2, "maximum": 3},
        "symbol": {"enum": ["◎", "○", "=", ""]},
        "title": {"type": "string", "minLength": 1},
        "score": {"type": ["string", "null"]}
      }
    }
  }
}`

func TestValidate(t *testing.T) {
	s, err := Compile([]byte(testSchema))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, doc string
		want      []string // error texts, in order
	}{
		{"valid", `{"version":2,"items":[{"id":"R2-1","level":2,"symbol":"◎","title":"x","score":null}],"tags":["a","b"]}`, nil},
		{"const", `{"version":1,"items":[{"id":"R2-1","level":2}]}`, []string{"/version: 1, want 2"}},
		{"missing", `{"items":[{"id":"R2-1","level":2}]}`, []string{`/: missing property "version"`}},
		{"extra", `{"version":2,"items":[{"id":"R2-1","level":2,"x":1}]}`, []string{"/items/0/x: property not allowed"}},
		{"type", `{"version":2,"items":[{"id":1,"level":"2"}]}`, []string{"/items/0/id: integer, want string", "/items/0/level: string, want integer"}},
		{"integer", `{"version":2,"items":[{"id":"R2-1","level":2.5}]}`, []string{"/items/0/level: number, want integer"}},
		{"range", `{"version":2,"items":[{"id":"R2-1","level":4}]}`, []string{"/items/0/level: 4 is more than 3"}},
		{"pattern", `{"version":2,"items":[{"id":"SR2-1","level":2}]}`, []string{`/items/0/id: "SR2-1" does not match ^R[23]-[0-9]+$`}},
		{"enum", `{"version":2,"items":[{"id":"R2-1","level":2,"symbol":"≒"}]}`, []string{`/items/0/symbol: "≒" is not one of "◎", "○", "=", ""`}},
		{"minLength", `{"version":2,"items":[{"id":"R2-1","level":2,"title":""}]}`, []string{`/items/0/title: "" is shorter than 1 characters`}},
		{"minItems", `{"version":2,"items":[]}`, []string{"/items: 0 items, want at least 1"}},
		{"unique", `{"version":2,"items":[{"id":"R2-1","level":2}],"tags":["a","a"]}`, []string{"/tags: items 0 and 1 are equal"}},
		{"type list", `{"version":2,"items":[{"id":"R2-1","level":2,"score":1}]}`, []string{"/items/0/score: integer, want string or null"}},
		{"not json", `{"version":`, []string{"/: not JSON: unexpected EOF"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, e := range s.Validate([]byte(tt.doc)) {
				got = append(got, e.Error())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestCompileRejects(t *testing.T) {
	for _, tt := range []struct{ schema, want string }{
		{`{"type":"object","oneOf":[]}`, `keyword "oneOf" is not supported`},
		{`{"type":"thing"}`, `unknown type "thing"`},
		{`{"additionalProperties":{"type":"string"}}`, `only true or false`},
		{`{"$ref":"other.json"}`, `only "#/$defs/<name>"`},
		{`{"$ref":"#/$defs/nope"}`, `no such definition`},
		{`{"pattern":"("}`, `pattern:`},
		{`[]`, `not an object`},
	} {
		if _, err := Compile([]byte(tt.schema)); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.schema, err, tt.want)
		}
	}
}

// FuzzValidate: any document, valid JSON or not, gets errors or none, never
// a panic; a document that matches keeps matching after a round trip.
func FuzzValidate(f *testing.F) {
	s, err := Compile([]byte(testSchema))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(`{"version":2,"items":[{"id":"R2-1","level":2}]}`)
	f.Add(`{"version":2,"items":[{"id":"R2-1","level":2.0e0,"tags":[[],{}]}]}`)
	f.Add(`[1,"a",null,true]`)
	f.Fuzz(func(t *testing.T, doc string) {
		_ = s.Validate([]byte(doc))
	})
}

// FuzzCompile: any schema text compiles or is rejected, never a panic.
func FuzzCompile(f *testing.F) {
	f.Add(testSchema)
	f.Add(`{"$ref":"#/$defs/a","$defs":{"a":{"$ref":"#/$defs/a"}}}`)
	f.Fuzz(func(t *testing.T, schema string) {
		if s, err := Compile([]byte(schema)); err == nil {
			_ = s.Validate([]byte(`{"a":[1,"x",null]}`))
		}
	})
}
