// Package neo4jdb holds what the benchmark commands do to a Neo4j
// database outside kgraph's own store.
package neo4jdb

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Empty deletes every node of the database, in transactions of a bounded
// size so that a large graph does not need one huge transaction.
func Empty(ctx context.Context, driver neo4j.DriverWithContext, db string) error {
	session := driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: db})
	defer session.Close(ctx)
	res, err := session.Run(ctx, "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS", nil)
	if err != nil {
		return fmt.Errorf("empty Neo4j: %w", err)
	}
	_, err = res.Consume(ctx)
	return err
}
