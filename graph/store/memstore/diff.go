package memstore

import (
	"kgraph/graph/store"
)

// changes maps a bucket name to the ids and JSON of the elements to write.
type changes map[string]map[string][]byte

func (c changes) empty() bool { return len(c) == 0 }

// diff compares what d brings with what is stored (see store.Diff) and
// returns the elements to write, by bucket, and the counts Apply reports.
func diff(current, d *store.Dataset) (changes, *store.ApplyResult) {
	changed, r := store.Diff(current, d)
	c := changes{}
	addSection(c, bucketKinds, changed.Vocabulary.EntityKinds, func(x store.EntityKind) string { return x.ID })
	addSection(c, bucketTypes, changed.Vocabulary.RelationTypes, func(x store.RelationType) string { return x.ID })
	addSection(c, bucketSources, changed.Sources, func(x store.SourceDocument) string { return x.ID })
	addSection(c, bucketEntities, changed.Entities, func(x store.Entity) string { return x.ID })
	addSection(c, bucketRelations, changed.Relations, func(x store.Relation) string { return x.ID })
	return c, r
}

func addSection[T any](c changes, bucket []byte, elems []T, id func(T) string) {
	for _, x := range elems {
		if c[string(bucket)] == nil {
			c[string(bucket)] = map[string][]byte{}
		}
		c[string(bucket)][id(x)] = store.MustJSON(x)
	}
}
