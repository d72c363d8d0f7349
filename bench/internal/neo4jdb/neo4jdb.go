// Package neo4jdb holds what the benchmark commands do to a Neo4j
// database outside kgraph's own store.
package neo4jdb

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Empty deletes every node of the database, in transactions of a bounded
// size so that a large graph does not need one huge transaction: first the
// change log's nodes a few at a time (an import's change holds the images
// of thousands of elements), then the relationships, then the other nodes.
func Empty(ctx context.Context, driver neo4j.DriverWithContext, db string) error {
	session := driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: db})
	defer session.Close(ctx)
	for _, cypher := range []string{
		"MATCH (c:Change) CALL (c) { DETACH DELETE c } IN TRANSACTIONS OF 10 ROWS",
		"MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS",
		"MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS",
	} {
		res, err := session.Run(ctx, cypher, nil)
		if err != nil {
			return fmt.Errorf("empty Neo4j: %w", err)
		}
		if _, err := res.Consume(ctx); err != nil {
			return fmt.Errorf("empty Neo4j: %w", err)
		}
	}
	return nil
}
