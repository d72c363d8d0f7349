package neo4jstore

import (
	"fmt"
	"strings"

	"kgraph/graph/store"
)

// quoteType returns the relationship type t quoted for Cypher.
// Relationship types cannot be query parameters, so they are written into
// Cypher: only ids of store.TypeIDForm, which the dataset validation
// enforces, ever are. The caller
// takes t from a checked vocabulary; a type of any other form is a bug,
// reported as such rather than written into a query.
func quoteType(t string) (string, error) {
	if !store.TypeIDForm.Match(t) {
		return "", fmt.Errorf("relation type %q is not of the form %s", t, store.TypeIDForm.Pattern)
	}
	return "`" + t + "`", nil
}

// typeFilter returns the type part of a relationship pattern, such as
// ":`SIGNED`|`RECOGNIZED`", which lets Neo4j follow only relationships of
// those types; "" (any type) when types is empty.
func typeFilter(types []string) (string, error) {
	if len(types) == 0 {
		return "", nil
	}
	quoted := make([]string, len(types))
	for i, t := range types {
		q, err := quoteType(t)
		if err != nil {
			return "", err
		}
		quoted[i] = q
	}
	return ":" + strings.Join(quoted, "|"), nil
}

// where joins conditions into a WHERE clause, or "" when there are none.
func where(conds []string) string {
	if len(conds) == 0 {
		return ""
	}
	return "WHERE " + strings.Join(conds, " AND ")
}
