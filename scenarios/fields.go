package scenarios

import (
	"reflect"
	"strconv"
	"strings"
	"sync"
)

// fieldInfo is what the decoder knows of one struct field, from its tags.
type fieldInfo struct {
	index    []int
	required bool // jsonschema:"required"
	nullable bool // jsonschema:"nullable": null is the zero value (absent)
	maxItems int  // jsonschema:"maxItems=N"
}

type structFields struct {
	byName map[string]fieldInfo
	names  []string // in declaration order
}

var fieldCache sync.Map // reflect.Type -> *structFields

func fieldsOf(t reflect.Type) *structFields {
	if c, ok := fieldCache.Load(t); ok {
		return c.(*structFields)
	}
	sf := &structFields{byName: map[string]fieldInfo{}}
	var walk func(t reflect.Type, prefix []int)
	walk = func(t reflect.Type, prefix []int) {
		for i := range t.NumField() {
			f := t.Field(i)
			idx := append(append([]int(nil), prefix...), i)
			name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			if f.Anonymous && strings.Contains(opts, "inline") {
				walk(f.Type, idx)
				continue
			}
			if name == "" || name == "-" {
				continue
			}
			fi := fieldInfo{index: idx}
			for _, tag := range splitTag(f.Tag.Get("jsonschema")) {
				k, val, _ := strings.Cut(tag, "=")
				switch k {
				case "required":
					fi.required = true
				case "nullable":
					fi.nullable = true
				case "maxItems":
					fi.maxItems, _ = strconv.Atoi(val)
				}
			}
			sf.byName[name] = fi
			sf.names = append(sf.names, name)
		}
	}
	walk(t, nil)
	fieldCache.Store(t, sf)
	return sf
}

// splitTag splits a jsonschema tag on its commas but not on \, (a comma in a description), as
// the schema reflector does.
func splitTag(tag string) []string {
	var parts []string
	start := 0
	for i := 0; i < len(tag); i++ {
		if tag[i] == ',' && (i == 0 || tag[i-1] != '\\') {
			parts = append(parts, tag[start:i])
			start = i + 1
		}
	}
	return append(parts, tag[start:])
}
