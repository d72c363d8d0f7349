// Package neo4jtest gives tests a real Neo4j: the server named by the
// NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD and NEO4J_DATABASE variables
// (scripts/neo4j.sh start prints them), emptied for each test. It is kept
// apart from package neo4jstore so that the server binary does not link
// the testing package.
package neo4jtest

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

// Env is where the test server is and how to log in; its fields are those
// of neo4jstore.Config, so that one converts to the other.
type Env struct {
	// URI is the server, such as bolt://127.0.0.1:7687.
	URI string
	// Username and Password are the credentials.
	Username, Password string
	// Database is the database name.
	Database string
}

// Vars returns the environment variables that point the service at e.
func (e Env) Vars() map[string]string {
	return map[string]string{"NEO4J_URI": e.URI, "NEO4J_USERNAME": e.Username, "NEO4J_PASSWORD": e.Password, "NEO4J_DATABASE": e.Database}
}

// Config returns the test server's Env from the environment. Without
// NEO4J_URI the test is skipped, or fails when CI is set: CI must never
// skip the Neo4j tests silently.
func Config(t testing.TB) Env {
	t.Helper()
	e := Env{
		URI:      os.Getenv("NEO4J_URI"),
		Username: os.Getenv("NEO4J_USERNAME"),
		Password: os.Getenv("NEO4J_PASSWORD"),
		Database: os.Getenv("NEO4J_DATABASE"),
	}
	if e.URI == "" {
		const how = `run  eval "$(scripts/neo4j.sh start)"  (which sets NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD and NEO4J_DATABASE), then go test again`
		if os.Getenv("CI") != "" {
			t.Fatalf("NEO4J_URI is not set, and CI must run the Neo4j tests: %s", how)
		}
		t.Skipf("Neo4j tests skipped: NEO4J_URI is not set; %s", how)
	}
	if e.Username == "" {
		e.Username = "neo4j"
	}
	if e.Database == "" {
		e.Database = "neo4j"
	}
	return e
}

// Reset returns the test server's Env after deleting everything in its
// database. Point it only at a database for tests.
//
// Test processes share the one database, so the first call takes a lock
// that the process then holds until it exits: packages whose tests use
// Neo4j run one after the other even under go test ./... . Within a
// package, do not use it from parallel tests.
func Reset(t testing.TB) Env {
	t.Helper()
	e := Config(t)
	if err := lockDatabase(e); err != nil {
		t.Fatal(err)
	}
	Query(t, e, "MATCH (n) DETACH DELETE n", nil)
	return e
}

// Query runs one query on e's database with a driver of its own, outside
// any store, in a transaction of its own, and returns its records.
func Query(t testing.TB, e Env, cypher string, params map[string]any) []*neo4j.Record {
	t.Helper()
	ctx := context.Background()
	driver, err := neo4j.NewDriverWithContext(e.URI, neo4j.BasicAuth(e.Username, e.Password, ""))
	if err != nil {
		t.Fatal(err)
	}
	defer driver.Close(ctx)
	res, err := neo4j.ExecuteQuery(ctx, driver, cypher, params, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(e.Database))
	if err != nil {
		t.Fatalf("%s: %v (is Neo4j running? scripts/neo4j.sh start)", cypher, err)
	}
	return res.Records
}

var lock struct {
	once sync.Once
	file *os.File // referenced so that no finalizer closes it, which would unlock
	err  error
}

// lockDatabase takes an exclusive lock on a file named after the database,
// kept (with its descriptor) until the process exits.
func lockDatabase(e Env) error {
	lock.once.Do(func() {
		sum := sha256.Sum256([]byte(e.URI + "\x00" + e.Database))
		path := filepath.Join(os.TempDir(), fmt.Sprintf("kgraph-neo4j-test-%x.lock", sum[:8]))
		f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o600)
		if err != nil {
			lock.err = fmt.Errorf("open test database lock: %w", err)
			return
		}
		if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
			lock.err = fmt.Errorf("lock the test database: %w", err)
		}
		lock.file = f
	})
	return lock.err
}
