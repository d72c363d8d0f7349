package neo4jstore

import (
	"kgraph/graph/store"
)

// Script is the Cypher that gives an empty database a dataset exactly as
// the store writes it: the same schema, nodes, relationships and
// properties, from the same write plan as Apply. The Cypher export
// (package export) renders it as a file.
type Script struct {
	// Schema are the constraints and indexes, each a command of its own.
	Schema []string
	// Writes are the data statements in the order they must run. Each
	// reads its rows as row, bound by RowsClause at the start of its Cypher.
	Writes []Statement
}

// RowsClause begins every Statement.Cypher: it binds each of the
// statement's rows, passed as $rows, to row.
const RowsClause = rowsClause

// ScriptFor returns the Script that writes d into an empty database.
// EINVALID when a relation type of d cannot be a relationship type.
func ScriptFor(d *store.Dataset) (*Script, error) {
	sc := &Script{Schema: append([]string(nil), schema...)}
	for _, t := range d.Vocabulary.RelationTypes {
		stmt, err := relationConstraintStatement(t.ID)
		if err != nil {
			return nil, store.Errorf(store.EINVALID, "%v", err)
		}
		sc.Schema = append(sc.Schema, stmt)
	}
	w, err := plan(&store.Dataset{}, d, nil, false)
	if err != nil {
		return nil, store.Errorf(store.EINVALID, "%v", err)
	}
	sc.Writes = w.statements
	return sc, nil
}
