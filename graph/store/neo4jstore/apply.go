package neo4jstore

import (
	"context"
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"kgraph/graph/store"
)

// lockQuery takes the write lock on the one ApplyLock node, held until the
// transaction ends: Apply runs one at a time across every process sharing
// the database, and each compares against what the one before committed.
// That is what makes two concurrent Applies of one dataset leave one copy
// and report the second as unchanged.
const lockQuery = "MERGE (l:ApplyLock {id: 'apply'}) SET l.locked = true"

// Apply implements store.Store: what the dataset touches is read, the
// addition checked with store.CheckApply and the elements that changed
// written, all in one write transaction. A dry run does the same in a read
// transaction and writes nothing.
func (s *Store) Apply(ctx context.Context, d *store.Dataset, opts store.ApplyOptions) (*store.ApplyResult, error) {
	if opts.DryRun {
		return read(ctx, s, func(tx neo4j.ManagedTransaction) (*store.ApplyResult, error) {
			_, result, err := prepare(ctx, tx, d)
			return result, err
		})
	}
	if err := s.ensureRelationConstraints(ctx, d.Vocabulary.RelationTypes); err != nil {
		return nil, err
	}
	return write(ctx, s, func(tx neo4j.ManagedTransaction) (*store.ApplyResult, error) {
		if err := execute(ctx, tx, lockQuery, nil); err != nil {
			return nil, err
		}
		w, result, err := prepare(ctx, tx, d)
		if err != nil {
			return nil, err
		}
		if err := bumpVersion(ctx, tx); err != nil {
			return nil, err
		}
		return result, w.write(ctx, tx)
	})
}

// touchedQuery reads what applying a dataset depends on beside the
// vocabulary: the stored sources, entities and relations whose ids the
// dataset gives or refers to. Nothing else of the graph is read, so an
// import in many batches does not read the whole graph for each.
// Relations are found through their types' id indexes (relationsWithIDs).
func touchedQuery(v *store.Vocabulary, relationIDs int) (string, error) {
	relations, err := relationsWithIDs(v, "$relations", relationIDs)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf(`
CALL { MATCH (d:SourceDocument) WHERE d.id IN $sources RETURN collect(properties(d)) AS sources }
CALL { MATCH (n:Entity) WHERE n.id IN $entities RETURN collect(%[2]s) AS entities }
CALL { %[3]s RETURN collect(%[1]s) AS relations }
RETURN sources, entities, relations`, relationMap("r"), entityMap("n"), relations), nil
}

// seekLimit is the most relation ids looked up through the id indexes;
// for more, one scan of every relationship is faster (a relationship index
// seek costs about as much as scanning a few hundred relationships).
const seekLimit = 2000

// relationsWithIDs returns a subquery that gives, as r, the relationships
// whose ids are among the n ids of the list parameter param: a UNION of
// one index lookup per relation type of v, since an index on relationships
// covers one type, or for more than seekLimit ids one scan. Without ids or
// types it gives no row.
func relationsWithIDs(v *store.Vocabulary, param string, n int) (string, error) {
	if n == 0 || len(v.RelationTypes) == 0 {
		return "CALL { RETURN null AS r } WITH r WHERE r IS NOT NULL", nil
	}
	if n > seekLimit {
		return fmt.Sprintf("MATCH ()-[r]->() WHERE r.id IN %s", param), nil
	}
	var branches []string
	for _, t := range v.RelationTypes {
		q, err := quoteType(t.ID)
		if err != nil {
			return "", err
		}
		branches = append(branches, fmt.Sprintf("MATCH ()-[r:%s]->() WHERE r.id IN %s RETURN r", q, param))
	}
	return "CALL { " + strings.Join(branches, " UNION ALL ") + " }", nil
}

// prepare reads what d touches, checks that applying d is valid and
// returns the writes that would apply it, with the counts Apply reports.
func prepare(ctx context.Context, tx neo4j.ManagedTransaction, d *store.Dataset) (*writes, *store.ApplyResult, error) {
	touched, err := readTouched(ctx, tx, d)
	if err != nil {
		return nil, nil, err
	}
	entities := idSet(touched.Entities, func(e store.Entity) string { return e.ID })
	sources := idSet(touched.Sources, func(s store.SourceDocument) string { return s.ID })
	holder, err := nodeHolders(ctx, tx, d, &touched.Vocabulary)
	if err != nil {
		return nil, nil, err
	}
	known := store.Known{
		Vocabulary: touched.Vocabulary,
		Entity:     func(id string) bool { return entities[id] },
		Source:     func(id string) bool { return sources[id] },
		Holder:     holder,
	}
	if err := store.CheckApply(d, known); err != nil {
		return nil, nil, err
	}
	changed, result := store.Diff(touched, d)
	w, err := plan(touched, changed)
	if err != nil {
		return nil, nil, err
	}
	return w, result, nil
}

// readTouched runs touchedQuery for d.
func readTouched(ctx context.Context, tx neo4j.ManagedTransaction, d *store.Dataset) (*store.Dataset, error) {
	var sourceIDs, entityIDs, relationIDs []string
	cites := func(cs []store.Citation) {
		for _, c := range cs {
			sourceIDs = append(sourceIDs, c.Source)
		}
	}
	for _, src := range d.Sources {
		sourceIDs = append(sourceIDs, src.ID)
	}
	for _, e := range d.Entities {
		entityIDs = append(entityIDs, e.ID)
		cites(e.Sources)
	}
	for _, r := range d.Relations {
		relationIDs = append(relationIDs, r.ID)
		entityIDs = append(entityIDs, r.FromID, r.ToID)
		cites(r.Sources)
	}
	v, err := vocabulary(ctx, tx)
	if err != nil {
		return nil, err
	}
	cypher, err := touchedQuery(v, len(relationIDs))
	if err != nil {
		return nil, err
	}
	rec, err := single(ctx, tx, cypher, map[string]any{
		"sources": sourceIDs, "entities": entityIDs, "relations": relationIDs,
	})
	if err != nil {
		return nil, err
	}
	touched := &store.Dataset{Vocabulary: *v}
	return touched, decodeElements(rec, touched)
}

func idSet[T any](xs []T, id func(T) string) map[string]bool {
	out := make(map[string]bool, len(xs))
	for _, x := range xs {
		out[id(x)] = true
	}
	return out
}
