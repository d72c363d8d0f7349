package neo4jstore

import (
	"testing"

	"kgraph/graph/store"
	"kgraph/graph/store/neo4jstore/neo4jtest"
	"kgraph/seed"
)

// openForTest returns a store on the emptied test database, closed when
// the test ends.
func openForTest(t testing.TB) *Store {
	t.Helper()
	neo4jtest.Reset(t)
	return openAnother(t)
}

// openAnother returns another store on the test database as it is, as
// another replica (or a later process) would open it: its own driver, the
// schema set up (and the database migrated) by its Ping. It is closed when
// the test ends.
func openAnother(t testing.TB) *Store {
	t.Helper()
	s := openUnready(t)
	if err := s.Ping(t.Context()); err != nil {
		t.Fatal(err)
	}
	return s
}

// openUnready returns another store on the test database, closed when
// the test ends, that has not yet reached it: its first call sets up the
// schema.
func openUnready(t testing.TB) *Store {
	t.Helper()
	s, err := Open(t.Context(), Config(neo4jtest.Config(t)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// seededForTest returns a store on the test database holding the seed.
func seededForTest(t *testing.T) *Store {
	t.Helper()
	s := openForTest(t)
	d, err := seed.Dataset()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Apply(t.Context(), d, store.ApplyOptions{}); err != nil {
		t.Fatal(err)
	}
	return s
}

// OpenForTest is openForTest for the package's external tests.
var OpenForTest = openForTest
