package model

import (
	"reflect"
	"strings"
	"sync"
)

// alloc returns the struct v or a new struct v points to.
func alloc(v reflect.Value) reflect.Value {
	if v.Kind() == reflect.Pointer {
		if v.Type().Elem().Kind() != reflect.Struct {
			giveUp()
		}
		p := reflect.New(v.Type().Elem())
		v.Set(p)
		return p.Elem()
	}
	return v
}

// structInfo is what decodeSimple needs of a struct type.
type structInfo struct {
	fields map[string]int // yaml key → field index
	pos    int            // index of the Pos field, or -1
}

var structInfos sync.Map // reflect.Type → *structInfo

func structInfoOf(t reflect.Type) *structInfo {
	if si, ok := structInfos.Load(t); ok {
		return si.(*structInfo)
	}
	// Only the model's own structs (or unnamed ones), which do not decode
	// themselves.
	pt := reflect.PointerTo(t)
	if t.Name() != "" && t.PkgPath() != posType.PkgPath() || t.NumField() > 64 || hasMethod(pt, "UnmarshalYAML") || hasMethod(pt, "UnmarshalText") {
		giveUp()
	}
	si := &structInfo{fields: map[string]int{}, pos: -1}
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("yaml")
		switch {
		case f.Anonymous:
			giveUp() // go-yaml inlines embedded structs
		case f.Type == posType:
			si.pos = i
		case !f.IsExported() || tag == "-" || tag == "":
			// A key go-yaml takes for an untagged field is unknown here.
		case strings.Contains(tag, ","):
			giveUp() // options (inline, …)
		default:
			si.fields[tag] = i
		}
	}
	structInfos.Store(t, si)
	return si
}

func hasMethod(t reflect.Type, name string) bool {
	_, ok := t.MethodByName(name)
	return ok
}
