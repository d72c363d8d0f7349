package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"kgraph/bench/internal/neo4jdb"

	"kgraph/graph/cli"
	"kgraph/graph/dataset"
	"kgraph/graph/store/neo4jstore"
)

// neo4jTarget is the Neo4j that -neo4j imports into, named by the same
// environment variables as kgraph's own (NEO4J_URI and friends).
type neo4jTarget struct {
	uri, username, password, database string
}

func neo4jFromEnv() (neo4jTarget, error) {
	t := neo4jTarget{os.Getenv("NEO4J_URI"), envOr("NEO4J_USERNAME", "neo4j"), os.Getenv("NEO4J_PASSWORD"), envOr("NEO4J_DATABASE", "neo4j")}
	if t.uri == "" {
		return t, fmt.Errorf("-neo4j needs NEO4J_URI (and NEO4J_PASSWORD): run  eval \"$(scripts/neo4j.sh start)\"  first")
	}
	return t, nil
}

func envOr(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}

// importIntoNeo4j empties the database, then times `kgraph import`'s own
// code (cli.Import, with its progress) importing the dataset file into it
// through the Neo4j store.
func importIntoNeo4j(ctx context.Context, t neo4jTarget, path string, progress io.Writer) (time.Duration, error) {
	driver, err := neo4j.NewDriverWithContext(t.uri, neo4j.BasicAuth(t.username, t.password, ""))
	if err != nil {
		return 0, err
	}
	defer driver.Close(ctx)
	if err := neo4jdb.Empty(ctx, driver, t.database); err != nil {
		return 0, err
	}
	s, err := neo4jstore.Open(ctx, neo4jstore.Config{URI: t.uri, Username: t.username, Password: t.password, Database: t.database})
	if err != nil {
		return 0, err
	}
	defer s.Close()
	started := time.Now()
	// Batches as kgraph import makes them into Neo4j.
	_, err = cli.Import(ctx, s, dataset.File(path), cli.ImportOptions{BatchSize: cli.Neo4jBatchSize}, progress)
	if err != nil {
		return 0, fmt.Errorf("import into Neo4j: %w", err)
	}
	return time.Since(started), nil
}
