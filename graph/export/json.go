package export

import (
	"encoding/json"
	"io"

	"kgraph/graph/store"
)

// EncodeJSON writes the dataset in the format the seed file uses: the
// store.Dataset JSON, indented by two spaces, with a trailing newline. A
// file it writes can be read back by the import and validate commands.
func EncodeJSON(w io.Writer, d *store.Dataset) error {
	b, err := json.MarshalIndent(withEmptySections(d), "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// withEmptySections returns the dataset with nil sections made empty, so
// that they are written as [] (which the dataset reader accepts) rather
// than null (which it rejects).
func withEmptySections(d *store.Dataset) *store.Dataset {
	c := *d
	c.Vocabulary.EntityKinds = nonNil(c.Vocabulary.EntityKinds)
	c.Vocabulary.RelationTypes = nonNil(c.Vocabulary.RelationTypes)
	c.Sources = nonNil(c.Sources)
	c.Entities = nonNil(c.Entities)
	c.Relations = nonNil(c.Relations)
	return &c
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
