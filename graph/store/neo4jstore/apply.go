package neo4jstore

import (
	"context"
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"kgraph/graph/store"
)

// Apply implements store.Store as a Write of the dataset (Action
// "import", without version checks), so that an import is checked,
// versioned and recorded in the change log like any other edit: one
// transaction, one change. An import in batches (the import command) is
// one Apply, and so one change, per batch.
func (s *Store) Apply(ctx context.Context, d *store.Dataset, opts store.ApplyOptions) (*store.ApplyResult, error) {
	actor := opts.Actor
	if actor == "" {
		actor = "import"
	}
	p, err := s.commit(ctx, &store.Edit{Actor: actor, Action: "import", Put: *d, DryRun: opts.DryRun})
	if err != nil {
		return nil, err
	}
	return p.Result, nil
}

// storedRelationsWithIDs is relationsWithIDs over the vocabulary stored
// now, read in tx.
func storedRelationsWithIDs(ctx context.Context, tx neo4j.ManagedTransaction, param string, n int) (string, error) {
	v, err := vocabulary(ctx, tx)
	if err != nil {
		return "", err
	}
	return relationsWithIDs(v, param, n)
}

// relationsWithIDs returns a subquery that gives, as r, the relationships
// whose ids are among the n ids of the list parameter param: a UNION of
// one index lookup per relation type of v, since an index on relationships
// covers one type. It seeks whatever the number of ids, never scans, so
// that a batch of a bulk import (or of its check) costs the same in a
// graph of a million relationships as in an empty one. Without ids or
// types it gives no row.
func relationsWithIDs(v *store.Vocabulary, param string, n int) (string, error) {
	if n == 0 || len(v.RelationTypes) == 0 {
		return "CALL { RETURN null AS r } WITH r WHERE r IS NOT NULL", nil
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
