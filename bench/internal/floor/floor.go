// Package floor is the comparison's floor: the least a server can do to
// answer the query mix over kgraph's Neo4j model, one Cypher query per
// operation through the Go driver, answers written as mix's JSON. What a
// GraphQL server adds on top is measured against it.
package floor

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"kgraph/bench/internal/mix"
)

// The Cypher of each operation.
var (
	q1 = `MATCH (e:Entity {id: $id}) RETURN e.id AS id, e.kind AS kind, e.name AS name`
	q2 = `MATCH (:Entity {id: $id})-[r:` + strings.Join(mix.DirectedTypes, "|") + `]->(t:Entity)
RETURN r.id AS id, type(r) AS type, r.start AS start, r.end AS end, t.id AS toId, t.name AS toName`
	q3 = `MATCH (:Entity {id: $id})-[*0..2]-(n:Entity) RETURN DISTINCT n.id AS id`
	q4 = `MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = shortestPath((a)-[*..10]-(b))
RETURN [r IN relationships(p) | r.id] AS ids`
	q5 = `MATCH (e:Entity) WHERE e.name STARTS WITH $prefix RETURN e.id AS id ORDER BY id LIMIT 10`
)

// Handler serves GET /q1?id=, /q2?id=, /q3?id=, /q4?from=&to= and
// /q5?prefix= from the database.
func Handler(driver neo4j.DriverWithContext, database string) http.Handler {
	h := &handler{driver: driver, database: database}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /q1", func(w http.ResponseWriter, r *http.Request) {
		recs, err := h.query(r.Context(), q1, map[string]any{"id": r.URL.Query().Get("id")})
		reply(w, err, func() any {
			if len(recs) == 0 {
				return nil
			}
			return mix.Entity{ID: str(recs[0], "id"), Kind: str(recs[0], "kind"), Name: str(recs[0], "name")}
		})
	})
	mux.HandleFunc("GET /q2", func(w http.ResponseWriter, r *http.Request) {
		recs, err := h.query(r.Context(), q2, map[string]any{"id": r.URL.Query().Get("id")})
		reply(w, err, func() any {
			out := make([]mix.Relation, len(recs))
			for i, rec := range recs {
				out[i] = mix.Relation{ID: str(rec, "id"), Type: str(rec, "type"), Start: optional(rec, "start"), End: optional(rec, "end"),
					ToID: str(rec, "toId"), ToName: str(rec, "toName")}
			}
			return mix.Relations(out)
		})
	})
	mux.HandleFunc("GET /q3", func(w http.ResponseWriter, r *http.Request) {
		recs, err := h.query(r.Context(), q3, map[string]any{"id": r.URL.Query().Get("id")})
		reply(w, err, func() any { return mix.IDs(column(recs, "id")) })
	})
	mux.HandleFunc("GET /q4", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		recs, err := h.query(r.Context(), q4, map[string]any{"from": q.Get("from"), "to": q.Get("to")})
		reply(w, err, func() any {
			if len(recs) == 0 {
				return nil
			}
			ids, _, _ := neo4j.GetRecordValue[[]any](recs[0], "ids")
			out := make([]string, len(ids))
			for i, id := range ids {
				out[i], _ = id.(string)
			}
			return out
		})
	})
	mux.HandleFunc("GET /q5", func(w http.ResponseWriter, r *http.Request) {
		recs, err := h.query(r.Context(), q5, map[string]any{"prefix": r.URL.Query().Get("prefix")})
		reply(w, err, func() any { return mix.IDs(column(recs, "id")) })
	})
	return mux
}

type handler struct {
	driver   neo4j.DriverWithContext
	database string
}

// query runs one read query in one transaction and returns its records.
func (h *handler) query(ctx context.Context, cypher string, params map[string]any) ([]*neo4j.Record, error) {
	res, err := neo4j.ExecuteQuery(ctx, h.driver, cypher, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(h.database), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return nil, err
	}
	return res.Records, nil
}

func reply(w http.ResponseWriter, err error, answer func() any) {
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(answer())
}

func str(rec *neo4j.Record, key string) string {
	s, _, _ := neo4j.GetRecordValue[string](rec, key)
	return s
}

// optional reads a string that may be absent (null).
func optional(rec *neo4j.Record, key string) *string {
	s, isNil, err := neo4j.GetRecordValue[string](rec, key)
	if isNil || err != nil {
		return nil
	}
	return &s
}

func column(recs []*neo4j.Record, key string) []string {
	out := make([]string, len(recs))
	for i, rec := range recs {
		out[i] = str(rec, key)
	}
	return out
}
