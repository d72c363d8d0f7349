package neo4jstore

import (
	"testing"

	"kgraph/graph/store/neo4jstore/neo4jtest"
)

// openForTest returns a store on the emptied test database, closed when
// the test ends.
func openForTest(t testing.TB) *Store {
	t.Helper()
	s, err := Open(t.Context(), Config(neo4jtest.Reset(t)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	if err := s.Ping(t.Context()); err != nil {
		t.Fatal(err)
	}
	return s
}

// OpenForTest is openForTest for the package's external tests.
var OpenForTest = openForTest
