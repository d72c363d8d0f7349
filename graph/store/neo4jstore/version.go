package neo4jstore

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// The graph's version is a counter on one (:GraphVersion) node, raised in
// the transaction of every Apply that writes, so that readers on every
// replica see it change exactly when the graph does. Its epoch, drawn when
// the node is created, keeps a wiped and reloaded database from repeating
// an earlier version.
const (
	bumpVersionQuery = `MERGE (v:GraphVersion {id: 'graph'})
ON CREATE SET v.epoch = randomUUID(), v.counter = 0
SET v.counter = v.counter + 1`
	versionQuery = `OPTIONAL MATCH (v:GraphVersion {id: 'graph'})
RETURN coalesce(v.epoch + '-' + toString(v.counter), 'empty') AS version`
)

// Version implements store.Store: one read of one node.
func (s *Store) Version(ctx context.Context) (string, error) {
	return read(ctx, s, func(tx neo4j.ManagedTransaction) (string, error) {
		rec, err := single(ctx, tx, versionQuery, nil)
		if err != nil {
			return "", err
		}
		return value[string](rec, "version")
	})
}

// bumpVersion raises the version within an Apply's write transaction.
func bumpVersion(ctx context.Context, tx neo4j.ManagedTransaction) error {
	return execute(ctx, tx, bumpVersionQuery, nil)
}
