// Package dataset reads dataset files: the JSON documents that hold a
// knowledge graph (its vocabulary, sources, entities and relations), as the
// seed, the import command and the validate command use them. Every problem
// it reports names the file, the line, the element and the field.
package dataset

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"kgraph/graph/store"
)

// Problem is a store.Problem located in a file.
type Problem struct {
	store.Problem
	// File is the name of the file.
	File string
	// Line is the 1-based line the element starts on, or 0 if unknown.
	Line int
}

// String renders the problem as "file:line: section[i] (id "x") field "f": message".
func (p Problem) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Problem)
	}
	return fmt.Sprintf("%s: %s", p.File, p.Problem)
}

// Error is the EINVALID error for a file with problems.
func Error(problems []Problem) error {
	if len(problems) == 0 {
		return nil
	}
	lines := make([]string, len(problems))
	for i, p := range problems {
		lines[i] = p.String()
	}
	return store.Errorf(store.EINVALID, "%d problems:\n%s", len(problems), strings.Join(lines, "\n"))
}

// Parse reads and validates a whole dataset. It returns the dataset and
// every problem found; the dataset is usable only when there are none.
func Parse(name string, data []byte) (*store.Dataset, []Problem) {
	p := &parser{file: name, data: data}
	d := p.parse()
	if len(p.problems) > 0 {
		return d, p.problems
	}
	for _, sp := range d.Validate() {
		p.problems = append(p.problems, Problem{Problem: sp, File: name, Line: p.lineOf(sp.Section, sp.Index)})
	}
	return d, p.problems
}

// Load is Parse as an error: the dataset, or an EINVALID error listing every problem.
func Load(name string, data []byte) (*store.Dataset, error) {
	d, problems := Parse(name, data)
	if err := Error(problems); err != nil {
		return nil, err
	}
	return d, nil
}

type parser struct {
	file     string
	data     []byte
	problems []Problem
	offsets  map[string][]int64 // section -> byte offset of each element
}

func (p *parser) fail(section string, index int, id, field, format string, args ...any) {
	p.problems = append(p.problems, Problem{
		Problem: store.Problem{Section: section, Index: index, ID: id, Field: field, Message: fmt.Sprintf(format, args...)},
		File:    p.file, Line: p.lineOf(section, index),
	})
}

func (p *parser) lineOf(section string, index int) int {
	offs := p.offsets[section]
	if index < 0 || index >= len(offs) {
		return 0
	}
	return 1 + bytes.Count(p.data[:offs[index]], []byte("\n"))
}

func (p *parser) lineAt(off int64) int { return 1 + bytes.Count(p.data[:off], []byte("\n")) }

// parse walks the document token by token, so that each element's position
// is known, and decodes the elements one at a time.
func (p *parser) parse() *store.Dataset {
	d := &store.Dataset{}
	p.offsets = map[string][]int64{}
	dec := json.NewDecoder(bytes.NewReader(p.data))
	err := p.object(dec, func(key string) error {
		switch key {
		case "$schema":
			var s string
			return dec.Decode(&s)
		case "vocabulary":
			return p.object(dec, func(key string) error {
				switch key {
				case "entityKinds":
					return section(p, dec, key, &d.Vocabulary.EntityKinds)
				case "relationTypes":
					return section(p, dec, key, &d.Vocabulary.RelationTypes)
				}
				return fmt.Errorf("unknown field %q in vocabulary (expected entityKinds, relationTypes)", key)
			})
		case "sources":
			return section(p, dec, key, &d.Sources)
		case "entities":
			return section(p, dec, key, &d.Entities)
		case "relations":
			return section(p, dec, key, &d.Relations)
		}
		return fmt.Errorf("unknown top-level field %q (expected vocabulary, sources, entities, relations)", key)
	})
	if err == nil {
		if _, extra := dec.Token(); extra != io.EOF {
			err = errors.New("unexpected data after the top-level object")
		}
	}
	if err != nil {
		p.problems = append(p.problems, Problem{
			Problem: store.Problem{Section: "file", Index: -1, Message: err.Error()},
			File:    p.file, Line: p.lineAt(dec.InputOffset()),
		})
	}
	return d
}

// object reads a JSON object, calling field for each key with the decoder
// positioned at its value.
func (p *parser) object(dec *json.Decoder, field func(key string) error) error {
	if err := expectDelim(dec, '{'); err != nil {
		return err
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		if err := field(tok.(string)); err != nil {
			return err
		}
	}
	_, err := dec.Token() // '}'
	return err
}

// section decodes a JSON array element by element into out, recording each
// element's offset and reporting each bad element without stopping.
func section[T any](p *parser, dec *json.Decoder, name string, out *[]T) error {
	if err := expectDelim(dec, '['); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	for i := 0; dec.More(); i++ {
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return fmt.Errorf("%s[%d]: %w", name, i, err)
		}
		// The element starts where its raw text ends minus its length.
		p.offsets[name] = append(p.offsets[name], dec.InputOffset()-int64(len(raw)))
		var x T
		if field, err := decodeStrict(raw, &x); err != nil {
			p.fail(name, i, idOf(raw), field, "%s", cleanJSONError(err))
			continue
		}
		*out = append(*out, x)
	}
	_, err := dec.Token() // ']'
	return err
}

// decodeStrict decodes one element, rejecting unknown fields. On failure it
// finds the field at fault by decoding the fields one at a time.
func decodeStrict[T any](raw json.RawMessage, x *T) (string, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	err := dec.Decode(x)
	if err == nil {
		return "", nil
	}
	var fields map[string]json.RawMessage
	if json.Unmarshal(raw, &fields) != nil {
		return "", err
	}
	for _, key := range sortedKeys(fields) {
		one, _ := json.Marshal(map[string]json.RawMessage{key: fields[key]})
		d := json.NewDecoder(bytes.NewReader(one))
		d.DisallowUnknownFields()
		var probe T
		if ferr := d.Decode(&probe); ferr != nil {
			return key, ferr
		}
	}
	return "", err
}

func cleanJSONError(err error) string {
	var se *store.Error
	if errors.As(err, &se) {
		return se.Message
	}
	return strings.TrimPrefix(err.Error(), "json: ")
}

func idOf(raw json.RawMessage) string {
	var x struct {
		ID string `json:"id"`
	}
	_ = json.Unmarshal(raw, &x)
	return x.ID
}

func expectDelim(dec *json.Decoder, want json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		return fmt.Errorf("expected %q, found %v", string(want), tok)
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
