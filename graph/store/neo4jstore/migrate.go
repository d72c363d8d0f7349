package neo4jstore

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// modelVersion is the version of the graph model (model.go) this code
// writes. Version 1 kept each element whole as JSON in a json property;
// version 2 is the native model. The version a database holds is recorded
// on its one GraphModel node once the database is migrated.
const modelVersion = 2

// migrateBatch is how many elements one migration transaction converts.
const migrateBatch = 1000

// migrate runs while the schema is set up (ensureSchema), before any
// other query of the process; it uses transact, which does not wait for
// the schema. It brings a database written in the JSON model to the native one,
// once: each element that still has a json property is decoded and written
// again as its native properties (SET replaces them all, json included), a
// batch per transaction, until none is left. It can be cut short and run
// again, and by several replicas at once: each batch writes what the JSON
// says, whoever writes it.
func (s *Store) migrate(ctx context.Context) error {
	version, err := transact(ctx, s, neo4j.AccessModeRead, func(tx neo4j.ManagedTransaction) (int64, error) {
		rec, err := single(ctx, tx, "OPTIONAL MATCH (m:GraphModel {id: 'kgraph'}) RETURN coalesce(m.version, 1) AS version", nil)
		if err != nil {
			return 0, err
		}
		return value[int64](rec, "version")
	})
	if err != nil || version >= modelVersion {
		return err
	}
	steps := []struct{ find, write string }{
		{"MATCH (n:EntityKind) WHERE n.json IS NOT NULL", "MATCH (n:EntityKind {id: row.id}) SET n = row.props"},
		{"MATCH (n:RelationType) WHERE n.json IS NOT NULL", "MATCH (n:RelationType {id: row.id}) SET n = row.props"},
		{"MATCH (n:SourceDocument) WHERE n.json IS NOT NULL", "MATCH (n:SourceDocument {id: row.id}) SET n = row.props"},
		{"MATCH (n:Entity) WHERE n.json IS NOT NULL", "MATCH (n:Entity {id: row.id}) SET n = row.props"},
	}
	convert := []func(string) (props, error){
		convertJSON(kindProps), convertJSON(typeProps), convertJSON(sourceProps), convertJSON(entityProps),
	}
	for i, step := range steps {
		find := step.find + " RETURN n.id AS id, n.json AS json LIMIT $batch"
		if err := s.migrateAll(ctx, find, "UNWIND $rows AS row "+step.write, convert[i]); err != nil {
			return err
		}
	}
	// A relationship is found again by its element id, which needs no
	// index and stays the same within the transaction.
	err = s.migrateAll(ctx,
		"MATCH ()-[r]->() WHERE r.json IS NOT NULL RETURN elementId(r) AS id, r.json AS json LIMIT $batch",
		"UNWIND $rows AS row MATCH ()-[r]->() WHERE elementId(r) = row.id SET r = row.props",
		convertJSON(relationProps))
	if err != nil {
		return err
	}
	_, err = transact(ctx, s, neo4j.AccessModeWrite, func(tx neo4j.ManagedTransaction) (struct{}, error) {
		return struct{}{}, execute(ctx, tx, "MERGE (m:GraphModel {id: 'kgraph'}) SET m.version = $version",
			map[string]any{"version": modelVersion})
	})
	return err
}

// migrateAll converts, a batch per write transaction, what find returns
// (rows of id and json) until it returns nothing.
func (s *Store) migrateAll(ctx context.Context, find, write string, convert func(string) (props, error)) error {
	for {
		n, err := transact(ctx, s, neo4j.AccessModeWrite, func(tx neo4j.ManagedTransaction) (int, error) {
			recs, err := collect(ctx, tx, find, map[string]any{"batch": migrateBatch})
			if err != nil {
				return 0, err
			}
			rows := make([]map[string]any, len(recs))
			for i, rec := range recs {
				id, err := value[string](rec, "id")
				if err != nil {
					return 0, err
				}
				doc, err := value[string](rec, "json")
				if err != nil {
					return 0, err
				}
				p, err := convert(doc)
				if err != nil {
					return 0, fmt.Errorf("migrate %s: %w", id, err)
				}
				rows[i] = map[string]any{"id": id, "props": map[string]any(p)}
			}
			if len(rows) == 0 {
				return 0, nil
			}
			return len(rows), execute(ctx, tx, write, map[string]any{"rows": rows})
		})
		if err != nil || n == 0 {
			return err
		}
	}
}

// convertJSON returns a function that decodes an element's JSON and gives
// its native properties.
func convertJSON[T any](toProps func(T) props) func(string) (props, error) {
	return func(doc string) (props, error) {
		var x T
		if err := json.Unmarshal([]byte(doc), &x); err != nil {
			return nil, err
		}
		return toProps(x), nil
	}
}
