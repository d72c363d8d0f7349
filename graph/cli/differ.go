package cli

import (
	"bytes"
	"encoding/json"

	"kgraph/graph/dataset"
	"kgraph/graph/store"
)

// differ counts, as Store.Apply would, what applying elements on top of a
// graph would create, update or leave unchanged, without writing: an
// element is created when its id is new in its section, unchanged when its
// JSON is the stored element's, and updated otherwise.
type differ struct {
	stored map[string]map[string][]byte // section -> id -> JSON of the stored element
}

func newDiffer(current *store.Dataset) *differ {
	d := &differ{stored: map[string]map[string][]byte{}}
	index(d, dataset.EntityKinds, current.Vocabulary.EntityKinds, func(x store.EntityKind) string { return x.ID })
	index(d, dataset.RelationTypes, current.Vocabulary.RelationTypes, func(x store.RelationType) string { return x.ID })
	index(d, dataset.Sources, current.Sources, func(x store.SourceDocument) string { return x.ID })
	index(d, dataset.Entities, current.Entities, func(x store.Entity) string { return x.ID })
	index(d, dataset.Relations, current.Relations, func(x store.Relation) string { return x.ID })
	return d
}

// count implements the dry run of one batch.
func (d *differ) count(b *store.Dataset) (*store.ApplyResult, error) {
	r := &store.ApplyResult{}
	for _, err := range []error{
		compare(d, r, dataset.EntityKinds, b.Vocabulary.EntityKinds, func(x store.EntityKind) string { return x.ID }),
		compare(d, r, dataset.RelationTypes, b.Vocabulary.RelationTypes, func(x store.RelationType) string { return x.ID }),
		compare(d, r, dataset.Sources, b.Sources, func(x store.SourceDocument) string { return x.ID }),
		compare(d, r, dataset.Entities, b.Entities, func(x store.Entity) string { return x.ID }),
		compare(d, r, dataset.Relations, b.Relations, func(x store.Relation) string { return x.ID }),
	} {
		if err != nil {
			return nil, err
		}
	}
	return r, nil
}

func index[T any](d *differ, section string, xs []T, id func(T) string) {
	m := make(map[string][]byte, len(xs))
	for _, x := range xs {
		b, err := json.Marshal(x)
		if err == nil {
			m[id(x)] = b
		}
	}
	d.stored[section] = m
}

func compare[T any](d *differ, r *store.ApplyResult, section string, xs []T, id func(T) string) error {
	for _, x := range xs {
		b, err := json.Marshal(x)
		if err != nil {
			return err
		}
		old, ok := d.stored[section][id(x)]
		switch {
		case !ok:
			r.Created++
		case bytes.Equal(old, b):
			r.Unchanged++
		default:
			r.Updated++
		}
	}
	return nil
}
