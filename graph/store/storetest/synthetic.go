package storetest

import (
	"encoding/json"
	"os"

	"kgraph/graph/store"
	"kgraph/graph/store/synthetic"
)

// Synthetic is synthetic.Dataset: a generated graph of n entities and
// about degree*n relations.
func Synthetic(n, degree int) *store.Dataset { return synthetic.Dataset(n, degree) }

// WriteDataset writes d to path as a dataset file, the form `kgraph
// import` reads: the way benchmarks hand a generated graph to the import
// command.
func WriteDataset(path string, d *store.Dataset) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := json.NewEncoder(f).Encode(d); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
