package neo4jstore

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"kgraph/graph/store"
)

// exportQuery reads the whole graph in one query. Every relationship in the
// database is a relation: the store is the database's only writer.
const exportQuery = `
CALL { MATCH (k:EntityKind) WITH k ORDER BY k.id RETURN collect(k.json) AS kinds }
CALL { MATCH (t:RelationType) WITH t ORDER BY t.id RETURN collect(t.json) AS types }
CALL { MATCH (d:SourceDocument) WITH d ORDER BY d.id RETURN collect(d.json) AS sources }
CALL { MATCH (n:Entity) WITH n ORDER BY n.id RETURN collect(n.json) AS entities }
CALL { MATCH ()-[r]->() WITH r ORDER BY r.id RETURN collect(r.json) AS relations }
RETURN kinds, types, sources, entities, relations`

// Export implements store.Store in one query.
func (s *Store) Export(ctx context.Context) (*store.Dataset, error) {
	return read(ctx, s, func(tx neo4j.ManagedTransaction) (*store.Dataset, error) {
		return export(ctx, tx)
	})
}

func export(ctx context.Context, tx neo4j.ManagedTransaction) (*store.Dataset, error) {
	rec, err := single(ctx, tx, exportQuery, nil)
	if err != nil {
		return nil, err
	}
	return decodeDataset(rec)
}

// decodeDataset reads a record of JSON lists named kinds, types, sources,
// entities and relations.
func decodeDataset(rec *neo4j.Record) (*store.Dataset, error) {
	var err error
	d := &store.Dataset{}
	if d.Vocabulary.EntityKinds, err = decodeJSONList[store.EntityKind](rec, "kinds"); err != nil {
		return nil, err
	}
	if d.Vocabulary.RelationTypes, err = decodeJSONList[store.RelationType](rec, "types"); err != nil {
		return nil, err
	}
	if d.Sources, err = decodeJSONList[store.SourceDocument](rec, "sources"); err != nil {
		return nil, err
	}
	if d.Entities, err = decodeJSONList[store.Entity](rec, "entities"); err != nil {
		return nil, err
	}
	if d.Relations, err = decodeJSONList[store.Relation](rec, "relations"); err != nil {
		return nil, err
	}
	return d, nil
}
