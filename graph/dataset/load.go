package dataset

import (
	"context"
	"math"

	"kgraph/graph/store"
)

// Load checks a dataset held in memory, such as the embedded seed, as Check
// does a file, and returns it whole: the dataset, or an EINVALID error
// listing every problem.
func Load(name string, data []byte) (*store.Dataset, error) {
	ctx := context.Background()
	c, problems, err := Check(ctx, Bytes(name, data), nil)
	if err != nil {
		return nil, err
	}
	if err := Error(problems); err != nil {
		return nil, err
	}
	d := &store.Dataset{}
	err = c.Batches(ctx, math.MaxInt, func(b *store.Dataset, _ int) error {
		d.Vocabulary.EntityKinds = append(d.Vocabulary.EntityKinds, b.Vocabulary.EntityKinds...)
		d.Vocabulary.RelationTypes = append(d.Vocabulary.RelationTypes, b.Vocabulary.RelationTypes...)
		d.Sources = append(d.Sources, b.Sources...)
		d.Entities = append(d.Entities, b.Entities...)
		d.Relations = append(d.Relations, b.Relations...)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}
