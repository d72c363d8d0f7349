package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"kgraph/graph/store"
)

// The indexes that are not the index of a constraint.
const (
	// searchIndex is the full-text index over Entity.searchText.
	searchIndex = "entity_search"
	// kindIndex indexes Entity.kind, for lists of one kind.
	kindIndex = "entity_kind"
	// nameIndex indexes Entity.name, the English label, for Cypher users
	// who look an entity up by name.
	nameIndex = "entity_name"
)

// schema is created idempotently before the store's first query. Every
// element is found by id, so each id is unique (which also indexes it);
// relation ids are constrained per type as types are applied (see
// relationConstraint), because a relationship constraint names its type.
//
// searchText holds store.SearchText, already normalized, one word per
// whitespace-separated token: the whitespace analyzer indexes it as it is,
// so that index terms are exactly the words store.MatchScore compares.
var schema = []string{
	"CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT entity_kind_id IF NOT EXISTS FOR (n:EntityKind) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT relation_type_id IF NOT EXISTS FOR (n:RelationType) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT source_document_id IF NOT EXISTS FOR (n:SourceDocument) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT apply_lock_id IF NOT EXISTS FOR (n:ApplyLock) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT graph_model_id IF NOT EXISTS FOR (n:GraphModel) REQUIRE n.id IS UNIQUE",
	"CREATE INDEX " + kindIndex + " IF NOT EXISTS FOR (n:Entity) ON (n.kind)",
	"CREATE INDEX " + nameIndex + " IF NOT EXISTS FOR (n:Entity) ON (n.name)",
	"CREATE FULLTEXT INDEX " + searchIndex + " IF NOT EXISTS FOR (n:Entity) ON EACH [n.searchText] " +
		"OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}}",
}

// ensureSchema creates the schema once per process, the first time Neo4j
// can be reached, and migrates a database of an older model (migrate);
// until that succeeds every call tries again.
func (s *Store) ensureSchema(ctx context.Context) error {
	if s.schemaReady.Load() {
		return nil
	}
	// The schema is the process's, not the request's: its sessions chain
	// only the store's own bookmarks, so that a request's bad bookmark
	// fails that request alone.
	ctx, _ = store.WithBookmarks(ctx, nil)
	s.schemaMu.Lock()
	defer s.schemaMu.Unlock()
	if s.schemaReady.Load() {
		return nil
	}
	for _, stmt := range append(slices.Clone(schema), changeLogSchema...) {
		if err := s.schemaStatement(ctx, stmt); err != nil {
			return err
		}
	}
	// A new index is populated in the background, and a full-text query
	// fails until it is online. A constraint's index is online once the
	// constraint exists; waiting for those too (db.awaitIndexes) can
	// deadlock with another process creating a constraint.
	for _, index := range []string{searchIndex, kindIndex, nameIndex} {
		if err := s.schemaStatement(ctx, fmt.Sprintf("CALL db.awaitIndex('%s', 300)", index)); err != nil {
			return err
		}
	}
	if err := s.migrate(ctx); err != nil {
		return err
	}
	s.schemaReady.Store(true)
	return nil
}

// schemaStatement runs one schema command in its own transaction: Neo4j
// does not mix schema and data changes in one.
func (s *Store) schemaStatement(ctx context.Context, stmt string) error {
	sess := s.session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(ctx)
	_, err := sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		res, err := tx.Run(ctx, stmt, nil)
		if err != nil {
			return nil, err
		}
		return res.Consume(ctx)
	})
	if err != nil && !alreadyExists(err) {
		return mapError(err)
	}
	return nil
}

// alreadyExists reports whether err says that another process (a replica
// starting at the same time) created the same index or constraint first,
// which IF NOT EXISTS does not cover when both run at once.
func alreadyExists(err error) bool {
	var db *neo4j.Neo4jError
	if !errors.As(err, &db) {
		return false
	}
	switch db.Code {
	case "Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists",
		"Neo.ClientError.Schema.IndexAlreadyExists",
		"Neo.ClientError.Schema.ConstraintAlreadyExists":
		return true
	}
	return false
}

// relationConstraint names the constraint that makes relation ids unique
// within the relationship type t.
func relationConstraint(t string) string { return "relation_id_" + t }

// relationConstraintStatement creates the relation id constraint of type t.
func relationConstraintStatement(t string) (string, error) {
	quoted, err := quoteType(t)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("CREATE CONSTRAINT `%s` IF NOT EXISTS FOR ()-[r:%s]-() REQUIRE r.id IS UNIQUE", relationConstraint(t), quoted), nil
}

// ensureRelationConstraints creates the relation id constraint of each
// type of types that lacks one, as far as the process knows (a constraint
// is never dropped while the store runs, so a type seen once is skipped
// after): one query to list those that exist, then
// one per missing type, before the Apply that brings the type (schema and
// data changes take separate transactions). Malformed types are left to
// store.CheckApply to reject. The constraint is Community Edition's
// relationship property uniqueness, which also indexes the id.
func (s *Store) ensureRelationConstraints(ctx context.Context, types []store.RelationType) error {
	missing := map[string]string{} // constraint name -> statement
	for _, t := range types {
		if _, known := s.constrained.Load(t.ID); known {
			continue
		}
		if stmt, err := relationConstraintStatement(t.ID); err == nil {
			missing[relationConstraint(t.ID)] = stmt
		}
	}
	if len(missing) == 0 {
		return nil
	}
	existing, err := read(ctx, s, func(tx neo4j.ManagedTransaction) ([]any, error) {
		rec, err := single(ctx, tx, "SHOW CONSTRAINTS YIELD name WHERE name IN $names RETURN collect(name) AS names",
			map[string]any{"names": slices.Sorted(maps.Keys(missing))})
		if err != nil {
			return nil, err
		}
		return value[[]any](rec, "names")
	})
	if err != nil {
		return err
	}
	for _, name := range existing {
		delete(missing, fmt.Sprint(name))
	}
	for _, name := range slices.Sorted(maps.Keys(missing)) {
		if err := s.schemaStatement(ctx, missing[name]); err != nil {
			return err
		}
	}
	for _, t := range types {
		s.constrained.Store(t.ID, true)
	}
	return nil
}
