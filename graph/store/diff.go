package store

import (
	"bytes"
	"encoding/json"
)

// Diff compares what incoming brings with what current holds, element by
// element and by id, and returns the elements Apply must write (those whose
// id is new or whose JSON differs) with the counts Apply reports. Every
// store's Apply calls it, so they count the same way.
func Diff(current, incoming *Dataset) (*Dataset, *ApplyResult) {
	changed := &Dataset{}
	r := &ApplyResult{}
	changed.Vocabulary.EntityKinds = diffSection(r, current.Vocabulary.EntityKinds, incoming.Vocabulary.EntityKinds, func(x EntityKind) string { return x.ID })
	changed.Vocabulary.RelationTypes = diffSection(r, current.Vocabulary.RelationTypes, incoming.Vocabulary.RelationTypes, func(x RelationType) string { return x.ID })
	changed.Sources = diffSection(r, current.Sources, incoming.Sources, func(x SourceDocument) string { return x.ID })
	changed.Entities = diffSection(r, current.Entities, incoming.Entities, func(x Entity) string { return x.ID })
	changed.Relations = diffSection(r, current.Relations, incoming.Relations, func(x Relation) string { return x.ID })
	return changed, r
}

// Empty reports whether the dataset has no element at all.
func (d *Dataset) Empty() bool {
	return len(d.Vocabulary.EntityKinds) == 0 && len(d.Vocabulary.RelationTypes) == 0 &&
		len(d.Sources) == 0 && len(d.Entities) == 0 && len(d.Relations) == 0
}

func diffSection[T any](r *ApplyResult, stored, incoming []T, id func(T) string) []T {
	old := make(map[string][]byte, len(stored))
	for _, x := range stored {
		old[id(x)] = MustJSON(x)
	}
	var changed []T
	for _, x := range incoming {
		data := MustJSON(x)
		prev, existed := old[id(x)]
		switch {
		case existed && bytes.Equal(prev, data):
			r.Unchanged++
			continue
		case existed:
			r.Updated++
		default:
			r.Created++
		}
		changed = append(changed, x)
		old[id(x)] = data
	}
	return changed
}

// MustJSON encodes domain values, which always encode.
func MustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}
