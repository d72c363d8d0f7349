package neo4jstore

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"kgraph/graph/store"
)

// exportQuery reads the whole graph in one query. Every relationship in the
// database is a relation: the store is the database's only writer.
var exportQuery = fmt.Sprintf(`
CALL { MATCH (k:EntityKind) WITH k ORDER BY k.id RETURN collect(properties(k)) AS kinds }
CALL { MATCH (t:RelationType) WITH t ORDER BY t.id RETURN collect(properties(t)) AS types }
CALL { MATCH (d:SourceDocument) WITH d ORDER BY d.id RETURN collect(properties(d)) AS sources }
CALL { MATCH (n:Entity) WITH n ORDER BY n.id RETURN collect(%[2]s) AS entities }
CALL { MATCH ()-[r]->() WITH r ORDER BY r.id RETURN collect(%[1]s) AS relations }
RETURN kinds, types, sources, entities, relations`, relationMap("r"), entityMap("n"))

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

// decodeDataset reads a record of property map lists named kinds, types,
// sources, entities and relations.
func decodeDataset(rec *neo4j.Record) (*store.Dataset, error) {
	v, err := decodeVocabulary(rec)
	if err != nil {
		return nil, err
	}
	d := &store.Dataset{Vocabulary: *v}
	return d, decodeElements(rec, d)
}

// decodeVocabulary reads the lists kinds and types of a record.
func decodeVocabulary(rec *neo4j.Record) (*store.Vocabulary, error) {
	var err error
	v := &store.Vocabulary{}
	if v.EntityKinds, err = decodeList(rec, "kinds", decodeKind); err != nil {
		return nil, err
	}
	if v.RelationTypes, err = decodeList(rec, "types", decodeType); err != nil {
		return nil, err
	}
	return v, nil
}

// decodeElements reads the lists sources, entities and relations of a
// record into d.
func decodeElements(rec *neo4j.Record, d *store.Dataset) error {
	var err error
	if d.Sources, err = decodeList(rec, "sources", decodeSource); err != nil {
		return err
	}
	if d.Entities, err = decodeList(rec, "entities", decodeEntity); err != nil {
		return err
	}
	d.Relations, err = decodeList(rec, "relations", decodeRelation)
	return err
}
