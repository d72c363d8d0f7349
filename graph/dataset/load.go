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
	return LoadOnto(context.Background(), name, data, nil)
}

// LoadOnto is Load for a dataset to be added to the graph base, which it
// may refer to (as applyDataset does with the document it is given).
func LoadOnto(ctx context.Context, name string, data []byte, base Base) (*store.Dataset, error) {
	c, problems, err := Check(ctx, Bytes(name, data), base)
	if err != nil {
		return nil, err
	}
	if err := Error(problems); err != nil {
		return nil, err
	}
	d := &store.Dataset{}
	err = c.Batches(ctx, math.MaxInt, func(b *store.Dataset, _ int) error {
		d.Append(b)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}
