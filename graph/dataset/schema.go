package dataset

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// The schema is published as seed/dataset.schema.json, beside the seed that
// names it in "$schema"; the generator writes it there (see schemadoc.go).
//
//go:generate go run ./gen ../../seed/dataset.schema.json

// schemaJSON is the schema as published.
var schemaJSON = renderSchema()

// Schema returns the dataset JSON Schema (draft 2020-12), as published.
func Schema() []byte { return bytes.Clone(schemaJSON) }

// schemaURL is what the validator calls the schema. It is not fetched: the
// document is added as a resource under this name.
const schemaURL = "kgraph:dataset.schema.json"

// schemas holds the compiled schema: the whole document for the file's
// skeleton, and one definition per section for its elements, so that the
// file never has to be held in memory to be validated.
type schemas struct {
	doc      any // the schema document, where messages find descriptions
	root     *jsonschema.Schema
	elements map[string]*jsonschema.Schema
}

var compiled = sync.OnceValue(func() *schemas {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schemaJSON))
	if err != nil {
		panic(fmt.Sprintf("dataset.schema.json: %v", err))
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	if err := c.AddResource(schemaURL, doc); err != nil {
		panic(fmt.Sprintf("dataset.schema.json: %v", err))
	}
	s := &schemas{doc: doc, root: c.MustCompile(schemaURL), elements: map[string]*jsonschema.Schema{}}
	for _, d := range sectionDefs {
		s.elements[d.section] = c.MustCompile(schemaURL + "#/$defs/" + d.def)
	}
	return s
})

// violation is one failed check of the schema: where in the validated
// value it failed and what is wrong, in words.
type violation struct {
	path    []string
	message string
}

// validate checks v, a value as jsonschema.UnmarshalJSON returns it,
// against sch and explains every failed check.
func (s *schemas) validate(sch *jsonschema.Schema, v any) []violation {
	err := sch.Validate(v)
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		if err != nil {
			return []violation{{message: err.Error()}}
		}
		return nil
	}
	var out []violation
	s.explain(ve, nil, &out)
	return out
}

var printer = message.NewPrinter(language.English)

// explain walks the error tree down to the checks that failed. A cause's
// instance location is never shallower than its parent's, except under
// propertyNames, where the validator reports the key as a new root; the
// parent's location is kept then.
func (s *schemas) explain(e *jsonschema.ValidationError, parent []string, out *[]violation) {
	loc := e.InstanceLocation
	if len(loc) < len(parent) {
		loc = parent
	}
	add := func(path []string, format string, args ...any) {
		*out = append(*out, violation{path: path, message: fmt.Sprintf(format, args...)})
	}
	switch k := e.ErrorKind.(type) {
	case *kind.PropertyNames:
		add(loc, "got the key %q, want %s", k.Property, s.describe(leaf(e).SchemaURL, "a valid key"))
		return
	case *kind.Required:
		for _, name := range k.Missing {
			add(with(loc, name), "required, but missing")
		}
		return
	case *kind.AdditionalProperties:
		allowed := s.propertyNames(e.SchemaURL)
		for _, name := range k.Properties {
			add(with(loc, name), "unknown field; the fields are %s", strings.Join(allowed, ", "))
		}
		return
	case *kind.Pattern:
		add(loc, "got %q, want %s", k.Got, s.describe(e.SchemaURL, "a match of "+k.Want))
		return
	case *kind.MaxLength:
		add(loc, "got %d characters, want at most %d", k.Got, k.Want)
		return
	case *kind.MinItems:
		add(loc, "got %d items, want at least %d", k.Got, k.Want)
		return
	}
	if len(e.Causes) == 0 {
		add(loc, "%s", e.ErrorKind.LocalizedString(printer))
		return
	}
	for _, c := range e.Causes {
		s.explain(c, loc, out)
	}
}

func leaf(e *jsonschema.ValidationError) *jsonschema.ValidationError {
	for len(e.Causes) > 0 {
		e = e.Causes[0]
	}
	return e
}

func with(path []string, name string) []string {
	return append(append([]string{}, path...), name)
}

// describe returns the description the schema gives at schemaURL, which
// the schema words to finish "want ...", or fallback.
func (s *schemas) describe(schemaURL, fallback string) string {
	if m, ok := s.at(schemaURL).(map[string]any); ok {
		if d, ok := m["description"].(string); ok {
			return d
		}
	}
	return fallback
}

// propertyNames lists the fields the object schema at schemaURL declares.
func (s *schemas) propertyNames(schemaURL string) []string {
	m, _ := s.at(schemaURL).(map[string]any)
	props, _ := m["properties"].(map[string]any)
	return slices.Sorted(maps.Keys(props))
}

// at resolves the JSON pointer in the fragment of a schema URL within the
// schema document.
func (s *schemas) at(schemaURL string) any {
	_, frag, _ := strings.Cut(schemaURL, "#")
	frag, err := url.PathUnescape(frag)
	if err != nil {
		return nil
	}
	v := s.doc
	for _, tok := range strings.Split(strings.TrimPrefix(frag, "/"), "/") {
		if tok == "" {
			continue
		}
		tok = strings.NewReplacer("~1", "/", "~0", "~").Replace(tok)
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[tok]
	}
	return v
}
