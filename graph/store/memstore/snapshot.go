package memstore

import (
	"crypto/rand"

	"kgraph/graph/store"
)

// errReadOnly refuses writes to a snapshot.
var errReadOnly = store.Errorf(store.EINVALID, "this graph is a read-only snapshot of a past moment; write to the current graph instead")

// FromDataset returns a read-only store that answers every read from d
// held in memory, with no data file: the graph as it was at a past moment
// (see package history). It takes d over: the caller must not change it
// afterwards. Write and Apply are refused (EINVALID); Changes is empty,
// since a snapshot has no log of its own; Metas reports every element at
// version 1, authors unknown. d is not validated: it is a graph a store
// held.
func FromDataset(d *store.Dataset) (*Store, error) {
	s := &Store{version: version{Epoch: "snapshot-" + rand.Text()[:12]}}
	s.index(d)
	return s, nil
}
