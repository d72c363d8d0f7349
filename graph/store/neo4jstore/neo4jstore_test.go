package neo4jstore_test

import (
	"testing"

	"kgraph/graph/store"
	"kgraph/graph/store/neo4jstore"
	"kgraph/graph/store/storetest"
)

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store { return neo4jstore.OpenForTest(t) })
}
