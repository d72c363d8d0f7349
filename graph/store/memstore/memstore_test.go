package memstore_test

import (
	"path/filepath"
	"testing"

	"kgraph/graph/store"
	"kgraph/graph/store/memstore"
	"kgraph/graph/store/storetest"
)

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		s, err := memstore.Open(filepath.Join(t.TempDir(), "graph.db"))
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}
