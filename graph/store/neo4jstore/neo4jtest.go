package neo4jstore

import (
	"context"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// ConfigForTest returns the Neo4j test server's configuration from the
// NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD and NEO4J_DATABASE variables.
// Without NEO4J_URI the test is skipped, or fails when CI is set: CI must
// never skip the Neo4j tests silently.
func ConfigForTest(t testing.TB) Config {
	t.Helper()
	cfg := Config{
		URI:      os.Getenv("NEO4J_URI"),
		Username: os.Getenv("NEO4J_USERNAME"),
		Password: os.Getenv("NEO4J_PASSWORD"),
		Database: os.Getenv("NEO4J_DATABASE"),
	}
	if cfg.URI == "" {
		const how = `run  eval "$(scripts/neo4j.sh start)"  (which sets NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD and NEO4J_DATABASE), then go test again`
		if os.Getenv("CI") != "" {
			t.Fatalf("NEO4J_URI is not set, and CI must run the Neo4j tests: %s", how)
		}
		t.Skipf("Neo4j tests skipped: NEO4J_URI is not set; %s", how)
	}
	if cfg.Username == "" {
		cfg.Username = "neo4j"
	}
	return cfg
}

// OpenForTest returns a store on the test server (see ConfigForTest) whose
// database has been emptied, closed when the test ends. It deletes
// everything in the database: point it only at a database for tests.
//
// Test processes share the one database, so the first call takes a lock
// that the process then holds until it exits: packages whose tests use
// Neo4j run one after the other even under go test ./... . Within a
// package, do not use it from parallel tests.
func OpenForTest(t testing.TB) *Store {
	t.Helper()
	cfg := ConfigForTest(t)
	if err := lockTestDatabase(cfg); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	s, err := Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	if err := s.Ping(ctx); err != nil {
		t.Fatalf("%v (is it running? scripts/neo4j.sh start)", err)
	}
	_, err = write(ctx, s, func(tx neo4j.ManagedTransaction) (struct{}, error) {
		return struct{}{}, execute(ctx, tx, "MATCH (n) DETACH DELETE n", nil)
	})
	if err != nil {
		t.Fatalf("empty the test database: %v", err)
	}
	return s
}

var testLock struct {
	once sync.Once
	file *os.File // referenced so that no finalizer closes it, which would unlock
	err  error
}

// lockTestDatabase takes an exclusive lock on a file named after the
// database, kept (with its descriptor) until the process exits.
func lockTestDatabase(cfg Config) error {
	testLock.once.Do(func() {
		sum := sha256.Sum256([]byte(cfg.URI + "\x00" + cfg.Database))
		path := filepath.Join(os.TempDir(), fmt.Sprintf("kgraph-neo4j-test-%x.lock", sum[:8]))
		f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o600)
		if err != nil {
			testLock.err = fmt.Errorf("open test database lock: %w", err)
			return
		}
		if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
			testLock.err = fmt.Errorf("lock the test database: %w", err)
		}
		testLock.file = f
	})
	return testLock.err
}
