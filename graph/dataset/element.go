package dataset

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"kgraph/graph/store"
)

// decoders decode one element of each section into its domain type.
var decoders = map[string]func(raw []byte) (any, []string, error){
	store.SectionEntityKinds:   decodeAs[store.EntityKind],
	store.SectionRelationTypes: decodeAs[store.RelationType],
	store.SectionSources:       decodeAs[store.SourceDocument],
	store.SectionEntities:      decodeAs[store.Entity],
	store.SectionRelations:     decodeAs[store.Relation],
}

// checkElement runs the checks that need nothing but the element itself:
// no key twice in an object, the schema, and a strict decoding (which
// catches what the schema cannot, such as 30 February). It returns the
// decoded element, or nil and its problems, and the element's id.
func checkElement(file string, e element) (any, string, []Problem) {
	var problems []Problem
	add := func(path []string, format string, args ...any) {
		problems = append(problems, elementProblem(file, e, path, fmt.Sprintf(format, args...)))
	}
	for _, path := range duplicateKeys(e.raw) {
		add(path, "given twice in one object; give each key once")
	}
	if len(problems) == 0 {
		if x, _, err := decoders[e.section](e.raw); err == nil && passesFast(e.raw, x) {
			return x, store.ElementID(x), nil
		}
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(e.raw))
	if err != nil {
		add(nil, "%v", err)
		return nil, idOf(e.raw), problems
	}
	for _, v := range compiled().validate(compiled().elements[e.section], inst) {
		add(v.path, "%s", v.message)
	}
	if len(problems) > 0 {
		return nil, idOf(e.raw), problems
	}
	x, path, err := decoders[e.section](e.raw)
	if err != nil {
		add(path, "%s", cleanJSONError(err))
		return nil, idOf(e.raw), problems
	}
	return x, store.ElementID(x), nil
}

// checkChunk is how many elements Check hands to checkElements at a time:
// enough to keep every core busy, few enough to hold little memory.
const checkChunk = 256

// checked is what checkElement found of one element.
type checked struct {
	v        any
	id       string
	problems []Problem
}

// checkElements runs checkElement on each element, on every core, and
// returns the results in the order of the elements.
func checkElements(file string, elems []element) []checked {
	out := make([]checked, len(elems))
	workers := min(runtime.GOMAXPROCS(0), len(elems))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(elems); i += workers {
				r := &out[i]
				r.v, r.id, r.problems = checkElement(file, elems[i])
			}
		})
	}
	wg.Wait()
	return out
}

// elementProblem locates a problem with the field at path of an element.
func elementProblem(file string, e element, path []string, message string) Problem {
	return Problem{
		Problem: store.Problem{Section: e.section, Index: e.index, ID: idOf(e.raw), Field: fieldPath(path), Message: message},
		File:    file,
		Line:    e.line + lineWithin(e.raw, path),
	}
}

// decodeAs decodes one element, rejecting unknown fields. On failure it
// finds the field at fault by decoding the fields one at a time.
func decodeAs[T any](raw []byte) (any, []string, error) {
	var x T
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	err := dec.Decode(&x)
	if err == nil {
		return x, nil, nil
	}
	var fields map[string]json.RawMessage
	if json.Unmarshal(raw, &fields) != nil {
		return nil, nil, err
	}
	for _, key := range slices.Sorted(maps.Keys(fields)) {
		one, _ := json.Marshal(map[string]json.RawMessage{key: fields[key]})
		d := json.NewDecoder(bytes.NewReader(one))
		d.DisallowUnknownFields()
		var probe T
		if ferr := d.Decode(&probe); ferr != nil {
			return nil, []string{key}, ferr
		}
	}
	return nil, nil, err
}

func cleanJSONError(err error) string {
	var se *store.Error
	if errors.As(err, &se) {
		return se.Message
	}
	return strings.TrimPrefix(err.Error(), "json: ")
}

// idOf returns the element's id, if it has a string one.
func idOf(raw []byte) string {
	var x struct {
		ID any `json:"id"`
	}
	_ = json.Unmarshal(raw, &x)
	id, _ := x.ID.(string)
	return id
}
