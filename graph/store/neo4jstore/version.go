package neo4jstore

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// The graph's version is a counter on one (:GraphVersion) node, raised in
// the transaction of every write that changes the graph (recordChange), so
// that readers on every replica see it change exactly when the graph does.
// Its epoch, drawn when the node is created, keeps a wiped and reloaded
// database from repeating an earlier version. The same node keeps seq, the
// last change's seq; counter is kept apart from it because a database
// written before the change log has counted writes that seq did not.
const (
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
