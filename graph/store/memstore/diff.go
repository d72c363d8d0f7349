package memstore

import (
	"bytes"
	"encoding/json"

	"kgraph/graph/store"
)

// changes maps a bucket name to the ids and JSON of the elements to write.
type changes map[string]map[string][]byte

func (c changes) empty() bool { return len(c) == 0 }

// diff compares what d brings with what is stored, element by element, and
// returns the elements to write and the counts Apply reports.
func diff(current, d *store.Dataset) (changes, *store.ApplyResult) {
	c := changes{}
	r := &store.ApplyResult{}
	diffSection(c, r, bucketKinds, current.Vocabulary.EntityKinds, d.Vocabulary.EntityKinds, func(x store.EntityKind) string { return x.ID })
	diffSection(c, r, bucketTypes, current.Vocabulary.RelationTypes, d.Vocabulary.RelationTypes, func(x store.RelationType) string { return x.ID })
	diffSection(c, r, bucketSources, current.Sources, d.Sources, func(x store.SourceDocument) string { return x.ID })
	diffSection(c, r, bucketEntities, current.Entities, d.Entities, func(x store.Entity) string { return x.ID })
	diffSection(c, r, bucketRelations, current.Relations, d.Relations, func(x store.Relation) string { return x.ID })
	return c, r
}

func diffSection[T any](c changes, r *store.ApplyResult, bucket []byte, stored, incoming []T, id func(T) string) {
	old := make(map[string][]byte, len(stored))
	for _, x := range stored {
		old[id(x)] = mustJSON(x)
	}
	for _, x := range incoming {
		data := mustJSON(x)
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
		if c[string(bucket)] == nil {
			c[string(bucket)] = map[string][]byte{}
		}
		c[string(bucket)][id(x)] = data
		old[id(x)] = data
	}
}

// mustJSON encodes domain values, which always encode.
func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}
